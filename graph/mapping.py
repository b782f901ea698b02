"""The one mapping from typed models to RDF: an :class:`Extraction` becomes the triples
of its article's named graph.

Direct edges are written only for facts the article states or reports (modality
``Asserted`` or ``Reported``); planned and negated facts exist only as claims.
``ckg:conditionallyApproves`` edges are also written as ``ckg:approves`` (its
super-property), so a user who asks for approvals finds them without inference.

The mapping is written once, against a small term factory (:class:`Terms`), and
renders either rdflib terms (:func:`extraction_triples`) or N-Triples text
(:func:`extraction_ntriples`). The oxigraph store bulk-loads the text as it is,
and ingest workers hand it to the single writer for the price of copying a
string; both renderings hold the same triples (``tests/graph/test_mapping.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache, lru_cache
from typing import Generic, TypeVar

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from chipkg.graph.store import Triple
from chipkg.ontology.identifiers import slug
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
from chipkg.ontology.vocabulary import ART_IRI, ENT_IRI, WD_IRI, ckg

#: Modalities whose facts become direct edges.
EDGE_MODALITIES = frozenset({Modality.Asserted, Modality.Reported})

T = TypeVar("T")

# IRIs as plain strings: a look-up on rdflib's closed namespace costs about a microsecond.
_TYPE, _SUBJECT = str(RDF.type), str(RDF.subject)
_PREDICATE, _OBJECT = str(RDF.predicate), str(RDF.object)
_LABEL, _SEE_ALSO = str(RDFS.label), str(RDFS.seeAlso)
_ALT_LABEL, _SAME_AS = str(SKOS.altLabel), str(OWL.sameAs)
_SOURCE, _TITLE, _ISSUED = str(DCTERMS.source), str(DCTERMS.title), str(DCTERMS.issued)
_DERIVED = str(PROV.wasDerivedFrom)


@cache
def _ckg(name: str) -> str:
    """Return the ``ckg:`` IRI of a local name (checked once against the ontology)."""
    return str(ckg(name))


class Terms(Generic[T]):
    """Makes the RDF terms the mapping writes; one subclass per rendering."""

    def iri(self, value: str) -> T:
        """Return the term for an IRI."""
        raise NotImplementedError

    def string(self, value: str) -> T:
        """Return a plain (``xsd:string``) literal."""
        raise NotImplementedError

    def integer(self, value: int) -> T:
        """Return an ``xsd:integer`` literal."""
        raise NotImplementedError

    def decimal(self, value: float) -> T:
        """Return an ``xsd:decimal`` literal of a float (its shortest decimal form)."""
        raise NotImplementedError

    def date(self, value: dt.date) -> T:
        """Return an ``xsd:date`` literal."""
        raise NotImplementedError


class RdflibTerms(Terms[URIRef | Literal]):
    """Renders rdflib terms (IRIs that repeat, such as predicates and entities, are reused)."""

    def __init__(self, cache_size: int = 50_000) -> None:
        self._iris: dict[str, URIRef] = {}
        self._cache_size = cache_size

    def iri(self, value: str) -> URIRef:
        """Return a ``URIRef``."""
        found = self._iris.get(value)
        if found is None:
            found = URIRef(value)
            if len(self._iris) < self._cache_size and "#" not in value:
                self._iris[value] = found
        return found

    def string(self, value: str) -> Literal:
        """Return a plain ``Literal``."""
        return Literal(value)

    def integer(self, value: int) -> Literal:
        """Return an ``xsd:integer`` ``Literal``."""
        return Literal(value, datatype=XSD.integer)

    def decimal(self, value: float) -> Literal:
        """Return an ``xsd:decimal`` ``Literal``."""
        return Literal(Decimal(str(value)), datatype=XSD.decimal)

    def date(self, value: dt.date) -> Literal:
        """Return an ``xsd:date`` ``Literal``."""
        return Literal(value.isoformat(), datatype=XSD.date)


#: N-Triples must escape these in a literal (a raw line break would end the line). The
#: backslash goes first, so the escapes added after it are not escaped again.
_NT_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"))


@lru_cache(maxsize=4096)
def _decimal_lexical(value: float) -> str:
    """Return the lexical form rdflib gives ``Decimal(str(value))`` (so both renderings agree)."""
    return str(Literal(Decimal(str(value)), datatype=XSD.decimal))


class NTriplesTerms(Terms[str]):
    """Renders terms in N-Triples syntax (``<iri>``, ``"text"``, ``"5"^^<…#integer>``)."""

    def iri(self, value: str) -> str:
        """Return ``<value>``."""
        return f"<{value}>"

    def string(self, value: str) -> str:
        """Return a quoted, escaped literal."""
        # A replace per character that occurs: str.translate with a table took ~180 us
        # on a 3 KB article text (~4% of ingest), this takes ~2 us.
        for char, escaped in _NT_ESCAPES:
            if char in value:
                value = value.replace(char, escaped)
        return f'"{value}"'

    def integer(self, value: int) -> str:
        """Return an ``xsd:integer`` literal."""
        return f'"{int(value)}"^^<{XSD.integer}>'

    def decimal(self, value: float) -> str:
        """Return an ``xsd:decimal`` literal."""
        return f'"{_decimal_lexical(value)}"^^<{XSD.decimal}>'

    def date(self, value: dt.date) -> str:
        """Return an ``xsd:date`` literal."""
        return f'"{value.isoformat()}"^^<{XSD.date}>'


RDFLIB = RdflibTerms()
NTRIPLES = NTriplesTerms()


def extraction_triples(extraction: Extraction) -> list[Triple]:
    """Return the triples of the article graph for one extraction, as rdflib terms.

    Examples
    --------
    >>> from chipkg.ontology.models import Article
    >>> art = Article(id="0" * 16, source="a.txt", text="Hi.", sha256="0" * 64, format="txt")
    >>> len(extraction_triples(Extraction(article=art))) > 0
    True
    """
    return list(statements(extraction, RDFLIB))  # type: ignore[arg-type]


def extraction_ntriples(extraction: Extraction) -> str:
    """Return the triples of the article graph for one extraction as N-Triples text.

    One triple per line, each ending in `` .\\n``; the same triples as
    :func:`extraction_triples`.

    Examples
    --------
    >>> from chipkg.ontology.models import Article
    >>> art = Article(id="0" * 16, source="a.txt", text="Hi.", sha256="0" * 64, format="txt")
    >>> extraction_ntriples(Extraction(article=art)).splitlines()[0]  # doctest: +ELLIPSIS
    '<https://w3id.org/chipkg/article/0000000000000000> <...#type> <...#Article> .'
    """
    return "".join([f"{s} {p} {o} .\n" for s, p, o in statements(extraction, NTRIPLES)])


def statements(extraction: Extraction, t: Terms[T]) -> Iterator[tuple[T, T, T]]:
    """Return the article graph's triples for one extraction, made by the factory ``t``."""
    article = extraction.article
    art_iri = ART_IRI + article.id
    art = t.iri(art_iri)
    yield from article_triples(article, t)
    for entity in extraction.entities:
        yield from entity_triples(entity, art, t)
    claim_no = 0
    for claim in extraction.claims:
        claim_no += 1
        yield from claim_triples(claim, t.iri(f"{art_iri}#claim-{claim_no}"), art, t)
    rdf_subject, rdf_predicate, rdf_object = t.iri(_SUBJECT), t.iri(_PREDICATE), t.iri(_OBJECT)
    for n, approval in enumerate(extraction.approvals, start=1):
        node_iri = f"{art_iri}#approval-{n}"
        node = t.iri(node_iri)
        yield from approval_triples(approval, node_iri, art, t)
        status = t.iri(_ckg(approval.status.value))
        for evidence in approval.evidence:
            claim_no += 1
            claim_node = t.iri(f"{art_iri}#claim-{claim_no}")
            yield (claim_node, rdf_subject, node)
            yield (claim_node, rdf_predicate, t.iri(_ckg("status")))
            yield (claim_node, rdf_object, status)
            yield from evidence_triples(evidence, claim_node, art, t)


def article_triples(article: Article, t: Terms[T]) -> Iterator[tuple[T, T, T]]:
    """Return the triples describing an article."""
    art = t.iri(ART_IRI + article.id)
    yield (art, t.iri(_TYPE), t.iri(_ckg("Article")))
    yield (art, t.iri(_SOURCE), t.string(article.source))
    yield (art, t.iri(_ckg("sha256")), t.string(article.sha256))
    if article.source_sha256:
        yield (art, t.iri(_ckg("sourceSha256")), t.string(article.source_sha256))
    yield (art, t.iri(_ckg("charCount")), t.integer(len(article.text)))
    yield (art, t.iri(_ckg("text")), t.string(article.text))  # what the offsets index
    if article.title:
        yield (art, t.iri(_TITLE), t.string(article.title))
    if article.issued:
        yield (art, t.iri(_ISSUED), t.date(article.issued))
    url = web_iri(article.url) if article.url else None
    if url:
        yield (art, t.iri(_SEE_ALSO), t.iri(url))


#: Characters an IRI cannot hold as they are (RFC 3987): they are percent-encoded.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def web_iri(url: str) -> str | None:
    """Return the article's web address as a valid IRI, or None if it is not one.

    The URL comes from the input (a page's metadata, a record's field): spaces and
    other characters an IRI cannot hold are percent-encoded; a relative or malformed
    URL, or one that is not ``http(s)`` (``javascript:``, ``file:``), is left out
    rather than failing the article. Every other IRI the
    mapping writes is built from digests, slugs and the vocabulary, so the store
    may load the N-Triples without checking IRIs again.

    >>> web_iri("https://example.com/a story?id=1")
    'https://example.com/a%20story?id=1'
    >>> web_iri("/relative/path") is None
    True
    """
    candidate = _NOT_IN_IRI.sub(lambda m: f"%{ord(m.group()):02X}", url.strip())
    if not candidate.lower().startswith(("http://", "https://")):
        return None
    try:
        ox.NamedNode(candidate)  # oxigraph's RFC 3987 parser; it wants an absolute IRI
    except ValueError:
        return None
    return candidate


def entity_triples(entity: Entity, art: T, t: Terms[T]) -> Iterator[tuple[T, T, T]]:
    """Return the triples describing an entity as one article names it."""
    node = t.iri(ENT_IRI + entity.key)
    yield (node, t.iri(_TYPE), t.iri(_ckg(entity.type.value)))
    yield (node, t.iri(_LABEL), t.string(entity.label))
    for alias in entity.aliases:
        if alias != entity.label:
            yield (node, t.iri(_ALT_LABEL), t.string(alias))
    if entity.wikidata:
        yield (node, t.iri(_SAME_AS), t.iri(WD_IRI + entity.wikidata))
    if entity.part_of:  # the whole is described too, so the edge never dangles
        whole = t.iri(ENT_IRI + slug(entity.part_of))
        yield (node, t.iri(_ckg("partOf")), whole)
        yield (whole, t.iri(_TYPE), t.iri(_ckg(entity.type.value)))
        yield (whole, t.iri(_LABEL), t.string(entity.part_of))
    yield (node, t.iri(_ckg("mentionedIn")), art)


def claim_triples(claim: Claim, node: T, art: T, t: Terms[T]) -> Iterator[tuple[T, T, T]]:
    """Return the claim node's triples and, for stated facts, the direct edge."""
    subject, obj = t.iri(ENT_IRI + claim.subject), t.iri(ENT_IRI + claim.object)
    predicate = t.iri(_ckg(claim.predicate.value))
    if claim.predicate is Relation.mentionedIn:
        obj = art
    elif claim.modality in EDGE_MODALITIES:
        yield (subject, predicate, obj)
        if claim.predicate is Relation.conditionallyApproves:
            yield (subject, t.iri(_ckg("approves")), obj)
    yield (node, t.iri(_SUBJECT), subject)
    yield (node, t.iri(_PREDICATE), predicate)
    yield (node, t.iri(_OBJECT), obj)
    if claim.factor is not None:
        yield (node, t.iri(_ckg("factor")), t.decimal(claim.factor))
    if claim.quantity is not None:
        yield (node, t.iri(_ckg("quantity")), t.integer(claim.quantity))
    yield from evidence_triples(claim, node, art, t)


def evidence_triples(evidence: Evidence, node: T, art: T, t: Terms[T]) -> Iterator[tuple[T, T, T]]:
    """Return the evidence fields of a claim node."""
    yield (node, t.iri(_TYPE), t.iri(_ckg("Claim")))
    yield (node, t.iri(_DERIVED), art)
    yield (node, t.iri(_ckg("sentence")), t.string(evidence.sentence))
    yield (node, t.iri(_ckg("charStart")), t.integer(evidence.char_start))
    yield (node, t.iri(_ckg("charEnd")), t.integer(evidence.char_end))
    yield (node, t.iri(_ckg("confidence")), t.decimal(round(evidence.confidence, 3)))
    yield (node, t.iri(_ckg("modality")), t.iri(_ckg(evidence.modality.value)))
    yield (node, t.iri(_ckg("extractedBy")), t.string(evidence.extracted_by))
    if evidence.attributed_to:
        yield (node, t.iri(_ckg("attributedTo")), t.iri(ENT_IRI + evidence.attributed_to))
    if evidence.event_date:
        yield (node, t.iri(_ckg("eventDate")), t.date(evidence.event_date))
    if evidence.date_precision:
        yield (node, t.iri(_ckg("datePrecision")), t.iri(_ckg(evidence.date_precision.value)))
    if evidence.date_text:
        yield (node, t.iri(_ckg("dateText")), t.string(evidence.date_text))


def approval_triples(
    approval: Approval, node_iri: str, art: T, t: Terms[T]
) -> Iterator[tuple[T, T, T]]:
    """Return the triples of one n-ary approval (the node named ``node_iri``)."""
    node = t.iri(node_iri)
    yield (node, t.iri(_TYPE), t.iri(_ckg("Approval")))
    yield (node, t.iri(_DERIVED), art)
    yield (node, t.iri(_ckg("approver")), t.iri(ENT_IRI + approval.approver))
    chip = t.iri(ENT_IRI + approval.chip)
    position = t.iri(str(approval.status.position))
    for grantee in approval.grantees:
        yield (node, t.iri(_ckg("grantee")), t.iri(ENT_IRI + grantee))
        yield (t.iri(ENT_IRI + grantee), position, chip)  # derived: one triple across articles
    yield (node, t.iri(_ckg("chip")), chip)
    yield (node, t.iri(_ckg("status")), t.iri(_ckg(approval.status.value)))
    if approval.quantity is not None:
        yield (node, t.iri(_ckg("quantity")), t.integer(approval.quantity))
    for m, condition in enumerate(approval.conditions, start=1):
        cond = t.iri(f"{node_iri}-condition-{m}")
        yield (node, t.iri(_ckg("hasCondition")), cond)
        yield (cond, t.iri(_TYPE), t.iri(_ckg("Condition")))
        yield (cond, t.iri(_LABEL), t.string(condition.label))
