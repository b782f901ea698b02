"""Cleaning rules on small fixtures: boilerplate lines (positive and negative), headline
lists, bios, structure, titles, publishers, and a property test on arbitrary strings."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chipkg.loaders.cleaning import (
    _drop_line_for,
    _required_literal,
    _rules,
    boilerplate_rule,
    clean_text,
    normalize_whitespace,
    paragraph_spans,
    to_article,
)
from chipkg.loaders.document import RawDocument
from chipkg.ontology.identifiers import article_id, sha256_hex


def _raw(text: str, **extra: str) -> RawDocument:
    return RawDocument(text=text, source="t.txt", format="text", **extra)


BODY = "The regulator approved the sale of accelerator chips to two cloud firms on Friday."


@pytest.mark.parametrize(
    "line",
    [
        "icon-facebook icon-twitter icon-whatsapp",
        "Share: Facebook · X · LinkedIn · Email",
        "Share on X · Share on LinkedIn · Copy link",
        "Share  |  Post  |  Email  |  Print",
        "Share this article: Facebook | X | WhatsApp | Telegram",
        "Posted in",
        "Posted in Technology",
        "fbpx",
        "Type to search",
        "AI Generated Image",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Get our Morning Brief newsletter delivered to your inbox every day.",
        "Sign up to Weekly Chips, our free newsletter on the business of technology.",
        "Subscribe for free to get new posts by email.",
        "Example Weekly is a reader-supported newsletter. Subscribe for free to get new posts.",
        "Explore more exclusive insights at example.ai.",
        "Photo: Reuters",
        "Photograph: Example archive",
        "[Photo: A logo outside an office. File image]",
        "Photo caption: A factory at dusk. Photograph: Example archive",
        "A wafer on display at a trade fair. Photo: Example handout",
        "City, Region: In this photo illustration a logo is shown on phone screens",
        "© 2025 Example Media Ltd. All rights reserved.",
        "Privacy · Terms",
        "HOME  |  World  |  Tech",
        "EXAMPLE NEWS  >  Nation  >  Trade & Investment",
        "Technology  /  China  /  Antitrust",
        "Got a tip? Write to the newsdesk.",
        "To contact the reporters on this story:",
        "To contact the editors responsible for this story: Dana Example at dexample@example.net",
        "Owen Example in Seoul at oexample@example.net;",
        "Carla Example in Austin at cexample2@example.net",
        "Advertisement",
        "Read more",
        "12 Comments",
    ],
)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    assert boilerplate_rule(line) is not None
    assert line not in clean_text(f"{BODY}\n\n{line}\n\n{BODY}")


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Nvidia said it would share the data with regulators.",
        "Share prices of chipmakers fell 3% after the announcement on Monday.",
        "Chinese customs posted officers at major ports to check shipments.",
        "The company will sign up new customers through its cloud unit.",
        "SANTA CLARA, Calif. - Nvidia expects to take about $5.5 billion in charges.",
        "Key Points",
        "• China has approved purchases of Nvidia’s H200 AI chips by major tech firms",
        "The photo of the chip, released by the ministry, shows a new design.",
        "Reuters reported on Tuesday, citing people familiar with the matter.",
        "A House version has bipartisan backing; neither has become law.",
        "What the rule covers",
        "By Dana Example",
        "Officials in Seoul said the company would answer questions at its annual meeting.",
        "Jensen Huang is the chief executive of Nvidia, which makes the H20.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    assert boilerplate_rule(line) is None
    assert line in clean_text(f"Headline of the story\n\n{line}\n\n{BODY}")


@pytest.mark.parametrize(
    ("tail", "gone"),
    [
        ("Also read:\n\nFirst other headline\n\nSecond Other Headline Here", "Other"),
        ("Related:\n- Memory maker raises outlook\n- Foundry opens plant", "Foundry"),
        ("**Related:**\n\n- Memory maker raises outlook", "Memory"),
        ("More on this story:\n- Broad chip rally continues", "rally"),
        ("Also read:\n→ Cloud firm lines up customer\n→ Phone maker bets on chips", "Phone"),
        ("Also on XY: Memory Maker’s Profit Soars, to Invest $10bn", "Profit"),
        ("Read next: Foundry lifts capacity · Toolmaker wins etch orders", "Toolmaker"),
        ("Also in Business: Oil firm raises prices | Telco picks vendor for 5G", "Telco"),
        (
            "Interested in the Latest Tech Trends?\nStay updated. Explore the full range online.",
            "range",
        ),
        ("Jane Roe is the Markets Editor at Example Financial. She has worked since 2013.", "Roe"),
        ("Jane Roe\n\nJane Roe is the technology correspondent of Example Wire.", "Roe"),
        ("Ana Ruiz covers the chip industry for The Example from Lisbon.", "Lisbon"),
        ("Ana Ruiz writes about trade policy. She previously covered markets.", "Ruiz"),
        ("Ana Ruiz is a business reporter covering trade. Got a tip? Write to us.", "tip"),
        ("*Mei Example is The Lantern’s technology correspondent in Shanghai.*", "Lantern"),
        ("About the author: Li Example reports for Some Daily. He wrote for Other News.", "Other"),
        ("Author bio: Sam Example has covered trade for Example Wire since 2019.", "Wire"),
    ],
)
def test_tail_sections_and_bios_are_dropped(tail: str, gone: str) -> None:
    text = clean_text(f"Headline of the story\n\n{BODY}\n\n{BODY}\n\n{tail}")
    assert gone not in text
    assert text.endswith(BODY)


def test_headline_list_stops_at_the_next_paragraph_of_prose() -> None:
    prose = (
        "After the list, the article goes on with a long paragraph of real reporting that "
        "ends with a full stop, so the list must stop before it."
    )
    text = clean_text(f"{BODY}\n\nRelated:\n- A short headline\n\n{prose}")
    assert "A short headline" not in text and prose in text


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    text = clean_text("Title line\nSecond line\n\n\n\nThird   paragraph\twith  spaces  \n")
    assert text == "Title line\n\nSecond line\n\nThird paragraph with spaces"


def test_hard_wrapped_paragraph_is_joined() -> None:
    wrapped = (
        "The ministry said on Monday that it had approved the sale of\n"
        "accelerator chips to three cloud companies, subject to reporting\n"
        "conditions on every shipment."
    )
    assert clean_text(wrapped) == " ".join(wrapped.split("\n"))


def test_normalize_whitespace_removes_invisible_and_control_characters() -> None:
    assert normalize_whitespace("a\u200bb\x07c\u00a0d\r\ne") == "abc d\ne"


def test_article_metadata_from_text() -> None:
    raw = _raw(
        "THE EXAMPLE TIMES | Markets | Chips\nWed 16 Apr 2025\n\n"
        f"Regulator clears sale of chips to two firms\n\n{BODY}"
    )
    article = to_article(raw)
    assert article.title == "Regulator clears sale of chips to two firms"
    assert article.issued == dt.date(2025, 4, 16)
    assert article.publisher == "The Example Times"
    assert article.id == article_id(article.text) and article.sha256 == sha256_hex(article.text)
    assert "Markets | Chips" not in article.text


def test_reader_metadata_wins() -> None:
    raw = _raw(
        f"Some headline words here\n\n{BODY}",
        title="Given  title",
        published="2024-02-29",
        publisher="Wire",
    )
    article = to_article(raw)
    assert (article.title, article.issued, article.publisher) == (
        "Given title",
        dt.date(2024, 2, 29),
        "Wire",
    )


@pytest.mark.parametrize("published", ["Aug 12, 2025", "2025-08-12T10:00:00Z", "12 August 2025"])
def test_reader_dates_in_any_format(published: str) -> None:
    assert to_article(_raw(BODY, published=published)).issued == dt.date(2025, 8, 12)


def test_unparseable_reader_date_falls_back_to_text() -> None:
    assert to_article(_raw(f"Head line\nMay 1, 2025\n\n{BODY}", published="soon")).issued == (
        dt.date(2025, 5, 1)
    )


def test_all_boilerplate_gives_empty_text() -> None:
    article = to_article(_raw("fbpx\n\nType to search\n\nicon-facebook icon-twitter"))
    assert article.text == "" and article.title is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2_000))
def test_to_article_never_crashes_and_offsets_index_the_text(text: str) -> None:
    article = to_article(_raw(text))
    cleaned = article.text
    assert article.id == article_id(cleaned) and article.sha256 == sha256_hex(cleaned)
    assert "\r" not in cleaned and "\n\n\n" not in cleaned and cleaned == cleaned.strip()
    previous_end = -1
    for start, end in paragraph_spans(cleaned):
        assert 0 <= start < end <= len(cleaned) and start > previous_end
        assert cleaned[start:end] == cleaned[start:end].strip()
        previous_end = end
    assert "\u200b" not in cleaned and "\x00" not in cleaned


MIXTURE_PARTS = [
    BODY,
    "Related:",
    "- A headline",
    "Share: Facebook · X",
    "",
    "\n",
    "Photo: Reuters",
    "Jane Roe covers chips for X.",
    "Wed 16 Apr 2025",
    "  ",
    "\t",
    "→ x",
    "© 2025",
    "Interested in the latest?",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(MIXTURE_PARTS), max_size=30))
def test_to_article_on_boilerplate_mixtures(parts: list[str]) -> None:
    article = to_article(_raw("\n".join(parts)))
    assert article.text == "\n\n".join(p for p in article.text.split("\n\n") if p)


def _drop_lines() -> list[str]:
    """Lines to try the drop-line rules on: the boilerplate rules' own examples, test data."""
    lines = [
        "Subscribe to our newsletter for free",
        "Sign up for the Chips newsletter, free every Friday",
        "Get the latest chip news delivered to your inbox",
        "Delivered straight to your INBOX every morning",
        "© 2025 Example Media. All Rights Reserved.",
        "Example Media. ALL RIGHTS RESERVED",
        "In this photo illustration, an Nvidia logo is seen on a phone.",
        "In this illustration, chips are seen on a board",
        "Jane Roe at jane.roe@example.net;",
        "Photo: Reuters",
        "Pictured: a wafer. Photo by: Jane Roe",
        "Follow us on X for more",
        "Nvidia said it would share the data with the newsletter's readers.",
        "We use cookies to improve your experience",
        "Subscribe to our newſletter for free",  # not ASCII: every rule is tried
        "Delivered to your İnbox",
        "",
    ]
    for folder in sorted((Path(__file__).parent.parent / "data").glob("*/articles")):
        for path in sorted(folder.iterdir()):
            lines.extend(path.read_text(encoding="utf-8").splitlines())
    return lines


