"""The skipping matcher finds what spaCy's Matcher finds, in the same order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher

from chipkg.loaders.extraction.matching import SkippingMatcher
from chipkg.loaders.extraction.resources import resources

DATA = Path(__file__).resolve().parents[2] / "data"

TEXTS = [
    "",
    "nothing here matches at all .",
    "Acme Widgets Inc. said the Ministry of Commerce and Trade of the Republic approved it.",
    "BEIJING - The Commerce Department approved ZX720 chips for Korvo Networks, Brightmoor "
    "Technologies and Quorra Systems. Halvard Systems, led by chief executive Mara Lind, makes "
    "the ZX720 in Taipei.\n\nThe Helix processor and the Ascend 910B beat the H20 by 3x.",
    "Ministry of Trade",  # a match that runs to the last token
    "the Ministry of state state said",  # words that fit only inner specs
    "The Big Co Inc. Big Co Inc. Inc. Co",  # overlapping candidates for the longest-match filter
]

PATTERNS: list[tuple[str, list[list[dict[str, Any]]]]] = [
    ("firm", [[{"IS_TITLE": True, "OP": "+"}, {"ORTH": {"IN": ["Inc.", "Systems"]}}]]),
    ("optional-first", [[{"LOWER": "the", "OP": "?"}, {"IS_TITLE": True}, {"LOWER": "of"}]]),
    ("star-tail", [[{"ORTH": "Ministry"}, {"LOWER": "of"}, {"IS_TITLE": True, "OP": "*"}]]),
    ("shape", [[{"SHAPE": {"IN": ["XXddd", "XXdddX", "Xdd"]}}, {"LOWER": "chips", "OP": "?"}]]),
    ("lower-run", [[{"ORTH": "Ministry"}, {"LOWER": "of"}, {"LOWER": "state", "OP": "+"}]]),
    ("regex", [[{"TEXT": {"REGEX": "^[A-Z]+$"}, "LENGTH": {">=": 3}}, {"ORTH": "-"}]]),
]


def _texts() -> list[str]:
    texts = list(TEXTS)
    for folder in sorted(DATA.glob("*/articles")):
        texts.extend(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())[:4])
    return texts


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.blank("en")


@pytest.mark.parametrize("greedy", [None, "LONGEST", "FIRST"])
def test_same_matches_as_spacy(nlp: Language, greedy: str | None) -> None:
    plain = Matcher(nlp.vocab)
    skipping = SkippingMatcher(nlp.vocab)
    for key, patterns in PATTERNS:
        plain.add(key, patterns, greedy=greedy)
        skipping.add(key, patterns, greedy=greedy)
    found = 0
    for text in _texts():
        doc = nlp.make_doc(text)
        expected = plain(doc)
        assert skipping(doc) == expected
        assert skipping(doc, [t.orth for t in doc]) == expected
        found += len(expected)
    assert found > 20


def test_same_matches_with_the_extractor_patterns() -> None:
    res = resources()
    assert res.matcher._skips  # the extractor's patterns are all lexical: it skips
    found = 0
    for text in _texts():
        doc = res.nlp.make_doc(text)
        expected = res.matcher.matcher(doc)  # the plain spaCy Matcher it wraps
        assert res.matcher(doc) == expected
        found += len(expected)
    assert found > 50


def test_a_full_word_cache_is_emptied_and_refilled(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("chipkg.loaders.extraction.matching.MAX_WORDS", 5)
    plain = Matcher(nlp.vocab)
    skipping = SkippingMatcher(nlp.vocab)
    for key, patterns in PATTERNS:
        plain.add(key, patterns, greedy="LONGEST")
        skipping.add(key, patterns, greedy="LONGEST")
    for text in _texts():
        doc = nlp.make_doc(text)
        assert skipping(doc) == plain(doc)
        assert len(skipping._kinds) <= 5 + len(doc)


def test_non_lexical_specs_match_the_whole_doc(nlp: Language) -> None:
    skipping = SkippingMatcher(nlp.vocab)
    skipping.add("start", [[{"IS_SENT_START": True}, {"IS_TITLE": True}]])
    assert not skipping._skips
    doc = nlp.make_doc("Big Co sells chips")
    doc[0].is_sent_start = True
    assert [(s, e) for _, s, e in skipping(doc)] == [(0, 2)]
