"""Every example in a docstring runs (networkx style: documentation that is tested)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import chipkg

#: Modules whose import needs something a test machine may lack.
SKIP = {"chipkg.__main__", "chipkg.cli.__main__"}  # running it would start the CLI


def _modules() -> list[str]:
    names = ["chipkg"]
    for sub in ("ontology", "loaders", "graph", "queries", "cli"):
        package = importlib.import_module(f"chipkg.{sub}")
        names.append(package.__name__)
        names += [
            info.name
            for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
        ]
    names.append("chipkg.api")
    return sorted(set(names) - SKIP)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_package_exposes_the_api() -> None:
    assert callable(chipkg.open)
    assert chipkg.KnowledgeGraph.__name__ == "KnowledgeGraph"
    with pytest.raises(AttributeError):
        chipkg.no_such_thing  # noqa: B018
