"""Relation rules: each family with made-up sentences that must and must not give the fact."""

from __future__ import annotations

import pytest

from tests.loaders.extraction.reading import facts

POSITIVE = [
    # makes
    (
        "Quantix Semiconductor's QX500 chips are popular with cloud firms.",
        ("Quantix Semiconductor", "makes", "QX500"),
    ),
    (
        "Buyers ordered ZX720 accelerators from chipmaker Halvard Systems.",
        ("Halvard Systems", "makes", "ZX720"),
    ),
    (
        "The chip is slower than the M900, the flagship Tessellate Technologies launched in 2023.",
        ("Tessellate Technologies", "makes", "M900"),
    ),
    ("Nvidia's H100 and its newer Blackwell GPUs are in demand.", ("Nvidia", "makes", "Blackwell")),
    # outperforms (direct, factor, inverse)
    ("The QX500 is far more powerful than the QX300 chip.", ("QX500", "outperforms", "QX300")),
    (
        "The QX500 delivers four times the performance of the QX300 processor.",
        ("QX500", "outperforms", "QX300"),
    ),
    (
        "The QX300 chip is considerably less capable than the QX500.",
        ("QX500", "outperforms", "QX300"),
    ),
    # rivals
    (
        "Local firms such as Brightmoor now have products that rival the QX500 chip.",
        ("Brightmoor", "rivals", "QX500"),
    ),
    # restricts (active, passive, noun with possessive)
    (
        "The Commerce Department barred shipments of the QX500 and QX700 chips to Russia.",
        ("US Commerce Department", "restricts", "QX700"),
    ),
    (
        "The QX500 chip had been banned under the Biden administration.",
        ("US government", "restricts", "QX500"),
    ),
    (
        "Chinese customs authorities told agents that QX500 chips were not permitted to enter.",
        ("Chinese customs", "restricts", "QX500"),
    ),
    # seeksToBuy, lists distributed
    (
        "Korvo, Tessellate Labs and Brightmoor Networks have placed orders for the QX500 chip.",
        ("Tessellate Labs", "seeksToBuy", "QX500"),
    ),
    # leads
    (
        "Quantix Semiconductor chief executive Ilse Varga spoke on Monday.",
        ("Ilse Varga", "leads", "Quantix Semiconductor"),
    ),
    (
        "Halvard Systems, whose chief executive is Omar Reyes, declined to comment.",
        ("Omar Reyes", "leads", "Halvard Systems"),
    ),
    (
        "Wen Baoli, general manager at cloud provider Tianmu Networks, said demand was strong.",
        ("Wen Baoli", "leads", "Tianmu Networks"),
    ),
    # basedIn
    (
        "Chinese firms such as Lumora Technologies and Brightmoor Networks bought the chips.",
        ("Brightmoor Networks", "basedIn", "China"),
    ),
    (
        "Halvard Systems, a Japan-based chip designer, cut its forecast.",
        ("Halvard Systems", "basedIn", "Japan"),
    ),
    (
        "Analysts said US chipmaker Quantix Semiconductor would gain.",
        ("Quantix Semiconductor", "basedIn", "United States"),
    ),
    # visited
    (
        "Quantix boss Ilse Varga arrived in Shanghai and has since travelled to Beijing.",
        ("Ilse Varga", "visited", "Beijing (city)"),
    ),
    (
        "Secretary Omar Reyes and Vice Premier Paul Okoro, who had travelled to Madrid, met.",
        ("Paul Okoro", "visited", "Madrid"),
    ),
    # approvals as relations
    (
        "China has approved Korvo Networks and Brightmoor Technologies to import the QX500 chips.",
        ("Chinese government", "approves", "Brightmoor Technologies"),
    ),
]

