"""Entity recognition and resolution: each pattern family, sentences that must and must not fire."""

from __future__ import annotations

import pytest

from tests.loaders.extraction.reading import entities, run

FOUND = [
    # regulators by pattern, none of them in the gazetteer
    (
        "The Ministry of Digital Affairs said exports need a permit.",
        "Ministry of Digital Affairs",
        "Regulator",
    ),
    (
        "The Federal Competition Commission opened a probe on Friday.",
        "Federal Competition Commission",
        "Regulator",
    ),
    (
        "Officials at the Export Control Agency of Norway declined to comment.",
        "Export Control Agency of Norway",
        "Regulator",
    ),
    # companies by suffix, by list and by descriptor
    ("Quantix Semiconductor said it would raise prices.", "Quantix Semiconductor", "Company"),
    ("Rivals such as Korvo, Tessellate and Brightmoor are catching up.", "Tessellate", "Company"),
    ("The start-up Lumora raised money last year.", "Lumora", "Company"),
    ("Analysts expect chipmaker Halvard to report losses.", "Halvard", "Company"),
    # people by title and by apposition
    ("Chief executive Ilse Varga told staff the plan was on track.", "Ilse Varga", "Person"),
    ("Senator Paul Okoro wrote to the agency.", "Paul Okoro", "Person"),
    ("Wen Baoli, general manager at Tianmu Cloud, said demand was strong.", "Wen Baoli", "Person"),
    # chips by model-number shape and family + model
    ("The firm ships the ZX720 accelerator to clients in Asia.", "ZX720", "Chip"),
    ("Its Kestrel 880X processors are made in Taiwan.", "Kestrel 880X", "Chip"),
    ("Orders for the RTX Pro 6000D chips were cancelled.", "RTX Pro 6000D", "Chip"),
    ("Intel said its Gaudi 3 accelerator would ship in June.", "Gaudi 3", "Chip"),
    ("Amazon designs its own Trainium 2 chips.", "Trainium 2", "Chip"),
    ("Ortus unveiled the Helix processor on Tuesday.", "Helix", "Chip"),
    ("Ortus unveiled the Helix processor on Tuesday.", "Ortus", "Company"),
    ("Analysts expect Ortus chief executive Dana Whitcombe to resign.", "Ortus", "Company"),
    ("Kanto Silicon said it would comply.", "Kanto Silicon", "Company"),
    ("UAE firm Q77 said it bought 5,000 H100 chips.", "Q77", "Company"),
    ("Saudi Arabia's Quorra plans to buy H200 chips.", "Quorra", "Company"),
    ("China's largest contract chipmaker Halvard said sales rose.", "Halvard", "Company"),
    ("Korea's ZX720 chips are popular.", "ZX720", "Chip"),
    ("The Commerce Department approved the sale of Nvidia chips to Q42.", "Q42", "Company"),
    ("Abu Dhabi-based Q42 bought H100 chips.", "Q42", "Company"),
    ("Q42's chief executive said the H100 chips arrived.", "Q42", "Company"),
    ('"Demand is strong," said Priya Nand, an analyst at Bernstein.', "Priya Nand", "Person"),
    ("Omar Reyes, a spokesperson for the ministry, declined to comment.", "Omar Reyes", "Person"),
    # places
    ("She travelled to Valparaiso for the meeting.", "Valparaiso", "Place"),
    ("NAIROBI: Officials said the rule takes effect at once.", "Nairobi", "City"),
    # outlets
    ("The ban was first reported by Reuters on Monday.", "Reuters", "NewsOutlet"),
    ("The plan is on hold, according to The Harbour Gazette.", "Harbour Gazette", "NewsOutlet"),
    ("The deal was first reported by the Coral Bay Review.", "Coral Bay Review", "NewsOutlet"),
    ("Tarn Valley Dispatch reported the sale on Friday.", "Tarn Valley Dispatch", "NewsOutlet"),
    # hyphenated given names stay whole
    ("Vice chairman Park Ji-won met the delegation.", "Park Ji-won", "Person"),
    ("Orvo said Han Seo-yeon, chief executive of Daeho, would attend.", "Han Seo-yeon", "Person"),
    ("Han Seo-yeon, Daeho's chief executive, said demand was strong.", "Han Seo-yeon", "Person"),
    ("The company's chief executive, Park Ji-won, said it would comply.", "Park Ji-won", "Person"),
    ("Demand is strong, Park Ji-won said on Monday.", "Park Ji-won", "Person"),
    # a place word that starts a firm's name
    ("Japan Lumen said orders from Chinese customers rose.", "Japan Lumen", "Company"),
    ("China Orbitel and China Veyra said they had tested the chips.", "China Veyra", "Company"),
    ("Hong Kong Strato plans to buy 10,000 accelerators.", "Hong Kong Strato", "Company"),
    # multi-word firm names keep their last word
    ("Kesta Data Services, an Indian operator, bought chips.", "Kesta Data Services", "Company"),
    ("The Alvor Group, a Dutch operator, said it would comply.", "Alvor Group", "Company"),
    # firms and people by the company they keep
    ("Zorvex, a Malaysian data-centre start-up, applied for a licence.", "Zorvex", "Company"),
    ("Pelagos, the Greek cloud group, bought 500 chips.", "Pelagos", "Company"),
    ("Shares of Zorvex rose 5% on Tuesday.", "Zorvex", "Company"),
    ("Zorvex, which is based in Penang, bought 2,000 chips.", "Zorvex", "Company"),
    ("Zorvex, headquartered in Penang, bought 2,000 chips.", "Zorvex", "Company"),
    ("Farida Osman, who is the company's chief executive, said so.", "Farida Osman", "Person"),
    # chips with no digit, named by the words around them
    ("Orvo sells its Kestrel and Osprey processors abroad.", "Kestrel", "Chip"),
    ("Orvo sells its Kestrel and Osprey processors abroad.", "Osprey", "Chip"),
    ("Daeho unveiled the Tide Quad, its largest accelerator.", "Tide Quad", "Chip"),
    ("Daeho said the Tide Quad accelerator ships in May.", "Tide Quad", "Chip"),
    ("Daeho said its QRNX chips are in production.", "QRNX", "Chip"),
    ("Hygon's DCU accelerators are used by local firms.", "DCU", "Chip"),
    # glued and hyphenated codes, model numbers that keep their letter prefix
    ("Orvo builds the ZWE-3 processor.", "ZWE-3", "Chip"),
    ("Orvo said the Fjord7 chip would ship next year.", "Fjord7", "Chip"),
    ("Daeho makes the QN-Core 2 chip.", "QN-Core 2", "Chip"),
    ("Daeho sells the QTX S7000 accelerator.", "QTX S7000", "Chip"),
    ("Cambricon sells the MLU370 chip. It also sells the newer MLU590.", "MLU590", "Chip"),
    # country customs services are regulators
    ("Freedonia Customs said it had seized the servers.", "Singapore Customs", None),
    ("Singapore Customs said it had seized the servers.", "Singapore Customs", "Regulator"),
    # people after "led/run/chaired by", and the firm they lead
    ("Quorra is led by Tamsin Vale, a former banker.", "Tamsin Vale", "Person"),
    ("Quorra is led by Tamsin Vale, a former banker.", "Quorra", "Company"),
    ("Quorra, chaired by Faisal bin Khalid and run by Ines Moro, bought.", "Ines Moro", "Person"),
    (
        "Quorra, chaired by Faisal bin Khalid and run by Ines Moro, buys chips.",
        "Faisal bin Khalid",
        "Person",
    ),
    ("The unit is run by Park Ji-won, who joined in May.", "Park Ji-won", "Person"),
    # firms named with "AI", firms making requests, regulators named by an acronym
    ("Lumora AI said demand rose.", "Lumora AI", "Company"),
    ("The ministry approved a request by Daeho to export 2,000 chips.", "Daeho", "Company"),
    ("Korea's trade ministry (MOTIE) said it would decide soon.", "MOTIE", "Regulator"),
    # a country's commerce or trade ministry; a Chinese commerce minister leads MOFCOM
    ("China's commerce ministry said it would review the purchases.", "MOFCOM", "Regulator"),
    ("China bought fewer chips. The country's commerce ministry said so.", "MOFCOM", "Regulator"),
    ("Japan's trade ministry said it would review exports.", "Japan's trade ministry", "Regulator"),
    # a demonym, a kind and "ministry": named as written; China's commerce ministry is MOFCOM
    ("The Dutch economy ministry cleared the shipment.", "Dutch economy ministry", "Regulator"),
    (
        "The South Korean trade ministry issued two permits.",
        "South Korean trade ministry",
        "Regulator",
    ),
    ("The Chinese commerce ministry will review the purchases.", "MOFCOM", "Regulator"),
    (
        "Vietnam's industry ministry said it would decide soon.",
        "Vietnam's industry ministry",
        "Regulator",
    ),
    ("China's top economic planner has approved the purchases.", "NDRC", "Regulator"),
    ("China's industry ministry told carriers to stop buying the H20.", "MIIT", "Regulator"),
    # export agencies the gazetteer knows by their full names
    (
        "Japan's Ministry of Economy, Trade and Industry said it had approved it.",
        "METI",
        "Regulator",
    ),
    (
        "Germany's Federal Office for Economic Affairs and Export Control said so.",
        "BAFA",
        "Regulator",
    ),
    ("The Ministry of Trade, Industry and Energy issued the permit.", "MOTIE", "Regulator"),
    ("Commerce Minister Wang Wentao told Chinese firms to wait.", "MOFCOM", "Regulator"),
    # an unknown word listed with a known firm is a firm
    ("The agency allowed exports of Blackwell chips to G42 and Zyphor.", "Zyphor", "Company"),
    ("Alibaba, Tencent and Zorvane ordered H20 chips last year.", "Zorvane", "Company"),
    ("Nvidia sold chips to Alibaba and Qorvel in May.", "Qorvel", "Company"),
    ("Buyers such as Qorvel, Zorvane and Tencent placed orders.", "Zorvane", "Company"),
    ("India's IT ministry (MeitY) said it would review the rules.", "MeitY", "Regulator"),
    ("The chips went to Chongqing Xunlong Auto, a carmaker.", "Chongqing Xunlong Auto", "Company"),
    ("Sarnath AI, a Varanasi-based chip start-up, said it would expand.", "Sarnath AI", "Company"),
    ("The order went to Pasig Components, a Manila distributor.", "Pasig Components", "Company"),
    ("Ulsan Semicon said on Monday it had won a permit.", "Ulsan Semicon", "Company"),
    # a suffix word listed with known firms keeps the name before it
    ("Samsung Electronics, KT Group and Naver Cloud plan to buy chips.", "KT Group", "Company"),
    ("Brightfold Analytics said on Monday it had won a permit.", "Brightfold Analytics", "Company"),
    (
        "Beijing approved two buyers. A fourth company, Songhua AI, was refused.",
        "Songhua AI",
        "Company",
    ),
    # "Name A3": a chip before kind words and a chip noun, and its family's other members
    ("Donau Silicon designs the Kestra V2 inference accelerators.", "Kestra V2", "Chip"),
    ("Halcyon sells Corvid X9 artificial-intelligence chips to banks.", "Corvid X9", "Chip"),
    # a firm-like name that goes on into an institution's
    (
        "The chips went to the Harbin Lingyun Computing Institute, a state laboratory.",
        "Harbin Lingyun Computing Institute",
        "Company",
    ),
    (
        "Haldane makes Miro Q7 data-centre chips. It beats the H100 and the old Miro Q5.",
        "Miro Q5",
        "Chip",
    ),
]

