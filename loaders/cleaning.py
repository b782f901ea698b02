"""Raw documents to articles: boilerplate dropped, whitespace normalised, metadata read.

:func:`to_article` turns a :class:`~chipkg.loaders.document.RawDocument` into the
:class:`~chipkg.ontology.models.Article` every claim's offsets point into. The cleaned
text is one paragraph per block, paragraphs separated by one blank line; each line of
the input is a block unless a block of similar-length lines is a hard-wrapped paragraph.

Boilerplate is recognised by the kind of language page furniture uses, from the
patterns in ``boilerplate.json`` beside this module:

- single lines: share bars and icon classes, "Posted in", search boxes, comment forms,
  newsletter and subscription calls, promotional lines, photo captions and credits,
  copyright and legal links, navigation breadcrumbs ("A | B | C");
- headline lists: a header such as "Also read:", "Also on X:", "Related:" or
  "More on this story:" and the short headline lines after it;
- tail sections: a promotional header ("Interested in the latest ...?") near the end
  drops the rest; author bios ("X is the ... editor at ...", "X covers ... for ...")
  among the last paragraphs go, with a lone name line just before them.

The publication date is read before anything is dropped (dates.py); the title is the
reader's (``<title>``/``<h1>``/first heading) or the first headline-like line.

Example
-------
>>> from chipkg.loaders.document import RawDocument
>>> raw = RawDocument(source="a.txt", format="text", text='''Chips cleared for sale
... Wed 16 Apr 2025
... Share | Post | Email | Print
...
... Nvidia may sell its H20 chip in China, officials said.
...
... Related:
... - Another story about memory
...
... Jane Roe covers chips for The Daily from Paris.''')
>>> article = to_article(raw)
>>> print(article.text)
Chips cleared for sale
<BLANKLINE>
Wed 16 Apr 2025
<BLANKLINE>
Nvidia may sell its H20 chip in China, officials said.
>>> article.title, article.issued
('Chips cleared for sale', datetime.date(2025, 4, 16))
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from chipkg.loaders.dates import find_publication_date, parse_date
from chipkg.loaders.document import RawDocument
from chipkg.ontology.identifiers import article_id, sha256_hex
from chipkg.ontology.models import Article

_DATA_FILE = Path(__file__).parent / "boilerplate.json"

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Spaces other than the plain one; inside a line, each run of these and plain spaces
#: becomes one plain space: odd ones are translated, then runs of plain spaces merged
#: (one regex over every space of the text cost ~5 times more).
_ODD_SPACES = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_ODD_SPACE = re.compile(f"[{re.escape(_ODD_SPACES)}]")
_TO_SPACE = str.maketrans(dict.fromkeys(_ODD_SPACES, " "))
_SPACE_RUN = re.compile("  +")
_NAV_SEPARATOR = re.compile(r"\s+(?:\||>|/|›|»|·|•|::)\s+|\s{3,}")
_BULLET = re.compile(r"^(?:[-•→*–—>»·▸►▪◦‣]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"[\w’'&.-]+")
_HAS_WORD = re.compile(r"\w")
_SOCIAL_TOKEN = re.compile(r"[\w-]+")
_MAX_WRAP_LINE = 100


@dataclass(frozen=True)
class _Rules:
    #: Every drop-line rule as one alternation of named groups (``r0``, ``r1``, ...) in
    #: file order: one ``fullmatch`` per line instead of one per rule (cleaning spent
    #: most of its time calling ``fullmatch`` ~28 times a line); ``drop_ids`` maps a
    #: group back to its rule id.
    drop_line: re.Pattern[str]
    drop_ids: dict[str, str]
    #: ``(n, word)``: drop-line rule ``n`` can only match a line that holds ``word``
    #: (lower case, ASCII), read from the rule itself by :func:`_required_literal`
    drop_words: tuple[tuple[int, str], ...]
    #: the drop-line rules as one alternation without the rules named in the key, so
    #: that an ASCII line skips the rules whose words it lacks (compiled on first use)
    drop_without: dict[tuple[int, ...], re.Pattern[str]]
    drop_patterns: tuple[str, ...]
    social_words: frozenset[str]
    social_required: frozenset[str]
    list_header: re.Pattern[str]
    inline_list: re.Pattern[str]
    tail_header: re.Pattern[str]
    bios: tuple[re.Pattern[str], ...]
    tail_paragraphs: int
    kickers: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads(_DATA_FILE.read_text(encoding="utf-8"))
    headers = "|".join(f"(?:{p})" for p in data["list_headers"])
    tails = "|".join(f"(?:{p})" for p in data["tail_headers"])
    patterns = tuple(row["pattern"] for row in data["drop_line"])
    words = ((n, _required_literal(p, re.I)) for n, p in enumerate(patterns))
    return _Rules(
        drop_line=_alternation(patterns, ()),
        drop_ids={f"r{n}": row["id"] for n, row in enumerate(data["drop_line"])},
        drop_words=tuple((n, word) for n, word in words if word and word.strip()),  # not " "
        drop_without={},
        drop_patterns=patterns,
        social_words=frozenset(data["social_words"]),
        social_required=frozenset(data["social_required"]),
        list_header=re.compile(rf"(?:{headers})\s*:?", re.I),
        inline_list=re.compile(rf"(?:{headers})\s*:\s*\S.{{0,250}}", re.I),
        tail_header=re.compile(rf"(?:{tails})", re.I),
        bios=tuple(re.compile(p) for p in data["bio_patterns"]),
        tail_paragraphs=int(data["tail_paragraphs"]),
        kickers=frozenset(data["kicker_words"]),
    )


def _alternation(patterns: tuple[str, ...], left_out: tuple[int, ...]) -> re.Pattern[str]:
    """Return the drop-line rules but ``left_out`` as one case-blind alternation (``rN``)."""
    kept = [f"(?P<r{n}>{p})" for n, p in enumerate(patterns) if n not in left_out]
    return re.compile("|".join(kept) if kept else "(?!)", re.I)


def _required_literal(pattern: str, flags: int) -> str | None:
    """Return the longest ASCII text every full match of ``pattern`` contains, lower-cased.

    It is read from the pattern's parse: a run of literal characters at its top level
    (or at the top level of a lookahead it starts with) must appear in the line for
    the pattern to match all of it. None when there is no such run.

    >>> _required_literal(r"(?=.*\\bnewsletter\\b).{0,200}\\bnewsletter\\b.{0,200}", re.I)
    'newsletter'
    >>> _required_literal(r"(?:menu|close)[.:]?", re.I) is None
    True
    """
    try:  # CPython's own regex parser: private, so a Python that moves it loses only speed
        import re._parser as sre_parse

        items = list(sre_parse.parse(pattern, flags))
    except (ImportError, AttributeError):
        return None
    sequences = [items]
    for op, value in items:
        if op is sre_parse.ASSERT and value[0] == 1:  # a lookahead: its body must match too
            sequences.append(list(value[1]))
    best = ""
    for sequence in sequences:
        run = ""
        for op, value in [*sequence, (None, None)]:
            if op is sre_parse.LITERAL:
                run += chr(value)
                continue
            if len(run) > len(best) and run.isascii():
                best = run
            run = ""
    return best.lower() or None


def _drop_line_for(line: str, rules: _Rules) -> re.Pattern[str]:
    """Return the drop-line alternation to try on ``line``: without the rules it cannot meet.

    Only for an ASCII line, where a case-blind regex literal and ``in`` on the
    lower-cased line agree; any other line gets every rule.
    """
    if not rules.drop_words or not line.isascii():
        return rules.drop_line
    lower = line.lower()
    absent = tuple([n for n, word in rules.drop_words if word not in lower])
    pattern = rules.drop_without.get(absent)
    if pattern is None:
        if len(rules.drop_without) >= 64:
            rules.drop_without.clear()  # bounded: lines holding unusual mixes of the words
        pattern = rules.drop_without[absent] = _alternation(rules.drop_patterns, absent)
    return pattern


def normalize_whitespace(text: str) -> str:
    """Return ``text`` with Unicode NFC, one kind of newline, no control or invisible
    characters, single spaces inside lines and no blank-only lines.

    >>> normalize_whitespace("a\\u00a0 b\\r\\n\\t\\nc\\u200b")
    'a b\\n\\nc'
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\f", "\n").replace("\v", "\n")
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    if _ODD_SPACE.search(text):
        text = text.translate(_TO_SPACE)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)  # never across "\n": lines keep their breaks
    return "\n".join([line.strip() for line in text.split("\n")]).strip("\n")


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _is_hard_wrapped(block: list[str]) -> bool:
    if len(block) < 2:
        return False
    body = block[:-1]
    if any(_BULLET.match(line) for line in block[1:]):
        return False
    lengths = [len(line) for line in body]
    return (
        min(lengths) >= 40 and max(lengths) <= _MAX_WRAP_LINE and max(lengths) - min(lengths) <= 30
    )


