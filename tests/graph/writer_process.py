"""A real writer process for the locking, snapshot and crash tests.

``python -m tests.graph.writer_process STORE ARTICLES TRIPLES [--hold] [--bulk N]``
opens the oxigraph store at STORE, prints ``ready <pid>`` and then writes ARTICLES
named graphs (``https://example.org/article/<n>``) of TRIPLES triples each, one
transaction per graph, printing ``wrote <n>`` after each. With ``--bulk N`` it
writes N new graphs per ``add_graphs`` call instead (numbering on from the graphs
already in the store) and prints ``wrote <n>`` after each call. With ``--hold`` it
then waits for a line on standard input before closing; ARTICLES 0 means "write
forever" (the tests stop it with a signal).
"""

from __future__ import annotations

import sys

from rdflib import Literal, URIRef

from chipkg.graph.store import GraphData, open_store

EX = "https://example.org/"


def article(n: int) -> URIRef:
    """Return the name of the n-th article graph."""
    return URIRef(f"{EX}article/{n}")


def triples(n: int, count: int) -> list[tuple[URIRef, URIRef, Literal]]:
    """Return the triples of the n-th article graph."""
    subject = URIRef(f"{EX}thing/{n}")
    return [(subject, URIRef(f"{EX}p{i}"), Literal(f"value {n} {i} " * 4)) for i in range(count)]


def main(argv: list[str]) -> None:
    """Write articles into a store as the module docstring describes."""
    location, articles, size = argv[0], int(argv[1]), int(argv[2])
    hold = "--hold" in argv
    bulk = int(argv[argv.index("--bulk") + 1]) if "--bulk" in argv else 0
    with open_store("oxigraph", location) as store:
        print("ready", flush=True)
        n = sum(1 for _ in store.graphs()) if bulk else 0
        while articles == 0 or n < articles:
            if bulk:
                store.add_graphs(
                    [GraphData(article(k), triples=triples(k, size)) for k in range(n, n + bulk)]
                )
                n += bulk
            else:
                store.replace_graph(article(n), triples(n, size))
                n += 1
            print(f"wrote {n}", flush=True)
        if hold:
            sys.stdin.readline()
    print("closed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
