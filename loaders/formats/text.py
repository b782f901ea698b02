"""Plain-text reader (``.txt``, ``.text``): the text is the document."""

from __future__ import annotations

from chipkg.loaders.document import RawDocument
from chipkg.loaders.formats import ReadResult
from chipkg.loaders.limits import Limits


def read_text(text: str, source: str, limits: Limits) -> ReadResult:
    """Yield one RawDocument holding ``text`` unchanged (cleaning happens later)."""
    yield RawDocument(text=text, source=source, format="text")
