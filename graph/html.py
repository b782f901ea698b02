"""The HTML graph: one self-contained, offline page drawn with pyvis / vis-network.

:func:`render` turns a projection (:func:`chipkg.graph.projection.project`) into a
single HTML file: nodes coloured and shaped by class with a legend, edges labelled
by relation, conditional approvals and restrictions drawn so they stand out,
tooltips with the evidence (sentences, sources, outlets, dates, number of articles)
and a search / filter panel.

pyvis builds the nodes, edges and vis-network options; the page itself comes from
``graph_page.html`` / ``.js`` / ``.css`` beside this module, with vis-network's
JavaScript and CSS (shipped inside the pyvis package) written in-line, so the file
loads no script, stylesheet or font from anywhere. Article text never becomes
markup: node labels are drawn on a canvas, tooltips are built with ``textContent``,
and the JSON data block escapes ``<``, ``>`` and ``&``.

The layout is stabilised before the first paint (a bounded number of physics
iterations, fewer for big graphs), then physics is switched off, so a graph of
2,000 nodes settles at once instead of jiggling.

Example
-------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://w3id.org/chipkg/id/h200", label="H200", kind="Chip")
>>> html = render(g, title="demo")
>>> "vis-network" in html and "https://unpkg" not in html
True
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from chipkg.graph.store import Store
from chipkg.ontology.errors import ChipKGError
from chipkg.ontology.identifiers import slug

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class NodeStyle:
    """How nodes of one class are drawn."""

    color: str
    shape: str


@dataclass(frozen=True)
class EdgeStyle:
    """How edges of one relation are drawn."""

    color: str
    width: float
    dashes: bool = False
    emphasis: str = ""


#: Node style by most specific class (``kind`` on the projection's nodes).
NODE_STYLES: dict[str, NodeStyle] = {
    "Regulator": NodeStyle("#d1495b", "diamond"),
    "Company": NodeStyle("#2e86ab", "dot"),
    "Chip": NodeStyle("#3bb273", "square"),
    "NewsOutlet": NodeStyle("#8d99ae", "triangle"),
    "Organization": NodeStyle("#00a6a6", "dot"),
    "Person": NodeStyle("#f18f01", "star"),
    "Country": NodeStyle("#7b4ea3", "triangleDown"),
    "City": NodeStyle("#a77dc2", "triangleDown"),
    "Place": NodeStyle("#a77dc2", "triangleDown"),
    "Entity": NodeStyle("#6c757d", "ellipse"),
}

#: Edge style by relation; anything else is drawn in grey.
EDGE_STYLES: dict[str, EdgeStyle] = {
    "conditionallyApproves": EdgeStyle("#f18f01", 4, dashes=True, emphasis="conditional approval"),
    "approves": EdgeStyle("#3bb273", 3),
    "restricts": EdgeStyle("#d1495b", 4, emphasis="restriction"),
    "outperforms": EdgeStyle("#2e86ab", 2),
    "makes": EdgeStyle("#555555", 1.5),
}
_DEFAULT_EDGE = EdgeStyle("#9aa5b1", 1.5)


@dataclass(frozen=True)
class GraphView:
    """What part of the store a page shows (the options of ``chipkg viz``)."""

    focus: str | None = None
    depth: int = 1
    chip: str | None = None
    since: str | dt.date | None = None
    max_entities: int | None = None
    """Most entities drawn (the most connected ones); None for :data:`MAX_ENTITIES`, 0 for all."""
    max_facts: int | None = None
    """Most facts drawn (the best attested ones); None for :data:`MAX_FACTS`, 0 for all."""

    def since_date(self) -> dt.date | None:
        """Return ``since`` as a date (raises ChipKGError when it is not YYYY-MM-DD)."""
        if self.since is None or isinstance(self.since, dt.date):
            return self.since
        try:
            return dt.date.fromisoformat(str(self.since))
        except ValueError:
            raise ChipKGError(f"--since {self.since!r} is not a date (YYYY-MM-DD)") from None


#: Entities a page draws unless told otherwise: a browser lays out 2,000 in seconds,
#: the 6,000 of a 1M-triple store took 13 s, and a 10M-triple store would not open.
MAX_ENTITIES = 2000
#: Facts a page draws unless told otherwise, the best attested (told by the most
#: articles): the 2,000 entities of a 10M-triple store held 74,707 facts, and a
#: page of them was 37 MB that a browser could not lay out.
MAX_FACTS = 10_000
#: Sources, outlets and dates an edge's tooltip lists; it says how many more there
#: are. A fact of a large store is told by thousands of articles: listing them all
#: made the page of a 10M-triple store 37 MB, and no reader scrolls such a list.
MAX_LISTED = 10


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """Return the node named ``name`` (IRI, key, label or alias; case-insensitive).

    Raises ChipKGError listing a few labels when nothing matches.
    """
    if name in graph:
        return name
    wanted = name.strip().casefold()
    key = slug(name)
    for node in graph.nodes:
        if str(node).rsplit("/", 1)[-1] == key:
            return str(node)
    for node, data in graph.nodes(data=True):
        names = [data.get("label") or "", *(data.get("aliases") or [])]
        if any(str(n).casefold() == wanted for n in names):
            return str(node)
    known = sorted(str(d.get("label")) for _, d in graph.nodes(data=True))[:10]
    raise ChipKGError(f"no entity named {name!r} in the graph; some that exist: {', '.join(known)}")


def select(graph: nx.MultiDiGraph, view: GraphView) -> nx.MultiDiGraph:
    """Return the part of ``graph`` that ``view`` asks for (focus and chip filters)."""
    from chipkg.graph.projection import neighbourhood

    if view.chip:
        chip = find_node(graph, view.chip)
        keep = {chip}
        for u, v, data in graph.edges(data=True):
            chips = [str(c) for c in data.get("chips") or []]
            if chip in (u, v) or chip in chips or graph.nodes[chip].get("label") in chips:
                keep.update((u, v))
        graph = nx.MultiDiGraph(graph.subgraph(keep))
    if view.focus:
        graph = neighbourhood(graph, find_node(graph, view.focus), max(view.depth, 0))
    limit = MAX_ENTITIES if view.max_entities is None else view.max_entities
    graph = most_connected(graph, limit) if limit else graph
    facts = MAX_FACTS if view.max_facts is None else view.max_facts
    return best_attested(graph, facts) if facts else graph


def best_attested(graph: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """Return ``graph`` with the ``limit`` drawn facts told by the most articles (then claims).

    Every entity stays. The graph's ``facts_total`` attribute keeps how many facts
    there were, so a page can say what it leaves out. A conditional approval kept
    keeps its materialised ``approves`` edge (see :func:`drawn_edges`).

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="makes", articles=3)
    'makes'
    >>> g.add_edge("a", "c", key="makes", articles=1)
    'makes'
    >>> kept = best_attested(g, 1)
    >>> list(kept.edges), kept.graph["facts_total"]
    ([('a', 'b', 'makes')], 2)
    """
    drawn = list(drawn_edges(graph))
    if len(drawn) <= limit:
        return graph
    ranked = sorted(
        drawn,
        key=lambda e: (
            -(e[3].get("articles") or 0),
            -(e[3].get("claims") or 0),
            str(e[0]),
            e[2],
            str(e[1]),
        ),
    )
    keep = {(u, v, relation) for u, v, relation, _ in ranked[:limit]}
    keep |= {(u, v, "approves") for u, v, relation in keep if relation == "conditionallyApproves"}
    kept = graph.copy()
    kept.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, data in graph.edges(keys=True, data=True)
            if (u, v, str(data.get("predicate") or k)) not in keep
        ]
    )
    kept.graph["facts_total"] = len(drawn)
    return kept


def most_connected(graph: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """Return the sub-graph of the ``limit`` entities with the most facts (ties by label).

    The graph's ``entities_total`` attribute keeps how many there were, so a page
    can say what it leaves out.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("d", "a")])
    >>> sorted(most_connected(g, 2).nodes), most_connected(g, 2).graph["entities_total"]
    (['a', 'b'], 4)
    """
    total = graph.graph.get("entities_total", graph.number_of_nodes())
    if graph.number_of_nodes() <= limit:
        return graph
    ranked = sorted(
        graph.nodes(data="label"), key=lambda n: (-graph.degree(n[0]), str(n[1] or n[0]))
    )
    kept = nx.MultiDiGraph(graph.subgraph(node for node, _ in ranked[:limit]))
    kept.graph["entities_total"] = total
    return kept


def project_view(store: Store, view: GraphView) -> nx.MultiDiGraph:
    """Return the projection of ``store`` restricted to ``view``.

    A focus is walked in the store first, and without a focus or a chip a store of
    more entities than the page draws is ranked first
    (:func:`~chipkg.graph.projection.ranked_entities`): only the entities drawn,
    and the facts between them, are fetched. At 10M triples the whole projection
    took 72 s and 2 GB.
    """
    from chipkg.graph.projection import (
        chip_entities,
        find_entity,
        neighbourhood_entities,
        project,
        ranked_entities,
    )

    since = view.since_date()
    limit = MAX_ENTITIES if view.max_entities is None else view.max_entities
    chosen: list[str] | None = None
    total = 0
    centre = find_entity(store, view.focus) if view.focus else None
    chip = find_entity(store, view.chip) if view.chip else None
    if centre is not None:  # its neighbourhood, walked in the store (unknown names: below)
        chosen = sorted(neighbourhood_entities(store, centre, view.depth))
        if chip is not None:
            chosen = sorted(set(chosen) & chip_entities(store, chip))
    elif chip is not None:
        chosen = sorted(chip_entities(store, chip))
    elif limit and not view.focus and not view.chip:
        ranked, total = ranked_entities(store, limit)
        chosen = ranked if total > limit else None
    # A date filter keeps the entities that have evidence in range, not every entity.
    graph = project(store, since=since, include_isolated=since is None, entities=chosen)
    if chosen is not None and centre is None and chip is None:
        graph.graph["entities_total"] = total
    return select(graph, view)


def render_store(
    store: Store, view: GraphView | None = None, *, title: str = "chipkg graph"
) -> str:
    """Return the HTML page of the store's graph (see :func:`render`)."""
    return render(project_view(store, view or GraphView()), title=title)


