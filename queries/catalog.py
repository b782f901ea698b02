"""The registry of query helpers by name, as ``chipkg ask <name>`` and questions use them.

Example
-------
>>> helpers.get("makers").__name__
'makers'
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from chipkg.ontology.errors import QueryError
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


class HelperParameter(BaseModel):
    """One keyword a helper takes, as a web client or a form fills it in: text, int or bool."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: Literal["text", "int", "bool"]
    required: bool
    default: str | int | bool | None = None


def parameters(name: str) -> list[HelperParameter]:
    """Return the parameters of the helper called ``name`` (the store excepted).

    >>> [(p.name, p.kind, p.required) for p in parameters("evidence")][:2]
    [('subject', 'text', True), ('object', 'text', True)]
    """
    found = []
    for parameter in list(inspect.signature(helpers.get(name)).parameters.values())[1:]:
        annotation = str(parameter.annotation)
        kind: Literal["text", "int", "bool"] = (
            "bool"
            if "bool" in annotation
            else "int"
            if "int" in annotation.split(" | ")
            else "text"
        )
        required = parameter.default is inspect.Parameter.empty
        default = None if required else parameter.default
        found.append(
            HelperParameter(name=parameter.name, kind=kind, required=required, default=default)
        )
    return found


def bind(name: str, values: Mapping[str, str]) -> dict[str, Any]:
    """Return the keyword arguments for the helper ``name`` from text ``values`` (a query string).

    Raises QueryError naming the parameter when one is unknown, missing or not of its kind.

    >>> bind("makers", {"chip": "H200", "limit": "10"})
    {'chip': 'H200', 'limit': 10}
    """
    known = {p.name: p for p in parameters(name)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        accepted = ", ".join(known) or "none"
        raise QueryError(f"{name} takes no parameter {unknown[0]!r} (it takes: {accepted})")
    missing = [p.name for p in known.values() if p.required and p.name not in values]
    if missing:
        raise QueryError(f"{name} needs the parameter {missing[0]!r}")
    bound: dict[str, Any] = {}
    for key, text in values.items():
        kind = known[key].kind
        if kind == "int":
            if not text.strip().isdigit():
                raise QueryError(f"{key} must be a whole number, not {text!r}")
            bound[key] = int(text)
        elif kind == "bool":
            if text.lower() not in _BOOLEANS:
                raise QueryError(f"{key} must be true or false, not {text!r}")
            bound[key] = _BOOLEANS[text.lower()]
        else:
            bound[key] = text
    return bound


_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
