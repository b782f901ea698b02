"""Issue 7, bad input: every case gives a one-line error naming the file, or loads cleanly,
and the good files of the same batch still load."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from chipkg.loaders.cleaning import to_article
from chipkg.loaders.document import RawDocument
from chipkg.loaders.limits import Limits
from chipkg.loaders.sources import read_documents
from chipkg.ontology.errors import LoaderError

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
GOOD = Path(__file__).resolve().parents[1] / "data" / "loaders" / "story.txt"


def _only(path: Path, limits: Limits | None = None) -> RawDocument | LoaderError:
    items = list(read_documents([path], limits=limits))
    assert len(items) == 1, items
    return items[0]


def _assert_error(item: object, name: str, *words: str) -> LoaderError:
    assert isinstance(item, LoaderError), item
    message = str(item)
    assert "\n" not in message and name in message
    for word in words:
        assert word in message, message
    return item


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", ("empty",)),
        ("whitespace_only.txt", ("empty",)),
        ("image_named.txt", ("binary", "PNG")),
        ("program_named.txt", ("binary", "ELF")),
        ("gzip_named.txt", ("binary", "gzip")),
        ("zip_named.jsonl", ("binary", "zip")),
        ("nul_bytes.txt", ("binary",)),
        ("invalid_utf8.txt", ("invalid UTF-8", "byte")),
    ],
)
def test_refused_inputs(name: str, words: tuple[str, ...]) -> None:
    _assert_error(_only(BAD / name), name, *words)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("utf8_bom.txt", "Nvidia’s H20 — UTF-8 with BOM."),
        ("utf16_bom.txt", "Nvidia’s H20 — UTF-16 with BOM."),
        ("utf16be_bom.md", "UTF-16 BE heading"),
        ("utf16_nobom.txt", "Nvidia’s H20 — UTF-16 without BOM."),
        ("cp1252_quotes.txt", "a “conditional” approval — Nvidia’s chips, 5 € each."),
        ("latin1_declared.html", "Le ministère a approuvé les puces"),
    ],
)
def test_decoded_inputs(name: str, expected: str) -> None:
    item = _only(BAD / name)
    assert isinstance(item, RawDocument), item
    text = to_article(item).text
    assert expected in text
    assert "\ufeff" not in text and "\x00" not in text


def test_hostile_html_keeps_text_and_drops_active_content() -> None:
    item = _only(BAD / "hostile.html")
    assert isinstance(item, RawDocument), item
    article = to_article(item)
    for leak in (
        "style-leak",
        "script-leak",
        "json-ld-leak",
        "iframe-leak",
        "noscript-leak",
        "object-leak",
        "<p",
        "<script",
        "&amp;",
        "&mdash;",
        "&#8212;",
    ):
        assert leak not in article.text, leak
    assert "Chips & licences: the “entity” test" in article.text
    assert "accelerators — a move welcomed by buyers <and> sellers" in article.text
    assert "numeric entity — hex entity" in article.text
    assert article.publisher == "Test Wire"


def test_noscript_text_is_not_article_text() -> None:
    item = _only(BAD / "noscript_small.html")  # small: trafilatura kept <noscript> text
    assert isinstance(item, RawDocument), item
    text = to_article(item).text
    assert "Nvidia makes the H20 chip" in text and "restricts the H200" not in text


@pytest.mark.parametrize("depth", [10_000, 401])
def test_deeply_nested_html_is_refused_without_recursion(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>")
    _assert_error(_only(path), "deep.html", "nested more than 400", "max_html_depth")


def test_nesting_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    body = "<p>" + "Chips were approved for export by the ministry on Monday. " * 5 + "</p>"
    path.write_text("<html><body>" + "<div>" * 50 + body + "</div>" * 50 + "</body></html>")
    assert isinstance(_only(path), RawDocument)
    _assert_error(_only(path, Limits(max_html_depth=20)), "nested.html", "nested more than 20")


def test_deeply_nested_json_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    _assert_error(_only(path), "deep.json", "nested too deeply")


def test_jsonl_with_broken_lines_and_wrong_types() -> None:
    items = list(read_documents([BAD / "broken.jsonl"]))
    good = [i for i in items if isinstance(i, RawDocument)]
    bad = [i for i in items if isinstance(i, LoaderError)]
    assert [Path(d.source).name for d in good] == ["broken.jsonl#1", "broken.jsonl#8"]
    problems = {e.source.rsplit("#", 1)[1]: e.problem for e in bad}
    assert set(problems) == {"2", "3", "4", "5", "6", "7", "9", "10"}
    assert "invalid JSON" in problems["2"]
    assert "must be a JSON object, not list" in problems["3"]
    assert "not str" in problems["4"]
    assert "'text' must be a string, not int" in problems["5"]
    assert "no 'text'" in problems["6"]
    assert "'published' must be a string, not int" in problems["7"]
    assert "not null" in problems["9"]
    assert "empty" in problems["10"]
    assert all("\n" not in str(e) for e in bad)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Chip exports were discussed at length by the ministry today.\n"
    with path.open("wb") as handle:
        handle.write(line * (21_000_000 // len(line) + 1))
    _assert_error(_only(path), "huge.txt", "larger than 20,000,000", "max_file_bytes")
    small = Limits(max_file_bytes=1_000)
    _assert_error(_only(GOOD.parent / "story.html", small), "story.html", "max_file_bytes")


@pytest.mark.slow
def test_fifty_megabyte_text_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "fifty.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: size is checked before reading
    _assert_error(_only(path), "fifty.txt", "max_file_bytes")


def test_ten_megabyte_line_without_newline(tmp_path: Path) -> None:
    path = tmp_path / "one_line.txt"
    path.write_bytes(b"chips " * (10 * 1024 * 1024 // 6))
    _assert_error(_only(path), "one_line.txt", "line 1 is longer than 1,000,000", "max_line_chars")
    relaxed = Limits(max_line_chars=20_000_000)
    assert isinstance(_only(path, relaxed), RawDocument)


def test_symlink_loop_unreadable_and_odd_names(tmp_path: Path) -> None:
    root = tmp_path / "batch"
    (root / "sub").mkdir(parents=True)
    shutil.copy(GOOD, root / "good.txt")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself: ELOOP
    (root / "line\nbreak.txt").write_text("A file whose name holds a newline.")
    (root / "puces-électroniques-芯片.txt").write_text("Non-ASCII file name, plain text.")
    items = list(read_documents([root]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, LoaderError)]
    names = sorted(Path(d.source).name for d in docs)
    assert names == ["good.txt", "line\nbreak.txt", "puces-électroniques-芯片.txt"]
    assert all("\n" not in str(e) for e in errors)
    assert any("loop" in e.problem for e in errors if e.source.endswith("loop"))
    assert any(e.source.endswith("self.txt") for e in errors)


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: chmod 000 does not stop root from reading the file",
)
def test_unreadable_file_is_an_error_and_batch_continues(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    shutil.copy(GOOD, tmp_path / "open.txt")
    try:
        items = list(read_documents([tmp_path]))
    finally:
        locked.chmod(0o600)
    _assert_error(items[0], "locked.txt", "permission denied")
    assert isinstance(items[1], RawDocument)


def test_fifo_with_text_extension_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe called *.txt is refused at once instead of blocking for a writer."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _assert_error(_only(fifo), "pipe.txt", "not a regular file")


def test_mixed_batch_loads_every_good_file(tmp_path: Path) -> None:
    paths = [
        BAD / "empty.txt",
        GOOD,
        BAD / "image_named.txt",
        BAD / "broken.jsonl",
        BAD / "cp1252_quotes.txt",
    ]
    items = list(read_documents(paths))
    loaded = sorted(Path(i.source).name for i in items if isinstance(i, RawDocument))
    assert loaded == ["broken.jsonl#1", "broken.jsonl#8", "cp1252_quotes.txt", "story.txt"]
    failed = [i for i in items if isinstance(i, LoaderError)]
    assert len(failed) == 10


@pytest.mark.parametrize("workers", [1, 2])
def test_article_emptied_by_cleaning_is_an_error_in_any_process(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker process hands the error back to the writer by pickling it; that
    # once broke the whole pool.
    from chipkg.loaders import pipeline
    from chipkg.loaders.pipeline import load

    monkeypatch.setattr(pipeline, "CHUNK", 1)  # two documents are enough for a pool

    items = list(load([BAD / "boilerplate_only.html", GOOD], workers=workers))
    _assert_error(items[0], "boilerplate_only.html", "no article text")
    assert not isinstance(items[1], Exception), items[1]
