"""Locating the shared corpus (``../shared/corpus`` beside the repository) for loader tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"


def corpus_sets() -> list[Path]:
    """Return the corpus folders that hold ``articles/`` and ``gold.json`` (may be empty)."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if (p / "gold.json").is_file())


def require_corpus() -> None:
    """Skip the calling test, saying why, when the shared corpus is absent."""
    if not corpus_sets():
        pytest.skip(f"shared corpus not found at {CORPUS} (CI has it at ../shared)")
