"""Publication dates: parse one date string, or find the dateline in an article's header.

:func:`parse_date` reads the first full date (day, month and year) in a string, in the
common news formats: ISO 8601 (``2025-07-31``, ``2025-07-31T09:00:00Z``),
``Wed Jan 28 2026``, ``Wed 16 Apr 2025``, ``Aug 12, 2025``, ``15 September 2025``,
``September 15th, 2025`` and RFC 2822 (``Tue, 15 Sep 2025 10:00:00 +0000``). Month and
keyword tables live in ``dates.json`` beside this module.

:func:`find_publication_date` looks only at the header of an article (short lines before
the body starts), at a dateline opening the first paragraph ("Seoul, 2 December 2024
(Outlet) -- ...") or at lines labelled "Published:"/"Posted on", so dates mentioned in
the story itself are not taken for the publication date.

Example
-------
>>> parse_date("Wed Jan 28 2026")
datetime.date(2026, 1, 28)
>>> parse_date("Policy · Aug 12, 2025 · 6 min read")
datetime.date(2025, 8, 12)
>>> find_publication_date("Headline\\n\\nPublished: 15 September 2025\\n\\nBody text.")
datetime.date(2025, 9, 15)
>>> parse_date("in October 2023") is None
True
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path

_DATA = json.loads((Path(__file__).parent / "dates.json").read_text(encoding="utf-8"))
_MONTHS: dict[str, int] = _DATA["months"]
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_MON = rf"(?P<m>{_MONTH})\.?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            r"(?<![\d.])(?P<y>(?:19|20)\d\d)([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)(?!\d)",
        ),
    ),
    ("day-month-year", re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}(?!\d)", re.I)),
    ("month-day-year", re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I)),
)


_PLACE = r"[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*){0,3}"
#: "Seoul, 2 December 2024 (Outlet) --": a place, a date, an optional outlet, a dash.
_DATELINE = re.compile(
    rf"^[\W_]*{_PLACE}(?:,\s*{_PLACE})?,\s+(?P<date>[^()\n]{{6,34}}?)\s*"
    r"(?:\([^()\n]{1,60}\)\s*)?(?:--|—|–|-|:)\s"
)


def _to_date(year: str, month: str, day: str) -> dt.date | None:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if month_number is None:
        return None
    try:
        return dt.date(int(year), month_number, int(day))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """Return the first full calendar date written in ``text``, or None when there is none."""
    best: tuple[int, dt.date] | None = None
    for _, pattern in _PATTERNS:
        for match in pattern.finditer(text[:2000]):
            date = _to_date(match.group("y"), match.group("m"), match.group("d"))
            if date is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), date)
                break
    return best[1] if best else None


@lru_cache(maxsize=1)
def _keyword_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    published = re.compile(rf"^\W*(?:{alternation(_DATA['published_keywords'])})\b", re.I)
    updated = re.compile(rf"^\W*(?:{alternation(_DATA['updated_keywords'])})\b", re.I)
    return published, updated


def dateline_date(line: str) -> dt.date | None:
    """Return the date of a dateline opening ``line`` ("Seoul, 2 December 2024 (Outlet) --").

    >>> dateline_date("SEOUL, 2 December 2024 (Gulf Wire) -- The ministry said on Monday.")
    datetime.date(2024, 12, 2)
    >>> dateline_date("The ministry said on 2 December 2024 - that it would act.") is None
    True
    """
    match = _DATELINE.match(line)
    return parse_date(match.group("date")) if match else None


def _reads_like_sentence(line: str) -> bool:
    """True for a line of prose (many words, ends like a sentence), not a dateline."""
    return len(line.split()) > 8 and line.rstrip("\"'”’)").endswith((".", "!", "?"))


def find_publication_date(text: str) -> dt.date | None:
    """Return the publication date given by the article's dateline or byline, else None.

    Only short lines in the header (before the first long paragraph, within the first
    ``header_lines`` non-empty lines) and lines starting with a "Published"-style label
    count; "Updated" dates are used only when no other date is given.
    """
    published_label, updated_label = _keyword_patterns()
    max_chars = int(_DATA["max_dateline_chars"])
    header_budget = int(_DATA["header_lines"])
    in_header = True
    fallback: dt.date | None = None
    seen = 0
    for raw_line in text[:20_000].splitlines():
        line = raw_line.strip()
        if not line:
            continue
        seen += 1
        if seen > 2 * header_budget:
            break
        if in_header and seen <= header_budget:
            opening = dateline_date(line)
            if opening is not None:
                return opening
        if len(line) > max_chars:
            in_header = False
            continue
        labelled = published_label.match(line) is not None
        is_updated = updated_label.match(line) is not None
        if not (in_header and seen <= header_budget) and not labelled:
            continue
        if not labelled and _reads_like_sentence(line):
            continue
        date = parse_date(line)
        if date is None:
            continue
        if is_updated:
            fallback = fallback or date
            continue
        return date
    return fallback
