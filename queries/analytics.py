"""Graph analytics on the networkx projection: neighbours, paths and central entities.

These helpers read the store once into :func:`chipkg.graph.projection.project`
(stated and reported facts only) and answer with networkx.

Example
-------
>>> from chipkg.queries.analytics import path
>>> [(s.source, s.relation, s.target) for s in path(store, "Huawei", "Nvidia")]  # doctest: +SKIP
[('Huawei', 'makes', 'Ascend 910C'), ...]
"""

from __future__ import annotations

import itertools

import networkx as nx

from chipkg.graph.projection import project
from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.ontology.models import EntityType
from chipkg.queries.entities import resolve_entity
from chipkg.queries.rows import CentralityRow, NeighbourRow, PathStepRow, RowSet

_NOTE = "# computed with networkx on chipkg.graph.projection.project(store)"
#: Most hops ``neighbours`` goes out (past a few hops it is the whole graph).
MAX_DEPTH = 6


def _node(store: Store, graph: nx.MultiDiGraph, name: str) -> str:
    matches = [m for m in resolve_entity(store, name) if str(m.iri) in graph]
    if not matches:
        raise QueryError(f"{name!r} has no stated facts in the graph")
    return str(matches[0].iri)


def neighbours(store: Store, entity: str, *, depth: int = 1) -> RowSet[NeighbourRow]:
    """Return the entities within ``depth`` hops of ``entity`` (either edge direction).

    Each row gives the hop distance and the relations that link it to the hop before
    (``makes ->`` points away from the previous entity, ``<- makes`` towards it).
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise QueryError(f"depth must be from 1 to {MAX_DEPTH}, not {depth}")
    graph = project(store)
    centre = _node(store, graph, entity)
    undirected = graph.to_undirected(as_view=True)
    distance = nx.single_source_shortest_path_length(undirected, centre, cutoff=depth)
    rows = []
    for node, dist in distance.items():
        if node == centre:
            continue
        relations = set()
        for prev in undirected.neighbors(node):
            if distance.get(prev) != dist - 1:
                continue
            for key in graph.get_edge_data(prev, node, default={}):
                relations.add(f"{key} ->")
            for key in graph.get_edge_data(node, prev, default={}):
                relations.add(f"<- {key}")
        data = graph.nodes[node]
        rows.append(
            NeighbourRow(
                entity=data["label"],
                entity_iri=node,
                kind=data["kind"],
                distance=dist,
                relations=sorted(relations),
            )
        )
    rows.sort(key=lambda r: (r.distance, r.entity))
    return RowSet("neighbours", rows, [_NOTE], NeighbourRow)


def path(store: Store, source: str, target: str) -> RowSet[PathStepRow]:
    """Return a shortest chain of facts linking ``source`` to ``target`` (any direction).

    Raises :class:`QueryError` when the two are not connected.
    """
    graph = project(store)
    a, b = _node(store, graph, source), _node(store, graph, target)
    try:
        hops = nx.shortest_path(graph.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        raise QueryError(f"no chain of facts links {source!r} and {target!r}") from None
    rows = []
    for step, (u, v) in enumerate(itertools.pairwise(hops), start=1):
        forward = graph.get_edge_data(u, v, default={})
        edges = forward or graph.get_edge_data(v, u, default={})
        key = max(edges, key=lambda k: (edges[k].get("articles", 0), k))
        rows.append(
            PathStepRow(
                step=step,
                source=graph.nodes[u]["label"],
                source_iri=u,
                relation=key,
                target=graph.nodes[v]["label"],
                target_iri=v,
                direction="forward" if forward else "backward",
                articles=edges[key].get("articles", 0),
            )
        )
    return RowSet("path", rows, [_NOTE], PathStepRow)


def central(store: Store, *, top: int = 10, kind: str | None = None) -> RowSet[CentralityRow]:
    """Return the ``top`` entities by degree centrality (ties by articles behind their edges).

    ``kind`` keeps only entities of that class (e.g. ``Company``; any case).
    """
    if kind is not None:
        kinds = {k.lower(): k for k in EntityType.__members__}
        if kind.lower() not in kinds:
            raise QueryError(
                f"unknown kind {kind!r}; choose one of {', '.join(sorted(kinds.values()))}"
            )
        kind = kinds[kind.lower()]
    graph = project(store, include_isolated=False)
    if graph.number_of_nodes() == 0:
        return RowSet("central", [], [_NOTE], CentralityRow)
    simple = nx.DiGraph(graph)
    score = nx.degree_centrality(simple.to_undirected())
    support = {n: 0 for n in graph}
    for u, v, data in graph.edges(data=True):
        support[u] += data.get("articles", 0)
        support[v] += data.get("articles", 0)
    ranked = sorted(
        (n for n in graph if kind is None or graph.nodes[n]["kind"] == kind),
        key=lambda n: (-score[n], -support[n], graph.nodes[n]["label"]),
    )
    rows = [
        CentralityRow(
            rank=i,
            entity=graph.nodes[n]["label"],
            entity_iri=n,
            kind=graph.nodes[n]["kind"],
            degree=simple.to_undirected().degree(n),
            articles=support[n],
            score=round(score[n], 4),
        )
        for i, n in enumerate(ranked[:top], start=1)
    ]
    return RowSet("central", rows, [_NOTE], CentralityRow)
