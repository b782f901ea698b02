"""The examples in the loaders' docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "chipkg.loaders.cleaning",
    "chipkg.loaders.dates",
    "chipkg.loaders.decoding",
    "chipkg.loaders.limits",
    "chipkg.loaders.sources",
    "chipkg.loaders.formats",
    "chipkg.loaders.formats.html_page",
    "chipkg.loaders.formats.markdown",
    "chipkg.loaders.formats.records",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
    assert result.attempted > 0
