"""Approval sentence shapes: who approves whom for which chip, with which status."""

from __future__ import annotations

import pytest

from tests.loaders.extraction.reading import run

CD = "US Commerce Department"

CASES = [
    (
        "The US government has approved the export of H100 chips to Quorra, the company said.",
        ("US government", "Quorra", "H100", "Granted"),
    ),
    (
        "Washington has cleared exports of advanced H200 chips to Quorra.",
        ("US government", "Quorra", "H200", "Granted"),
    ),
    (
        "US officials granted export licences for 35,000 Blackwell chips to Quorra under strict "
        "conditions.",
        ("US government", "Quorra", "Blackwell", "Conditional"),
    ),
    (
        "Malaysian authorities rejected an application by Kinto Compute to import H100 chips.",
        ("Malaysian government", "Kinto Compute", "H100", "Denied"),
    ),
    (
        "Quorra won approval from Washington to buy up to 18,000 GB300 chips.",
        ("US government", "Quorra", "GB300", "Granted"),
    ),
    (
        "The Commerce Department granted Halvard Systems permission to export ZX720 chips.",
        (CD, "Halvard Systems", "ZX720", "Granted"),
    ),
    (
        "Halvard Systems received approval from the Commerce Department to ship ZX720 chips.",
        (CD, "Halvard Systems", "ZX720", "Granted"),
    ),
    (
        "Halvard Systems has secured a licence from the Commerce Department to sell ZX720 chips.",
        (CD, "Halvard Systems", "ZX720", "Granted"),
    ),
    (
        "The Commerce Department has authorised Halvard Systems to ship ZX720 chips, on condition "
        "that they are not used by the military.",
        (CD, "Halvard Systems", "ZX720", "Conditional"),
    ),
    (
        "Halvard Systems is awaiting approval from the Commerce Department to sell ZX720 chips.",
        (CD, "Halvard Systems", "ZX720", "UnderReview"),
    ),
    (
        "Licences were granted to Halvard Systems to export ZX720s, the Commerce Department said.",
        (CD, "Halvard Systems", "ZX720", "Granted"),
    ),
    (
        "The Commerce Department signed off on the sale of 18,000 ZX720 chips to Korvo Networks.",
        (CD, "Korvo Networks", "ZX720", "Granted"),
    ),
    (
        "Korvo Networks won U.S. approval to buy ZX720 chips.",
        ("US government", "Korvo Networks", "ZX720", "Granted"),
    ),
    (
        "The Commerce Department is reviewing Korvo Networks' application to import ZX720 chips.",
        (CD, "Korvo Networks", "ZX720", "UnderReview"),
    ),
    (
        "The Commerce Department refused to grant Korvo Networks a licence for ZX720 chips.",
        (CD, "Korvo Networks", "ZX720", "Denied"),
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_approval_shape(sentence: str, expected: tuple[str, str, str, str]) -> None:
    x = run(sentence)
    label = {e.key: e.label for e in x.entities}
    found = {
        (label[a.approver], label[g], label[a.chip], a.status.value)
        for a in x.approvals
        for g in a.grantees
    }
    assert expected in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Halvard Systems is awaiting approval from the Commerce Department to sell ZX720 chips.",
        "Korvo Networks wants ZX720 chips should the Commerce Department approve Korvo Networks.",
        "The Commerce Department refused to grant Korvo Networks a licence for ZX720 chips.",
    ],
)
def test_no_plain_approves_edge_unless_granted(sentence: str) -> None:
    claims = run(sentence).claims
    assert not [
        c
        for c in claims
        if c.predicate.value in ("approves", "conditionallyApproves")
        and c.modality.value in ("Asserted", "Reported")
    ]


def test_quantity_read_from_the_approval_sentence() -> None:
    x = run(
        "The Commerce Department signed off on the sale of 18,000 ZX720 chips to Korvo Networks."
    )
    assert [a.quantity for a in x.approvals] == [18000]