def write_html(
    store: Store, path: str | Path, view: GraphView | None = None, *, title: str = "chipkg graph"
) -> Path:
    """Write the HTML page of the store's graph to ``path`` and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_store(store, view, title=title), encoding="utf-8")
    return out


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value]
    return [str(value)]


def _listed(name: str, value: Any) -> dict[str, Any]:
    """Return the first :data:`MAX_LISTED` items (``name``) and how many more (``name_more``).

    ``name_more`` is left out when there are no more: most facts have a few sources.
    """
    items = _list(value)
    if len(items) <= MAX_LISTED:
        return {name: items}
    return {name: items[:MAX_LISTED], f"{name}_more": len(items) - MAX_LISTED}


def _evidence(relation: str, data: dict[str, Any]) -> dict[str, Any]:
    style = EDGE_STYLES.get(relation, _DEFAULT_EDGE)
    return {
        "relation": relation,
        "emphasis": style.emphasis,
        "articles": data.get("articles") or 0,
        "claims": data.get("claims") or 0,
        "sentences": _list(data.get("sentences")),
        **_listed("sources", data.get("sources")),
        **_listed("outlets", data.get("outlets")),
        **_listed("dates", data.get("dates")),
        "modality": _list(data.get("modality")),
        "factor": data.get("factor"),
        "quantity": data.get("quantity"),
        "chips": _list(data.get("chips")),
        "conditions": _list(data.get("conditions")),
    }


def drawn_edges(graph: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, str, dict[str, Any]]]:
    """Return the edges the page draws: ``(u, v, relation, data)``.

    A conditional approval is drawn once: its materialised ``approves`` edge is not.
    """
    conditional = {(u, v) for u, v, k in graph.edges(keys=True) if k == "conditionallyApproves"}
    for u, v, key, data in graph.edges(keys=True, data=True):
        relation = str(data.get("predicate") or key)
        if relation == "approves" and (u, v) in conditional:
            continue
        yield u, v, relation, data


def _network(
    graph: nx.MultiDiGraph,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Return pyvis's nodes, edges and options for ``graph``."""
    from pyvis.network import Network

    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    ids: dict[str, int] = {}
    for number, (node, data) in enumerate(sorted(graph.nodes(data=True), key=lambda n: str(n[0]))):
        ids[str(node)] = number
        kind = str(data.get("kind") or "Entity")
        style = NODE_STYLES.get(kind, NODE_STYLES["Entity"])
        articles = int(data.get("articles") or 0)
        net.add_node(
            number,
            label=str(data.get("label") or str(node).rsplit("/", 1)[-1]),
            shape=style.shape,
            color=style.color,
            size=12 + min(articles, 20),
            kind=kind,
            iri=str(node),
            aliases=_list(data.get("aliases")),
            articles=articles,
        )
    for u, v, relation, data in drawn_edges(graph):
        edge_style = EDGE_STYLES.get(relation, _DEFAULT_EDGE)
        net.add_edge(
            ids[str(u)],
            ids[str(v)],
            label=relation,
            relation=relation,
            color=edge_style.color,
            width=edge_style.width + min(int(data.get("articles") or 0), 5) * 0.5,
            dashes=edge_style.dashes,
            evidence=_evidence(relation, data),
        )
    n = len(ids)
    net.set_options(json.dumps(_options(n)))
    nodes, edges, *_ = net.get_network_data()
    return nodes, edges, _options(n)