NOT_FOUND = [
    ("Fines follow China's Anti-Monopoly Law, the notice said.", "Anti"),
    ("The rules cite China's Cybersecurity Law and data rules.", "Cybersecurity Law"),
    ("Buyers prefer Western chips to local ones.", "Western"),
    ("Advanced chips are scarce this year.", "Advanced"),
    ("Rotating chairman Eric Xu spoke at the event.", "Rotating"),
    ("Windows 11 runs on the new laptop.", "Windows 11"),
    ("The rule is set out in Section 12 of the Trade Act 2010.", "Section 12"),
    ("The G20 summit ended without a statement on chips.", "G20"),
    ("On July 14 the company filed its papers.", "July 14"),
    ("Analysts said the outlook was weak.", "Analysts"),
    ("The chip runs FP16 workloads quickly.", "FP16"),
    ("Implications For The Global Semiconductor Market", "Global Semiconductor"),
    # place words before titles, government bodies, geography and outlets
    ("US Commerce Secretary Howard Lutnick spoke.", "US Commerce"),
    ("The Treasury and Japan Treasury officials met.", "Japan Treasury"),
    ("Ships crossed the South China Sea on Monday.", "China Sea"),
    ("Sales in China Tuesday rose.", "China Tuesday"),
    ("Officials from China Chinese firms met.", "China Chinese"),
    # a "... Review" name is an outlet only when cited as a source
    ("The Strategic Policy Review was published in June.", "Strategic Policy Review"),
    # a hyphenated word after a name is not a given name
    ("Lee Min said the Abu Dhabi-based firm was ready.", "Lee Min-based"),
    # an apposition that does not describe a firm, a place in one
    ("Nvidia sells to Karsten, a former trader, the papers say.", "Karsten"),
    ("Kelantar, a Malaysian state, hosts many chip plants.", "Kelantar"),
    ("Shares of Technology rose, analysts said.", "Technology"),
    # a chip noun that modifies another noun names no product; kinds of chips are no names
    ("Nordic accelerator developers are struggling, analysts said.", "Nordic"),
    ("Its HBM chips and AI chips sell well.", "HBM"),
    ("Its HBM chips and AI chips sell well.", "AI"),
    ("COVID-19 hurt chip sales last year.", "COVID-19"),
    ("The F-35 uses many chips.", "F-35"),
    ("Nvidia and AMD chips dominate; Western and Chinese chips compete.", "Western"),
    ("Daeho sells the MLU370 and the QX590 to local clouds.", "QX590"),
    # "led by" a firm or fund, or by a title and a known name, gives no person
    ("The venture is led by Brightwater Capital Partners.", "Brightwater Capital Partners"),
    ("The delegation was led by Commerce Secretary Howard Lutnick.", "Commerce Secretary"),
    ("The talks were led by Tamsin Vale Holdings officials.", "Tamsin Vale"),
    ("India's IT ministry (MeitY) said it would review the rules.", "IT"),
    ("The agency rejected requests from Brazil and Chile.", "Brazil Chile"),
    # no country named before "the country's"; a Chinese minister is not the US department
    ("The country's commerce ministry said it would review exports.", "MOFCOM"),
    ("Commerce Minister Wang Wentao told Chinese firms to wait.", "US Commerce Department"),
    ("Korea's trade ministry (MOTIE) said it would decide soon.", "Korea's trade ministry"),
    # a Chinese ministry of another kind is not the Ministry of Commerce; a foreign
    # ministry speaks about rules, it is not named as a trade regulator
    ("China's industry ministry said it would help chipmakers.", "MOFCOM"),
    (
        "The Chinese foreign ministry said the ban on H20 exports hurt trade.",
        "Chinese foreign ministry",
    ),
    # a nationality is no firm ("sales to Saudi's Humain"); China's top economic planner
    ("Washington approves chip sales to Saudi's Humain.", "Saudi"),
    ("The chips will go to Thai buyers and Siam Tensor.", "Thai"),
    # a capitalised "Rival" opening a sentence is no part of the firm's name
    ("Rival Quennell Systems said it was still waiting.", "Rival Quennell Systems"),
    ("Samsung Electronics, KT Group and Naver Cloud plan to buy chips.", "Group"),
    # a list partner that is a month, weekday, place or title is no firm
    ("Nvidia and China agreed on terms.", "China"),
    ("Trading in AMD and Monday sessions was thin.", "Monday"),
    ("Tencent and Beijing signed a deal.", "Beijing"),
    ("Shares of Nvidia and Chinese rivals fell.", "Chinese"),
    ("Nvidia and President Trump met on Friday.", "President"),
    ("Nvidia and August were busy months.", "August"),
    # "North America" is not the United States
    ("Sales in North America rose 20% last year.", "United States"),
    # a "Name A3" before kind words and a noun that is no chip noun is no chip
    ("Its Galaxy S24 smartphones and Airbus A350 jets sold well.", "Galaxy S24"),
    ("Its Galaxy S24 smartphones and Airbus A350 jets sold well.", "Airbus A350"),
    ("Rollo Q3 data sets were released under Section A3 rules.", "Rollo Q3"),
    ("Rollo Q3 data sets were released under Section A3 rules.", "Section A3"),
    # a regulator's name ends before a date after it
    (
        "The plan was approved by the Ministry of Economy, Trade and Industry on Friday.",
        "Ministry of Economy, Trade and Industry on Friday",
    ),
    # a firm named after its city goes by the word after the city
    ("Suzhou Lanxin Microelectronics sells chips. Lanxin said sales rose.", "Lanxin"),
    ("Beijing approved two buyers. A rival firm, Monday, was quiet.", "Monday"),
    # a firm suffix alone names no firm
    ("The Cloud show opened in May.", "Cloud"),
    ("The Auto show opened in May.", "Auto"),
    # a sibling of a "Name A3" chip is one only where its sentence speaks of chips
    ("Haldane makes Miro Q7 AI chips. The Miro Q5 tablet sold well.", "Miro Q5"),
    # a name the article calls a place is no firm a shipment goes to
    ("Orkid will move 900 B200 chips to Batam, the Indonesian island of Batam.", "Batam"),
    # a one-word speaker named like the article's one person is that person, no firm
    (
        "Ardi says exports cleared. Prime Minister Ardi Wiranto said on Monday the permits "
        "were issued. Ardi said more would follow.",
        "Ardi",
    ),
]