SHAPES_2 = [
    (
        "The Commerce Department approved the export of ZX720 chips to Korvo Networks on "
        "condition that the chips stay out of Russia, people familiar with the matter told "
        "Reuters.",
        (CD, "Korvo Networks", "ZX720", "Conditional"),
    ),
    (
        "Indonesian regulators cleared Korvo Networks to import ZX720 chips last week.",
        ("Indonesian government", "Korvo Networks", "ZX720", "Granted"),
    ),
    (
        "The Commerce Department said it had received applications from Halvard Systems.\n\n"
        "The department approved a request by Halvard Systems to re-export 3,000 ZX720 chips "
        "to Singapore, provided that the company keeps records of every buyer.",
        (CD, "Halvard Systems", "ZX720", "Conditional"),
    ),
    (
        "Beijing approved purchases of ZX720 chips by Brightmoor Technologies.",
        ("Chinese government", "Brightmoor Technologies", "ZX720", "Granted"),
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SHAPES_2)
def test_approval_shape_more(sentence: str, expected: tuple[str, str, str, str]) -> None:
    test_approval_shape(sentence, expected)


def test_an_outlet_told_is_never_a_grantee() -> None:
    x = run(SHAPES_2[0][0])
    label = {e.key: e.label for e in x.entities}
    assert {label[g] for a in x.approvals for g in a.grantees} == {"Korvo Networks"}


def test_quantity_in_the_next_sentence_of_the_paragraph() -> None:
    x = run(
        "The Commerce Department granted licences to Korvo Networks to buy ZX720 chips. "
        "The licences allow Korvo Networks to import up to 500,000 chips a year."
    )
    assert [a.quantity for a in x.approvals] == [500000]


def test_quantity_does_not_cross_a_paragraph() -> None:
    x = run(
        "The Commerce Department granted licences to Korvo Networks to buy ZX720 chips.\n\n"
        "The licences are one of many; Brightmoor Technologies sold 500,000 chips last year."
    )
    assert [a.quantity for a in x.approvals] == [None]


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        (
            "The Commerce Department approved ZX720 chips for Korvo Networks on condition that "
            "it pays the US government 15% of the revenue.",
            "pay the US government 15% of the revenue",
        ),
        (
            "Beijing approved Korvo Networks to buy ZX720 chips. The approvals come with "
            "conditions: buyers must bundle each purchase with a set ratio of domestic chips.",
            "bundle each purchase with a set ratio of domestic chips",
        ),
        (
            "The Commerce Department cleared Korvo Networks to buy ZX720 chips, requiring buyers "
            "to keep the chips out of Russia.",
            "keep the chips out of Russia",
        ),
        (
            "The Commerce Department has authorised Halvard Systems to ship ZX720 chips, provided "
            "the chips are not used by the military, officials said.",
            "the chips are not used by the military",
        ),
    ],
)
def test_condition_label_is_the_condition(sentence: str, label: str) -> None:
    (approval,) = run(sentence).approvals
    assert [c.label for c in approval.conditions] == [label]


def test_conditions_stay_with_their_own_approval() -> None:
    x = run(
        "The Commerce Department approved ZX720 chips for Korvo Networks on condition that it "
        "pays the US government 15% of the revenue.\n\n"
        "Separately, Beijing approved purchases of QX500 chips by Brightmoor Technologies."
    )
    label = {e.key: e.label for e in x.entities}
    status = {label[a.chip]: a.status.value for a in x.approvals}
    assert status == {"ZX720": "Conditional", "QX500": "Granted"}
    edges = {(c.predicate.value, label[c.object]) for c in x.claims}
    assert ("approves", "Brightmoor Technologies") in edges
    assert ("conditionallyApproves", "Brightmoor Technologies") not in edges


REVIEW = [
    "The Commerce Department has yet to decide on Korvo Networks' request to buy H20 chips.",
    "The Commerce Department has not yet approved Korvo Networks' request to import H20 chips, "
    "which remains under review.",
    "The Commerce Department is still assessing requests from Korvo Networks to import H20 chips.",
    "Korvo Networks is still waiting for a decision from the Commerce Department on its request "
    "to buy H20 chips.",
    "Korvo Networks' application to import H20 chips is still being reviewed by the Commerce "
    "Department.",
    "The Commerce Department has not decided whether to let Korvo Networks buy H20 chips.",
]


@pytest.mark.parametrize("sentence", REVIEW)
def test_review_language_is_under_review_never_denied_or_approved(sentence: str) -> None:
    test_approval_shape(sentence, (CD, "Korvo Networks", "H20", "UnderReview"))
    x = run(sentence)
    assert {a.status.value for a in x.approvals} == {"UnderReview"}
    test_no_plain_approves_edge_unless_granted(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Korvo Networks was denied a licence to import H20 chips by the Commerce Department.",
            (CD, "Korvo Networks", "H20", "Denied"),
        ),
        (
            "The Commerce Department refused to grant Korvo Networks a licence to export "
            "H20 chips.",
            (CD, "Korvo Networks", "H20", "Denied"),
        ),
        (
            "Commerce Secretary Lorna Fitch said Halvard Systems could ship the H20 as long as the "
            "government receives 25% of the sales.",
            (CD, "Halvard Systems", "H20", "Conditional"),
        ),
        (
            "The Commerce Department said Halvard Systems can sell the H20 provided that the chips "
            "stay out of Russia.",
            (CD, "Halvard Systems", "H20", "Conditional"),
        ),
    ],
)
def test_refusals_and_stated_permissions(sentence: str, expected: tuple[str, ...]) -> None:
    test_approval_shape(sentence, expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "sentence",
    [
        # a firm that denies something refuses nobody a licence
        "Korvo Networks was denied access to the event, but it still bought H20 chips.",
        # a permission stated by an analyst is no approval
        "Lorna Fitch, an analyst, said Halvard Systems could ship the H20 as long as the "
        "government receives 25% of the sales.",
        "Analysts said Halvard Systems could ship the H20 as long as demand holds.",
        # negated permission
        "Commerce Secretary Lorna Fitch said Halvard Systems could not ship the H20 as long as "
        "the ban stands.",
    ],
)
def test_no_approval_without_a_regulator_granting_it(sentence: str) -> None:
    assert run(sentence).approvals == ()


