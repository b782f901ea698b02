"""Conversion of SPARQL result terms into the Python values rows hold.

Named queries join lists with U+001F (:data:`SEPARATOR`) and return entities as IRIs;
:class:`Labels` looks up every entity's label once per helper call (an entity's
label is repeated in every article graph that names it, so joining labels inside a
query would multiply its rows).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from chipkg.graph.store import Store
from chipkg.ontology.vocabulary import CKG_IRI, ENT_IRI

#: Separator of GROUP_CONCAT lists in the named queries.
SEPARATOR = "\u001f"


def text(term: Identifier | None) -> str | None:
    """Return the lexical form of a term, or None."""
    return None if term is None else str(term)


def split(term: Identifier | None) -> list[str]:
    """Return the items of a GROUP_CONCAT list, in order, without empty items."""
    if term is None:
        return []
    return [item for item in str(term).split(SEPARATOR) if item]


def integer(term: Identifier | None) -> int | None:
    """Return a literal as an int, or None."""
    if term is None:
        return None
    try:
        return int(Decimal(str(term)))
    except ArithmeticError:
        return None


def number(term: Identifier | None) -> float | None:
    """Return a literal as a float, or None."""
    if term is None:
        return None
    try:
        return float(str(term))
    except ValueError:
        return None


def date(term: Identifier | str | None) -> dt.date | None:
    """Return a literal or ISO string as a date, or None when it is not one."""
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(str(term)[:10])
    except ValueError:
        return None


def iso_dates(term: Identifier | None) -> list[str]:
    """Return the sorted distinct ISO 8601 dates (YYYY, YYYY-MM or YYYY-MM-DD) of a list."""
    found = {item[:10] for item in split(term) if _ISO_DATE.fullmatch(item[:10])}
    return sorted(found)


_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def local(term: Identifier | str | None) -> str | None:
    """Return the ``ckg:`` local name of a vocabulary IRI (other terms as they are)."""
    if term is None:
        return None
    value = str(term)
    return value[len(CKG_IRI) :] if value.startswith(CKG_IRI) else value


def short(iri: Identifier | str) -> str:
    """Return an entity IRI in its ``ent:`` form."""
    value = str(iri)
    return "ent:" + value[len(ENT_IRI) :] if value.startswith(ENT_IRI) else value


class Labels:
    """Labels of entity IRIs, fetched together with one query."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._labels: dict[str, str] = {}
        self._kinds: dict[str, tuple[str, ...]] = {}

    def fetch(self, iris: Iterable[Identifier | str | None]) -> Labels:
        """Look up the labels of entity IRIs not fetched yet; return self."""
        from chipkg.queries.entities import describe_entities

        wanted = {
            URIRef(str(i))
            for i in iris
            if i is not None and not isinstance(i, Literal) and str(i) not in self._labels
        }
        wanted = {i for i in wanted if str(i).startswith(ENT_IRI)}
        for iri, match in describe_entities(self.store, wanted).items():
            self._labels[str(iri)] = match.label
            self._kinds[str(iri)] = match.kinds
        return self

    def __call__(self, iri: Identifier | str | None) -> str:
        """Return the label of ``iri`` (its local name when it has none)."""
        if iri is None:
            return ""
        value = str(iri)
        if value in self._labels:
            return self._labels[value]
        return local(value) or value

    def kinds(self, iri: Identifier | str) -> tuple[str, ...]:
        """Return the class names of ``iri``."""
        return self._kinds.get(str(iri), ())