@pytest.mark.parametrize(("sentence", "label", "kind"), FOUND)
def test_pattern_finds_entity(sentence: str, label: str, kind: str | None) -> None:
    found = entities(sentence)
    assert found.get(label) == kind, found


@pytest.mark.parametrize(("sentence", "label"), NOT_FOUND)
def test_pattern_does_not_fire(sentence: str, label: str) -> None:
    assert label not in entities(sentence)


METONYMY = [
    ("The Hague has granted the licence.", "Dutch government", "Regulator"),
    ("The talks were held in The Hague.", "The Hague", "City"),
    ("Vienna has refused the export.", "Austrian government", "Regulator"),
    ("Stockholm-based Ericsson sells radios.", "Swedish government", None),
    ("Beijing has approved the purchases.", "Chinese government", "Regulator"),
    ("The chief executive travelled to Beijing last week.", "Beijing (city)", "City"),
    ("Washington tightened export rules in October.", "US government", "Regulator"),
    ("China accounted for 13% of revenue.", "China", "Country"),
    ("China has banned the chips.", "Chinese government", "Regulator"),
    ("The firm sells servers in China.", "China", "Country"),
    ("Chinese authorities told buyers to wait.", "Chinese government", "Regulator"),
]


@pytest.mark.parametrize(("sentence", "label", "kind"), METONYMY)
def test_state_or_place(sentence: str, label: str, kind: str | None) -> None:
    assert entities(sentence).get(label) == kind