WIRE_COPY = [
    # refusals
    (
        "Korvo Networks' application to import H20 chips was rejected by the Commerce Department.",
        (CD, "Korvo Networks", "H20", "Denied"),
    ),
    (
        "Korvo Networks was refused permission to import H20 chips, the Commerce Department said.",
        (CD, "Korvo Networks", "H20", "Denied"),
    ),
    (
        "Regulators in Washington turned down Korvo Networks, which had sought to import H20 "
        "chips.",
        ("US government", "Korvo Networks", "H20", "Denied"),
    ),
    (
        "The Commerce Department blocked a sale of H20 chips to Korvo Networks.",
        (CD, "Korvo Networks", "H20", "Denied"),
    ),
    (
        "The Commerce Department withheld approval for Korvo Networks to buy H20 chips.",
        (CD, "Korvo Networks", "H20", "Denied"),
    ),
    # requests under review
    (
        "Korvo Networks has applied for licences to import H20 chips; the Commerce Department is "
        "reviewing them.",
        (CD, "Korvo Networks", "H20", "UnderReview"),
    ),
    (
        "Applications from Korvo Networks and Halvard Systems to import H20 chips are pending at "
        "the Commerce Department.",
        (CD, "Halvard Systems", "H20", "UnderReview"),
    ),
    (
        "Korvo Networks has asked the Commerce Department for permission to import H20 chips.",
        (CD, "Korvo Networks", "H20", "UnderReview"),
    ),
    # grants
    (
        "Licences were issued to Korvo Networks and Halvard Systems to buy H20 chips, the "
        "Commerce Department said.",
        (CD, "Halvard Systems", "H20", "Granted"),
    ),
    (
        "Korvo Networks won permission from the Commerce Department to import H20 chips.",
        (CD, "Korvo Networks", "H20", "Granted"),
    ),
    (
        "Korvo Networks, which paid $400 million for 2,000 servers, won approval from the "
        "Commerce Department to buy H20 chips.",
        (CD, "Korvo Networks", "H20", "Granted"),
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), WIRE_COPY)
def test_wire_copy_approvals(sentence: str, expected: tuple[str, str, str, str]) -> None:
    test_approval_shape(sentence, expected)
    x = run(sentence)
    if expected[3] != "Granted":
        assert {a.status.value for a in x.approvals} == {expected[3]}
        test_no_plain_approves_edge_unless_granted(sentence)


@pytest.mark.parametrize(
    ("sentence", "quantity"),
    [
        (
            "Korvo Networks received approval from the Commerce Department to buy 12,000 H20 "
            "chips.",
            12000,
        ),
        (
            "Korvo Networks won a licence from the Commerce Department to import 1.2 million "
            "H20 chips.",
            1200000,
        ),
        (
            "The Commerce Department approved the sale of up to 3,000 H20 units to Korvo Networks.",
            3000,
        ),
        (
            "Korvo Networks secured approval from the Commerce Department for a batch of 8,000 "
            "H20 chips.",
            8000,
        ),
        (
            "The Commerce Department has signed off on Korvo Networks' purchase of some 50,000 "
            "H20 chips.",
            50000,
        ),
        (
            "Some 12,000 H20 chips were approved for Korvo Networks by the Commerce Department.",
            12000,
        ),
        # a number that counts something else is no quantity
        (
            "Korvo Networks, which paid $400 million for 2,000 servers, won approval from the "
            "Commerce Department to buy H20 chips.",
            None,
        ),
        (
            "The Commerce Department approved H20 chips for Korvo Networks, which has 3.5 data "
            "centres.",
            None,
        ),
    ],
)
def test_quantity_forms(sentence: str, quantity: int | None) -> None:
    assert [a.quantity for a in run(sentence).approvals] == [quantity]


def test_a_pending_request_beside_a_grant_is_its_own_approval() -> None:
    x = run(
        "The Commerce Department approved 20,000 H20 chips for Korvo Networks, while Halvard "
        "Systems' request for 5,000 remains under review."
    )
    label = {e.key: e.label for e in x.entities}
    found = {(a.status.value, tuple(label[g] for g in a.grantees), a.quantity) for a in x.approvals}
    assert found == {
        ("Granted", ("Korvo Networks",), 20000),
        ("UnderReview", ("Halvard Systems",), None),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The Commerce Department is considering granting Korvo Networks licences to import H20 "
        "chips.",
        "Korvo Networks hopes to win approval from the Commerce Department to buy H20 chips.",
        "Korvo Networks said it expected the Commerce Department to approve its purchase of H20 "
        "chips soon.",
        "Korvo Networks requested approval to buy H20 chips from the Commerce Department; no "
        "decision has been made.",
        "Korvo Networks is seeking permission to import H20 chips from the Commerce Department.",
        "The Commerce Department withheld approval for Korvo Networks to buy H20 chips.",
        "The Commerce Department could approve sales of H20 chips to Korvo Networks as early as "
        "next month, analysts said.",
    ],
)
def test_hedged_requested_or_withheld_is_never_an_approves_edge(sentence: str) -> None:
    test_no_plain_approves_edge_unless_granted(sentence)
    assert "Granted" not in {a.status.value for a in run(sentence).approvals}


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "The Commerce Department approved H20 chips for Korvo Networks. Conditions: Korvo "
            "Networks may not re-export the chips.",
            ["Korvo Networks may not re-export the chips"],  # a prohibition keeps its subject
        ),
        (
            "The Commerce Department approved H20 chips for Korvo Networks. The licence also "
            "obliges Korvo Networks to file quarterly reports.",
            ["file quarterly reports"],
        ),
        (
            "The Commerce Department approved H20 chips for Korvo Networks on condition that it "
            "keeps the chips out of Russia and that it files quarterly reports.",
            ["keep the chips out of Russia", "file quarterly reports"],
        ),
        # another paragraph, or a rule that is no licence, adds no condition
        (
            "The Commerce Department approved H20 chips for Korvo Networks.\n\nThe licence also "
            "obliges Halvard Systems to file quarterly reports.",
            [],
        ),
        (
            "The Commerce Department approved H20 chips for Korvo Networks. The rule obliges "
            "exporters to file quarterly reports.",
            [],
        ),
    ],
)
def test_conditions_after_a_colon_in_a_follow_up_and_split(text: str, labels: list[str]) -> None:
    (approval,) = run(text).approvals
    assert [c.label for c in approval.conditions] == labels
    assert approval.status.value == ("Conditional" if labels else "Granted")