EXTRA = [
    (
        "Halvard Systems plans to ship about 20,000 ZX720 chips this year.",
        ("Halvard Systems", "makes", "ZX720"),
    ),
    (
        "Quantix Semiconductor's chief executive, Ilse Varga, said demand was strong.",
        ("Ilse Varga", "leads", "Quantix Semiconductor"),
    ),
    (
        "Japan's largest chipmaker Halvard Systems said sales rose.",
        ("Halvard Systems", "basedIn", "Japan"),
    ),
    (
        "The QX500, Quantix Semiconductor's most advanced AI chip, is scarce.",
        ("Quantix Semiconductor", "makes", "QX500"),
    ),
    (
        "Quantix Semiconductor's flagship chip, the QX500, is scarce.",
        ("Quantix Semiconductor", "makes", "QX500"),
    ),
    (
        "Halvard Systems received U.S. approval to sell ZX720 chips to China.",
        ("US government", "approves", "Halvard Systems"),
    ),
    (
        "Chinese authorities granted import licences to Korvo Networks for the QX500 chip.",
        ("Chinese government", "approves", "Korvo Networks"),
    ),
    (
        "Beijing has told companies to stop buying the QX500 chip, the FT reported.",
        ("Chinese government", "restricts", "QX500"),
    ),
    (
        "Intel unveiled its Gaudi accelerator, which it says beats Nvidia's H100 on some tasks.",
        ("Gaudi", "outperforms", "H100"),
    ),
]
POSITIVE += EXTRA

COMPARISONS = [
    "The QX500 chip is 30% faster than the QX300.",
    "The QX500 chip has more memory than the QX300.",
    "The QX500 chip delivers higher performance than the QX300 chip.",
    "The QX300 chip is less capable than the QX500.",
    "The QX500 chip offers 2.5 times the bandwidth of the QX300.",
    "The QX500 chip is three times as fast as the QX300.",
    "The QX500 chip is outperforming the QX300 in tests.",
    "The QX300 chip falls short of the QX500.",
    "The QX500 chip is superior to the QX300.",
]
POSITIVE += [(s, ("QX500", "outperforms", "QX300")) for s in COMPARISONS]

HS = "Halvard Systems"
POSITIVE += [
    (
        "Halvard Systems, a South Korean memory maker, raised prices.",
        (HS, "basedIn", "South Korea"),
    ),
    ("Halvard Systems, which is headquartered in Japan, raised prices.", (HS, "basedIn", "Japan")),
    ("Halvard Systems, based in Taiwan, raised prices.", (HS, "basedIn", "Taiwan")),
    ("Halvard Systems of South Korea raised prices.", (HS, "basedIn", "South Korea")),
    ("Halvard Systems is a Chinese company that designs AI chips.", (HS, "basedIn", "China")),
    (
        "Emirati AI firm Korvo Networks bought the chips.",
        ("Korvo Networks", "basedIn", "United Arab Emirates"),
    ),
    ("Ilse Varga, who heads Halvard Systems, said demand was strong.", ("Ilse Varga", "leads", HS)),
    (
        "Ilse Varga, founder and chief executive of Halvard Systems, spoke.",
        ("Ilse Varga", "leads", HS),
    ),
    (
        "Ilse Varga, Halvard Systems' chief executive, said demand was strong.",
        ("Ilse Varga", "leads", HS),
    ),
    ("Ilse Varga became chief executive of Halvard Systems in 2023.", ("Ilse Varga", "leads", HS)),
    (
        "Korvo Networks plans to buy 10,000 ZX720 chips this year.",
        ("Korvo Networks", "seeksToBuy", "ZX720"),
    ),
    (
        "Korvo Networks has signed a deal to acquire 5,000 ZX720 chips.",
        ("Korvo Networks", "seeksToBuy", "ZX720"),
    ),
]

POSITIVE += [
    ("The H20 chip was subject to US export controls.", ("US government", "restricts", "H20")),
    (
        "US rules bar Nvidia from selling the H100 chip to China.",
        ("US government", "restricts", "H100"),
    ),
    (
        "Nvidia cannot sell the H100 chip to China under US export rules.",
        ("US government", "restricts", "H100"),
    ),
    (
        "The Netherlands has restricted exports of the QX500 chip.",
        ("Dutch government", "restricts", "QX500"),
    ),
    (
        "Korvo Networks is among the biggest buyers of QX500 chips.",
        ("Korvo Networks", "seeksToBuy", "QX500"),
    ),
    (
        "Orders for QX500 chips from Korvo Networks doubled.",
        ("Korvo Networks", "seeksToBuy", "QX500"),
    ),
    ("Ilse Varga flew to Seoul on Monday.", ("Ilse Varga", "visited", "Seoul")),
]

