"""Named SPARQL queries: the ``queries/sparql/*.rq`` files, their headers and safe binding.

Each ``.rq`` file holds one query and starts with a header of comments::

    # name: restrictions
    # summary: Regulators that restrict a chip, with the modality (in force / planned).
    # param: ?chip entity:Chip optional -- only restrictions of this chip
    # param: ?regulator entity:Regulator optional -- only restrictions by this regulator
    # pages: restrictions-keys

Every declared parameter has exactly one binding slot in the query body,
``VALUES ?chip { UNDEF }``, which is valid SPARQL and matches anything, so the file
runs as it is in any SPARQL tool. :meth:`NamedQuery.bind` replaces a slot with the
parameter's values written as RDF terms (``VALUES ?chip { <https://w3id.org/chipkg/id/h200> }``),
never by pasting user text into the query: IRIs are checked, literals are escaped by
rdflib. A slot placed first in the ``WHERE`` block binds the constant before the
patterns run, so the store looks it up by index instead of filtering afterwards.

A listing may name, in ``# pages:``, the query of its group keys (same parameters,
same patterns, no details); :mod:`chipkg.queries.paging` runs one page of it as a
sub-query so that the details are computed for that page only.

Parameter kinds (the word after the variable) are converters registered in
:data:`param_kinds`: ``entity[:Class]`` (resolved by label or alias, see
:mod:`chipkg.queries.entities`), ``status``, ``relation``, ``date``, ``integer``,
``string`` and ``iri``.

Example
-------
>>> q = load_query("makers")
>>> q.name, [p.name for p in q.params]
('makers', ['chip', 'maker'])
>>> from rdflib import URIRef
>>> "VALUES ?chip { <https://w3id.org/chipkg/id/h200> }" in q.bind(
...     {"chip": [URIRef("https://w3id.org/chipkg/id/h200")]})
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from chipkg.graph.store import QueryResult, Store
from chipkg.ontology.errors import QueryError
from chipkg.ontology.models import EntityType, Relation, Status, is_a
from chipkg.ontology.registry import Registry
from chipkg.ontology.vocabulary import CKG_IRI

#: Folder of the named queries.
SPARQL_DIR = Path(__file__).parent / "sparql"

_HEADER = re.compile(r"^#\s*(name|summary|param|pages)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^\?(?P<name>[A-Za-z_]\w*)\s+(?P<kind>[a-z]+)(?::(?P<cls>[A-Za-z]+))?"
    r"(?P<optional>\s+optional)?\s*(?:--\s*(?P<doc>.*))?$"
)
_SLOT = re.compile(r"VALUES\s+\?(?P<name>[A-Za-z_]\w*)\s*\{\s*UNDEF\s*\}")
_VAR = re.compile(r"[?$]([A-Za-z_]\w*)")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class Param(BaseModel):
    """One declared parameter of a named query."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: str
    cls: str | None = None
    optional: bool = False
    doc: str = ""


class NamedQuery(BaseModel):
    """A parsed ``.rq`` file: name, summary, declared parameters and text."""

    model_config = ConfigDict(frozen=True)

    name: str
    summary: str
    params: tuple[Param, ...]
    text: str
    path: str
    pages: str | None = None

    def param(self, name: str) -> Param:
        """Return the declared parameter ``name`` (QueryError when undeclared)."""
        for p in self.params:
            if p.name == name:
                return p
        declared = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (declared: {declared})")

    def bind(self, values: Mapping[str, Sequence[Identifier]]) -> str:
        """Return the query text with each bound parameter's slot filled with RDF terms.

        ``values`` maps parameter names to already converted RDF terms (see
        :meth:`prepare`). Parameters left out stay ``UNDEF`` (match anything);
        a required one left out raises :class:`QueryError`.
        """
        for name in values:
            self.param(name)
        text = self.text
        for p in self.params:
            terms = values.get(p.name)
            if terms is None:
                if not p.optional:
                    raise QueryError(f"query {self.name!r} needs parameter {p.name!r}")
                continue
            if not terms:
                raise QueryError(f"query {self.name!r}: parameter {p.name!r} has no value")
            rendered = " ".join(term_n3(t, self.name, p.name) for t in terms)
            slot = re.compile(r"VALUES\s+\?" + p.name + r"\s*\{\s*UNDEF\s*\}")
            text = slot.sub(f"VALUES ?{p.name} {{ {rendered} }}".replace("\\", "\\\\"), text)
        return text

    def prepare(self, store: Store, args: Mapping[str, Any]) -> dict[str, list[Identifier]]:
        """Return ``args`` (user values, None = unbound) converted to RDF terms by kind."""
        out: dict[str, list[Identifier]] = {}
        for name, value in args.items():
            if value is None:
                continue
            p = self.param(name)
            convert: Converter = param_kinds.get(p.kind)
            items = value if isinstance(value, list | tuple | set | frozenset) else [value]
            terms: list[Identifier] = []
            for item in items:
                terms.extend(convert(store, item, p))
            out[name] = terms
        return out

    def run(self, store: Store, **args: Any) -> tuple[str, QueryResult]:
        """Return the bound query text and its result on ``store``."""
        text = self.bind(self.prepare(store, args))
        try:
            return text, store.query(text)
        except QueryError as exc:
            raise QueryError(f"named query {self.name!r} ({self.path}) failed: {exc}") from exc