# A batch purchase approval by one government beside a licence by another: two approvals,
# the buyers after "by" are grantees (not makers), the chip's maker is licensed only where
# the text says so.
TWO_EVENTS = (
    "Beijing has approved the purchase of more than 300,000 ZX720 chips by Brightmoor "
    "Technologies, Korvo Networks and Quorra Systems, people familiar with the matter said. "
    "The approval came after the Commerce Department granted Halvard Systems a licence to "
    "sell the ZX720 to China, on condition that it pays 20% of the revenue to the US "
    "government. Halvard Systems makes the ZX720."
)


def test_two_approvals_by_two_governments_in_one_article() -> None:
    x = run(TWO_EVENTS)
    label = {e.key: e.label for e in x.entities}
    found = {
        (label[a.approver], a.status.value, a.quantity, tuple(sorted(label[g] for g in a.grantees)))
        for a in x.approvals
    }
    assert (
        "Chinese government",
        "Granted",
        300000,
        ("Brightmoor Technologies", "Korvo Networks", "Quorra Systems"),
    ) in found, found
    assert (CD, "Conditional", None, ("Halvard Systems",)) in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        # a firm's takeover is a deal, not a chip purchase
        "The regulator cleared the acquisition of Korvo Networks by Halvard Systems, which "
        "makes ZX720 chips.",
        "The Commerce Department cleared the merger on condition that Halvard Systems sells "
        "its ZX720 unit.",
    ],
)
def test_a_cleared_deal_is_no_chip_approval(sentence: str) -> None:
    assert not run(sentence).approvals


@pytest.mark.parametrize(
    ("sentence", "quantity"),
    [
        (
            "The Commerce Department approved the export of ZX720 chips to Korvo Networks and "
            "Halvard Systems, 20,000 chips each, or 40,000 in total.",
            40000,
        ),
        (
            "The Commerce Department approved the export of as many as 40,000 ZX720 chips to "
            "Korvo Networks and Halvard Systems between them.",
            40000,
        ),
        # a money total is no chip count
        (
            "The Commerce Department approved the export of 20,000 ZX720 chips to Korvo "
            "Networks, a sale worth $900,000 in total.",
            20000,
        ),
    ],
)
def test_a_stated_total_is_the_quantity(sentence: str, quantity: int) -> None:
    assert [a.quantity for a in run(sentence).approvals] == [quantity]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        (
            "The administration will allow Halvard Systems to sell ZX720 chips in China, with "
            "20% of the proceeds going to the government, the president said.",
            "Conditional",
        ),
        # "would", a review or no one quoted: still a plan
        (
            "The administration would allow Halvard Systems to sell ZX720 chips in China, with "
            "20% of the proceeds going to the government, officials said.",
            "UnderReview",
        ),
        (
            "The administration is weighing whether it will allow Halvard Systems to sell ZX720 "
            "chips in China, with 20% of the proceeds going to the government, officials said.",
            "UnderReview",
        ),
    ],
)
def test_a_stated_future_grant_with_terms_is_conditional(sentence: str, status: str) -> None:
    x = run(sentence)
    assert [a.status.value for a in x.approvals] == [status]
    positive = {
        c.predicate.value
        for c in x.claims
        if c.predicate.value in ("approves", "conditionallyApproves")
        and c.modality.value in ("Asserted", "Reported")
    }
    assert positive == ({"conditionallyApproves"} if status == "Conditional" else set())


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "The Commerce Department approved the export of ZX720 chips to Korvo Networks. The "
            "conditions include strict security requirements, regular reporting and a ban on "
            "resale to third parties.",
            {
                "strict security requirements",
                "regular reporting",
                "a ban on resale to third parties",
            },
        ),
        (
            "Beijing approved purchases of ZX720 chips by Korvo Networks, but the purchases are "
            "capped at 60,000 units and the chips must pass security testing.",
            {"capped at 60,000 units", "pass security testing"},
        ),
    ],
)
def test_listed_conditions_and_volume_caps(text: str, labels: set[str]) -> None:
    approvals = run(text).approvals
    assert len(approvals) == 1
    assert {c.label for c in approvals[0].conditions} == labels
    assert approvals[0].status.value == "Conditional"


