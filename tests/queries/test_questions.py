"""Plain-English questions: every shape's example maps to its helper and answers."""

from __future__ import annotations

import pytest

from chipkg.graph.store import Store
from chipkg.queries.questions import UnknownQuestionError, ask, match_question, shapes


@pytest.mark.parametrize("shape", shapes(), ids=lambda s: s.example)
def test_each_example_maps_to_its_helper(shape) -> None:  # type: ignore[no-untyped-def]
    assert match_question(shape.example).helper == shape.helper


@pytest.mark.parametrize(
    ("question", "helper", "args"),
    [
        ("which firms are conditionally approved?", "conditionally-approved", {}),
        ("Who restricts the H200?", "restrictions", {"chip": "H200"}),
        ("who bans the Ascend 910C", "restrictions", {"chip": "Ascend 910C"}),
        ("Which approvals are under review?", "approvals", {"status": "UnderReview"}),
        ("What happened to Nvidia since 2026", "timeline", {"entity": "Nvidia", "since": "2026"}),
    ],
)
def test_arguments_are_extracted(question: str, helper: str, args: dict[str, str]) -> None:
    m = match_question(question)
    assert (m.helper, m.args) == (helper, args)


def test_unknown_question_lists_shapes_and_never_guesses() -> None:
    with pytest.raises(UnknownQuestionError) as err:
        match_question("how tall is the H200?")
    assert "Who restricts the H200?" in str(err.value)


def test_ask_answers_from_the_store(kg: Store) -> None:
    match, rows = ask(kg, "who restricts the H200?")
    assert match.helper == "restrictions"
    assert [r.regulator for r in rows] == ["Chinese customs", "US government"]
    assert match.command() == "chipkg ask restrictions --chip H200"
    _, firms = ask(kg, "Which firms are conditionally approved?")
    assert {r.firm for r in firms} == {"ByteDance", "Alibaba", "Tencent"}
    _, evidence = ask(kg, "What is the evidence that the H200 outperforms the H20?")
    assert evidence[0].sentence.startswith("The H200 is almost six times")
