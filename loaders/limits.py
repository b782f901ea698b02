"""Limits that keep a loader from crashing or hanging on hostile input.

Every reader checks its input against one :class:`Limits`; breaking a limit gives a
:class:`~chipkg.ontology.errors.LoaderError` for that file, never an exception that
stops the batch.

Example
-------
>>> from chipkg.loaders.limits import Limits
>>> Limits().max_file_bytes
20000000
>>> Limits(max_file_bytes=1_000).max_file_bytes
1000
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Limits(BaseModel):
    """Configurable input limits; the defaults suit news articles and scraper dumps."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_file_bytes: int = Field(
        default=20_000_000, gt=0, description="Largest file (or standard input) read, in bytes."
    )
    max_line_chars: int = Field(
        default=1_000_000, gt=0, description="Longest line accepted, in characters."
    )
    max_html_depth: int = Field(
        default=400, gt=0, description="Deepest element nesting accepted in an HTML document."
    )
    max_records: int = Field(
        default=100_000, gt=0, description="Most records read from one JSON or JSON Lines file."
    )
    max_files: int = Field(
        default=1_000_000, gt=0, description="Most files visited in one directory walk."
    )


DEFAULT_LIMITS = Limits()
