"""Stable identifiers: slugs and article ids."""

from __future__ import annotations

import pytest

from chipkg.ontology.identifiers import article_id, slug


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Chinese government", "chinese-government"),
        ("Beijing (city)", "beijing-city"),
        ("Nvidia’s", "nvidias"),
        ("Ascend 910C", "ascend-910c"),
        ("Société Générale", "societe-generale"),
        ("!!!", "entity"),
    ],
)
def test_slug(label: str, expected: str) -> None:
    assert slug(label) == expected


def test_article_id_depends_only_on_text() -> None:
    assert article_id("a") == article_id("a")
    assert article_id("a") != article_id("b")
    assert len(article_id("a")) == 16