@pytest.mark.parametrize(
    "text",
    [
        # a cap on something that is no approval, a list of conditions that are no licence's
        "Korvo Networks said its revenue growth was capped at 20,000 dollars a month.",
        "Analysts said the conditions include strong demand, low prices and cheap power.",
    ],
)
def test_caps_and_condition_lists_without_an_approval(text: str) -> None:
    assert not run(text).approvals


@pytest.mark.parametrize(
    ("text", "grantees"),
    [
        # the maker of the chip is a grantee only when the text licenses it to sell
        (
            "Halvard Systems makes the ZX720 chip. The Commerce Department has cleared the "
            "company for ZX720 chips.",
            set(),
        ),
        (
            "Halvard Systems makes the ZX720 chip. The Commerce Department has cleared the "
            "company to sell ZX720 chips.",
            {"Halvard Systems"},
        ),
        (
            "Halvard Systems makes the ZX720 chip. The Commerce Department approved the "
            "company's ZX720 chips for Korvo Networks.",
            {"Korvo Networks"},
        ),
    ],
)
def test_the_chips_maker_is_licensed_only_to_sell(text: str, grantees: set[str]) -> None:
    x = run(text)
    label = {e.key: e.label for e in x.entities}
    assert {label[g] for a in x.approvals for g in a.grantees} == grantees


SAME_TERMS = (
    "The Commerce Department granted Halvard Systems a licence to sell ZX720 chips in China "
    "on condition that it pays 15% of the revenue to the US government. Korvo Networks also "
    "received a licence to sell its QX500 chips in China {tail}."
)


@pytest.mark.parametrize(
    ("tail", "status"),
    [
        ("under the same 15% revenue-sharing arrangement", "Conditional"),
        ("on the same terms", "Conditional"),
        # no reference back to the terms: a plain grant
        ("last week", "Granted"),
    ],
)
def test_same_terms_carry_the_conditions_over(tail: str, status: str) -> None:
    x = run(SAME_TERMS.format(tail=tail))
    label = {e.key: e.label for e in x.entities}
    korvo = [a for a in x.approvals if "Korvo Networks" in {label[g] for g in a.grantees}]
    assert [a.status.value for a in korvo] == [status]
    labels = {c.label for a in korvo for c in a.conditions}
    assert labels == (
        {"pay 15% of the revenue to the US government"} if status == "Conditional" else set()
    )


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # a sentence that only says conditions exist names none when a real one is known
        (
            "Beijing has approved Korvo Networks to buy ZX720 chips. The approvals come with "
            "conditions, the people said. Korvo must pair each purchase with domestic chips.",
            {"pair each purchase with domestic chips"},
        ),
        # with nothing better known, it is kept: the approval is still conditional
        (
            "Beijing has approved Korvo Networks to buy ZX720 chips. The approvals come with "
            "conditions, the people said.",
            None,
        ),
    ],
)
def test_generic_condition_gives_way_to_a_specific_one(text: str, labels: set[str] | None) -> None:
    approvals = run(text).approvals
    assert len(approvals) == 1
    assert approvals[0].status.value == "Conditional"
    got = {c.label for c in approvals[0].conditions}
    if labels is None:
        assert len(got) == 1
    else:
        assert got == labels


# Condition shapes of wire copy: every cue of a sentence gives its own condition, a list
# after "strings/requirements, including" gives one per item (and the head's kind), a
# prohibition keeps its subject and its "not"; a reason ("why X cannot ...") is no rule.
@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "The Commerce Department approved ZX720 chips for Korvo Networks: the chips may not "
            "be used in data centres that serve the military, and buyers must file quarterly "
            "reports.",
            [
                "the chips may not be used in data centres that serve the military",
                "file quarterly reports",
            ],
        ),
        (
            "The Commerce Department has started granting Korvo Networks licences to ship ZX720 "
            "chips, but every licence comes with strings, including a ceiling on volumes and a "
            "requirement that the chips clear testing before export, two people said.",
            ["the chips clear testing before export", "a ceiling on volumes"],
        ),
        (
            "The Commerce Department approved ZX720 chips for Korvo Networks. The licences carry "
            "strict security requirements, including limits on remote access and a promise "
            "that no third party will use the hardware, the official said.",
            [
                "strict security requirements",
                "limits on remote access",
                "a promise that no third party will use the hardware",
            ],
        ),
        (
            "The Commerce Department approved ZX720 chips for Korvo Networks after it explained "
            "why local suppliers cannot meet its needs.",
            [],
        ),
    ],
)
def test_each_condition_of_a_sentence(text: str, labels: list[str]) -> None:
    (approval,) = run(text).approvals
    assert [c.label for c in approval.conditions] == labels
    assert approval.status.value == ("Conditional" if labels else "Granted")


