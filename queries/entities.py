"""Entity lookup by name: labels, aliases, classes, and close matches for a miss.

Users name entities the way articles do ("Beijing", "h200", "the Chinese government").
:func:`resolve_entity` turns such a name into entity IRIs: a label match wins over an
alias match, and when the caller expects a class (a chip, a regulator) only entities
of that class (or a sub-class) count. A miss raises :class:`QueryError` listing the
closest names in the store.

The common case is answered from the indexes: the IRI built from the name's slug and
exact label/alias literals in a few spellings. Only when those miss are all labels
read and folded (case, punctuation, spaces, a leading "the", a possessive "'s").

Example
-------
>>> from chipkg.graph.store import open_store
>>> store = open_store("memory")
>>> resolve_entity(store, "H200")
Traceback (most recent call last):
...
chipkg.ontology.errors.QueryError: no entity is named 'H200' (the store has no entities)
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict
from rdflib import Literal, URIRef

from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.ontology.identifiers import slug
from chipkg.ontology.models import EntityType, is_a
from chipkg.ontology.vocabulary import CKG_IRI, ENT, ENT_IRI

_PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


class EntityMatch(BaseModel):
    """One entity a name resolved to."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    iri: URIRef
    label: str
    kinds: tuple[str, ...] = ()
    matched: str = "label"  # "label", "alias" or "iri"

    @property
    def kind(self) -> str:
        """Return the most specific class name of the entity ('Entity' when untyped)."""
        return most_specific(self.kinds)


def most_specific(kinds: Iterable[str]) -> str:
    """Return the most specific of the given ``ckg:`` class names."""
    known = [EntityType(k) for k in kinds if k in EntityType.__members__]
    best = "Entity"
    depth = -1
    for kind in known:
        d = sum(1 for other in EntityType if other is not kind and is_a(kind, other))
        if d > depth:
            best, depth = kind.value, d
    return best


def fold(name: str) -> str:
    """Return ``name`` folded for matching: lower case, no punctuation, no leading 'the'."""
    text = name.casefold().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _accepts(kinds: Iterable[str], cls: str | None) -> bool:
    if cls is None:
        return True
    if cls not in EntityType.__members__:
        return True
    wanted = EntityType(cls)
    return any(k in EntityType.__members__ and is_a(EntityType(k), wanted) for k in kinds)


