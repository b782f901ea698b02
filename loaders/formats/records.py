"""JSON (``.json``) and JSON Lines (``.jsonl``) readers: one document per record.

A record is an object with ``text`` (a string; or ``html``, reduced like an HTML page)
and optional string fields ``title``, ``url``, ``published`` (also ``date``) and
``publisher``. A ``.json`` file holds one record or an array of them; a ``.jsonl`` file
one per line. A broken line or a record of the wrong shape gives a LoaderError naming
``path#LINE`` (or ``path#INDEX`` for an array) while the good records still load.

Example
-------
>>> from chipkg.loaders.limits import Limits
>>> lines = '{"text": "One.", "title": "A"}\\nnot json\\n{"text": 5}\\n'
>>> for item in read_jsonl(lines, "feed.jsonl", Limits()):
...     print(item.source, getattr(item, "title", None) or item)
feed.jsonl#1 A
feed.jsonl#2 feed.jsonl#2: invalid JSON (Expecting value at column 1)
feed.jsonl#3 feed.jsonl#3: field 'text' must be a string, not int
"""

from __future__ import annotations

import json
from typing import Any

from chipkg.loaders.document import RawDocument
from chipkg.loaders.formats import ReadResult
from chipkg.loaders.limits import Limits
from chipkg.ontology.errors import LoaderError

_OPTIONAL = {"title": "title", "url": "url", "published": "published", "date": "published"}
_OPTIONAL["publisher"] = "publisher"


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _record(value: Any, source: str, fmt: str, limits: Limits) -> ReadResult:
    if not isinstance(value, dict):
        yield LoaderError(source, f"record must be a JSON object, not {_type_name(value)}")
        return
    fields: dict[str, str | None] = {}
    for key, target in _OPTIONAL.items():
        item = value.get(key)
        if item is None or fields.get(target):
            continue
        if not isinstance(item, str):
            yield LoaderError(source, f"field {key!r} must be a string, not {_type_name(item)}")
            return
        fields[target] = item.strip() or None
    text = value.get("text")
    if text is None and isinstance(value.get("html"), str):
        from chipkg.loaders.formats.html_page import read_html

        for item in read_html(value["html"], source, limits):
            if isinstance(item, LoaderError):
                yield item
                return
            merged = {k: v for k, v in item.model_dump().items() if v is not None}
            merged.update({k: v for k, v in fields.items() if v is not None})
            merged["format"] = fmt
            yield RawDocument(**merged)
        return
    if text is None:
        yield LoaderError(source, "record has no 'text' (or 'html') field")
        return
    if not isinstance(text, str):
        yield LoaderError(source, f"field 'text' must be a string, not {_type_name(text)}")
        return
    if not text.strip():
        yield LoaderError(source, "record's 'text' is empty")
        return
    yield RawDocument(text=text, source=source, format=fmt, **fields)


def _loads(text: str) -> Any:
    return json.loads(text)


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    return f"invalid JSON ({exc})"


def read_json(text: str, source: str, limits: Limits) -> ReadResult:
    """Yield a RawDocument per record of a JSON object or array (``path#N`` for items)."""
    try:
        value = _loads(text)
    except (ValueError, RecursionError) as exc:
        problem = _json_problem(exc)
        if isinstance(exc, json.JSONDecodeError):
            problem = f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        yield LoaderError(source, problem)
        return
    if isinstance(value, list):
        if len(value) > limits.max_records:
            yield LoaderError(source, f"more than {limits.max_records} records (limit max_records)")
            return
        if not value:
            yield LoaderError(source, "JSON array holds no records")
        for index, item in enumerate(value, start=1):
            yield from _record(item, f"{source}#{index}", "json", limits)
        return
    yield from _record(value, source, "json", limits)


def read_jsonl(text: str, source: str, limits: Limits) -> ReadResult:
    """Yield a RawDocument per good line (source ``path#LINE``) and a LoaderError per bad one."""
    records = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        records += 1
        if records > limits.max_records:
            yield LoaderError(source, f"more than {limits.max_records} records (limit max_records)")
            return
        where = f"{source}#{number}"
        try:
            value = _loads(line)
        except (ValueError, RecursionError) as exc:
            yield LoaderError(where, _json_problem(exc))
            continue
        yield from _record(value, where, "jsonl", limits)
    if records == 0:
        yield LoaderError(source, "JSON Lines file holds no records")
