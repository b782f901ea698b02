"""Registries: extension points looked up by name, imported lazily.

Loaders (one per input format), store backends (one per kind) and exporters are
registered here under a ``(kind, name)`` key with a ``"module:attribute"`` target,
the way rdflib registers parsers and stores. Nothing is imported until it is used,
and a miss lists what exists.

Example
-------
>>> from chipkg.ontology.registry import Registry
>>> fmt = Registry("format")
>>> fmt.register("upper", "builtins:str")
>>> fmt.get("upper") is str
True
>>> fmt.get("lower")
Traceback (most recent call last):
...
chipkg.ontology.errors.RegistryError: Unknown format 'lower'. Available: upper
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from chipkg.ontology.errors import RegistryError


class Registry:
    """A named set of lazily imported extension points of one kind."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._targets: dict[str, str] = {}
        self._loaded: dict[str, Any] = {}

    def register(self, name: str, target: str | Any, *aliases: str) -> None:
        """Register ``target`` (an object or ``"module:attr"``) under ``name`` and aliases."""
        for key in (name, *aliases):
            key = key.lower()
            if isinstance(target, str):
                self._targets[key] = target
                self._loaded.pop(key, None)
            else:
                self._loaded[key] = target
                self._targets[key] = f"{target.__module__}:{target.__qualname__}"

    def get(self, name: str) -> Any:
        """Return the object registered under ``name``, importing it on first use."""
        key = name.lower()
        if key in self._loaded:
            return self._loaded[key]
        target = self._targets.get(key)
        if target is None:
            available = ", ".join(self.names()) or "none"
            raise RegistryError(f"Unknown {self.kind} {name!r}. Available: {available}")
        module_name, _, attr = target.partition(":")
        obj: Any = importlib.import_module(module_name)
        for part in attr.split("."):
            obj = getattr(obj, part)
        self._loaded[key] = obj
        return obj

    def names(self) -> list[str]:
        """Return the registered names, sorted."""
        return sorted(self._targets)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._targets

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())