def test_chip_and_quantity_from_the_follow_up_of_a_wire_story() -> None:
    # the approval says only "chips"; the next paragraph names the chip and the total
    x = run(
        "The Commerce Department has approved exports of advanced chips to two Gulf "
        "companies, Z42 of the United Arab Emirates and Quillon of Saudi Arabia, an "
        "official said.\n\nThe licences allow the shipment of as many as 70,000 ZX720 chips in "
        "total to the two firms."
    )
    label = {e.key: e.label for e in x.entities}
    (approval,) = x.approvals
    assert {label[g] for g in approval.grantees} == {"Z42", "Quillon"}
    assert (label[approval.chip], approval.quantity) == ("ZX720", 70000)


def test_a_model_shaped_name_of_a_country_is_a_firm() -> None:
    x = run("Washington cleared H200 chips for two companies, K42 of Qatar and Quorra.")
    types = {e.label: e.type.value for e in x.entities}
    assert types["K42"] == "Company"


def test_refusal_by_a_ministry_named_with_its_acronym_keeps_the_number_asked_for() -> None:
    x = run(
        "Malaysia's Ministry of Investment, Trade and Industry (MITI) has declined to grant a "
        "permit to Kinto Compute, which had applied to move 3,000 ZX720 processors abroad."
    )
    (approval,) = x.approvals
    assert (approval.status.value, approval.quantity) == ("Denied", 3000)


def test_the_ministry_far_from_its_name_and_a_family_before_its_model() -> None:
    x = run(
        "Malaysia's Ministry of Investment, Trade and Industry (MITI) said on Monday it had "
        "new rules. The rules took effect in July. Exporters welcomed them. Data-centre "
        "builders were less happy. Prices rose. In a separate decision, the ministry approved "
        "a request by Kinto Compute to re-export 1,200 AMD Instinct MI300X accelerators, "
        "provided that the chips are installed only at a named facility."
    )
    label = {e.key: e.label for e in x.entities}
    (approval,) = x.approvals
    assert (label[approval.approver], label[approval.chip]) == ("MITI", "MI300X")
    assert [c.label for c in approval.conditions] == [
        "the chips are installed only at a named facility"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a relative "that" clause tells what someone did, it states no condition
        "The Commerce Department approved ZX720 chips for Korvo Networks under the permit "
        "requirement that Malaysia introduced in July.",
        # a rule for everyone is not the approval's condition
        "The Commerce Department approved ZX720 chips for Korvo Networks. Under that rule, "
        "companies must apply for a permit before any such chips leave the country.",
    ],
)
def test_no_condition_from_a_relative_clause_or_a_general_rule(text: str) -> None:
    (approval,) = run(text).approvals
    assert (approval.status.value, approval.conditions) == ("Granted", ())


def test_a_firm_in_the_terms_is_no_grantee_and_the_follow_up_gives_the_total() -> None:
    x = run(
        "Beijing has cleared Korvo Networks and Brightmoor Technologies to buy ZX720 chips, "
        "people familiar with the matter said. The decision extends an earlier round. The two "
        "companies may buy as many as 120,000 of the processors between them. The approvals "
        "carry conditions: buyers must purchase domestic accelerators alongside each Halvard "
        "Systems order."
    )
    label = {e.key: e.label for e in x.entities}
    (approval,) = x.approvals
    assert {label[g] for g in approval.grantees} == {"Korvo Networks", "Brightmoor Technologies"}
    assert (approval.status.value, approval.quantity) == ("Conditional", 120000)


def test_licensing_exports_licenses_the_maker() -> None:
    x = run(
        "Halvard Systems designs the ZX720. The Commerce Department began licensing ZX720 "
        "exports to approved customers in January, on condition that 25% of the revenue "
        "goes to Washington."
    )
    label = {e.key: e.label for e in x.entities}
    (approval,) = x.approvals
    assert [label[g] for g in approval.grantees] == ["Halvard Systems"]
    assert [c.label for c in approval.conditions] == ["25% of the revenue goes to Washington"]


def test_a_licensing_regime_licenses_no_one() -> None:
    x = run("The Commerce Department set up a licensing regime for ZX720 chips sold by Korvo.")
    assert x.approvals == ()


def test_the_exporter_is_the_grantee_not_its_customer() -> None:
    x = run(
        "South Korea's trade ministry has conditionally approved an application by Korvo "
        "Networks to export up to 12,000 of its ZX720 AI accelerators to Brightmoor, the people "
        "said. The Ministry of Trade, Industry and Energy (MOTIE) attached two conditions to "
        "the licence: Brightmoor may not re-export the accelerators, and officials must be "
        "allowed on-site inspections."
    )
    label = {e.key: e.label for e in x.entities}
    (approval,) = x.approvals
    assert [label[g] for g in approval.grantees] == ["Korvo Networks"]
    assert approval.quantity == 12000
    assert label[approval.approver] == "MOTIE"  # the gazetteer knows the ministry
    assert approval.status.value == "Conditional"


