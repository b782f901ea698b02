"""Modality, attribution and confidence of claims."""

from __future__ import annotations

import pytest

from tests.loaders.extraction.reading import facts, run

CASES = [
    (
        "The Commerce Department banned the QX500 chips.",
        ("US Commerce Department", "restricts", "QX500"),
        "Asserted",
    ),
    (
        "The Commerce Department banned the QX500 chips, Reuters reported.",
        ("US Commerce Department", "restricts", "QX500"),
        "Reported",
    ),
    (
        "The Commerce Department banned the QX500 chips, according to people familiar with it.",
        ("US Commerce Department", "restricts", "QX500"),
        "Reported",
    ),
    (
        "The Commerce Department may ban the QX500 chips.",
        ("US Commerce Department", "restricts", "QX500"),
        "Planned",
    ),
    (
        "The Commerce Department is considering a ban on the QX500 chips.",
        ("US Commerce Department", "restricts", "QX500"),
        "Planned",
    ),
    (
        "The Commerce Department did not ban the QX500 chips.",
        ("US Commerce Department", "restricts", "QX500"),
        "Negated",
    ),
    (
        "The Commerce Department has not moved to restrict sales of the QX500 chips.",
        ("US Commerce Department", "restricts", "QX500"),
        "Negated",
    ),
    (
        "China has approved Korvo Networks to buy QX500 chips.",
        ("Chinese government", "approves", "Korvo Networks"),
        "Asserted",
    ),
    (
        "No licence for Korvo Networks to buy QX500 chips has been granted by China.",
        ("Chinese government", "approves", "Korvo Networks"),
        "Negated",
    ),
    (
        "Quantix chief executive Ilse Varga will visit China next week.",
        ("Ilse Varga", "visited", "China"),
        "Planned",
    ),
    # "not permitted" is the restriction itself, not its negation
    (
        "Chinese customs authorities said the QX500 chips were not permitted to enter the country.",
        ("Chinese customs", "restricts", "QX500"),
        "Reported",
    ),
]


@pytest.mark.parametrize(("sentence", "fact", "modality"), CASES)
def test_modality(sentence: str, fact: tuple[str, str, str], modality: str) -> None:
    found = facts(sentence)
    assert modality in found.get(fact, set()), sorted(found.items())


def test_attribution_names_the_outlet_and_carries_to_anonymous_sources() -> None:
    text = (
        "China has approved Korvo Networks to buy QX500 chips, the Financial Times reported.\n\n"
        "Brightmoor Technologies has also ordered QX500 chips, the newspaper said."
    )
    x = run(text)
    by_pred = {c.predicate.value: c for c in x.claims if c.predicate.value != "mentionedIn"}
    assert by_pred["approves"].attributed_to == "financial-times"
    assert by_pred["seeksToBuy"].attributed_to == "financial-times"


def test_hedged_claim_scores_below_direct_one() -> None:
    direct = run("The Commerce Department banned the QX500 chips.")
    hedged = run("The Commerce Department may ban the QX500 chips.")

    def conf(x):  # type: ignore[no-untyped-def]
        return next(c.confidence for c in x.claims if c.predicate.value == "restricts")

    assert conf(hedged) < conf(direct)


def test_every_claim_names_its_rule() -> None:
    x = run("Halvard Systems chief executive Omar Reyes said the ZX720 chip beats the ZX500 chip.")
    assert x.claims and all(c.extracted_by for c in x.claims)
    assert {c.extracted_by for c in x.claims if c.predicate.value == "leads"} == {"leads.title"}


@pytest.mark.parametrize(
    ("sentence", "fact", "modality"),
    [
        # "added X to the list" is an action, not attribution
        (
            "The Commerce Department added the H20 to the list of controlled chips.",
            ("US Commerce Department", "restricts", "H20"),
            "Asserted",
        ),
        # "..., the company added." is attribution
        (
            "Halvard Systems makes the H20, the company added.",
            ("Halvard Systems", "makes", "H20"),
            "Reported",
        ),
        (
            "Halvard Systems makes the H20, he added in a statement.",
            ("Halvard Systems", "makes", "H20"),
            "Reported",
        ),
    ],
)
def test_added_is_attribution_only_after_a_clause(
    sentence: str, fact: tuple[str, str, str], modality: str
) -> None:
    assert facts(sentence)[fact] == {modality}
