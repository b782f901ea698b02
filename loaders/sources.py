"""Inputs to documents: paths, directories and standard input, one error per bad file.

:func:`read_documents` is the loaders' entry point. It expands directories (sorted,
recursively, skipping hidden entries, following symbolic links but never round a
loop), reads each file within the :class:`~chipkg.loaders.limits.Limits`, decodes it,
picks the reader for its extension from :data:`chipkg.loaders.formats.readers` and
yields what the reader yields. A file that cannot be used becomes a
:class:`~chipkg.ontology.errors.LoaderError` in the stream, so the rest of the batch
still loads.

Example
-------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Nvidia sells chips.")
>>> _ = (folder / "b.png").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n")
>>> _ = (folder / "c.txt").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n")
>>> for item in read_documents([folder]):
...     print(type(item).__name__, pathlib.Path(item.source).name)
RawDocument a.txt
LoaderError c.txt
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from chipkg.loaders.decoding import declared_charset, decode_bytes
from chipkg.loaders.document import RawDocument
from chipkg.loaders.formats import readers
from chipkg.loaders.limits import DEFAULT_LIMITS, Limits
from chipkg.ontology.errors import LoaderError

STDIN = "-"
#: Source of a document read from standard input: this prefix and a digest of its bytes.
STDIN_SOURCE = "stdin:"
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_name(path: str | os.PathLike[str]) -> str:
    """Return ``path`` as one printable line: undecodable bytes and control characters escaped.

    >>> display_name("odd\\nname.txt")
    'odd\\\\nname.txt'
    """
    raw = os.fsencode(path)
    text = raw.decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _source_name(path: str | os.PathLike[str]) -> str:
    """The source recorded on a document: absolute path, valid Unicode."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", "backslashreplace")


