"""Fixtures for the query helpers: the hand-written chips.trig in a store of each backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from chipkg.graph.store import Store

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "queries" / "chips.trig"


@pytest.fixture
def kg(store: Store) -> Store:
    """Return a store of each local backend holding tests/data/queries/chips.trig."""
    with FIXTURE.open("rb") as data:
        store.load(data, "trig")
    return store
