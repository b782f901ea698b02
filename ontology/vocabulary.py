"""The chipkg vocabulary as closed rdflib namespaces.

``CKG`` holds every term of ``shared/docs/core-vocabulary.md`` plus chipkg's own
extensions (marked *extension*). An unknown term raises at once
(``CKG.Aproval`` is an ``AttributeError``), and a test checks this class against
``chipkg.ttl`` in both directions.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

CKG_IRI = "https://w3id.org/chipkg/ontology#"
ENT_IRI = "https://w3id.org/chipkg/id/"
ART_IRI = "https://w3id.org/chipkg/article/"
WD_IRI = "http://www.wikidata.org/entity/"

ENT = Namespace(ENT_IRI)
ART = Namespace(ART_IRI)
WD = Namespace(WD_IRI)

#: Named graph that holds the ontology itself inside a store.
ONTOLOGY_GRAPH = URIRef("https://w3id.org/chipkg/ontology")


class CKG(DefinedNamespace):
    """chipkg ontology terms (``ckg:``)."""

    _fail = True
    _NS = Namespace(CKG_IRI)

    # Classes
    Entity: URIRef  # anything an article names
    Organization: URIRef  # a body of people
    Regulator: URIRef  # a government or one of its agencies
    Company: URIRef  # a firm
    NewsOutlet: URIRef  # a publisher or agency an article cites
    Person: URIRef  # a human being
    Place: URIRef  # a geographic place
    Country: URIRef  # a sovereign state as a place
    City: URIRef  # a city
    Chip: URIRef  # an AI chip, chip family or product line
    Article: URIRef  # one loaded document
    Approval: URIRef  # n-ary fact: a regulator lets grantees buy, import or sell a chip
    Condition: URIRef  # one condition attached to an approval
    Claim: URIRef  # the evidence for one extracted fact
    ApprovalStatus: URIRef  # extension: class of the status values
    Modality: URIRef  # extension: class of the modality values
    DatePrecision: URIRef  # extension: class of the date-precision values

    # Relations between entities
    approves: URIRef  # Regulator -> Organization
    conditionallyApproves: URIRef  # sub-property of approves
    restricts: URIRef  # Regulator -> Chip
    outperforms: URIRef  # Chip -> Chip
    rivals: URIRef  # Company or Chip -> Chip
    makes: URIRef  # Company -> Chip
    seeksToBuy: URIRef  # Organization -> Chip
    leads: URIRef  # Person -> Organization
    basedIn: URIRef  # Organization -> Country
    visited: URIRef  # Person -> Place
    mentionedIn: URIRef  # Entity -> Article

    # Approvals
    approver: URIRef
    grantee: URIRef
    chip: URIRef
    status: URIRef
    quantity: URIRef
    hasCondition: URIRef

    # Status values
    Granted: URIRef
    Conditional: URIRef
    UnderReview: URIRef
    Denied: URIRef

    # Claims
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    modality: URIRef
    attributedTo: URIRef
    factor: URIRef

    # Modality values
    Asserted: URIRef
    Reported: URIRef
    Planned: URIRef
    Negated: URIRef

    # Articles
    sha256: URIRef

    # Extensions
    extractedBy: URIRef  # extension: the rule or pattern that produced a claim
    eventDate: URIRef  # extension: when the claimed event happened (xsd:date)
    datePrecision: URIRef  # extension: precision of eventDate (Day, Month, Year)
    dateText: URIRef  # extension: the words that gave the event date
    Day: URIRef  # extension: date precision value
    Month: URIRef  # extension: date precision value
    Year: URIRef  # extension: date precision value
    publisher: URIRef  # extension: the outlet that published an article
    charCount: URIRef  # extension: length of an article's cleaned text
    text: URIRef  # extension: an article's cleaned text, which claims' offsets index
    sourceSha256: URIRef  # extension: digest of an article's text as read, before cleaning
    partOf: URIRef  # extension: Organization -> Organization, a ministry's government
    approvedFor: URIRef  # extension: Organization -> Chip, an approval grants it (derived)
    underReviewFor: URIRef  # extension: Organization -> Chip, an approval is under review
    deniedFor: URIRef  # extension: Organization -> Chip, an approval is denied (derived)


#: Prefixes every chipkg query may use without declaring them.
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "ckg": CKG_IRI,
    "ent": ENT_IRI,
    "art": ART_IRI,
    "wd": WD_IRI,
}


def ckg(local_name: str) -> URIRef:
    """Return the ``ckg:`` IRI for a local name, refusing names the ontology lacks.

    >>> ckg("Conditional")
    rdflib.term.URIRef('https://w3id.org/chipkg/ontology#Conditional')
    """
    return CKG[local_name]  # type: ignore[no-any-return,type-arg,name-defined]
