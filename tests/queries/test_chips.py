"""Chip helpers: restrictions (with modality), outperforms (with factor), makers."""

from __future__ import annotations

import io

from chipkg.graph.store import Store
from chipkg.queries.chips import makers, outperforms, restrictions


def test_restrictions_of_a_chip_say_in_force_or_planned(kg: Store) -> None:
    rows = restrictions(kg, chip="H200")
    assert [(r.regulator, r.state) for r in rows] == [
        ("Chinese customs", "in force"),
        ("US government", "planned"),
    ]
    planned = rows[1]
    assert planned.modality == "Planned" and planned.dates == [
        "2026-02"
    ]  # "in February": a month, not its first day
    assert "considering" in planned.sentences[0]


def test_restrictions_by_regulator_alias(kg: Store) -> None:
    rows = restrictions(kg, regulator="Beijing")
    assert [(r.chip, r.outlets) for r in rows] == [("H20", ["Financial Times"])]


def test_a_regulator_filter_takes_in_its_parts(kg: Store) -> None:
    before = [(r.regulator, r.chip) for r in restrictions(kg, regulator="Beijing")]
    kg.update(
        "PREFIX ckg: <https://w3id.org/chipkg/ontology#> PREFIX ent: <https://w3id.org/chipkg/id/> "
        "INSERT DATA { GRAPH <https://w3id.org/chipkg/article/a1> { "
        "ent:chinese-customs ckg:partOf ent:chinese-government } }"
    )
    after = [(r.regulator, r.chip) for r in restrictions(kg, regulator="Beijing")]
    assert sorted(after) == sorted([*before, ("Chinese customs", "H200")])  # under its own name
    assert [r.regulator for r in restrictions(kg, regulator="Chinese customs")] == [
        "Chinese customs"  # a part does not take in its whole
    ]


def test_outperforms_gives_the_factor_and_hides_negated_claims(kg: Store) -> None:
    rows = outperforms(kg)
    assert [(r.chip, r.other, r.factor) for r in rows] == [("H200", "H20", 6.0)]
    negated = outperforms(kg, include_negated=True)
    assert ("H20", "Ascend 910C", "Negated") in {(r.chip, r.other, r.modality) for r in negated}
    assert len(outperforms(kg, chip="H20")) == 0


def test_a_claim_without_a_factor_does_not_hide_the_others(kg: Store) -> None:
    extra = """
    @prefix ckg: <https://w3id.org/chipkg/ontology#> .
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    @prefix prov: <http://www.w3.org/ns/prov#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    <https://w3id.org/chipkg/article/a9> {
      <https://w3id.org/chipkg/article/a9> a ckg:Article ; dcterms:source "/corpus/a9.txt" .
      <https://w3id.org/chipkg/article/a9#claim-1> a ckg:Claim ;
        rdf:subject <https://w3id.org/chipkg/id/h200> ; rdf:predicate ckg:outperforms ;
        rdf:object <https://w3id.org/chipkg/id/h20> ;
        prov:wasDerivedFrom <https://w3id.org/chipkg/article/a9> ;
        ckg:sentence "The H200 is far more powerful than the H20." ;
        ckg:modality ckg:Asserted .
    }"""
    kg.load(io.BytesIO(extra.encode()), "trig")
    (row,) = outperforms(kg, chip="H200")
    assert (row.factor, row.articles) == (6.0, 2)


def test_makers(kg: Store) -> None:
    assert {(r.maker, r.chip) for r in makers(kg, maker="Nvidia")} == {
        ("Nvidia", "H200"),
        ("Nvidia", "H20"),
    }
    ascend = makers(kg, chip="ascend 910c")
    assert {r.maker for r in ascend} == {"Huawei", 'O\'Brien "Chips" <Ltd> }'}
