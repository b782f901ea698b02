"""Stable identifiers: entity slugs and article ids.

An entity's IRI is ``ent:`` + the slug of its canonical label; an article's IRI is
``art:`` + a digest of its cleaned text. Both are pure functions of their input, so
the same thing gets the same IRI on every machine and in every run.

Example
-------
>>> slug("Beijing (city)")
'beijing-city'
>>> slug("Nvidia’s H200")
'nvidias-h200'
>>> article_id("some text")
'b94f6f125c79e3a5'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’`]")


def slug(label: str) -> str:
    """Return the IRI-safe slug of a label: ASCII, lower case, words joined by '-'."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    folded = _APOSTROPHES.sub("", ascii_label.lower())
    return _NON_WORD.sub("-", folded).strip("-") or "entity"


def sha256_hex(text: str) -> str:
    """Return the SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(cleaned_text: str) -> str:
    """Return the stable article id: the first 16 hex digits of the text's SHA-256."""
    return sha256_hex(cleaned_text)[:16]