def term_n3(term: Identifier, query: str, param: str) -> str:
    """Return ``term`` as SPARQL text (QueryError for an unsafe IRI or a non-term)."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)) or ":" not in str(term):
            raise QueryError(f"query {query!r}: {param!r} value {str(term)!r} is not a valid IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise QueryError(f"query {query!r}: {param!r} cannot be bound to {term!r}")


def parse_query(text: str, path: str = "<string>") -> NamedQuery:
    """Return the named query in ``text``, checking its header against its body.

    Raises :class:`QueryError` when the header lacks a name or summary, a parameter
    line is malformed, a declared parameter has no ``VALUES ?x { UNDEF }`` slot (or
    more than one) or is not used elsewhere, or a slot names an undeclared variable.
    """
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(f"{path}: malformed parameter line {line!r}")
            params.append(
                Param(
                    name=pm["name"],
                    kind=pm["kind"],
                    cls=pm["cls"],
                    optional=bool(pm["optional"]),
                    doc=(pm["doc"] or "").strip(),
                )
            )
        else:
            fields[key] = value
    for key in ("name", "summary"):
        if not fields.get(key):
            raise QueryError(f"{path}: header has no '# {key}:' line")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    slots = [m["name"] for m in _SLOT.finditer(body)]
    declared = {p.name for p in params}
    for p in params:
        if p.kind not in param_kinds:
            raise QueryError(
                f"{path}: parameter ?{p.name} has unknown kind {p.kind!r} "
                f"(known: {', '.join(param_kinds.names())})"
            )
        if slots.count(p.name) != 1:
            raise QueryError(
                f"{path}: parameter ?{p.name} needs exactly one 'VALUES ?{p.name} {{ UNDEF }}' "
                f"slot, found {slots.count(p.name)}"
            )
        uses = [v for v in _VAR.findall(_SLOT.sub("", body)) if v == p.name]
        if not uses:
            raise QueryError(f"{path}: parameter ?{p.name} is declared but never used")
    undeclared = sorted(set(slots) - declared)
    if undeclared:
        raise QueryError(f"{path}: binding slot for undeclared variable(s) {undeclared}")
    return NamedQuery(
        name=fields["name"],
        summary=fields["summary"],
        params=tuple(params),
        text=text,
        path=path,
        pages=fields.get("pages") or None,
    )


@cache
def load_query(name: str) -> NamedQuery:
    """Return the named query ``name`` from ``queries/sparql/<name>.rq``."""
    path = SPARQL_DIR / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(query_names()) or "none"
        raise QueryError(f"no named query {name!r} in {SPARQL_DIR} (known: {known})")
    query = parse_query(path.read_text(encoding="utf-8"), str(path))
    if query.name != name:
        raise QueryError(f"{path}: header names the query {query.name!r}, file says {name!r}")
    return query


def query_names() -> list[str]:
    """Return the names of all named queries, sorted."""
    return sorted(p.stem for p in SPARQL_DIR.glob("*.rq"))


def all_queries() -> list[NamedQuery]:
    """Return every named query, parsed and checked."""
    return [load_query(n) for n in query_names()]


# -- parameter kinds -----------------------------------------------------------------

Converter = Callable[[Store, Any, Param], Iterable[Identifier]]

#: Parameter converters by kind: ``(store, value, param) -> RDF terms``.
param_kinds = Registry("parameter kind")


def _entity(store: Store, value: Any, param: Param) -> list[Identifier]:
    """Return the entities a name stands for; an organization with its parts (ckg:partOf)."""
    from chipkg.queries.entities import resolve_entity, with_parts

    if isinstance(value, URIRef):
        found = [value]
    else:
        found = [m.iri for m in resolve_entity(store, str(value), param.cls)]
    if param.cls is not None and param.cls in _WHOLES:
        return list(with_parts(store, found))
    return list(found)


#: Entity classes whose members can have parts: a filter on one takes in its parts.
_WHOLES = {kind.value for kind in EntityType if is_a(kind, EntityType.Organization)}


def _enum_member(value: Any, choices: Iterable[str], what: str) -> str:
    folded = re.sub(r"[\s_-]+", "", str(value)).lower()
    for choice in choices:
        if choice.lower() == folded:
            return choice
    raise QueryError(f"unknown {what} {value!r}; choose one of {', '.join(choices)}")


def _status(store: Store, value: Any, param: Param) -> list[Identifier]:
    return [URIRef(CKG_IRI + _enum_member(value, [s.value for s in Status], "status"))]


def _relation(store: Store, value: Any, param: Param) -> list[Identifier]:
    if isinstance(value, URIRef):
        return [value]
    name = str(value).removeprefix("ckg:")
    return [URIRef(CKG_IRI + _enum_member(name, [r.value for r in Relation], "relation"))]


def _date(store: Store, value: Any, param: Param) -> list[Identifier]:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value))
        except ValueError:
            raise QueryError(f"{param.name}: {value!r} is not a date (YYYY-MM-DD)") from None
    return [Literal(value.isoformat(), datatype=XSD.date)]


def _integer(store: Store, value: Any, param: Param) -> list[Identifier]:
    try:
        return [Literal(int(value), datatype=XSD.integer)]
    except (TypeError, ValueError):
        raise QueryError(f"{param.name}: {value!r} is not an integer") from None


def _string(store: Store, value: Any, param: Param) -> list[Identifier]:
    return [Literal(str(value))]


def _iri(store: Store, value: Any, param: Param) -> list[Identifier]:
    return [URIRef(str(value))]


param_kinds.register("entity", _entity)
param_kinds.register("status", _status)
param_kinds.register("relation", _relation)
param_kinds.register("date", _date)
param_kinds.register("integer", _integer)
param_kinds.register("string", _string)
param_kinds.register("iri", _iri)