def test_drop_line_rules_skipped_by_their_words_give_the_same_rule() -> None:
    rules = _rules()
    assert {word for _, word in rules.drop_words} >= {"newsletter", "all rights reserved"}
    dropped = 0
    for line in _drop_lines():
        whole = rules.drop_line.fullmatch(line)
        fast = _drop_line_for(line, rules).fullmatch(line)
        assert (fast and fast.lastgroup) == (whole and whole.lastgroup), line
        dropped += whole is not None
    assert dropped >= 12


@pytest.mark.parametrize(
    ("pattern", "word"),
    [
        (r"posted in(?:[\s:]+[\w &,/-]{0,60})?", "posted in"),
        (r"(?=.*:).{0,350}\b(?:photo|image)s?", ":"),  # from the lookahead
        (r"(?=.*:).{0,350}\bphoto\s*:", "photo"),  # the longest
        (r"(?=.*\bInbox\b).{0,150}\b(?:in|to) your inbox\b.{0,150}", " your inbox"),
        (r"(?:get|sign up)\b.{0,200}", None),
        (r"caf\u00e9 news", None),  # not ASCII
        (r"(posted in)", None),  # inside a group
    ],
)
def test_required_literal(pattern: str, word: str | None) -> None:
    assert _required_literal(pattern, re.I) == word


def _normalize_whitespace_reference(text: str) -> str:
    """The plain definition: every run of spaces inside a line becomes one space."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\f", "\n").replace("\v", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", re.sub(_INVISIBLE, "", text))
    spaces = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
    return "\n".join(spaces.sub(" ", line).strip() for line in text.split("\n")).strip("\n")


_INVISIBLE = r"[\u00ad\u200b-\u200d\u2060\ufeff]"


@given(st.text(alphabet=" \t\n\r\u00a0\u1680\u2003\u200a\u200b\u202f\u3000\u2029ab.", max_size=40))
@settings(max_examples=500)
def test_normalize_whitespace_is_the_plain_definition(text: str) -> None:
    assert normalize_whitespace(text) == _normalize_whitespace_reference(text)