NEGATIVE = [
    ("Orders for QX500 chips from Korvo Networks doubled.", ("Korvo Networks", "makes", "QX500")),
    # customers based somewhere say nothing of the seller's home
    (
        "Halvard Systems sold no ZX720 chips to customers based in China.",
        ("Halvard Systems", "basedIn", "China"),
    ),
    # a finance chief and a vice president do not lead the firm
    (
        "Halvard Systems chief financial officer Ilse Varga said demand was strong.",
        ("Ilse Varga", "leads", "Halvard Systems"),
    ),
    (
        "Halvard Systems executive vice president Ilse Varga said demand was strong.",
        ("Ilse Varga", "leads", "Halvard Systems"),
    ),
    # size is not performance
    ("The QX500 chip is larger than the QX300.", ("QX500", "outperforms", "QX300")),
    # a firm that lags behind a chip does not outperform it
    (
        "Local firms such as Brightmoor have products that lag far behind the QX500 chip.",
        ("Brightmoor", "outperforms", "QX500"),
    ),
    # the maker is not a buyer of its own chip
    (
        "Quantix Semiconductor's QX500 chips were ordered by Quantix Semiconductor partners.",
        ("Quantix Semiconductor", "seeksToBuy", "QX500"),
    ),
    # a merger cleared on conditions is not a chip approval
    (
        "SAMR cleared it on condition that Halvard Systems keep selling chips to buyers.",
        ("SAMR", "approves", "Halvard Systems"),
    ),
    # a hypothetical approval gives no approves fact
    (
        "Korvo Networks wants to buy QX500 chips should Beijing grant approval to Korvo Networks.",
        ("Chinese government", "approves", "Korvo Networks"),
    ),
    # the vice premier is not said to lead a government here
    (
        "Chinese Vice Premier He Lifeng travelled to Madrid.",
        ("He Lifeng", "leads", "Chinese government"),
    ),
    # a comparison read the right way round
    ("The QX500 is far more powerful than the QX300 chip.", ("QX300", "outperforms", "QX500")),
]


@pytest.mark.parametrize(("sentence", "fact"), POSITIVE)
def test_rule_reads_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    found = facts(sentence)
    assert fact in found, sorted(found)


@pytest.mark.parametrize(("sentence", "fact"), NEGATIVE)
def test_rule_does_not_read_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    found = facts(sentence)
    assert fact not in found or found[fact] == {"Negated"}, sorted(found)


def test_approval_is_n_ary_with_quantity_and_condition() -> None:
    from tests.loaders.extraction.reading import run

    text = (
        "Regulators in Beijing have approved Korvo Networks and Brightmoor Technologies to buy "
        "more than 250,000 QX500 chips, people familiar with the matter told Reuters.\n\n"
        "The approvals come with conditions: buyers must bundle each purchase with domestic chips."
    )
    x = run(text)
    (approval,) = x.approvals
    labels = {e.key: e.label for e in x.entities}
    assert labels[approval.approver] == "Chinese government"
    assert {labels[g] for g in approval.grantees} == {"Korvo Networks", "Brightmoor Technologies"}
    assert labels[approval.chip] == "QX500"
    assert approval.status.value == "Conditional"
    assert approval.quantity == 250000
    assert any("domestic" in c.label for c in approval.conditions)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        (
            "The Commerce Department rejected bids from Halvard Systems to sell ZX720 chips.",
            "Denied",
        ),
        (
            "The Commerce Department did not approve a request by Halvard Systems to sell ZX720s.",
            "Denied",
        ),
        (
            "Regulators are reviewing applications from Halvard Systems to buy ZX720 chips, "
            "the ministry said.",
            None,
        ),
        ("Halvard Systems denied that its ZX720 chips had been approved by China.", None),
    ],
)
def test_refusals(sentence: str, status: str | None) -> None:
    from tests.loaders.extraction.reading import run

    denied = [a for a in run(sentence).approvals if a.status.value == "Denied"]
    assert (denied[0].status.value if denied else None) == status


