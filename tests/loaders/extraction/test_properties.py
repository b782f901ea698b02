"""Property: for any text the extractor neither crashes nor emits evidence off its sentence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.loaders.extraction.reading import run

WORDS = st.sampled_from(
    [
        "Nvidia",
        "H20",
        "H200",
        "China",
        "Beijing",
        "approved",
        "banned",
        "the",
        "chips",
        "of",
        "ByteDance",
        "Alibaba",
        ",",
        ".",
        "and",
        "not",
        "may",
        "Reuters",
        "said",
        "(NDRC)",
        "its",
        "Huawei's",
        "Ascend",
        "910C",
        "more",
        "powerful",
        "than",
        "\n",
        "\n\n",
        "’s",
        "Inc.",
        "chief",
        "executive",
        "Jensen",
        "Huang",
        "visited",
        "such",
        "as",
        "400,000",
        "times",
    ]
)


def _check(text: str) -> None:
    x = run(text)  # the model validators already check offsets; check again explicitly
    for c in x.claims:
        assert text[c.char_start : c.char_end] == c.sentence
    for a in x.approvals:
        for ev in a.evidence:
            assert text[ev.char_start : ev.char_end] == ev.sentence
    for m in x.mentions:
        assert text[m.start : m.end] == m.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=80).map(" ".join))
def test_domain_word_salad(text: str) -> None:
    _check(text)