def _describe(store: Store, iris: Iterable[URIRef]) -> dict[URIRef, tuple[str, tuple[str, ...]]]:
    """Return label and class names of each entity IRI (labels repeat per graph)."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    result = store.query(
        _PREFIXES + "SELECT DISTINCT ?e ?k ?v WHERE { VALUES ?e { " + values + " } "
        '{ ?e rdfs:label ?v BIND("label" AS ?k) } UNION { ?e a ?v BIND("type" AS ?k) } }'
    )
    labels: dict[URIRef, str] = {}
    kinds: dict[URIRef, set[str]] = defaultdict(set)
    for e, k, v in result.rows:
        if not isinstance(e, URIRef) or v is None:
            continue
        if str(k) == "label":
            labels[e] = min(labels.get(e, str(v)), str(v))
        elif str(v).startswith(CKG_IRI):
            kinds[e].add(str(v)[len(CKG_IRI) :])
    return {i: (labels.get(i, str(i).removeprefix(ENT_IRI)), tuple(sorted(kinds[i]))) for i in iris}


def with_parts(store: Store, iris: Iterable[URIRef]) -> list[URIRef]:
    """Return the organizations ``iris`` followed by every part of them (``ckg:partOf``, any depth).

    A filter on the Chinese government then takes in Chinese customs and the NDRC,
    whose rows keep their own names.

    >>> with_parts(store, [ENT["chinese-government"]])  # doctest: +SKIP
    [rdflib.term.URIRef('https://w3id.org/chipkg/id/chinese-government'),
     rdflib.term.URIRef('https://w3id.org/chipkg/id/chinese-customs')]
    """
    wholes = list(dict.fromkeys(iris))
    if not wholes:
        return []
    values = " ".join(f"<{i}>" for i in wholes)
    result = store.query(
        f"SELECT DISTINCT ?part WHERE {{ VALUES ?whole {{ {values} }} "
        f"?part <{CKG_IRI}partOf>+ ?whole }} ORDER BY ?part"
    )
    parts = [p for (p,) in result.rows if isinstance(p, URIRef) and p not in wholes]
    return wholes + parts


def describe_entities(store: Store, iris: Iterable[URIRef]) -> dict[URIRef, EntityMatch]:
    """Return an :class:`EntityMatch` (label and classes) for each entity IRI."""
    return {
        iri: EntityMatch(iri=iri, label=label, kinds=kinds, matched="iri")
        for iri, (label, kinds) in _describe(store, iris).items()
    }


def _spellings(name: str) -> list[str]:
    variants = [name, name.lower(), name.upper(), name.title(), name[:1].upper() + name[1:]]
    bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    variants += [bare, bare[:1].upper() + bare[1:]]
    return list(dict.fromkeys(v for v in variants if v))


def _exact(store: Store, name: str) -> list[tuple[URIRef, str]]:
    literals = " ".join(Literal(v).n3() for v in _spellings(name))
    candidate = ENT[slug(name)]
    result = store.query(
        _PREFIXES + "SELECT DISTINCT ?e ?how WHERE { "
        "{ VALUES ?l { " + literals + ' } ?e rdfs:label ?l BIND("label" AS ?how) } UNION '
        "{ VALUES ?l { " + literals + ' } ?e skos:altLabel ?l BIND("alias" AS ?how) } UNION '
        "{ <" + str(candidate) + "> rdfs:label ?x BIND(<" + str(candidate) + "> AS ?e) "
        'BIND("label" AS ?how) } }'
    )
    return [(e, str(how)) for e, how in result.rows if isinstance(e, URIRef)]


def _all_names(store: Store) -> list[tuple[URIRef, str, str]]:
    result = store.query(
        _PREFIXES + "SELECT DISTINCT ?e ?l ?how WHERE { "
        '{ ?e rdfs:label ?l BIND("label" AS ?how) } UNION '
        '{ ?e skos:altLabel ?l BIND("alias" AS ?how) } }'
    )
    return [
        (e, str(label), str(how))
        for e, label, how in result.rows
        if isinstance(e, URIRef) and str(e).startswith(ENT_IRI)
    ]


def resolve_entity(store: Store, name: str, cls: str | None = None) -> list[EntityMatch]:
    """Return the entities named ``name`` (by label, else alias), of class ``cls`` if given.

    Raises :class:`QueryError` naming close matches when nothing matches, or saying
    what the name refers to when it names only entities of another class.

    Examples
    --------
    >>> resolve_entity(store, "beijing", "Regulator")[0].label  # doctest: +SKIP
    'Chinese government'
    """
    name = name.strip()
    if not name:
        raise QueryError("an empty name matches no entity")
    if name.startswith(ENT_IRI) or name.startswith("ent:"):
        iri = URIRef(ENT_IRI + name.removeprefix(ENT_IRI).removeprefix("ent:"))
        found = describe_entities(store, [iri])
        if not found[iri].kinds:
            raise QueryError(f"no entity has the IRI {iri}")
        return [found[iri]]
    hits = _exact(store, name)
    if not hits:
        wanted = fold(name)
        names = _all_names(store)
        hits = [(e, how) for e, label, how in names if fold(label) == wanted]
        if not hits:
            raise QueryError(_miss_message(name, names))
    described = _describe(store, [e for e, _ in hits])
    matches: dict[URIRef, EntityMatch] = {}
    for e, how in sorted(hits, key=lambda h: (h[1] != "label", str(h[0]))):
        label, kinds = described[e]
        if e not in matches:
            matches[e] = EntityMatch(iri=e, label=label, kinds=kinds, matched=how)
    typed = [m for m in matches.values() if _accepts(m.kinds, cls)]
    if not typed:
        named = ", ".join(f"{m.label} ({m.kind})" for m in matches.values())
        raise QueryError(f"{name!r} names {named}, which is not a {cls}")
    by_label = [m for m in typed if m.matched == "label"]
    return by_label or typed


def _miss_message(name: str, names: list[tuple[URIRef, str, str]]) -> str:
    if not names:
        return f"no entity is named {name!r} (the store has no entities)"
    by_fold: dict[str, str] = {}
    for _e, label, _how in names:
        by_fold.setdefault(fold(label), label)
    close = difflib.get_close_matches(fold(name), list(by_fold), n=5, cutoff=0.5)
    if not close:
        return f"no entity is named {name!r} and no name is close to it"
    return f"no entity is named {name!r}; close matches: " + ", ".join(by_fold[c] for c in close)
