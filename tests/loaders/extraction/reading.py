"""Shared helper for the extraction tests: run the extractor on one text, read facts by label."""

from __future__ import annotations

import datetime as dt

from chipkg.loaders.extraction import extract
from chipkg.ontology.identifiers import article_id, sha256_hex
from chipkg.ontology.models import Article, Extraction


def run(text: str, issued: dt.date | None = None) -> Extraction:
    """Return the extraction of ``text`` as a one-article input."""
    art = Article(
        id=article_id(text),
        source="test.txt",
        text=text,
        sha256=sha256_hex(text),
        format="txt",
        issued=issued,
    )
    return extract(art)


def facts(text: str, issued: dt.date | None = None) -> dict[tuple[str, str, str], set[str]]:
    """Return each (subject label, predicate, object label) with the modalities it was read with."""
    x = run(text, issued)
    label = {e.key: e.label for e in x.entities}
    out: dict[tuple[str, str, str], set[str]] = {}
    for c in x.claims:
        if c.predicate.value == "mentionedIn":
            continue
        key = (label[c.subject], c.predicate.value, label[c.object])
        out.setdefault(key, set()).add(c.modality.value)
    return out


def entities(text: str) -> dict[str, str]:
    """Return the article's entities as label -> class."""
    return {e.label: e.type.value for e in run(text).entities}
