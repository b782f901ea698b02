"""Entity lookup by label and alias, with classes and close matches."""

from __future__ import annotations

import pytest

from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.queries.entities import fold, resolve_entity


@pytest.mark.parametrize(
    ("name", "cls", "label"),
    [
        ("H200", None, "H200"),
        ("h200", "Chip", "H200"),
        ("h200s", "Chip", "H200"),
        ("beijing", "Regulator", "Chinese government"),
        ("China", "Regulator", "Chinese government"),
        ("China", None, "China"),
        ("the Chinese government", None, "Chinese government"),
        ("NVIDIA CORP.", None, "Nvidia"),
        ("ent:nvidia", None, "Nvidia"),
        ("Nvidia", "Organization", "Nvidia"),
    ],
)
def test_names_resolve(kg: Store, name: str, cls: str | None, label: str) -> None:
    matches = resolve_entity(kg, name, cls)
    assert [m.label for m in matches] == [label]


def test_kind_is_most_specific(kg: Store) -> None:
    (match,) = resolve_entity(kg, "Chinese customs")
    assert match.kind == "Regulator"


def test_a_miss_lists_close_matches(kg: Store) -> None:
    with pytest.raises(QueryError, match=r"no entity is named 'H2000'; close matches: .*H200"):
        resolve_entity(kg, "H2000")


def test_wrong_class_says_what_the_name_is(kg: Store) -> None:
    with pytest.raises(QueryError, match=r"'Nvidia' names Nvidia \(Company\), which is not a Chip"):
        resolve_entity(kg, "Nvidia", "Chip")


def test_fold() -> None:
    assert fold("The Chinese Government’s") == "chinese government"
    assert fold("Nvidia Corp.") == "nvidia corp"
