"""chipkg: a knowledge-graph store for news about the AI-chip trade.

>>> import chipkg
>>> with chipkg.open("store-dir") as kg:  # doctest: +SKIP
...     kg.ingest(["articles/"])
...     kg.query("SELECT ?firm WHERE { ?r ckg:conditionallyApproves ?firm }")

The API is imported on first use, so ``import chipkg`` stays cheap for worker
processes and for modules that need only the ontology.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chipkg.ontology.errors import (
    ChipKGError,
    ExtractionError,
    LoaderError,
    QueryError,
    StoreError,
    StoreInUseError,
    ValidationError,
)

if TYPE_CHECKING:
    from chipkg.api import IngestReport, KnowledgeGraph, Stats, open

__version__ = "0.1.0"

_API = {"open", "KnowledgeGraph", "IngestReport", "Stats", "ArticleOutcome", "ArticleStatus"}

__all__ = [
    "ChipKGError",
    "ExtractionError",
    "IngestReport",
    "KnowledgeGraph",
    "LoaderError",
    "QueryError",
    "Stats",
    "StoreError",
    "StoreInUseError",
    "ValidationError",
    "__version__",
    "open",
]


def __getattr__(name: str) -> Any:
    if name in _API:
        from chipkg import api

        return getattr(api, name)
    raise AttributeError(f"module 'chipkg' has no attribute {name!r}")
