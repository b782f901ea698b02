"""neighbours, path and central on the projection."""

from __future__ import annotations

import pytest

from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.queries.analytics import central, neighbours, path


def test_neighbours_by_depth(kg: Store) -> None:
    one = neighbours(kg, "H200")
    assert {(r.entity, r.distance) for r in one} == {
        ("H20", 1),
        ("Nvidia", 1),
        ("Chinese customs", 1),
    }
    assert next(r for r in one if r.entity == "Nvidia").relations == ["<- makes"]
    two = {r.entity for r in neighbours(kg, "h200", depth=2)}
    assert "Chinese government" in two


def test_path_reports_each_hop_and_direction(kg: Store) -> None:
    steps = path(kg, "Huawei", "Jensen Huang")
    assert [(s.source, s.relation, s.target, s.direction) for s in steps] == [
        ("Huawei", "basedIn", "China", "forward"),
        ("China", "visited", "Jensen Huang", "backward"),
    ]
    with pytest.raises(QueryError, match="no chain of facts"):
        path(kg, "Huawei", "Nvidia")


def test_central_ranks_the_hub_first(kg: Store) -> None:
    rows = central(kg, top=3)
    assert rows[0].entity == "Chinese government" and rows[0].rank == 1
    assert len(rows) == 3
    assert [r.kind for r in central(kg, kind="Chip", top=10)] == ["Chip"] * 3


def test_central_kind_in_any_case_and_unknown_kinds_refused(kg: Store) -> None:
    chips = [r.entity for r in central(kg, kind="Chip")]
    assert chips and [r.entity for r in central(kg, kind="chip")] == chips
    with pytest.raises(QueryError, match=r"unknown kind 'Widget'; choose one of .*Chip"):
        central(kg, kind="Widget")


@pytest.mark.parametrize("depth", [0, 7])
def test_neighbours_depth_is_bounded_everywhere(kg: Store, depth: int) -> None:
    with pytest.raises(QueryError, match="depth must be from 1 to 6"):
        neighbours(kg, "H200", depth=depth)
