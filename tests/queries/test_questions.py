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
        ("what outperforms the H20", "outperforms", {"other": "H20"}),
        ("What does the H200 beat?", "outperforms", {"chip": "H200"}),
        ("which firms have been approved?", "approvals", {}),
        (
            "Who was denied a licence to buy the H20?",
            "approvals",
            {"chip": "H20", "status": "Denied"},
        ),
        ("Which requests were rejected?", "approvals", {"status": "Denied"}),
        ("Which chips are restricted by Beijing?", "restrictions", {"regulator": "Beijing"}),
        (
            "What has the Commerce Department banned?",
            "restrictions",
            {"regulator": "Commerce Department"},
        ),
        ("who restricts exports of the H200?", "restrictions", {"chip": "H200"}),
        (
            "What did the Chinese government approve?",
            "approvals",
            {"approver": "Chinese government"},
        ),
        ("whom has METI cleared for the B30A", "approvals", {"approver": "METI", "chip": "B30A"}),
        (
            "Which applications did Beijing turn down?",
            "approvals",
            {"approver": "Beijing", "status": "Denied"},
        ),
        ("Who makes H20 chips?", "makers", {"chip": "H20"}),
        ("who curbs Ascend 910C shipments", "restrictions", {"chip": "Ascend 910C"}),
        (
            "Which outlets report that China approved ByteDance?",
            "evidence",
            {"subject": "China", "predicate": "approves", "object": "ByteDance"},
        ),
        (
            "which sources said the US government conditionally approved Nvidia",
            "evidence",
            {"subject": "US government", "predicate": "conditionallyApproves", "object": "Nvidia"},
        ),
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


@pytest.mark.parametrize(
    ("question", "command"),
    [
        (
            "Which outlets report that the H200 outperforms the H20?",
            "chipkg ask evidence H200 outperforms H20",
        ),
        ("how is Huawei connected to Jensen Huang", 'chipkg ask path Huawei "Jensen Huang"'),
        (
            "Who was denied a licence to buy the H20?",
            "chipkg ask approvals --chip H20 --status Denied",
        ),
    ],
)
def test_the_command_it_prints_is_the_cli_call(question: str, command: str) -> None:
    assert match_question(question).command() == command


def test_a_name_that_is_only_a_generic_noun_is_kept() -> None:
    assert match_question("who makes chips").args == {"chip": "chips"}
