"""Export of the projection to GraphML and GEXF, for Gephi, Cytoscape and yEd.

Both formats hold only scalar attributes of one type per key, and XML 1.0 cannot
carry most control characters. :func:`exchange_graph` therefore returns a copy of
the projection where lists become ``"a; b"`` strings, missing values are left out
(not written as ``None``), every string is stripped of characters XML refuses, and
each edge gets a ``label`` (its relation) and a ``weight`` (its claim count) that
Gephi shows and uses. Writers are registered by format name in :data:`exporters`.

Example
-------
>>> import io, networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("ent:a", label="A\\x0b", aliases=["x", "y"], wikidata=None)
>>> g.add_edge("ent:a", "ent:a", key="rivals", predicate="rivals", claims=2)
'rivals'
>>> out = io.BytesIO(); write_exchange(g, out, "graphml")
>>> b"x; y" in out.getvalue()
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import networkx as nx

from chipkg.ontology.errors import ChipKGError
from chipkg.ontology.registry import Registry

#: Characters XML 1.0 does not allow (C0 controls other than tab, LF and CR; and
#: the non-characters U+FFFE/U+FFFF and unpaired surrogates).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: Separator of list values in exported attributes.
LIST_SEPARATOR = "; "

#: Graph writers by format name: ``(graph, binary stream) -> None``.
exporters = Registry("graph exchange format")


def xml_safe(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", text)


def _value(value: Any) -> Any:
    """Return a GraphML/GEXF-safe scalar for one attribute value (None to drop it)."""
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return xml_safe(LIST_SEPARATOR.join(str(v) for v in items))
    return xml_safe(str(value))


def _attrs(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        safe = _value(value)
        if safe is not None:
            out[xml_safe(str(key))] = safe
    return out


def exchange_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of ``graph`` whose attributes GraphML and GEXF writers accept.

    Lists become ``"a; b"`` strings, None values are dropped, strings lose the
    characters XML refuses, and each key keeps one type across the graph (a key
    that mixes types is written as text everywhere).
    """
    out = nx.MultiDiGraph()
    out.graph.update(_attrs(dict(graph.graph)))
    for node, data in graph.nodes(data=True):
        out.add_node(xml_safe(str(node)), **_attrs(data))
    for s, o, key, data in graph.edges(keys=True, data=True):
        attrs = _attrs(data)
        attrs.setdefault("label", attrs.get("predicate", str(key)))
        if "claims" in attrs:
            attrs.setdefault("weight", float(attrs["claims"]))
        out.add_edge(xml_safe(str(s)), xml_safe(str(o)), key=xml_safe(str(key)), **attrs)
    _unify_types(out)
    return out


def _unify_types(graph: nx.MultiDiGraph) -> None:
    """Write a key as text everywhere when its values differ in type (GraphML needs one)."""
    for items in (
        [d for _, d in graph.nodes(data=True)],
        [d for _, _, d in graph.edges(data=True)],
    ):
        types: dict[str, set[type]] = {}
        for data in items:
            for k, v in data.items():
                types.setdefault(k, set()).add(type(v))
        mixed = {k for k, ts in types.items() if len(ts) > 1}
        ints_and_floats = {k for k in mixed if types[k] <= {int, float}}
        for data in items:
            for k in mixed & set(data):
                if k in ints_and_floats:
                    data[k] = float(data[k])
                else:
                    data[k] = str(data[k])


def _graphml(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    nx.write_graphml(exchange_graph(graph), out, named_key_ids=True)


def _gexf(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    nx.write_gexf(exchange_graph(graph), out)


exporters.register("graphml", _graphml)
exporters.register("gexf", _gexf)


def write_exchange(graph: nx.MultiDiGraph, out: IO[bytes] | str | Path, fmt: str) -> None:
    """Write ``graph`` to ``out`` (a binary stream or a path) as ``graphml`` or ``gexf``."""
    writer: Callable[[nx.MultiDiGraph, IO[bytes]], None] = exporters.get(fmt)
    if isinstance(out, str | Path):
        try:
            with open(out, "wb") as stream:
                writer(graph, stream)
        except OSError as exc:
            raise ChipKGError(f"cannot write {fmt} to {out}: {exc.strerror}") from exc
        return
    writer(graph, out)


def format_for_path(path: str | Path) -> str:
    """Return the exchange format a file name's extension stands for (graphml or gexf)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in exporters:
        return suffix
    raise ChipKGError(
        f"{path}: cannot tell the graph format from the extension "
        f"(use one of: {', '.join('.' + n for n in exporters.names())})"
    )