def test_a_government_and_its_agency_approving_the_same_thing_are_one_approval() -> None:
    x = run(
        "South Korea clears Korvo Networks to ship ZX720 chips to Brightmoor.\n\n"
        "SEOUL - The Ministry of Trade, Industry and Energy (MOTIE) has approved an "
        "application by Korvo Networks to export ZX720 chips, the people said."
    )
    label = {e.key: e.label for e in x.entities}
    assert [label[a.approver] for a in x.approvals] == ["MOTIE"]


# Wire phrasings of one approval each: (text, status, a grantee, quantity, a condition word).
KV = "Korvo Networks"
PHRASINGS = [
    (
        "The Commerce Department has conditionally approved Korvo Networks' request to buy "
        "ZX720 chips.",
        "Conditional",
        None,
        "conditionally",
    ),
    (
        "The Commerce Department approved the sale of ZX720 chips to Korvo Networks with "
        "strings attached.",
        "Conditional",
        None,
        "strings",
    ),
    (
        "The Commerce Department approved the sale of ZX720 chips to Korvo Networks, capping "
        "shipments at 20,000 units.",
        "Conditional",
        20000,
        "20,000",
    ),
    (
        "The Commerce Department approved exports of 10,000 ZX720 chips to Korvo Networks. "
        "The approval requires Korvo Networks to report the end users of the chips every "
        "quarter.",
        "Conditional",
        10000,
        "report",
    ),
    (
        "The Commerce Department approved the sale of ZX720 chips to Korvo Networks. Under the "
        "terms of the licence, the chips may not be resold.",
        "Conditional",
        None,
        "resold",
    ),
    (
        "The Commerce Department approved the sale of ZX720 chips to Korvo Networks. The "
        "licence limits shipments to 15,000 units a year.",
        "Conditional",
        15000,
        "a year",
    ),
    (
        "Korvo Networks won clearance from the Commerce Department for 7,000 ZX720 chips.",
        "Granted",
        7000,
        None,
    ),
    (
        "The Commerce Department approved Korvo Networks' purchase of ZX720 chips. Korvo "
        "Networks must also keep the chips out of China.",
        "Conditional",
        None,
        "China",
    ),
    (
        "The Commerce Department gave Korvo Networks the go-ahead to import ZX720 chips, "
        "provided it reports every shipment.",
        "Conditional",
        None,
        "report",
    ),
    (
        "The Commerce Department cleared Korvo Networks to buy a total of 30,000 ZX720 chips.",
        "Granted",
        30000,
        None,
    ),
    (
        "The Commerce Department granted Korvo Networks a licence to buy 9,000 ZX720 chips "
        "without conditions.",
        "Granted",
        9000,
        None,
    ),
    (
        "The Commerce Department licensed Halvard Systems to sell up to 25,000 ZX720 chips to "
        "Korvo Networks, subject to end-use checks.",
        "Conditional",
        25000,
        "end-use",
    ),
]


@pytest.mark.parametrize(("text", "status", "quantity", "word"), PHRASINGS)
def test_wire_phrasings(text: str, status: str, quantity: int | None, word: str | None) -> None:
    x = run(text)
    label = {e.key: e.label for e in x.entities}
    (approval,) = x.approvals
    assert (approval.status.value, approval.quantity) == (status, quantity)
    assert {label[g] for g in approval.grantees} & {KV, "Halvard Systems"}
    if word is not None:
        assert any(word in c.label for c in approval.conditions)


def test_a_need_is_no_condition() -> None:
    x = run(
        "The Commerce Department approved ZX720 chips for Korvo Networks. Regulators asked "
        "how many ZX720 chips the firms require for model development."
    )
    assert [a.conditions for a in x.approvals] == [()]


def test_a_decided_request_beside_a_pending_one_by_the_maker() -> None:
    x = run(
        "The Commerce Department has turned down Halvard Systems' application to sell its "
        "ZX720 processor to customers in China, people said. Halvard Systems designs the ZX720 "
        "and the QX900. Quorra Technologies, meanwhile, is still waiting for a decision on its "
        "request to sell the QX900 accelerator to Chinese cloud companies; officials are "
        "reviewing it, a person said."
    )
    label = {e.key: e.label for e in x.entities}
    found = {(a.status.value, tuple(label[g] for g in a.grantees)) for a in x.approvals}
    assert found == {("Denied", ("Halvard Systems",)), ("UnderReview", ("Quorra Technologies",))}


def test_an_announced_permission_with_terms_and_an_approved_adjective() -> None:
    x = run(
        "The Commerce Department issued a rule on Tuesday. The licences follow the Commerce "
        "Department's announcement in December that Halvard Systems could sell the ZX720 to "
        "approved customers in China provided the US government received 25% of the proceeds."
    )
    label = {e.key: e.label for e in x.entities}
    (approval,) = x.approvals
    assert [label[g] for g in approval.grantees] == ["Halvard Systems"]
    assert approval.status.value == "Conditional"


@pytest.mark.parametrize(
    "text",
    [
        "The Dutch government said on Friday that Korvo Networks will need a national export "
        "licence to ship its ZX720 chips.",
        "Under the rule, Korvo Networks requires a licence to export ZX720 chips.",
    ],
)
def test_a_licence_needed_is_no_licence_granted(text: str) -> None:
    assert run(text).approvals == ()


