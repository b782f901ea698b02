"""The registry of query helpers by name, as ``chipkg ask <name>`` and questions use them.

Example
-------
>>> helpers.get("makers").__name__
'makers'
"""

from __future__ import annotations

import inspect

from chipkg.ontology.registry import Registry

#: Query helpers by name: ``(store, ...) -> RowSet``.
helpers = Registry("query helper")
helpers.register("conditionally-approved", "chipkg.queries.approvals:conditionally_approved")
helpers.register("approvals", "chipkg.queries.approvals:approvals")
helpers.register("conditions", "chipkg.queries.approvals:conditions")
helpers.register("restrictions", "chipkg.queries.chips:restrictions")
helpers.register("outperforms", "chipkg.queries.chips:outperforms")
helpers.register("makers", "chipkg.queries.chips:makers")
helpers.register("evidence", "chipkg.queries.evidence:evidence")
helpers.register("timeline", "chipkg.queries.timeline:timeline")
helpers.register("disputes", "chipkg.queries.disputes:disputes")
helpers.register("neighbours", "chipkg.queries.analytics:neighbours", "neighbors")
helpers.register("path", "chipkg.queries.analytics:path")
helpers.register("central", "chipkg.queries.analytics:central")


def listings() -> list[str]:
    """Return the names of the helpers that list rows a page at a time (they take ``limit``).

    >>> "approvals" in listings() and "evidence" not in listings()
    True
    """
    return [name for name in helpers.names() if takes(name, "limit")]


def takes(name: str, parameter: str) -> bool:
    """Return True when the helper called ``name`` takes the keyword ``parameter``."""
    return parameter in inspect.signature(helpers.get(name)).parameters
