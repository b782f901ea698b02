"""Markdown reader (``.md``, ``.markdown``): markup reduced to plain text, line by line.

Headings lose their ``#``, links keep their text, images (and their alt text) go,
emphasis and code marks go, horizontal rules and link definitions go, list items keep
a ``-`` bullet. YAML front matter gives ``title``, ``date``/``published`` and ``url``.
The first heading is the title when the front matter has none.

Example
-------
>>> from chipkg.loaders.limits import Limits
>>> doc, = read_markdown("# Big news\\n\\nShare: [X](#) · **bold** move", "a.md", Limits())
>>> doc.title, doc.text
('Big news', 'Big news\\n\\nShare: X · bold move')
"""

from __future__ import annotations

import re

from chipkg.loaders.document import RawDocument
from chipkg.loaders.formats import ReadResult
from chipkg.loaders.limits import Limits

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", re.M)
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_INLINE_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)"
)
_CODE = re.compile(r"`+([^`]*)`+")
_BULLET = re.compile(r"^(\s*)[*+-][ \t]+")
_QUOTE = re.compile(r"^\s{0,3}>[ \t]?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _inline(line: str) -> str:
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m.group(1) or m.group(2), line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _INLINE_TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    for _ in range(3):  # nested emphasis such as *Sign up for **X***
        new = _STRONG.sub(r"\2", line)
        new = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), new)
        if new == line:
            break
        line = new
    return _ESCAPE.sub(r"\1", line)


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Return ``(plain text, first heading or None)`` for a Markdown document."""
    lines = markdown.split("\n")
    out: list[str] = []
    heading: str | None = None
    for index, line in enumerate(lines):
        if _FENCE.match(line) or _LINK_DEF.match(line) or _RULE.match(line):
            out.append("")
            continue
        if _SETEXT_UNDERLINE.match(line) and index and lines[index - 1].strip():
            if heading is None and "=" in line:
                heading = out[-1].strip() if out else None
            out.append("")
            continue
        line = _QUOTE.sub("", line)
        atx = _ATX_HEADING.match(line)
        if atx:
            text = _inline(atx.group(1)).strip()
            if heading is None and text:
                heading = text
            out.append(text)
            continue
        bullet = _BULLET.match(line)
        if bullet:
            line = f"{bullet.group(1)}- {line[bullet.end() :]}"
        out.append(_inline(line))
    return "\n".join(out), heading


def read_markdown(text: str, source: str, limits: Limits) -> ReadResult:
    """Yield one RawDocument with Markdown reduced to plain text and the title it gives."""
    fields: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        fields = {k.lower(): v.strip("'\" ") for k, v in _FRONT_FIELD.findall(front.group(1))}
        text = text[front.end() :]
    plain, heading = markdown_to_text(text)
    yield RawDocument(
        text=plain,
        source=source,
        format="markdown",
        title=fields.get("title") or heading,
        url=fields.get("url") or fields.get("link") or None,
        published=fields.get("published") or fields.get("date") or None,
        publisher=fields.get("publisher") or fields.get("site") or None,
    )