def test_abbreviation_and_short_form_resolve_to_one_entity() -> None:
    text = (
        "The Office of Chip Security (OCS) issued a notice. Its head, Mira Stanek, said "
        "the OCS would act soon. Stanek declined to give a date."
    )
    x = run(text)
    keys = {m.text: m.entity for m in x.mentions}
    assert keys["OCS"] == keys["Office of Chip Security"]
    assert keys["Stanek"] == keys["Mira Stanek"]


def test_corporate_suffix_maps_to_known_company() -> None:
    x = run("Nvidia Corp. said the H20 would stay on sale.")
    assert [e.label for e in x.entities if e.type.value == "Company"] == ["Nvidia"]


def test_gazetteer_gives_wikidata_link() -> None:
    x = run("Nvidia makes chips.")
    assert {e.label: e.wikidata for e in x.entities}["Nvidia"] == "Q182477"


def test_later_uses_of_a_name_found_by_context_resolve() -> None:
    text = (
        "Zorvex, a Malaysian start-up, applied for a licence. Regulators approved Zorvex "
        "in May. Ortus unveiled the Helix processor. The Helix beats the H20, Ortus said."
    )
    x = run(text)
    found = [(m.text, m.entity) for m in x.mentions]
    assert found.count(("Zorvex", "zorvex")) == 2
    assert found.count(("Helix", "helix")) == 2