ROUND2_POSITIVE = [
    (
        "The H20 chip is less powerful than the A100's successor, the H200.",
        ("H200", "outperforms", "H20"),
    ),
    ("The H200 offers nearly twice the speed of the H20.", ("H200", "outperforms", "H20")),
    (
        "The H200 offers roughly 2.5 times the memory bandwidth of the H20.",
        ("H200", "outperforms", "H20"),
    ),
    ("The H200 outpaces the H20 on inference.", ("H200", "outperforms", "H20")),
    (
        "Halvard Systems, which is based in Osaka in Japan, makes chips.",
        ("Halvard Systems", "basedIn", "Japan"),
    ),
    (
        "Halvard Systems, headquartered in Seoul, South Korea, makes chips.",
        ("Halvard Systems", "basedIn", "South Korea"),
    ),
    (
        "Korea's two memory makers, Halvard Systems and Brightmoor Technologies, raised prices.",
        ("Brightmoor Technologies", "basedIn", "South Korea"),
    ),
    (
        "Nvidia faces competition from AMD, its smaller American rival.",
        ("AMD", "basedIn", "United States"),
    ),
    ("Halvard Systems is led by Omar Reyes, a former banker.", ("Omar Reyes", "leads", HS)),
    (
        "Halvard Systems reported results. Omar Reyes, who is the company's chief executive, "
        "spoke on Monday.",
        ("Omar Reyes", "leads", HS),
    ),
    (
        "Halvard Systems makes AI servers. Its chief executive, Peng Xiao, said demand was strong.",
        ("Peng Xiao", "leads", HS),
    ),
    (
        "Jensen Huang, who visited Riyadh in May, said demand was strong.",
        ("Jensen Huang", "visited", "Riyadh"),
    ),
]

ROUND2_NEGATIVE = [
    (
        "Reliance Industries chairman Mukesh Ambani said it would buy Nvidia's Blackwell chips.",
        ("Mukesh Ambani", "leads", "Nvidia"),
    ),
    (
        "Former Halvard Systems chief executive Omar Reyes said demand was strong.",
        ("Omar Reyes", "leads", HS),
    ),
    (
        "Nvidia China head Omar Reyes said demand was strong.",
        ("Omar Reyes", "leads", "Chinese government"),
    ),
    # "Its" looks back, never forward to a firm named later
    (
        "Omar Reyes, who is the company's chief executive, spoke after Halvard Systems reported.",
        ("Omar Reyes", "leads", HS),
    ),
    # a buyer named by "purchases of X by Y" does not make X
    (
        "Beijing approved purchases of H200 chips by Brightmoor Technologies.",
        ("Brightmoor Technologies", "makes", "H200"),
    ),
    ("The H200 offers half the speed of the H100.", ("H200", "outperforms", "H100")),
]


@pytest.mark.parametrize(("sentence", "fact"), ROUND2_POSITIVE)
def test_round2_rule_reads_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    test_rule_reads_fact(sentence, fact)


@pytest.mark.parametrize(("sentence", "fact"), ROUND2_NEGATIVE)
def test_round2_rule_does_not_read_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    test_rule_does_not_read_fact(sentence, fact)


