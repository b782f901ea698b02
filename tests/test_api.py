"""The Python API: ingest semantics, export/import, stats."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import chipkg
import chipkg.api
from chipkg.api import ArticleStatus, KnowledgeGraph, PreparedArticle
from chipkg.graph.formats import formats
from chipkg.loaders import pipeline
from chipkg.loaders.pipeline import CHUNK, extractors, load
from chipkg.ontology.errors import ValidationError
from chipkg.ontology.identifiers import sha256_hex
from chipkg.ontology.models import Article, Extraction
from chipkg.ontology.vocabulary import ONTOLOGY_GRAPH
from tests.conftest import DATA

API = DATA / "api"
GOOD = [API / "approval.txt", API / "restriction.txt"]


def _article_quads(kg: KnowledgeGraph) -> list[tuple[object, ...]]:
    """Return the sorted quads of every article graph (the ontology has blank nodes)."""
    return sorted(q for q in kg.store.quads() if q[3] != ONTOLOGY_GRAPH)


@pytest.fixture(params=["memory", "oxigraph"])
def kg(request: pytest.FixtureRequest, tmp_path: Path) -> KnowledgeGraph:
    if request.param == "memory":
        return chipkg.open(backend="memory")
    return chipkg.open(tmp_path / "store")


def test_ingest_reports_each_article(kg: KnowledgeGraph) -> None:
    report = kg.ingest(GOOD)
    assert report.ok
    assert report.count(ArticleStatus.added) == 2
    assert kg.stats().articles == 2
    assert "2 added" in report.summary()


def test_reingesting_unchanged_articles_is_a_no_op(kg: KnowledgeGraph) -> None:
    kg.ingest(GOOD)
    before = sorted(kg.store.quads())
    report = kg.ingest(GOOD)
    assert report.count(ArticleStatus.unchanged) == 2
    assert sorted(kg.store.quads()) == before
    assert "0 entity mentions, 0 claims, 0 approvals written" in report.summary()


def test_reingest_names_unchanged_sources_without_extracting_them(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.txt"
    shutil.copy(API / "approval.txt", article)
    first = kg.ingest([article, *GOOD[1:]]).outcomes
    digest = sha256_hex(article.read_text(encoding="utf-8"))
    sparql = "SELECT ?d WHERE { ?a ckg:sourceSha256 ?d ; dcterms:source ?s . FILTER(?s = %r) }"
    assert [str(r[0]) for r in kg.query(sparql % str(article)).rows] == [digest]

    def never(*_: object, **__: object) -> object:
        raise AssertionError("an unchanged source was extracted again")

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "extract_document", never)
        again = kg.ingest([article, *GOOD[1:]])
    assert [o.status for o in again.outcomes] == [ArticleStatus.unchanged] * 2
    assert [o.article for o in again.outcomes] == [o.article for o in first]
    article.write_text(article.read_text() + "\nTencent declined to comment.\n")
    changed = kg.ingest([article]).outcomes[0]  # a new text is extracted and replaces the old
    assert changed.status is ArticleStatus.replaced and changed.entities > 0


def _no_approvals(article: Article) -> Extraction:
    """An older extractor, as it were: the rules' extraction without its approvals."""
    found = extractors.get("rules")(article)
    return found.model_copy(update={"approvals": ()})


def test_reextract_gives_stored_articles_what_the_extractor_finds_now(kg: KnowledgeGraph) -> None:
    extractors.register("older", _no_approvals)  # registering again replaces it
    kg.ingest(GOOD, extractor="older")
    assert kg.stats().approvals == 0
    again = kg.ingest(GOOD)  # the same texts: skipped, whatever the extractor
    assert [o.status for o in again.outcomes] == [ArticleStatus.unchanged] * 2
    assert kg.stats().approvals == 0
    fresh = kg.ingest(GOOD, reextract=True)
    assert [o.status for o in fresh.outcomes] == [ArticleStatus.reextracted] * 2
    assert kg.stats().approvals > 0 and kg.stats().articles == 2
    assert "2 re-extracted" in fresh.summary()
    assert kg.validate().conforms