def _options(n: int) -> dict[str, Any]:
    big = n > 300
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n <= 150, "randomSeed": 7},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
            "smooth": False if big else {"type": "continuous"},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000 if not big else -3000,
                "springLength": 140,
                "avoidOverlap": 0.2,
            },
            "stabilization": {
                "enabled": True,
                "iterations": 300 if n <= 300 else 120,
                "updateInterval": 50,
                "fit": True,
            },
        },
    }


def _script_json(value: Any) -> str:
    """Return JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


@cache
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover - guard
        raise ChipKGError("the vis-network assets cannot be in-lined safely")
    return js, css


def _counts(graph: nx.MultiDiGraph, nodes: int, edges: int) -> str:
    total = graph.graph.get("entities_total", nodes)
    facts = graph.graph.get("facts_total", edges)
    entities = (
        f"the {nodes} most connected of {total} entities" if total > nodes else f"{nodes} entities"
    )
    told = f"the {edges} best attested of {facts} facts" if facts > edges else f"{edges} facts"
    if total > nodes or facts > edges:
        return (
            f"{entities} · {told} "
            "(chipkg viz --focus, --chip, --since, --max-entities or --max-facts shows others)"
        )
    return f"{entities} · {told}"


def render(graph: nx.MultiDiGraph, *, title: str = "chipkg graph") -> str:
    """Return one self-contained HTML page drawing ``graph``.

    ``graph`` is a projection as :func:`chipkg.graph.projection.project` returns it.
    """
    import html

    nodes, edges, options = _network(graph)
    legend = [
        {"kind": kind, "color": s.color, "shape": s.shape}
        for kind, s in NODE_STYLES.items()
        if any(n["kind"] == kind for n in nodes)
    ]
    relations = sorted({e["relation"] for e in edges})
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "legend": legend,
        "relations": [
            {"relation": r, "color": EDGE_STYLES.get(r, _DEFAULT_EDGE).color} for r in relations
        ],
    }
    vis_js, vis_css = _vis_assets()
    page = _asset("graph_page.html")
    replacements = {
        "/*VIS_CSS*/": vis_css,
        "/*PAGE_CSS*/": _asset("graph_page.css"),
        "/*VIS_JS*/": vis_js,
        "/*PAGE_JS*/": _asset("graph_page.js"),
        "/*GRAPH_DATA*/": _script_json(data),
        "<!--TITLE-->": html.escape(title),
        "<!--COUNTS-->": _counts(graph, len(nodes), len(edges)),
    }
    # One pass, so inserted text is never searched for placeholders again.
    out: list[str] = []
    rest = page
    while rest:
        positions = [(rest.find(k), k) for k in replacements if rest.find(k) >= 0]
        if not positions:
            out.append(rest)
            break
        index, key = min(positions)
        out.append(rest[:index])
        out.append(replacements[key])
        rest = rest[index + len(key) :]
    return "".join(out)
