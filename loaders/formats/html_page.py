"""HTML reader (``.html``, ``.htm``): main content through trafilatura.

trafilatura drops navigation, scripts, styles, iframes, asides and footers and keeps
the article's headline and paragraphs, one per line; its metadata gives the title and
the publication date (from ``<time datetime>``, ``article:published_time`` and the like,
without guessing from the body). The site name comes from the metadata or, failing
that, from the ``<title>`` suffix (``"Headline | Outlet"``).

Before any parser sees the page, :func:`nesting_depth` measures element nesting with
a linear scan, so a page nested 10,000 levels deep is refused with a LoaderError rather
than exhausting the recursion limit.

Example
-------
>>> from chipkg.loaders.limits import Limits
>>> page = "<html><head><title>Chips | Ledger</title></head><body><article>"
>>> page += "<h1>Chips</h1><p>" + "Nvidia sells chips to buyers in many markets. " * 8
>>> page += "</p></article></body></html>"
>>> doc, = read_html(page, "a.html", Limits())
>>> doc.title, doc.publisher, doc.text.startswith("Chips\\n")
('Chips', 'Ledger', True)
"""

from __future__ import annotations

import html as html_escapes
import re
from typing import Any

from chipkg.loaders.document import RawDocument
from chipkg.loaders.formats import ReadResult
from chipkg.loaders.limits import Limits
from chipkg.ontology.errors import LoaderError

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
_RAW_TEXT = re.compile(
    r"<(script|style|textarea|template|noscript)\b[^>]*>.*?</\1\s*>", re.I | re.S
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# What a browser with scripts shows nobody: trafilatura kept it on small pages.
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>.*?</noscript\s*>", re.I | re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_METADATA = ("text", "title", "date", "sitename", "url")
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")
# Elements that never have content, or whose end tag HTML lets authors leave out.
_NO_NESTING = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rb",
        "rt",
        "rtc",
        "rp",
    ]
)


def nesting_depth(markup: str, stop_at: int | None = None) -> int:
    """Return the deepest element nesting in ``markup`` (linear scan, no recursion).

    Void elements and elements with optional end tags do not count. With ``stop_at``,
    the scan stops as soon as that depth is passed.

    >>> nesting_depth("<div><div><p>x</p></div></div>")
    2
    """
    markup = _COMMENT.sub("", _RAW_TEXT.sub("", markup))
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(markup):
        if name.lower() in _NO_NESTING or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if stop_at is not None and deepest > stop_at:
                break
    return deepest


def _publisher_from_title(markup: str, headline: str | None) -> str | None:
    match = _TITLE.search(markup[:200_000])
    if not match:
        return None
    title = " ".join(html_escapes.unescape(match.group(1)).split())
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        plausible = head.strip() == (headline or "").strip() or (
            separator == " | " and len(tail.split()) <= 4
        )
        if found and tail and len(tail.split()) <= 6 and plausible:
            return tail.strip()
    return None


def _extract(markup: str) -> tuple[str, str | None, str | None, str | None, str | None]:
    import trafilatura

    markup = _NOSCRIPT.sub("", markup)
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    fields: dict[str, Any]
    if document is None:
        fields = {}
    elif isinstance(document, dict):  # trafilatura's as_dict=True shape
        fields = document
    else:
        fields = {name: getattr(document, name, None) for name in _METADATA}
    if not (fields.get("text") or "").strip():
        return trafilatura.html2txt(markup) or "", None, None, None, None
    text, title, date, sitename, url = (fields.get(name) or None for name in _METADATA)
    return text or "", title, date, sitename, url


def read_html(text: str, source: str, limits: Limits) -> ReadResult:
    """Yield one RawDocument with the page's main content, title, date and site name."""
    depth = nesting_depth(text, stop_at=limits.max_html_depth)
    if depth > limits.max_html_depth:
        yield LoaderError(
            source,
            f"HTML nested more than {limits.max_html_depth} elements deep (limit max_html_depth)",
        )
        return
    try:
        body, title, date, sitename, url = _extract(text)
    except (RecursionError, MemoryError, ValueError, TypeError) as exc:
        yield LoaderError(source, f"HTML could not be parsed ({type(exc).__name__})")
        return
    if not body.strip():
        yield LoaderError(source, "HTML page has no readable text")
        return
    yield RawDocument(
        text=body,
        source=source,
        format="html",
        title=title,
        url=url,
        published=date,
        publisher=sitename or _publisher_from_title(text, title),
    )
