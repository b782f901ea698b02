"""The one mapping from typed models to RDF: an :class:`Extraction` becomes the triples
of its article's named graph.

Direct edges are written only for facts the article states or reports (modality
``Asserted`` or ``Reported``); planned and negated facts exist only as claims.
``ckg:conditionallyApproves`` edges are also written as ``ckg:approves`` (its
super-property), so a user who asks for approvals finds them without inference.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from chipkg.graph.store import Triple
from chipkg.ontology.models import (
    Approval,
    Article,
    Claim,
    Entity,
    Evidence,
    Extraction,
    Modality,
    Relation,
)
from chipkg.ontology.vocabulary import CKG, ENT, WD, ckg

#: Modalities whose facts become direct edges.
EDGE_MODALITIES = frozenset({Modality.Asserted, Modality.Reported})


def extraction_triples(extraction: Extraction) -> list[Triple]:
    """Return the triples of the article graph for one extraction.

    Examples
    --------
    >>> from chipkg.ontology.models import Article
    >>> art = Article(id="0" * 16, source="a.txt", text="Hi.", sha256="0" * 64, format="txt")
    >>> len(extraction_triples(Extraction(article=art))) > 0
    True
    """
    return list(_triples(extraction))


def _triples(extraction: Extraction) -> Iterator[Triple]:
    article = extraction.article
    yield from article_triples(article)
    art = article.iri
    for entity in extraction.entities:
        yield from entity_triples(entity, art)
    claim_no = 0
    for claim in extraction.claims:
        claim_no += 1
        yield from claim_triples(claim, URIRef(f"{art}#claim-{claim_no}"), art)
    for n, approval in enumerate(extraction.approvals, start=1):
        node = URIRef(f"{art}#approval-{n}")
        yield from approval_triples(approval, node, art)
        for evidence in approval.evidence:
            claim_no += 1
            claim_node = URIRef(f"{art}#claim-{claim_no}")
            yield (claim_node, RDF.subject, node)
            yield (claim_node, RDF.predicate, CKG.status)
            yield (claim_node, RDF.object, ckg(approval.status.value))
            yield from evidence_triples(evidence, claim_node, art)


def article_triples(article: Article) -> Iterator[Triple]:
    """Return the triples describing an article."""
    art = article.iri
    yield (art, RDF.type, CKG.Article)
    yield (art, DCTERMS.source, Literal(article.source))
    yield (art, CKG.sha256, Literal(article.sha256))
    yield (art, CKG.charCount, Literal(len(article.text)))
    if article.title:
        yield (art, DCTERMS.title, Literal(article.title))
    if article.issued:
        yield (art, DCTERMS.issued, Literal(article.issued.isoformat(), datatype=XSD.date))
    if article.url:
        yield (art, RDFS.seeAlso, URIRef(article.url))


def entity_triples(entity: Entity, art: URIRef) -> Iterator[Triple]:
    """Return the triples describing an entity as one article names it."""
    node = entity.iri
    yield (node, RDF.type, ckg(entity.type.value))
    yield (node, RDFS.label, Literal(entity.label))
    for alias in entity.aliases:
        if alias != entity.label:
            yield (node, SKOS.altLabel, Literal(alias))
    if entity.wikidata:
        yield (node, OWL.sameAs, WD[entity.wikidata])
    yield (node, CKG.mentionedIn, art)


def claim_triples(claim: Claim, node: URIRef, art: URIRef) -> Iterator[Triple]:
    """Return the claim node's triples and, for stated facts, the direct edge."""
    subject, obj = ENT[claim.subject], ENT[claim.object]
    predicate = ckg(claim.predicate.value)
    if claim.predicate is Relation.mentionedIn:
        obj = art
    elif claim.modality in EDGE_MODALITIES:
        yield (subject, predicate, obj)
        if claim.predicate is Relation.conditionallyApproves:
            yield (subject, CKG.approves, obj)
    yield (node, RDF.subject, subject)
    yield (node, RDF.predicate, predicate)
    yield (node, RDF.object, obj)
    if claim.factor is not None:
        yield (node, CKG.factor, Literal(Decimal(str(claim.factor)), datatype=XSD.decimal))
    if claim.quantity is not None:
        yield (node, CKG.quantity, Literal(claim.quantity, datatype=XSD.integer))
    yield from evidence_triples(claim, node, art)


def evidence_triples(evidence: Evidence, node: URIRef, art: URIRef) -> Iterator[Triple]:
    """Return the evidence fields of a claim node."""
    yield (node, RDF.type, CKG.Claim)
    yield (node, PROV.wasDerivedFrom, art)
    yield (node, CKG.sentence, Literal(evidence.sentence))
    yield (node, CKG.charStart, Literal(evidence.char_start, datatype=XSD.integer))
    yield (node, CKG.charEnd, Literal(evidence.char_end, datatype=XSD.integer))
    confidence = Decimal(str(round(evidence.confidence, 3)))
    yield (node, CKG.confidence, Literal(confidence, datatype=XSD.decimal))
    yield (node, CKG.modality, ckg(evidence.modality.value))
    yield (node, CKG.extractedBy, Literal(evidence.extracted_by))
    if evidence.attributed_to:
        yield (node, CKG.attributedTo, ENT[evidence.attributed_to])
    if evidence.event_date:
        yield (node, CKG.eventDate, Literal(evidence.event_date.isoformat(), datatype=XSD.date))
    if evidence.date_precision:
        yield (node, CKG.datePrecision, ckg(evidence.date_precision.value))
    if evidence.date_text:
        yield (node, CKG.dateText, Literal(evidence.date_text))


def approval_triples(approval: Approval, node: URIRef, art: URIRef) -> Iterator[Triple]:
    """Return the triples of one n-ary approval."""
    yield (node, RDF.type, CKG.Approval)
    yield (node, PROV.wasDerivedFrom, art)
    yield (node, CKG.approver, ENT[approval.approver])
    for grantee in approval.grantees:
        yield (node, CKG.grantee, ENT[grantee])
    yield (node, CKG.chip, ENT[approval.chip])
    yield (node, CKG.status, ckg(approval.status.value))
    if approval.quantity is not None:
        yield (node, CKG.quantity, Literal(approval.quantity, datatype=XSD.integer))
    for m, condition in enumerate(approval.conditions, start=1):
        cond = URIRef(f"{node}-condition-{m}")
        yield (node, CKG.hasCondition, cond)
        yield (cond, RDF.type, CKG.Condition)
        yield (cond, RDFS.label, Literal(condition.label))