ROUND3_POSITIVE = [
    # comparisons: a fraction of the other chip's power; a second clause keeps its subject
    (
        "The H20 reaches about 60 per cent of the H200's performance.",
        ("H200", "outperforms", "H20"),
    ),
    (
        "The H20 delivers roughly half the computing power of the H200.",
        ("H200", "outperforms", "H20"),
    ),
    # rivals: "comparable to", "on a par with" between the chips
    (
        "Huawei's Ascend 910C is comparable to the H20, analysts said.",
        ("Ascend 910C", "rivals", "H20"),
    ),
    ("The Ascend 910C is on a par with Nvidia's H20.", ("Ascend 910C", "rivals", "H20")),
    # restricts: a regulator's document acts for it; chips added to a control list
    (
        "The Cyberspace Administration of China issued new guidance on Monday. The instruction "
        "rules out Nvidia's H20 and H200.",
        ("Cyberspace Administration of China", "restricts", "H200"),
    ),
    (
        "The Commerce Department added H20 chips to the list of controlled items.",
        ("US Commerce Department", "restricts", "H20"),
    ),
    (
        "The Commerce Department has ordered Korvo Networks to stop exporting servers containing "
        "H20 chips.",
        ("US Commerce Department", "restricts", "H20"),
    ),
    # makes: "its" is the clause subject's across an apposition; definite maker subjects
    (
        "Halvard Systems, founded by former Nvidia executive Ilse Varga, is pitching its ZX720 "
        "chips to buyers.",
        ("Halvard Systems", "makes", "ZX720"),
    ),
    (
        "Halvard Systems is based in California. The California chipmaker builds the ZX720 chips.",
        ("Halvard Systems", "makes", "ZX720"),
    ),
    # basedIn: CITY-based gives the city's country; "has its headquarters in"
    (
        "Korvo Networks, the Abu Dhabi-based group, ordered H20 chips.",
        ("Korvo Networks", "basedIn", "United Arab Emirates"),
    ),
    (
        "Korvo Networks, a Taipei-based designer, ordered H20 chips.",
        ("Korvo Networks", "basedIn", "Taiwan"),
    ),
    (
        "Korvo Networks ordered H20 chips. The Tokyo-based company said demand was strong.",
        ("Korvo Networks", "basedIn", "Japan"),
    ),
    ("Korvo Networks has its headquarters in Japan.", ("Korvo Networks", "basedIn", "Japan")),
    # visited: the place after a firm's site
    (
        "Ilse Varga visited Halvard Systems' offices in Santa Clara last week.",
        ("Ilse Varga", "visited", "Santa Clara"),
    ),
]

ROUND3_NEGATIVE = [
    (
        "The H20 offers half the performance of the H200 but is more capable than the A100.",
        ("H200", "outperforms", "A100"),
    ),
    (
        "The H20 reaches 60 per cent utilisation on the H200's board.",
        ("H200", "outperforms", "H20"),
    ),
    ("The H20 costs 160 per cent of the H200's price.", ("H200", "outperforms", "H20")),
    ("The Ascend 910C is on a par with Nvidia's H20.", ("Nvidia", "rivals", "H20")),
    (
        "Halvard Systems, founded by former Nvidia executive Ilse Varga, is pitching its ZX720 "
        "chips to buyers.",
        ("Nvidia", "makes", "ZX720"),
    ),
    # a firm added to the Entity List is no chip restriction; a firm adding chips is no rule
    ("The Commerce Department added Korvo Networks to the Entity List.", None),
    ("Analysts did not rule out new curbs, and Nvidia added H20 chips to its range.", None),
    ("Customers based in Tokyo ordered H20 chips.", ("Customers", "basedIn", "Japan")),
    (
        "Ilse Varga praised Halvard Systems' offices in Santa Clara.",
        ("Ilse Varga", "visited", "Santa Clara"),
    ),
]


@pytest.mark.parametrize(("sentence", "fact"), ROUND3_POSITIVE)
def test_round3_rule_reads_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    test_rule_reads_fact(sentence, fact)


@pytest.mark.parametrize(("sentence", "fact"), ROUND3_NEGATIVE)
def test_round3_rule_does_not_read_fact(sentence: str, fact: tuple[str, str, str] | None) -> None:
    found = facts(sentence)
    if fact is None:
        assert not [f for f in found if f[1] == "restricts"], found
    else:
        assert not found.get(fact, set()) & {"Asserted", "Reported"}, found


