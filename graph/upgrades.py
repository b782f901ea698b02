"""Upgrades of stored data, for stores written by an older chipkg.

When the mapping starts writing a triple it can derive from what it wrote before
(the approval positions, for one), a store written earlier lacks it. Each
``store_upgrades/*.ru`` file is an idempotent SPARQL Update that derives such
triples from what every store holds; :class:`chipkg.api.KnowledgeGraph` runs them
when it installs a changed ontology, which comes with every such change.
"""

from __future__ import annotations

from pathlib import Path

from chipkg.graph.store import Store

#: The SPARQL Updates, run in name order.
UPGRADES = Path(__file__).with_name("store_upgrades")


def upgrade(store: Store) -> list[str]:
    """Return the names of the upgrades run on ``store`` (all of them, in name order)."""
    names = []
    for path in sorted(UPGRADES.glob("*.ru")):
        store.update(path.read_text(encoding="utf-8"))
        names.append(path.stem)
    return names