def test_repeated_name_inside_a_longer_name_is_not_resolved() -> None:
    x = run("Ortus unveiled the Helix processor. Helix Systems said it was unimpressed.")
    assert [(m.text, m.entity) for m in x.mentions].count(("Helix", "helix")) == 1
    assert "Helix Systems" in {e.label for e in x.entities}


def test_one_word_firm_folds_into_the_longer_firm_it_shortens() -> None:
    x = run("Yotta said it would buy chips. Yotta Data Services bought 16,000 chips.")
    assert [e.label for e in x.entities if e.type.value == "Company"] == ["Yotta Data Services"]


# Unknown names that their surroundings give away: a product "called X", a name before a
# kind word and a chip noun ("its X AI accelerators", "whose X inference chip"), a firm
# described by an apposition with a place in it ("X, a London chip designer run by ...").
@pytest.mark.parametrize(
    ("sentence", "label", "kind"),
    [
        (
            "Quorra is developing an in-house accelerator called Zephyr 2 for 2027.",
            "Zephyr 2",
            "Chip",
        ),
        (
            "The start-up is preparing its next chip, called Orvane, for next year.",
            "Orvane",
            "Chip",
        ),
        (
            "The ministry cleared Korvo Networks to ship its Tessel Quad AI accelerators.",
            "Tessel Quad",
            "Chip",
        ),
        (
            "Quorra, a Seoul rival whose QRX inference chip is sampling, declined to comment.",
            "QRX",
            "Chip",
        ),
        (
            "Zorvane, a London chip designer run by Mara Lind, is raising money.",
            "Zorvane",
            "Company",
        ),
        (
            "Kestrel Cloud, the Osaka-based cloud operator led by president Ken Ito, buys chips.",
            "Kestrel Cloud",
            "Company",
        ),
    ],
)
def test_unknown_names_from_their_surroundings(sentence: str, label: str, kind: str) -> None:
    assert entities(sentence).get(label) == kind


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Sales rose in a year called 2024 by analysts.", "2024"),
        ("The group, called Nordic Partners by rivals, bought shares.", "Nordic Partners"),
    ],
)
def test_called_needs_a_chip_noun_before_it(sentence: str, label: str) -> None:
    assert entities(sentence).get(label) != "Chip"


