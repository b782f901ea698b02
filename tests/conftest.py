"""Shared fixtures: repository paths, the shared corpus, and stores of every backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chipkg.graph.store import Store, open_store
from tests.processes import Child

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

#: Debian's Chromium, which the browser tests drive with Playwright.
CHROMIUM = Path("/usr/bin/chromium")
#: Flags that work on the CI machine: headless, no sandbox as root, no background traffic.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Yield a headless Chromium (skips, saying why, when it or Playwright is missing)."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (make test installs it with .ci/install-browser as root)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
