"""Chip helpers: restrictions (with modality), outperforms (with factor), makers."""

from __future__ import annotations

import datetime as dt

from chipkg.graph.store import Store
from chipkg.queries.chips import makers, outperforms, restrictions


def test_restrictions_of_a_chip_say_in_force_or_planned(kg: Store) -> None:
    rows = restrictions(kg, chip="H200")
    assert [(r.regulator, r.state) for r in rows] == [
        ("Chinese customs", "in force"),
        ("US government", "planned"),
    ]
    planned = rows[1]
    assert planned.modality == "Planned" and planned.dates == [dt.date(2026, 2, 1)]
    assert "considering" in planned.sentences[0]


def test_restrictions_by_regulator_alias(kg: Store) -> None:
    rows = restrictions(kg, regulator="Beijing")
    assert [(r.chip, r.outlets) for r in rows] == [("H20", ["Financial Times"])]


def test_outperforms_gives_the_factor_and_hides_negated_claims(kg: Store) -> None:
    rows = outperforms(kg)
    assert [(r.chip, r.other, r.factor) for r in rows] == [("H200", "H20", 6.0)]
    negated = outperforms(kg, include_negated=True)
    assert ("H20", "Ascend 910C", "Negated") in {(r.chip, r.other, r.modality) for r in negated}
    assert len(outperforms(kg, chip="H20")) == 0


def test_makers(kg: Store) -> None:
    assert {(r.maker, r.chip) for r in makers(kg, maker="Nvidia")} == {
        ("Nvidia", "H200"),
        ("Nvidia", "H20"),
    }
    ascend = makers(kg, chip="ascend 910c")
    assert {r.maker for r in ascend} == {"Huawei", 'O\'Brien "Chips" <Ltd> }'}
