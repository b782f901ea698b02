"""The extractor's resources: gazetteer hints and word lists load and hang together."""

from __future__ import annotations

import pytest

from chipkg.loaders.extraction.resources import recognition_words, resources
from chipkg.ontology.models import EntityType


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Shenzhen", "China"),
        ("Beijing (city)", "China"),
        ("Santa Clara", "United States"),
        ("Hsinchu", "Taiwan"),
        ("Veldhoven", "Netherlands"),
        ("Abu Dhabi", "United Arab Emirates"),
        ("Cambridge", None),  # two of them (UK, Massachusetts): no country given
    ],
)
def test_city_country(city: str, country: str | None) -> None:
    assert resources().entries[city].country == country


def test_every_city_country_is_a_country_entry() -> None:
    entries = resources().entries
    named = [e for e in entries.values() if e.country]
    assert named
    for entry in named:
        assert entry.type is EntityType.City
        assert entries[entry.country].type is EntityType.Country  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "member", "absent"),
    [
        ("not_names", "Former", "former"),  # compared as written
        ("chip_heads", "accelerators", "Accelerators"),
        ("speech", "said", "walked"),
    ],
)
def test_recognition_words(name: str, member: str, absent: str) -> None:
    words = recognition_words()[name]
    assert member in words
    assert absent not in words
