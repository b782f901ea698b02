"""Writing SPARQL results: SPARQL JSON / CSV / TSV / XML result formats and a text table.

Example
-------
>>> from rdflib import Literal
>>> r = QueryResult(kind="select", variables=["n"], rows=[(Literal(1),)])
>>> print(render(r, "csv"), end="")
n
1
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from chipkg.graph.store import QueryResult
from chipkg.ontology.errors import QueryError
from chipkg.ontology.registry import Registry

#: Result writers by name; each is ``write(result) -> str``.
result_formats = Registry("result format")

#: Media type of each result format.
MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "table": "text/plain",
}


def render(result: QueryResult, fmt: str) -> str:
    """Return ``result`` written in the named result format."""
    if result.kind == "graph" and fmt in ("table", "csv", "tsv"):
        result = QueryResult(
            kind="select",
            variables=["subject", "predicate", "object"],
            rows=list(result.triples),  # type: ignore[arg-type]
        )
    elif result.kind == "graph":
        raise QueryError(f"a graph result cannot be written as {fmt}; use turtle or nquads")
    writer: Callable[[QueryResult], str] = result_formats.get(fmt)
    return writer(result)


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def write_json(result: QueryResult) -> str:
    """Return the result in the SPARQL 1.1 Query Results JSON format."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}})


def _plain(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def write_csv(result: QueryResult) -> str:
    """Return the result in the SPARQL 1.1 CSV format (plain values)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow([str(bool(result.boolean)).lower()])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(t) for t in row])
    return buf.getvalue()


def write_tsv(result: QueryResult) -> str:
    """Return the result in the SPARQL 1.1 TSV format (terms in Turtle syntax)."""
    if result.kind == "ask":
        return f"?boolean\n{str(bool(result.boolean)).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else t.n3() for t in row))
    return "\n".join(lines) + "\n"


def _xml_term(term: Identifier) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
    if term.datatype is not None:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def write_xml(result: QueryResult) -> str:
    """Return the result in the SPARQL Query Results XML format."""
    head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
    if result.kind == "ask":
        return head + f"<head/><boolean>{str(bool(result.boolean)).lower()}</boolean></sparql>\n"
    parts = [head, "<head>"]
    parts += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    parts.append("</head>\n<results>\n")
    for row in result.rows:
        parts.append("<result>")
        for v, t in zip(result.variables, row, strict=True):
            if t is not None:
                parts.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
        parts.append("</result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts)


def write_table(result: QueryResult) -> str:
    """Return the result as an aligned plain-text table for a terminal."""
    if result.kind == "ask":
        return f"{str(bool(result.boolean)).lower()}\n"
    header = list(result.variables)
    body = [[_plain(t) for t in row] for row in result.rows]
    widths = [len(h) for h in header]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    widths = [min(w, 80) for w in widths]

    def line(cells: list[str]) -> str:
        return "  ".join(c[:80].ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out) + "\n"


result_formats.register("json", write_json)
result_formats.register("csv", write_csv)
result_formats.register("tsv", write_tsv)
result_formats.register("xml", write_xml)
result_formats.register("table", write_table)