@pytest.mark.parametrize(
    ("text", "label", "kind"),
    [
        # a full stop after a code ending in a capital letter ends the sentence
        ("Nvidia has developed the B30A. The Commerce Department blocked it.", "B30A", "Chip"),
        ("Nvidia has developed the B30A. The Commerce Department blocked it.", "Nvidia", "Company"),
        (
            "Nvidia has developed the B30A. The Commerce Department blocked it.",
            "US Commerce Department",
            "Regulator",
        ),
        ("Nvidia still sells the H20 and the XK90D. Analysts expect more.", "XK90D", "Chip"),
        # a sentence naming a known chip speaks of chips: the code beside it is one too
        ("The XK90 is cheaper than the H20.", "XK90", "Chip"),
    ],
)
def test_codes_at_sentence_end_and_beside_known_chips(text: str, label: str, kind: str) -> None:
    assert entities(text).get(label) == kind


def test_summit_codes_are_not_chips() -> None:
    assert "COP28" not in entities("The COP28 summit in Dubai discussed the H20.")


def test_an_agency_is_part_of_its_government_as_the_gazetteer_says() -> None:
    x = run("The Bureau of Industry and Security said Nvidia may not ship the H20 to China.")
    part_of = {e.label: e.part_of for e in x.entities}
    assert part_of["Bureau of Industry and Security"] == "US government"
    assert part_of["Nvidia"] is None
    assert part_of["China"] is None


@pytest.mark.parametrize(
    ("text", "agency", "government"),
    [
        (
            "Japan's Ministry of Economy, Trade and Industry approved the permit.",
            "METI",
            "Japanese government",
        ),
        (
            "The Federal Office for Economic Affairs and Export Control refused.",
            "BAFA",
            "German government",
        ),
        (
            "Korea's Ministry of Trade, Industry and Energy said it had approved it.",
            "MOTIE",
            "South Korean government",
        ),
    ],
)
def test_export_agencies_are_part_of_their_governments(
    text: str, agency: str, government: str
) -> None:
    part_of = {e.label: e.part_of for e in run(text).entities}
    assert part_of[agency] == government
