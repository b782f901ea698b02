"""A networkx projection of the store: entities as nodes, stated facts as edges.

:func:`project` reads a store into a :class:`networkx.MultiDiGraph`:

- one node per entity, keyed by its IRI, with ``label``, ``kind`` (most specific
  ``ckg:`` class), ``kinds``, ``aliases``, ``wikidata`` and ``articles`` (how many
  articles name it);
- one edge per ``(subject, relation, object)`` that some article states or reports
  (modality ``Asserted`` or ``Reported``; planned and negated claims are not edges),
  keyed by the relation's local name, with ``predicate``, ``predicate_iri``,
  ``claims`` and ``articles`` (counts), ``sources``, ``outlets``, ``dates``,
  ``modality`` and ``sentences`` (lists), ``first_date`` / ``last_date`` (dates
  written as precisely as they are known: ``2025-07`` for "in July 2025"), and
  ``factor`` / ``quantity`` when stated. Approvals granted (with or without
  conditions) are ``approves`` / ``conditionallyApproves`` edges from approver to
  grantee that also carry ``chips`` and ``conditions``.

Mentions (``ckg:mentionedIn``) are not edges: they link entities to articles, and
``articles`` on the node counts them.

Example
-------
>>> from chipkg.graph.store import open_store
>>> g = project(open_store("memory"))
>>> g.number_of_nodes(), g.is_multigraph()
(0, True)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from chipkg.graph.store import Store
from chipkg.ontology.identifiers import slug
from chipkg.ontology.models import DatePrecision, EntityType, Relation, is_a
from chipkg.ontology.vocabulary import CKG, CKG_IRI, ENT_IRI, WD_IRI

_HERE = Path(__file__).parent
#: Sentences kept per edge (the first ones by date).
MAX_SENTENCES = 5


def _query_text(name: str) -> str:
    return (_HERE / f"projection_{name}.rq").read_text(encoding="utf-8")


def _local(value: object) -> str:
    text = str(value)
    return text[len(CKG_IRI) :] if text.startswith(CKG_IRI) else text


def _most_specific(kinds: Iterable[str]) -> str:
    best, depth = "Entity", -1
    for k in kinds:
        if k not in EntityType.__members__:
            continue
        kind = EntityType(k)
        d = sum(1 for other in EntityType if other is not kind and is_a(kind, other))
        if d > depth:
            best, depth = kind.value, d
    return best


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class _Edge:
    claims: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    dates: dict[dt.date, str] = field(default_factory=dict)  # each date as it is shown
    modality: set[str] = field(default_factory=set)
    sentences: dict[str, dt.date | None] = field(default_factory=dict)
    factors: set[float] = field(default_factory=set)
    quantities: set[int] = field(default_factory=set)
    chips: set[str] = field(default_factory=set)
    conditions: set[str] = field(default_factory=set)


def _dated(r: dict[str, Any]) -> tuple[dt.date | None, str]:
    """Return a claim's date (its event's, else its article's) and how to show it."""
    event = _date(r.get("eventDate"))
    if event is None:
        issued = _date(r.get("issued"))
        return issued, issued.isoformat() if issued else ""
    return event, DatePrecision.named(_local(r.get("precision"))).show(event)