def paragraphs_of(text: str) -> list[str]:
    """Return the paragraphs of normalised ``text``: each line, hard-wrapped blocks joined.

    >>> paragraphs_of("Title\\nSubtitle\\n\\nText")
    ['Title', 'Subtitle', 'Text']
    """
    out: list[str] = []
    for block in _blocks(text):
        if _is_hard_wrapped(block):
            out.append(" ".join(block))
        else:
            out.extend(block)
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of each paragraph of cleaned ``text``.

    >>> paragraph_spans("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _is_social(line: str, rules: _Rules) -> bool:
    if len(line) > 160:
        return False
    required = False  # every word a social word and at least one a required one
    for match in _SOCIAL_TOKEN.finditer(line.lower()):
        token = match.group().removeprefix("icon-")
        if token not in rules.social_words:
            return False
        required = required or token in rules.social_required
    return required


def _is_nav(line: str) -> bool:
    if len(line) > 140 or _SENTENCE_END.search(line):
        return False
    parts = [p for p in _NAV_SEPARATOR.split(line) if p.strip()]
    if len(parts) < 3:
        return False
    return all(len(_WORD.findall(p)) <= 5 for p in parts)


def boilerplate_rule(line: str) -> str | None:
    """Return the id of the rule that marks one line as boilerplate, or None to keep it.

    >>> boilerplate_rule("Share: Facebook · X · LinkedIn")
    'share-bar'
    >>> boilerplate_rule("Nvidia said it would share the data.") is None
    True
    """
    rules = _rules()
    stripped = line.strip().strip("*_").strip()
    if not stripped or not _HAS_WORD.search(stripped):
        return "no-words"
    if _is_social(stripped, rules):
        return "share-bar"
    if len(stripped) <= 700:
        matched = _drop_line_for(stripped, rules).fullmatch(stripped)
        if matched is not None and matched.lastgroup is not None:
            return rules.drop_ids[matched.lastgroup]
    if _is_nav(stripped):
        return "navigation"
    return None


def _headline_like(line: str) -> bool:
    if _BULLET.match(line):
        return len(line) <= 250
    return len(line) <= 160 and not re.search(r"[.;,:]$", line)


def _masthead(line: str) -> str | None:
    words = _WORD.findall(line)
    if 1 <= len(words) <= 6 and line.upper() == line and any(c.isalpha() for c in line):
        small = {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"}
        return " ".join(
            w.lower() if i and w.lower() in small else w.capitalize() for i, w in enumerate(words)
        )
    return None


def _drop_tail(kept: list[str], rules: _Rules) -> list[str]:
    """Drop author bios (and a lone name line before them) among the last paragraphs."""
    window = rules.tail_paragraphs
    result = list(kept)
    first_tail = max(0, len(result) - window)
    index = len(result) - 1
    while index >= first_tail and result:
        paragraph = result[index].strip("*_ ")
        for pattern in rules.bios:
            match = pattern.match(paragraph)
            if match and len(paragraph) <= 700:
                name = match.group("name")
                del result[index]
                if index > 0 and result[index - 1].strip().strip("*_") == name:
                    del result[index - 1]
                    index -= 1
                break
        index -= 1
    return result


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Return ``paragraphs`` without boilerplate (line rules, headline lists, tails, bios)."""
    rules = _rules()
    kept: list[str] = []
    in_list = False
    total = len(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if in_list:
            if _headline_like(paragraph) and boilerplate_rule(paragraph) is None:
                continue
            in_list = False
        probe = paragraph.strip("*_ ")
        if rules.tail_header.fullmatch(probe) and index >= total - rules.tail_paragraphs:
            break
        if rules.list_header.fullmatch(probe):
            in_list = True
            continue
        if rules.inline_list.fullmatch(probe) and _headline_like(probe.split(":", 1)[1].strip()):
            continue
        if boilerplate_rule(paragraph) is not None:
            continue
        kept.append(paragraph)
    return _drop_tail(kept, rules)


def _title_from(paragraphs: list[str], rules: _Rules) -> str | None:
    for paragraph in paragraphs[:4]:
        words = _WORD.findall(paragraph)
        if len(words) < 4 or paragraph.lower().startswith("by "):
            continue
        if len(words) <= 8 and parse_date(paragraph) is not None:
            continue  # a dateline
        if len(paragraph) <= 250:
            return paragraph.strip("*_ ")
        return None
    return None


def _publisher_from(paragraphs: list[str], rules: _Rules) -> str | None:
    for paragraph in paragraphs[:3]:
        head = _NAV_SEPARATOR.split(paragraph)[0].strip("*_ ")
        name = _masthead(head)
        if name and name.lower() not in rules.kickers:
            return name
    return None


def _issued(raw: RawDocument, text: str) -> dt.date | None:
    if raw.published:
        try:
            return dt.date.fromisoformat(raw.published[:10])
        except ValueError:
            parsed = parse_date(raw.published)
            if parsed is not None:
                return parsed
    return find_publication_date(text)


def clean_text(text: str) -> str:
    """Return the cleaned article text for raw ``text`` (paragraphs joined by blank lines)."""
    return "\n\n".join(clean_paragraphs(paragraphs_of(normalize_whitespace(text))))


def to_article(raw: RawDocument) -> Article:
    """Return the Article for ``raw``: cleaned text, id, sha256, title, issued date, publisher.

    Never raises for odd text: an input that is all boilerplate gives an article with
    empty text, which the caller can refuse.
    """
    rules = _rules()
    normalized = normalize_whitespace(raw.text)
    paragraphs = paragraphs_of(normalized)
    kept = clean_paragraphs(paragraphs)
    if kept and paragraphs and kept[0] == paragraphs[0] and _masthead(kept[0]):
        kept = kept[1:]  # an all-capitals masthead line: the outlet, not the story
    text = "\n\n".join(kept)
    title = " ".join(raw.title.split()) if raw.title and raw.title.strip() else None
    if title is None:
        title = _title_from(kept, rules)
    publisher = raw.publisher.strip() if raw.publisher and raw.publisher.strip() else None
    if publisher is None:
        publisher = _publisher_from(paragraphs, rules)
    return Article(
        id=article_id(text),
        source=raw.source,
        text=text,
        sha256=sha256_hex(text),
        format=raw.format,
        title=title,
        issued=_issued(raw, normalized),
        url=raw.url,
        publisher=publisher,
        source_sha256=raw.digest,
    )
