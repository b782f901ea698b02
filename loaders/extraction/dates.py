"""Event dates: time expressions in a sentence resolved against the publication date.

Handles absolute dates ("April 9", "9 April 2025", "in October 2023", "in 2020") and
relative ones ("on Monday", "last Friday", "earlier this month", "last December",
"earlier this year"), each with its precision (day, month or year).

Example
-------
>>> import datetime as dt
>>> resolve_date(["last", "Friday"], dt.date(2026, 1, 28))
(datetime.date(2026, 1, 23), <DatePrecision.Day: 'Day'>, 'last friday')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from chipkg.ontology.models import DatePrecision

MONTHS = {
    m: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = {
    d: n
    for n, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_DAY = re.compile(r"^([0-9]{1,2})(st|nd|rd|th)?$")
_YEAR = re.compile(r"^(19|20)[0-9]{2}$")

Resolved = tuple[dt.date, DatePrecision, str]


def _month_before(month: int, issued: dt.date, allow_same: bool = True) -> int:
    year = issued.year
    if month > issued.month or (month == issued.month and not allow_same):
        year -= 1
    return year


def resolve_date(words: Sequence[str], issued: dt.date | None) -> Resolved | None:
    """Return the first date the tokens give, with its precision and its words (lower case).

    Month names count only when capitalised ("in March", not "the march of").
    """
    tokens = [w.lower() for w in words]
    n = len(tokens)
    for i, w in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < n else ""
        prev = tokens[i - 1] if i else ""
        if (
            w in MONTHS
            and words[i][:1].isupper()
            and (
                w != "may"
                or _DAY.match(nxt)
                or _YEAR.match(nxt)
                or prev in ("in", "since", "last", "early", "late", "until", "of")
            )
        ):
            month = MONTHS[w]
            day = _DAY.match(nxt)
            year_tok = tokens[i + 2] if day and i + 2 < n else nxt
            if year_tok == "," and day and i + 3 < n:
                year_tok = tokens[i + 3]
            if not day and _DAY.match(prev) and int(_DAY.match(prev).group(1)) <= 31:  # type: ignore[union-attr]
                day = _DAY.match(prev)
            year = int(year_tok) if _YEAR.match(year_tok) else None
            if year is None:
                if issued is None:
                    continue
                year = _month_before(month, issued, allow_same=prev != "last")
            try:
                if day:
                    d = int(day.group(1))
                    return dt.date(year, month, d), DatePrecision.Day, " ".join(tokens[i : i + 2])
                return dt.date(year, month, 1), DatePrecision.Month, w
            except ValueError:
                continue
        if _YEAR.match(w) and prev in ("in", "since", "of", "early", "late", "until", "by"):
            return dt.date(int(w), 1, 1), DatePrecision.Year, w
        if issued is None:
            continue
        if w in WEEKDAYS:
            delta = (issued.weekday() - WEEKDAYS[w]) % 7
            if prev == "last" and delta == 0:
                delta = 7
            elif prev == "last":
                delta += 7 if delta < 1 else 0
            phrase = f"{prev} {w}" if prev == "last" else w
            return issued - dt.timedelta(days=delta), DatePrecision.Day, phrase
        if w == "yesterday":
            return issued - dt.timedelta(days=1), DatePrecision.Day, w
        if w == "today":
            return issued, DatePrecision.Day, w
        if w == "month" and prev in ("this", "last"):
            words = " ".join(tokens[max(0, i - 2) : i + 1])
            if prev == "this":
                return issued.replace(day=1), DatePrecision.Month, words
            first = issued.replace(day=1) - dt.timedelta(days=1)
            return first.replace(day=1), DatePrecision.Month, words
        if w == "year" and prev in ("this", "last"):
            words = " ".join(tokens[max(0, i - 2) : i + 1])
            year = issued.year if prev == "this" else issued.year - 1
            return dt.date(year, 1, 1), DatePrecision.Year, words
    return None
