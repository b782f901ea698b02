"""Corpus check: cleaning drops exactly the boilerplate that gold.json marks as negative.

In ``../shared/corpus/*/gold.json`` each document's ``negative_entities`` occur only in
boilerplate (headline lists, author bios, captions, scripts). After ``to_article`` none
of those names may remain, while every required entity (label or alias) still does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chipkg.loaders.cleaning import to_article
from chipkg.loaders.document import RawDocument
from chipkg.loaders.sources import read_documents
from tests.loaders.corpus import corpus_sets, require_corpus


def _cases() -> list[tuple[Path, str]]:
    return [
        (folder, name)
        for folder in corpus_sets()
        for name in json.loads((folder / "gold.json").read_text(encoding="utf-8"))["documents"]
    ]


def _names(gold: dict, label: str) -> list[str]:
    return [label, *gold["entities"].get(label, {}).get("aliases", [])]


def _occurs(name: str, text: str, *, ignore_case: bool) -> bool:
    flags = re.IGNORECASE if ignore_case else 0
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags) is not None


def _article(folder: Path, name: str):
    (item,) = list(read_documents([folder / "articles" / name]))
    assert isinstance(item, RawDocument), item
    return to_article(item)


@pytest.mark.parametrize(("folder", "name"), _cases() or [pytest.param(None, None, id="absent")])
def test_negatives_gone_and_required_kept(folder: Path | None, name: str | None) -> None:
    require_corpus()
    assert folder is not None and name is not None
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    doc = gold["documents"][name]
    article = _article(folder, name)
    left = [
        n
        for label in doc["negative_entities"]
        for n in _names(gold, label)
        if _occurs(n, article.text, ignore_case=False)
    ]
    assert not left, f"{name}: boilerplate entities survived cleaning: {left}"
    missing = [
        label
        for label in doc["entities"]
        if not any(_occurs(n, article.text, ignore_case=True) for n in _names(gold, label))
    ]
    assert not missing, f"{name}: required entities lost by cleaning: {missing}"


@pytest.mark.parametrize(("folder", "name"), _cases() or [pytest.param(None, None, id="absent")])
def test_issued_date_matches_gold(folder: Path | None, name: str | None) -> None:
    require_corpus()
    assert folder is not None and name is not None
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    expected = gold["documents"][name]["issued"]
    article = _article(folder, name)
    assert (article.issued.isoformat() if article.issued else None) == expected


def test_html_dev_article_through_trafilatura() -> None:
    require_corpus()
    path = next(
        (
            f / "articles" / "dev_03_cac_summons.html"
            for f in corpus_sets()
            if (f / "articles" / "dev_03_cac_summons.html").is_file()
        ),
        None,
    )
    if path is None:
        pytest.skip("dev_03_cac_summons.html not in the shared corpus")
    (item,) = list(read_documents([path]))
    assert isinstance(item, RawDocument) and item.format == "html"
    article = to_article(item)
    assert (
        article.title
        == "China’s internet regulator summons Nvidia over ‘backdoor’ risks in H20 chips"
    )
    assert article.publisher == "Harbour Ledger"
    assert str(article.issued) == "2025-07-31"
    for furniture in ("dataLayer", "Home", "Sign up", "Also read", "© 2025", "Illustration:"):
        assert furniture not in article.text
    assert "Cyberspace Administration of China (CAC)" in article.text
    assert article.text.startswith(article.title)