def _os_problem(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    return f"cannot read ({reason.lower()})"


def _read_capped(stream: BinaryIO, limit: int, source: str) -> bytes | LoaderError:
    data = stream.read(limit + 1)
    if len(data) > limit:
        return LoaderError(source, f"larger than {limit:,} bytes (limit max_file_bytes)")
    return data


def _long_line(text: str, limit: int) -> int | None:
    """Return the 1-based number of the first line longer than ``limit`` chars, else None."""
    if len(text) <= limit:
        return None
    start, number = 0, 1
    while True:
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        if end - start > limit:
            return number
        if end == len(text):
            return None
        start, number = end + 1, number + 1


def _load(
    data: bytes, fmt: str, source: str, label: str, limits: Limits
) -> Iterator[RawDocument | LoaderError]:
    declared = declared_charset(data) if fmt in ("html", "htm") else None
    try:
        text = decode_bytes(data, label, declared=declared)
    except LoaderError as error:
        yield error
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    line = _long_line(text, limits.max_line_chars)
    if line is not None:
        yield LoaderError(
            label,
            f"line {line} is longer than {limits.max_line_chars:,} characters "
            "(limit max_line_chars)",
        )
        return
    reader = readers.get(fmt)
    try:
        for item in reader(text, source, limits):
            if isinstance(item, LoaderError) and item.source.startswith(source) and label != source:
                item = LoaderError(label + item.source[len(source) :], item.problem)
            yield item
    except RecursionError:
        yield LoaderError(label, "input nested too deeply to read")


def sniff_format(text_start: bytes) -> str:
    """Return the reader name for input with no file name (standard input).

    >>> sniff_format(b'{"text": "x"}\\n{"text": "y"}')
    'jsonl'
    >>> sniff_format(b"<!DOCTYPE html><html>")
    'html'
    >>> sniff_format(b"# Beijing clears the H200\\n\\nChina has approved ...")
    'markdown'
    >>> sniff_format(b"Just words.")
    'text'
    """
    head = text_start.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    lowered = head.lower()
    if head.startswith((b"{", b"[")):
        first_line = head.split(b"\n", 1)[0].strip()
        if head.startswith(b"[") or not first_line.endswith(b"}"):
            return "json"
        return "jsonl"
    if head.startswith(b"<") or any(
        tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<article", b"<p>")
    ):
        return "html"
    if head.startswith(b"---\n") or re.match(rb"#{1,6} \S", head):  # front matter or a heading
        return "markdown"
    return "text"


def _read_stdin(limits: Limits) -> Iterator[RawDocument | LoaderError]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield LoaderError(STDIN, "standard input is not available")
        return
    data = _read_capped(stream, limits.max_file_bytes, "standard input")
    if isinstance(data, LoaderError):
        yield data
        return
    fmt = sniff_format(data[:4096])
    # Named by its content: a second, different article piped in is a new article, not
    # a changed version of the first (which the same source name would make it).
    source = f"{STDIN_SOURCE}{hashlib.sha256(data).hexdigest()[:16]}"
    yield from _load(data, fmt, source, STDIN, limits)


def _extension(path: Path) -> str:
    return path.suffix[1:].lower() if path.suffix else ""


def _read_file(
    path: Path, limits: Limits, *, explicit: bool
) -> Iterator[RawDocument | LoaderError]:
    label = display_name(path)
    fmt = _extension(path)
    if fmt not in readers:
        if explicit:
            known = ", ".join(f".{name}" for name in readers.names())
            what = f"extension .{fmt}" if fmt else "no file extension"
            yield LoaderError(label, f"unknown format ({what}); known formats: {known}")
        return
    try:
        # O_NONBLOCK: opening a FIFO named like a text file must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                yield LoaderError(label, "not a regular file")
                return
            if info.st_size > limits.max_file_bytes:
                yield LoaderError(
                    label,
                    f"{info.st_size:,} bytes is larger than {limits.max_file_bytes:,} "
                    "(limit max_file_bytes)",
                )
                return
            data = _read_capped(handle, limits.max_file_bytes, label)
    except OSError as exc:
        yield LoaderError(label, _os_problem(exc))
        return
    if isinstance(data, LoaderError):
        yield data
        return
    yield from _load(data, fmt, _source_name(path), label, limits)


def _walk(
    root: Path, limits: Limits, visited: set[tuple[int, int]], counter: list[int]
) -> Iterator[RawDocument | LoaderError]:
    label = display_name(root)
    try:
        info = root.stat()
        entries = sorted(os.scandir(root), key=lambda entry: os.fsencode(entry.name))
    except OSError as exc:
        yield LoaderError(label, f"cannot list directory ({(exc.strerror or 'error').lower()})")
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:
        yield LoaderError(label, "symbolic link loop: directory already visited, not followed")
        return
    visited = visited | {key}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        counter[0] += 1
        if counter[0] > limits.max_files:
            yield LoaderError(label, f"more than {limits.max_files:,} files (limit max_files)")
            return
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError as exc:
            yield LoaderError(display_name(path), _os_problem(exc))
            continue
        if is_dir:
            yield from _walk(path, limits, visited, counter)
            continue
        if entry.is_symlink() and not path.exists():
            if _extension(path) in readers:
                yield LoaderError(display_name(path), "broken symbolic link or link loop")
            continue
        yield from _read_file(path, limits, explicit=False)


def read_documents(
    paths: Iterable[str | os.PathLike[str]], *, limits: Limits | None = None
) -> Iterator[RawDocument | LoaderError]:
    """Return an iterator of documents and per-file errors for files, directories and "-".

    Directories are read recursively in sorted order; hidden entries and files with an
    unknown extension inside them are skipped, while an explicitly named file with an
    unknown extension is an error listing the known formats. ``"-"`` reads standard input
    and sniffs its format (JSON Lines, JSON, HTML or text). Nothing here raises for bad
    input: each problem is yielded as a LoaderError naming the file.
    """
    limits = limits or DEFAULT_LIMITS
    for given in paths:
        if isinstance(given, str) and given == STDIN:
            yield from _read_stdin(limits)
            continue
        path = Path(given)
        label = display_name(path)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError as exc:
            yield LoaderError(label, _os_problem(exc))
            continue
        if not exists:
            yield LoaderError(label, "no such file or directory")
        elif is_dir:
            yield from _walk(path, limits, set(), [0])
        else:
            yield from _read_file(path, limits, explicit=True)
