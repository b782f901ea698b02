"""read_documents: formats by extension, directories, standard input, unknown formats."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from chipkg.loaders.cleaning import to_article
from chipkg.loaders.document import RawDocument
from chipkg.loaders.formats import readers
from chipkg.loaders.sources import display_name, read_documents, sniff_format
from chipkg.ontology.errors import LoaderError

DATA = Path(__file__).resolve().parents[1] / "data" / "loaders"


def _docs(*paths: str | Path) -> list[RawDocument | LoaderError]:
    return list(read_documents(paths))


def test_registry_knows_every_extension() -> None:
    assert readers.names() == ["htm", "html", "json", "jsonl", "markdown", "md", "text", "txt"]


@pytest.mark.parametrize(
    ("name", "fmt", "count", "title", "issued", "present", "absent"),
    [
        (
            "story.txt",
            "text",
            1,
            "Regulator clears chip sales to three cloud firms",
            dt.date(2025, 6, 3),
            "report every shipment",
            "Ana Ruiz covers",
        ),
        (
            "story.md",
            "markdown",
            1,
            "Front matter title wins",
            dt.date(2025, 3, 4),
            "The ministry said it would review licences for chip exports.",
            "Photo:",
        ),
        (
            "story.html",
            "html",
            1,
            "Ministry reviews chip licences",
            dt.date(2025, 5, 6),
            'accelerator chips & memory, citing "security"',
            "script-should-vanish",
        ),
        ("feed.jsonl", "jsonl", 2, "One", dt.date(2025, 1, 2), "First record about chips.", "{"),
        ("items.json", "json", 2, None, None, "Array item one.", "["),
        ("single.json", "json", 1, "Lone", None, "A lone record.", "{"),
        ("html_record.jsonl", "jsonl", 1, "From HTML field", None, "whole web page", "<p>"),
    ],
)
def test_format_table(
    name: str,
    fmt: str,
    count: int,
    title: str | None,
    issued: dt.date | None,
    present: str,
    absent: str,
) -> None:
    items = _docs(DATA / name)
    assert all(isinstance(i, RawDocument) for i in items), items
    assert len(items) == count
    assert {i.format for i in items} == {fmt}
    article = to_article(items[0])  # type: ignore[arg-type]
    assert article.title == title
    assert article.issued == issued
    assert present in article.text
    assert absent not in article.text


def test_html_drops_scripts_styles_iframes_nav_footer() -> None:
    (doc,) = _docs(DATA / "story.html")
    assert isinstance(doc, RawDocument)
    article = to_article(doc)
    for gone in (
        "script-should-vanish",
        "secret-style-token",
        "iframe-should-vanish",
        "All rights reserved",
        "Home | Tech",
    ):
        assert gone not in article.text
    assert article.publisher == "Example Gazette"


def test_jsonl_sources_name_the_line() -> None:
    docs = _docs(DATA / "feed.jsonl")
    assert [Path(d.source).name for d in docs] == ["feed.jsonl#1", "feed.jsonl#3"]
    assert docs[1].publisher == "Example Wire"  # type: ignore[union-attr]


def test_json_array_items_and_dates() -> None:
    docs = _docs(DATA / "items.json")
    assert [Path(d.source).name for d in docs] == ["items.json#1", "items.json#2"]
    assert to_article(docs[1]).issued == dt.date(2025, 8, 12)  # type: ignore[arg-type]


def test_directory_walk_is_sorted_and_skips_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second file.")
    (tmp_path / "a.txt").write_text("First file.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("# Third\n\nThird file.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden dir.")
    (tmp_path / "notes.csv").write_text("a,b")
    docs = _docs(tmp_path)
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.txt", "c.md"]
    assert all(Path(d.source).is_absolute() for d in docs)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("data.csv", "unknown format (extension .csv)"),
        ("README", "unknown format (no file extension)"),
    ],
)
def test_explicit_unknown_extension_is_an_error(tmp_path: Path, name: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text("text")
    (error,) = _docs(path)
    assert isinstance(error, LoaderError)
    assert problem in error.problem and ".jsonl" in error.problem and name in str(error)


def test_missing_path_is_an_error_and_batch_continues(tmp_path: Path) -> None:
    items = _docs(tmp_path / "missing.txt", DATA / "story.txt")
    assert isinstance(items[0], LoaderError) and "no such file" in items[0].problem
    assert isinstance(items[1], RawDocument)


@pytest.mark.parametrize(
    ("payload", "fmt", "count"),
    [
        (b'{"text": "One."}\n{"text": "Two."}\n', "jsonl", 2),
        (b'[{"text": "One."}]', "json", 1),
        (
            b"<!DOCTYPE html><html><body><article><p>"
            + b"Chip sales resumed today. " * 12
            + b"</p></article></body></html>",
            "html",
            1,
        ),
        (b"Plain words about chips.\n", "text", 1),
        (b"# Beijing clears the H200\n\nChina approved the H200.\n", "markdown", 1),
    ],
)
def test_standard_input_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, payload: bytes, fmt: str, count: int
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    docs = _docs("-")
    assert len(docs) == count and all(isinstance(d, RawDocument) for d in docs), docs
    assert {d.format for d in docs} == {fmt}
    assert docs[0].source.startswith("stdin:")


def test_different_articles_on_standard_input_have_different_sources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sources = []
    for payload in (
        b"Nvidia makes the H20.\n",
        b"AMD makes the MI308.\n",
        b"Nvidia makes the H20.\n",
    ):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
        sources += [d.source for d in _docs("-")]
    assert sources[0] != sources[1] and sources[0] == sources[2]  # named by content


def test_sniff_format_on_markdownless_text() -> None:
    assert sniff_format(b'  \n{"text": "x"}') == "jsonl"


def test_display_name_is_one_line() -> None:
    assert "\n" not in display_name("a\nb.txt")
    assert display_name("café.txt") == "café.txt"