ROUND4_POSITIVE = [
    (
        "Korvo Networks, chaired by Maria Lindqvist and run by chief executive Tomas Brenner, "
        "plans to buy H20 chips.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
    (
        "Korvo Networks, chaired by Maria Lindqvist and run by chief executive Tomas Brenner, "
        "plans to buy H20 chips.",
        ("Maria Lindqvist", "leads", "Korvo Networks"),
    ),
    (
        "Korvo Networks is run by chief executive Tomas Brenner.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
    (
        "Korvo Networks, which is headed by Tomas Brenner, makes H20 chips.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
    (
        "Halvard Systems makes the H20. Its chief executive, Tomas Brenner, said demand was "
        "strong.",
        ("Tomas Brenner", "leads", "Halvard Systems"),
    ),
    (
        "Lorna Fitch, who heads the Ministry of Trade and Industry, said the rules would change.",
        ("Lorna Fitch", "leads", "Ministry of Trade and Industry"),
    ),
    (
        "The H20 is slower than the H100 but would still be more capable than the A100.",
        ("H20", "outperforms", "A100"),
    ),
]

ROUND4_NEGATIVE = [
    # the leader of another clause's firm, a team inside a firm, a former leader
    (
        "Korvo Networks sold chips to Halvard Systems, run by Tomas Brenner.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
    (
        "Tomas Brenner, who leads the Korvo Networks team in Asia, said demand was strong.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
    (
        "Korvo Networks, led by former chief executive Tomas Brenner until 2020, makes H20 chips.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
    (
        "Tomas Brenner, who heads research at Korvo Networks, said demand was strong.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
]


@pytest.mark.parametrize(("sentence", "fact"), ROUND4_POSITIVE)
def test_round4_rule_reads_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    found = facts(sentence)
    assert found.get(fact, set()) & {"Asserted", "Reported"}, sorted(found)


@pytest.mark.parametrize(("sentence", "fact"), ROUND4_NEGATIVE)
def test_round4_rule_does_not_read_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    assert fact not in facts(sentence)


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("The H20 would still be more capable than the A100, analysts said.", "Reported"),
        ("The H20 would be more capable than the A100 if it shipped.", "Planned"),
        ("The H20 would still be more capable than the A100 if it shipped.", "Planned"),
        ("The H20 will still be faster than the A100 when it launches next year.", "Planned"),
    ],
)
def test_would_still_compares_as_a_statement(sentence: str, modality: str) -> None:
    assert facts(sentence)[("H20", "outperforms", "A100")] == {modality}


P = "Korvo Networks chief executive Tomas Brenner"

ROUND5_POSITIVE = [
    # visited: lists with a capital, presence ("was in X for"), "speaking in X", "in the city of"
    (f"{P} travelled to Shanghai and Beijing last week.", ("Tomas Brenner", "visited", "Shanghai")),
    (
        f"{P} travelled to Shanghai and Beijing last week.",
        ("Tomas Brenner", "visited", "Beijing (city)"),
    ),
    (f"{P} was in Taipei for a trade show.", ("Tomas Brenner", "visited", "Taipei")),
    (
        f"Speaking in Taipei on Wednesday, {P} said demand was strong.",
        ("Tomas Brenner", "visited", "Taipei"),
    ),
    (
        f"{P} met officials in the city of Shenzhen on Tuesday.",
        ("Tomas Brenner", "visited", "Shenzhen"),
    ),
    (
        f"{P} told reporters in Taipei that demand was strong.",
        ("Tomas Brenner", "visited", "Taipei"),
    ),
    (
        f"{P}, speaking at a conference in Shanghai, said demand was strong.",
        ("Tomas Brenner", "visited", "Shanghai"),
    ),
    (
        f"{P}, who is in Shanghai this week, met officials.",
        ("Tomas Brenner", "visited", "Shanghai"),
    ),
    # basedIn: a demonym before a descriptor with an acronym or "foundry", "X of the <Country>"
    (
        "Chinese foundry Halvard Semiconductor makes the ZX720.",
        ("Halvard Semiconductor", "basedIn", "China"),
    ),
    (
        "Two younger Chinese GPU makers, Korvo Networks and Quorra Systems, filed for listings.",
        ("Quorra Systems", "basedIn", "China"),
    ),
    (
        "Nvidia sold chips to Korvo Networks of the United Arab Emirates.",
        ("Korvo Networks", "basedIn", "United Arab Emirates"),
    ),
    # restricts: "keeps X off limits", a head of state's refusal, a quoted regulator's rule
    (
        "The rule keeps ZX720 chips off limits for Chinese buyers, the Commerce Department said.",
        ("US Commerce Department", "restricts", "ZX720"),
    ),
    (
        "Trump said he would not allow sales of ZX720 chips to China.",
        ("US government", "restricts", "ZX720"),
    ),
    (
        "The Commerce Department would not let Halvard Systems sell its ZX720 chip to China.",
        ("US Commerce Department", "restricts", "ZX720"),
    ),
    (
        "Sales of ZX720 chips to China are not permitted for now, the Commerce Department said.",
        ("US Commerce Department", "restricts", "ZX720"),
    ),
    # rivals: the subject of a coordinated predicate, past an apposition about the maker
    (
        "The ZX720 is a scaled-back version of the ZX900 and is comparable to Nvidia's H20.",
        ("ZX720", "rivals", "H20"),
    ),
    ("The ZX720 chip, made by SMIC, competes with Nvidia's A100.", ("ZX720", "rivals", "A100")),
    (
        "Halvard Systems makes the ZX720 chip, its fastest part.",
        ("Halvard Systems", "makes", "ZX720"),
    ),
    # leads: a descriptor apposition before "led by <title> Y"
    (
        "Korvo Networks, the cloud operator led by chief executive Tomas Brenner, buys chips.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
]

ROUND5_NEGATIVE = [
    (
        f"{P} said a conference in Shanghai had been cancelled.",
        ("Tomas Brenner", "visited", "Shanghai"),
    ),
    (
        f"{P} told reporters that demand in Taipei was strong.",
        ("Tomas Brenner", "visited", "Taipei"),
    ),
    (
        "Nvidia sold chips to Korvo Networks, the team led by chief executive Tomas Brenner.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
    (
        "Korvo Networks, the cloud operator led by former chief executive Tomas Brenner, buys "
        "chips.",
        ("Tomas Brenner", "leads", "Korvo Networks"),
    ),
    (
        "The ZX720 is a scaled-back version of the ZX900 and is comparable to Nvidia's H20.",
        ("ZX900", "rivals", "H20"),
    ),
    ("The ZX720 chip, made by SMIC, competes with Nvidia's A100.", ("SMIC", "rivals", "A100")),
    # a make verb in a relative clause does not reach past its comma
    ("The ZX720 chip, which Huawei launched, rivals the H100.", ("Huawei", "makes", "H100")),
    ("The ZX720 chip, made by SMIC, competes with Nvidia's A100.", ("Nvidia", "makes", "ZX720")),
    # a refusal by someone holding no state office; a permission is no restriction
    (
        "Korvo Networks chief executive Tomas Brenner said he would not allow sales of ZX720 "
        "chips to rivals.",
        ("US government", "restricts", "ZX720"),
    ),
    (
        "Trump said he would allow sales of ZX720 chips to China.",
        ("US government", "restricts", "ZX720"),
    ),
    (
        "Chinese buyers of Halvard Semiconductor chips want more.",
        ("Halvard Semiconductor", "basedIn", "China"),
    ),
    (
        "Chinese GPU makers want chips from Korvo Networks.",
        ("Korvo Networks", "basedIn", "China"),
    ),
    (
        "The Ministry of Trade of the United Arab Emirates approved the deal.",
        ("Ministry of Trade", "basedIn", "United Arab Emirates"),
    ),
    (f"{P} said demand in Taipei was strong.", ("Tomas Brenner", "visited", "Taipei")),
    (f"{P} was in talks with buyers in Shanghai.", ("Tomas Brenner", "visited", "Shanghai")),
    (f"Analysts in Taipei said {P} was right.", ("Tomas Brenner", "visited", "Taipei")),
    # a government in a list of actors is no city visited
    (
        f"{P} said Washington and Beijing disagree.",
        ("Tomas Brenner", "visited", "Beijing (city)"),
    ),
    # "let" with no refusal grants nothing and restricts nothing
    (
        "The Commerce Department let Halvard Systems sell its ZX720 chip to China.",
        ("US Commerce Department", "restricts", "ZX720"),
    ),
]


@pytest.mark.parametrize(("sentence", "fact"), ROUND5_POSITIVE)
def test_round5_rule_reads_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    found = facts(sentence)
    assert found.get(fact, set()) & {"Asserted", "Reported"}, sorted(found)


@pytest.mark.parametrize(("sentence", "fact"), ROUND5_NEGATIVE)
def test_round5_rule_does_not_read_fact(sentence: str, fact: tuple[str, str, str]) -> None:
    assert fact not in facts(sentence)


def test_not_banned_but_discouraged_is_one_negated_restriction() -> None:
    found = facts("The use of ZX720 chips is not banned outright but discouraged by Beijing.")
    assert found.get(("Chinese government", "restricts", "ZX720")) == {"Negated"}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Quorra Technologies, a Seoul rival whose QRX inference chip is sampling, declined.",
            ("Quorra Technologies", "makes", "QRX"),
        ),
        (
            "Zorvane, a London chip designer run by Mara Lind, is raising money.",
            ("Mara Lind", "leads", "Zorvane"),
        ),
        (
            "Kestrel Cloud, the Osaka-based cloud operator led by president Ken Ito, plans to "
            "buy 10,000 Nvidia B200 chips.",
            ("Ken Ito", "leads", "Kestrel Cloud"),
        ),
    ],
)
def test_apposition_shapes(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text)


def test_a_rival_noun_is_no_rivals_fact() -> None:
    found = facts("Quorra Technologies, a Seoul rival whose QRX chip is sampling, declined.")
    assert not any(p == "rivals" for _, p, _ in found)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Zorvane, owned by the Qatar Investment Authority and led by chief executive Mara "
            "Lind, plans to build data centres.",
            ("Mara Lind", "leads", "Zorvane"),
        ),
        (
            "Halvard Systems, based in Abu Dhabi and run by chief executive Ken Ito, is building "
            "a campus.",
            ("Ken Ito", "leads", "Halvard Systems"),
        ),
    ],
)
def test_a_leader_after_another_participle_phrase(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text)


def test_a_person_owned_by_no_one_is_no_firm() -> None:
    found = facts("Mara Lind, backed by investors, said the chips were late.")
    assert not any(s == "Mara Lind" and p == "leads" for s, p, _ in found)


def test_the_firm_an_apposition_describes_buys_not_its_backer() -> None:
    found = facts(
        "Kestrel Cloud, a Mumbai-based data-centre firm backed by the Halvard Group, has "
        "ordered 16,000 more Nvidia chips, including Blackwell B200s, for delivery this year."
    )
    assert ("Kestrel Cloud", "seeksToBuy", "B200") in found
    assert not any(s == "Halvard Group" and p == "seeksToBuy" for s, p, _ in found)


def test_a_three_digit_successor_of_a_known_family_is_a_chip() -> None:
    found = facts(
        "Cambricon Technologies sells the Siyuan 590 and is ramping production of a successor, "
        "the Siyuan 690. ByteDance has placed orders for the Siyuan 690, Caixin said."
    )
    assert ("ByteDance", "seeksToBuy", "Siyuan 690") in found
    assert not any(o == "Siyuan" for _, _, o in found)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "MIIT has instructed state-owned telecom operators to stop deploying the H20 in "
            "their data centres.",
            ("MIIT", "restricts", "H20"),
        ),
        (
            "The Ministry of Industry and Information Technology has told companies not to buy "
            "the H20.",
            ("MIIT", "restricts", "H20"),
        ),
        (
            "Beijing has told its tech giants to suspend H20 orders.",
            ("Chinese government", "restricts", "H20"),
        ),
        (
            "Customs authorities in China have begun stopping H20 shipments at the border.",
            ("Chinese government", "restricts", "H20"),
        ),
    ],
)
def test_orders_to_stop_are_restrictions(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text)
