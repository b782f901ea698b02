"""Shared fixtures: repository paths, the shared corpus, and stores of every backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from chipkg.graph.store import Store, open_store
from tests.processes import Child

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

#: Local backends every store contract test runs against (the sparql backend adds itself).
LOCAL_BACKENDS = ["memory", "oxigraph"]


def corpus_dir(name: str) -> Path:
    """Return ../shared/corpus/<name>, skipping the test when the shared corpus is absent."""
    path = CORPUS / name
    if not (path / "gold.json").exists():
        pytest.skip(f"shared corpus {path} is not present (it lives beside the repo in CI)")
    return path


@pytest.fixture(params=LOCAL_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Yield an empty store of each local backend."""
    if request.param == "memory":
        s = open_store("memory")
    else:
        s = open_store(request.param, tmp_path / "store")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def children() -> Iterator[list[Child]]:
    """Collect child processes and kill any left running."""
    started: list[Child] = []
    yield started
    for child in started:
        child.close()