def test_a_refusal_names_an_unknown_firm_and_a_pending_application_is_the_regulators() -> None:
    x = run(
        "The Ministry of Trade, Industry and Energy (MOTIE) has approved an application by "
        "Korvo Networks to export ZX720 chips, on condition that the buyer files reports. "
        "Korvo Networks designs the ZX720. Sales rose. Analysts were pleased. Prices fell. "
        "A separate application from Quorra Technologies, a Seoul rival whose QRX900 chip runs "
        "large models, is still being reviewed, one of the people said.\n\n"
        "The ministry has also refused to grant Zelvane AI an export licence for its ZX720 "
        "chips."
    )
    label = {e.key: e.label for e in x.entities}
    found = {
        (a.status.value, tuple(label[g] for g in a.grantees), len(a.conditions))
        for a in x.approvals
    }
    assert ("UnderReview", ("Quorra Technologies",), 0) in found  # no other approval's terms
    assert ("Denied", ("Zelvane AI",), 0) in found


# Status phrasings: (text, status, a grantee, quantity).
STATUS_PHRASINGS = [
    (
        "Vietnam's trade ministry is examining a request by Korvo Networks to buy ZX720 chips.",
        "UnderReview",
        "Korvo Networks",
        None,
    ),
    (
        "Korvo Networks has filed an application with India's commerce ministry to import "
        "5,000 ZX720 chips.",
        "UnderReview",
        "Korvo Networks",
        5000,  # a request keeps the number asked for
    ),
    (
        "The Commerce Department did not grant Korvo Networks a licence to import ZX720 chips.",
        "Denied",
        "Korvo Networks",
        None,
    ),
    (
        "The Commerce Department vetoed the sale of 3,000 ZX720 chips to Korvo Networks.",
        "Denied",
        "Korvo Networks",
        3000,
    ),
    (
        "The Commerce Department approved Korvo Networks' request to import ZX720 chips but "
        "rejected Quorra Technologies' application.",
        "Denied",
        "Quorra Technologies",
        None,
    ),
    (
        "Korvo Networks obtained a licence from the Commerce Department to import 1,500 ZX720 "
        "chips.",
        "Granted",
        "Korvo Networks",
        1500,
    ),
]


@pytest.mark.parametrize(("text", "status", "grantee", "quantity"), STATUS_PHRASINGS)
def test_status_phrasings(text: str, status: str, grantee: str, quantity: int | None) -> None:
    x = run(text)
    label = {e.key: e.label for e in x.entities}
    found = {(a.status.value, label[g], a.quantity) for a in x.approvals for g in a.grantees}
    assert (status, grantee, quantity) in found


def test_grantees_named_by_the_next_sentence_with_their_duty() -> None:
    x = run(
        "NEW DELHI - India's Ministry of Electronics and Information Technology has approved "
        "the import of 18,000 ZX720 accelerators by three local cloud providers, officials "
        "said.\n\nThe approvals cover Korvo Networks, Quorra Technologies and Zelvane Cloud. "
        "Each company must report quarterly on how the chips are used."
    )
    label = {e.key: e.label for e in x.entities}
    (approval,) = x.approvals
    assert {label[g] for g in approval.grantees} == {
        "Korvo Networks",
        "Quorra Technologies",
        "Zelvane Cloud",
    }
    assert (approval.quantity, approval.status.value) == (18000, "Conditional")
    assert [c.label for c in approval.conditions] == ["report quarterly on how the chips are used"]


def test_firms_named_later_without_a_covering_verb_are_no_grantees() -> None:
    x = run(
        "Beijing's hesitation and delayed, unclear approvals of ZX720 chips are a result of "
        "its dual ambitions. The approvals of the ZX720 suggest Beijing is prioritising the "
        "needs of major internet companies, which compete with US rivals, such as Quorra "
        "Technologies."
    )
    assert x.approvals == ()


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "The Commerce Department approved the sale of ZX720 chips to Korvo Networks. Under "
            "the deal, Halvard Systems will pay the government 15% of the revenue.",
            "15%",
        ),
        (
            "The Commerce Department approved the sale of ZX720 chips to Korvo Networks. Korvo "
            "Networks will have to report every shipment to the department.",
            "report",
        ),
        (
            "The Commerce Department approved the sale of ZX720 chips to Korvo Networks after "
            "the company agreed to keep the chips out of China.",
            "China",
        ),
    ],
)
def test_terms_of_a_deal_and_duties(text: str, word: str) -> None:
    (approval,) = run(text).approvals
    assert approval.status.value == "Conditional"
    assert any(word in c.label for c in approval.conditions)


@pytest.mark.parametrize(
    "text",
    [
        "The Commerce Department approved the sale of ZX720 chips to Korvo Networks. Analysts "
        "said the company will have to raise prices.",
        "The Commerce Department approved ZX720 chips for Korvo Networks. Trump said he would "
        "not agree to sell the QX900 chip.",
    ],
)
def test_no_terms_from_analysts_or_a_refusal_to_agree(text: str) -> None:
    x = run(text)
    assert [a.status.value for a in x.approvals] == ["Granted"]
