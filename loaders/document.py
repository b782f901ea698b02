"""The raw document a format reader hands to cleaning, before any extraction."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from chipkg.ontology.identifiers import sha256_hex


class RawDocument(BaseModel):
    """One document as a format reader found it: text plus whatever metadata it had."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(description="Decoded text (HTML already reduced to its main content).")
    source: str = Field(description="File path, URL, 'path#N' for a JSONL record, or '-'.")
    format: str = Field(description="Name of the reader that produced it.")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="Date as the input gave it.")
    publisher: str | None = None

    @property
    def digest(self) -> str:
        """Return the SHA-256 hex digest of the text as read (an article's ``source_sha256``)."""
        return sha256_hex(self.text)