def _in_range(day: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def _labels(store: Store, iris: list[str]) -> dict[str, str]:
    """Return a label of each IRI that has one (the smallest, as the nodes take)."""
    values = " ".join(f"<{i}>" for i in iris)
    rows = store.query(
        f"SELECT ?e (MIN(STR(?l)) AS ?label) WHERE {{ VALUES ?e {{ {values} }} "
        f"?e <{RDFS.label}> ?l }} GROUP BY ?e"
    ).rows
    return {str(e): str(label) for e, label in rows if label is not None}


def _relations() -> str:
    """Return the stated relations' IRIs, for a VALUES block (mentions are no facts)."""
    return " ".join(f"<{CKG_IRI}{r.value}>" for r in Relation if r is not Relation.mentionedIn)


def find_entity(store: Store, name: str) -> str | None:
    """Return the IRI of the entity named ``name`` (IRI, key, label or alias; any case), or None."""
    name = name.strip()
    candidates = [name] if name.startswith(ENT_IRI) else [ENT_IRI + slug(name)]
    for iri in candidates:
        if store.query(f"ASK {{ <{iri}> <{RDFS.label}> ?label }}").boolean:
            return iri
    wanted = Literal(name.casefold()).n3()
    rows = store.query(
        f"SELECT ?e WHERE {{ {{ ?e <{RDFS.label}> ?l }} UNION {{ ?e <{SKOS.altLabel}> ?l }} "
        f'FILTER(LCASE(STR(?l)) = {wanted} && STRSTARTS(STR(?e), "{ENT_IRI}")) }} '
        "ORDER BY ?e LIMIT 1"
    ).rows
    return str(rows[0][0]) if rows else None


def neighbourhood_entities(store: Store, centre: str, depth: int) -> set[str]:
    """Return the entities within ``depth`` stated facts of ``centre`` (either direction).

    Walked on the merged graph's direct edges, a hop per query, so a focused view
    of a large store reads only its neighbourhood.
    """
    reached, frontier = {centre}, {centre}
    for _ in range(max(depth, 0)):
        if not frontier:
            break
        values = " ".join(f"<{e}>" for e in sorted(frontier))
        rows = store.query(
            f"SELECT DISTINCT ?n WHERE {{ VALUES ?e {{ {values} }} VALUES ?p {{ {_relations()} }} "
            f'{{ ?e ?p ?n }} UNION {{ ?n ?p ?e }} FILTER(STRSTARTS(STR(?n), "{ENT_IRI}")) }}'
        ).rows
        frontier = {str(row[0]) for row in rows} - reached
        reached |= frontier
    return reached


def chip_entities(store: Store, chip: str) -> set[str]:
    """Return the chip, the entities in a stated fact with it, and the parties to its approvals."""
    rows = store.query(
        f"SELECT DISTINCT ?n WHERE {{ {{ VALUES ?p {{ {_relations()} }} "
        f"{{ <{chip}> ?p ?n }} UNION {{ ?n ?p <{chip}> }} }} UNION {{ ?approval <{CKG.chip}> "
        f"<{chip}> . {{ ?approval <{CKG.approver}> ?n }} UNION "
        f"{{ ?approval <{CKG.grantee}> ?n }} }} "
        f'FILTER(STRSTARTS(STR(?n), "{ENT_IRI}")) }}'
    ).rows
    return {chip} | {str(row[0]) for row in rows}


def ranked_entities(store: Store, limit: int) -> tuple[list[str], int]:
    """Return the ``limit`` entities in the most stated facts, and how many entities there are.

    Counted on the direct edges (either end), most first, ties by IRI: cheap even
    at 10M triples, where the whole projection is not.
    """
    text = _query_text("ranked").replace("VALUES ?p { UNDEF }", f"VALUES ?p {{ {_relations()} }}")
    ranked = [str(row[0]) for row in store.query(f"{text}\nLIMIT {int(limit)}").rows]
    total = store.query(_query_text("total")).rows[0][0]
    return ranked, int(str(total)) if total is not None else 0


def _only(text: str, variable: str, entities: Collection[str] | None) -> str:
    """Return a projection query whose ``variable`` is bound to ``entities`` (all if None)."""
    if entities is None:
        return text
    values = " ".join(f"<{e}>" for e in sorted(entities))
    return text.replace("WHERE {", f"WHERE {{\n  VALUES ?{variable} {{ {values} }}", 1)


def project(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_isolated: bool = True,
    entities: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """Return the store's entities and stated facts as a networkx ``MultiDiGraph``.

    ``since`` / ``until`` keep only evidence dated in that range (event date, else
    the article's date; undated evidence is dropped when a range is given).
    ``include_isolated=False`` drops entities that end up with no edge.
    ``entities`` (IRIs), when given, keeps those and the facts between them, and
    fetches nothing else (see :func:`ranked_entities`).

    Examples
    --------
    >>> g = project(store)  # doctest: +SKIP
    >>> g.edges["https://w3id.org/chipkg/id/h200", "https://w3id.org/chipkg/id/h20",
    ...         "outperforms"]["factor"]  # doctest: +SKIP
    6.0
    """
    graph = nx.MultiDiGraph(name="chipkg")
    nodes: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"kinds": set(), "labels": set(), "aliases": set(), "sameAs": set(), "arts": set()}
    )
    for e, k, v in store.query(_only(_query_text("nodes"), "e", entities)).rows:
        slot = {
            "type": "kinds",
            "label": "labels",
            "alias": "aliases",
            "sameAs": "sameAs",
            "article": "arts",
        }[str(k)]
        value = _local(v) if slot == "kinds" else str(v)
        nodes[str(e)][slot].add(value)
    for iri, info in sorted(nodes.items()):
        if not info["kinds"] and not info["labels"]:
            continue
        labels = sorted(info["labels"])
        wikidata = sorted(s[len(WD_IRI) :] for s in info["sameAs"] if s.startswith(WD_IRI))
        graph.add_node(
            iri,
            label=labels[0] if labels else iri.removeprefix(ENT_IRI),
            kind=_most_specific(info["kinds"]),
            kinds=sorted(k for k in info["kinds"] if k in EntityType.__members__),
            aliases=sorted(info["aliases"] - set(labels)),
            wikidata=wikidata[0] if wikidata else None,
            articles=len(info["arts"]),
            iri=iri,
        )

    edges: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)
    outlet_iris: set[str] = set()

    def add(key: tuple[str, str, str], r: dict[str, Any]) -> bool:
        day, shown = _dated(r)
        if not _in_range(day, since, until):
            return False
        edge = edges[key]
        edge.claims.add(str(r["claim"]))
        edge.articles.add(str(r["article"]))
        edge.sources.add(str(r["source"]))
        edge.modality.add(_local(r["modality"]))
        if day is not None and len(shown) > len(edge.dates.get(day, "")):
            edge.dates[day] = shown  # the finest precision any claim gives
        if r.get("outlet") is not None:
            edge.outlets.add(str(r["outlet"]))
            outlet_iris.add(str(r["outlet"]))
        sentence = str(r["sentence"])
        if sentence not in edge.sentences or (day and not edge.sentences[sentence]):
            edge.sentences[sentence] = day
        if r.get("factor") is not None:
            edge.factors.add(float(str(r["factor"])))
        if r.get("quantity") is not None:
            edge.quantities.add(int(float(str(r["quantity"]))))
        return True

    wanted = set(entities) if entities is not None else None
    for r in store.query(_only(_query_text("edges"), "s", entities)).dicts():
        s, o = str(r["s"]), str(r["o"])
        if s.startswith(ENT_IRI) and o.startswith(ENT_IRI) and (wanted is None or o in wanted):
            add((s, _local(r["p"]), o), r)
    for r in store.query(_only(_query_text("approvals"), "s", entities)).dicts():
        if wanted is not None and str(r["o"]) not in wanted:
            continue
        predicate = "conditionallyApproves" if _local(r["status"]) == "Conditional" else "approves"
        key = (str(r["s"]), predicate, str(r["o"]))
        if add(key, r):
            edges[key].chips.add(str(r["chip"]))
            if r.get("condition") is not None:
                edges[key].conditions.add(str(r["condition"]))

    # Outlets and approvals' chips are named on edges: an entity left out of the
    # fetched part still gives its label.
    named = {i for edge in edges.values() for i in (*edge.outlets, *edge.chips)}
    missing = sorted(i for i in named if i not in graph)
    outside = _labels(store, missing) if missing and entities is not None else {}

    def label(iri: str) -> str:
        if iri in graph:
            return str(graph.nodes[iri]["label"])
        return outside.get(iri) or iri.removeprefix(ENT_IRI)

    for (s, predicate, o), edge in sorted(edges.items()):
        for end in (s, o):
            if end not in graph:
                graph.add_node(
                    end,
                    label=end.removeprefix(ENT_IRI),
                    kind="Entity",
                    kinds=[],
                    aliases=[],
                    wikidata=None,
                    articles=0,
                    iri=end,
                )
        dates = sorted(edge.dates)
        sentences = sorted(edge.sentences, key=lambda t: (edge.sentences[t] or dt.date.max, t))
        graph.add_edge(
            s,
            o,
            key=predicate,
            predicate=predicate,
            predicate_iri=CKG_IRI + predicate,
            claims=len(edge.claims),
            articles=len(edge.articles),
            sources=sorted(edge.sources),
            outlets=sorted(label(i) for i in edge.outlets),
            dates=[edge.dates[d] for d in dates],
            first_date=edge.dates[dates[0]] if dates else None,
            last_date=edge.dates[dates[-1]] if dates else None,
            modality=sorted(edge.modality),
            sentences=sentences[:MAX_SENTENCES],
            factor=max(edge.factors) if edge.factors else None,
            quantity=max(edge.quantities) if edge.quantities else None,
            chips=sorted(label(c) for c in edge.chips),
            conditions=sorted(edge.conditions),
        )
    if not include_isolated:
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph


def neighbourhood(graph: nx.MultiDiGraph, centre: str, depth: int = 1) -> nx.MultiDiGraph:
    """Return the sub-graph of nodes within ``depth`` hops of ``centre``, either direction."""
    if centre not in graph:
        return nx.MultiDiGraph(graph.subgraph([]))
    reach = nx.single_source_shortest_path_length(
        graph.to_undirected(as_view=True), centre, cutoff=depth
    )
    return nx.MultiDiGraph(graph.subgraph(reach))