def test_changed_article_replaces_its_graph(kg: KnowledgeGraph, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    shutil.copy(API / "approval.txt", article)
    first = kg.ingest([article]).outcomes[0]
    article.write_text(article.read_text() + "\nTencent declined to comment.\n")
    second = kg.ingest([article]).outcomes[0]
    assert second.status is ArticleStatus.replaced
    assert second.article != first.article
    graphs = {str(g) for g in kg.store.graphs()}
    assert second.article in graphs and first.article not in graphs
    assert kg.stats().articles == 1


def test_a_bad_file_fails_alone(kg: KnowledgeGraph) -> None:
    report = kg.ingest([*GOOD, API / "broken.txt"])
    assert not report.ok
    (failed,) = report.errors
    assert "broken.txt" in (failed.error or "")
    assert report.count(ArticleStatus.added) == 2
    assert kg.stats().articles == 2


def test_a_file_of_only_boilerplate_is_refused(kg: KnowledgeGraph) -> None:
    report = kg.ingest([API / "only_boilerplate.txt"])
    (failed,) = report.errors
    assert "only_boilerplate.txt" in (failed.error or "")
    assert "no article text" in (failed.error or "")
    assert kg.stats().articles == 0


def test_parallel_ingest_matches_one_process(tmp_path: Path) -> None:
    with chipkg.open(tmp_path / "one") as one, chipkg.open(tmp_path / "two") as two:
        one.ingest(GOOD)
        report = two.ingest(GOOD, workers=2)
        assert report.ok
        assert _article_quads(one) == _article_quads(two)


def test_parallel_ingest_in_many_batches_matches_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches written behind the workers come back whole and in input order."""
    paths = []
    for n in range(3 * CHUNK):  # more than one task's worth, so worker processes run
        path = tmp_path / "in" / f"{n:02d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"Nvidia makes the H{n}0 chip, Reuters reported on Monday.\n")
        paths.append(path)
    paths.insert(5, API / "broken.txt")
    monkeypatch.setattr(chipkg.api, "BATCH_ARTICLES", 2)
    seen: list[str] = []
    with chipkg.open(tmp_path / "one") as one, chipkg.open(tmp_path / "two") as two:
        one.ingest(paths)
        report = two.ingest(paths, workers=2, progress=lambda o: seen.append(o.source))
        assert seen == [o.source for o in report.outcomes] == [str(p) for p in paths]
        assert report.count(ArticleStatus.added) == len(paths) - 1
        assert report.outcomes[5].status is ArticleStatus.failed
        assert _article_quads(one) == _article_quads(two)


def test_copies_of_an_article_in_one_batch_are_written_once(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(API / "approval.txt", copy)
    report = kg.ingest([API / "approval.txt", copy, API / "restriction.txt"])
    statuses = [o.status for o in report.outcomes]
    assert statuses == [ArticleStatus.added, ArticleStatus.unchanged, ArticleStatus.added]
    assert report.outcomes[0].article == report.outcomes[1].article
    assert kg.stats().articles == 2
    again = kg.ingest([API / "approval.txt", copy, API / "restriction.txt"])
    assert again.count(ArticleStatus.unchanged) == 3


@pytest.mark.parametrize("batch", [1, 2, 256])
def test_batches_of_any_size_write_the_same_graphs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(chipkg.api, "BATCH_ARTICLES", batch)
    with chipkg.open(tmp_path / "batched") as kg, chipkg.open(tmp_path / "one") as one:
        report = kg.ingest([*GOOD, API / "broken.txt", API / "only_boilerplate.txt"])
        assert [o.status for o in report.outcomes] == [
            ArticleStatus.added,
            ArticleStatus.added,
            ArticleStatus.failed,
            ArticleStatus.failed,
        ]
        for path in GOOD:
            one.add(next(iter(load([path]))))  # type: ignore[arg-type]
        assert _article_quads(kg) == _article_quads(one)
        assert kg.ingest(GOOD).count(ArticleStatus.unchanged) == 2


def test_a_graph_the_bulk_load_refuses_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article whose RDF the store rejects (here: a line cut short) fails; its batch loads."""
    real = chipkg.api.prepare_article

    def spoil(extraction: Extraction, *, ntriples: bool = True) -> PreparedArticle:
        prepared = real(extraction, ntriples=ntriples)
        if "restriction" not in prepared.source:
            return prepared
        text = (prepared.graph.ntriples or "") + '<x:s> <x:p> "unterminated .\n'
        return replace(prepared, graph=replace(prepared.graph, ntriples=text))

    monkeypatch.setattr(chipkg.api, "prepare_article", spoil)
    with chipkg.open(tmp_path / "store") as kg:
        report = kg.ingest(GOOD)
        added, failed = report.outcomes
        assert added.status is ArticleStatus.added
        assert failed.status is ArticleStatus.failed and "restriction.txt" in failed.source
        assert kg.stats().articles == 1


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_export_then_import_round_trips(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    kg.ingest(GOOD)
    suffix = formats.get(fmt).extensions[0]
    path = kg.export(tmp_path / f"out{suffix}")
    assert path.stat().st_size > 0
    with chipkg.open(backend="memory") as other:
        other.import_file(path)
        assert _article_quads(other) == _article_quads(kg)
        assert len(other.store) == len(kg.store)  # one ontology, not a second copy
        assert other.import_file(path) == 0  # importing it again changes nothing


def test_stats_count_what_was_extracted(kg: KnowledgeGraph) -> None:
    kg.ingest(GOOD)
    stats = kg.stats()
    assert stats.claims > 0
    assert stats.entities >= 3
    assert stats.entities_by_type.get("Company", 0) >= 2


def test_validate_passes_on_ingested_articles(kg: KnowledgeGraph) -> None:
    kg.ingest(GOOD)
    report = kg.validate()
    assert report.conforms, report.render()


@pytest.mark.parametrize(
    ("batch_triples", "workers"),
    [(1, 1), (10**9, 1), (1, 2)],
    ids=["graph-by-graph", "all-at-once", "in-two-processes"],
)
def test_validate_finds_a_broken_graph_in_any_batch(
    kg: KnowledgeGraph, batch_triples: int, workers: int
) -> None:
    kg.ingest(GOOD)
    # One claim of one article loses its sentence.
    kg.store.update(
        "PREFIX ckg: <https://w3id.org/chipkg/ontology#> "
        "DELETE { GRAPH ?g { ?c ckg:sentence ?s } } WHERE { "
        "{ SELECT ?g ?c WHERE { GRAPH ?g { ?c a ckg:Claim } } ORDER BY DESC(?g) ?c LIMIT 1 } "
        "GRAPH ?g { ?c ckg:sentence ?s } }"
    )
    report = kg.validate(batch_triples=batch_triples, workers=workers)
    assert not report.conforms
    assert [(v.constraint, v.path) for v in report.violations] == [
        ("MinCountConstraintComponent", "https://w3id.org/chipkg/ontology#sentence")
    ]
    graphs = [g for g in kg.store.graphs() if g != ONTOLOGY_GRAPH]
    by_graph = [{q[:3] for q in kg.store.quads(g)} for g in graphs]
    checked = sum(map(len, by_graph)) if batch_triples == 1 else len(set().union(*by_graph))
    assert report.triples == checked  # every article graph, the ontology aside


def test_a_validation_process_that_dies_is_one_clear_error(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    kg.ingest(GOOD)
    monkeypatch.setattr("chipkg.ontology.shapes.validate", _die)  # the workers fork with it
    with pytest.raises(ValidationError, match="validation process died"):
        kg.validate(batch_triples=1, workers=2)


def _die(*_: object) -> None:
    os._exit(9)  # as the out-of-memory killer would end it


def test_ask_takes_a_helper_or_a_question(kg: KnowledgeGraph) -> None:
    kg.ingest(GOOD)
    by_name = kg.ask("restrictions", chip="H200")
    by_question = kg.ask("Who restricts the H200?")
    assert by_question.helper == "restrictions"
    assert by_question.to_dicts() == by_name.to_dicts()
    with pytest.raises(chipkg.api.ChipKGError, match="Questions I understand look like"):
        kg.ask("How tall is the H200?")
    with pytest.raises(chipkg.api.ChipKGError, match="Unknown query helper 'aprovals'"):
        kg.ask("aprovals")  # a mistyped name is told the helpers, not the question shapes


def test_claim_offsets_index_the_stored_text(kg: KnowledgeGraph) -> None:
    """A reader can check every claim's evidence against the article's cleaned text."""
    kg.ingest(GOOD)
    rows = kg.query(
        """SELECT ?sentence (SUBSTR(?text, ?start + 1, ?end - ?start) AS ?cut) WHERE {
             ?claim a ckg:Claim ; ckg:sentence ?sentence ; ckg:charStart ?start ;
                    ckg:charEnd ?end ; prov:wasDerivedFrom ?article .
             ?article ckg:text ?text }"""
    ).rows
    assert rows and all(str(sentence) == str(cut) for sentence, cut in rows)
