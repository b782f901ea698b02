"""Registries: lookup by name and alias, lazy import, misses that list what exists."""

from __future__ import annotations

import pytest

from chipkg.graph.store import backends
from chipkg.ontology.errors import RegistryError
from chipkg.ontology.registry import Registry


def test_register_object_and_lazy_target() -> None:
    reg = Registry("widget")
    reg.register("json", "json:dumps", "js")
    reg.register("len", len)
    assert reg.get("JS")({"a": 1}) == '{"a": 1}'
    assert reg.get("len") is len
    assert reg.names() == ["js", "json", "len"]
    assert "json" in reg and "xml" not in reg


def test_a_miss_lists_what_exists() -> None:
    reg = Registry("widget")
    reg.register("a", len)
    with pytest.raises(RegistryError, match=r"Unknown widget 'b'\. Available: a"):
        reg.get("b")


@pytest.mark.parametrize("name", ["memory", "oxigraph"])
def test_every_local_backend_imports(name: str) -> None:
    cls = backends.get(name)
    assert cls.name == name
