"""The synthetic benchmark corpus: deterministic, realistic in size, valid extractions."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import World, articles, write_corpus
from benchmarks.tasks import dir_bytes, helper_calls
from chipkg.graph.mapping import extraction_triples
from chipkg.ontology.models import Extraction


def test_same_seed_same_articles_other_seed_other_articles() -> None:
    a = [x.text for x in articles(5, seed=3)]
    b = [x.text for x in articles(5, seed=3)]
    c = [x.text for x in articles(5, seed=4)]
    assert a == b
    assert a != c
    assert [x.text for x in articles(2, seed=3, start=3)] == a[3:]


def test_world_has_thousands_of_things() -> None:
    world = World.generate(0)
    assert len(world.firms) > 2000 and len(world.chips) > 1000 and len(world.people) > 1000
    assert len(world.regulators) >= 100


def test_articles_are_news_sized_and_their_extractions_validate() -> None:
    for item in articles(40, seed=1):
        assert 2000 < len(item.text) < 6500
        extraction = Extraction.model_validate(item.extraction.model_dump())
        assert extraction.article.text == item.text
        assert extraction.claims
        assert len(extraction_triples(extraction)) > 100


def test_sentence_shapes_vary() -> None:
    first_lines = {item.text.split("\n\n")[5][:12] for item in articles(30, seed=2)}
    assert len(first_lines) > 10


def test_write_corpus_writes_files(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 3, seed=5)
    assert [p.name for p in paths] == sorted(p.name for p in tmp_path.glob("*.txt"))
    assert dir_bytes(tmp_path) == sum(p.stat().st_size for p in paths)


def test_every_helper_has_a_benchmark_call() -> None:
    from chipkg.queries.sparql_files import query_names

    calls = helper_calls()
    assert set(query_names()) <= set(calls)
    assert all("SELECT" in q.upper() for q in calls.values())
    assert any(n.endswith(".chip") for n in calls)
