"""Date parsing and dateline finding."""

from __future__ import annotations

import datetime as dt

import pytest

from chipkg.loaders.dates import find_publication_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed Jan 28 2026", dt.date(2026, 1, 28)),
        ("Wed 16 Apr 2025", dt.date(2025, 4, 16)),
        ("Aug 12, 2025", dt.date(2025, 8, 12)),
        ("Policy · Aug 12, 2025 · 6 min read", dt.date(2025, 8, 12)),
        ("Published: 15 September 2025", dt.date(2025, 9, 15)),
        ("2025-07-31", dt.date(2025, 7, 31)),
        ("2025-07-31T08:15:00+08:00", dt.date(2025, 7, 31)),
        ("2025/07/31", dt.date(2025, 7, 31)),
        ("September 15th, 2025", dt.date(2025, 9, 15)),
        ("15 Sept. 2025", dt.date(2025, 9, 15)),
        ("Tue, 15 Sep 2025 10:00:00 +0000", dt.date(2025, 9, 15)),
        ("1st of March 2024", dt.date(2024, 3, 1)),
        ("Dec 1 1999", dt.date(1999, 12, 1)),
        ("in October 2023", None),
        ("On July 14, Nvidia said", None),
        ("2025-13-40", None),
        ("February 30, 2025", None),
        ("", None),
        ("version 2025.1", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline here\nWed 16 Apr 2025\n\nBody.", dt.date(2025, 4, 16)),
        ("Headline\n\nBy A. Writer · 2025-07-31\n\nBody.", dt.date(2025, 7, 31)),
        ("Masthead\nPublished: 15 September 2025\n", dt.date(2025, 9, 15)),
        # A long first paragraph ends the header: later dates belong to the story.
        ("x" * 200 + " long opening paragraph.\nJan 5, 2024\n", None),
        ("Headline\n\n" + "The deal, signed on March 3, 2024, was long in the making.\n" * 3, None),
        ("Headline\nUpdated: 2 May 2025\nPublished: 1 May 2025\n", dt.date(2025, 5, 1)),
        ("Headline\nUpdated: 2 May 2025\n", dt.date(2025, 5, 2)),
        ("No dates in this text at all.", None),
        # a dateline opening a long first paragraph gives the date
        (
            "Headline\n\nSeoul, 2 December 2024 (Gulf Wire) -- " + "The ministry said. " * 12,
            dt.date(2024, 12, 2),
        ),
        ("KUALA LUMPUR, Malaysia, March 3, 2025 - " + "Officials said. " * 12, dt.date(2025, 3, 3)),
        ("Headline\n\nTaipei, 2025-05-06: " + "The firm said so. " * 9, dt.date(2025, 5, 6)),
        # a date inside the story's first sentence is not a dateline
        ("Headline\n\nThe deal, signed on 2 December 2024 - " + "a long story. " * 12, None),
        ("Headline\n\nOn 2 December 2024 (a Monday) - " + "a long story. " * 12, None),
    ],
)
def test_find_publication_date(text: str, expected: dt.date | None) -> None:
    assert find_publication_date(text) == expected
