"""The extractor's shared resources: gazetteer, word lists and compiled spaCy matchers.

Everything here is read from the data files beside this module (``gazetteer.jsonl``,
``lexicon.json``, ``patterns.jsonl``) and built once per process by :func:`resources`,
so that :func:`chipkg.loaders.extraction.extract` stays a cheap, pure function that
worker processes can call in parallel.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import spacy
from pydantic import BaseModel, ConfigDict
from spacy.attrs import LOWER, SHAPE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.schemas import validate_token_pattern
from spacy.tokenizer import Tokenizer
from spacy.util import compile_suffix_regex

from chipkg.loaders.extraction.matching import SkippingMatcher
from chipkg.ontology.errors import ExtractionError
from chipkg.ontology.models import EntityType

HERE = Path(__file__).parent


class GazetteerEntry(BaseModel):
    """One well-known entity: canonical label, core class, aliases, Wikidata QID and hints."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    government: str | None = None
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    maker: str | None = None
    office: str | None = None
    parent: str | None = None
    #: for a city: the label of the country entry it lies in
    country: str | None = None


@dataclass(frozen=True)
class Metonym:
    """A name that can stand for a state (its government) or for a place."""

    state: str
    place: str
    default_state: bool


@dataclass(frozen=True)
class PatternSpec:
    """One token pattern of ``patterns.jsonl`` with its post-processing options."""

    label: str
    rule: str
    trim_start: int = 0
    trim_end: int = 0
    gate: str | None = None
    trim_words: frozenset[str] = frozenset()


@dataclass
class Resources:
    """The compiled, read-only resources of one process."""

    nlp: Language
    entries: dict[str, GazetteerEntry]
    by_alias: dict[str, str]
    by_fold: dict[str, str]
    metonyms: dict[str, Metonym]
    demonyms: dict[str, str]
    phrase: PhraseMatcher
    phrase_lower: PhraseMatcher
    matcher: SkippingMatcher
    triggers: PhraseMatcher
    patterns: dict[str, PatternSpec]
    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    demonym_lower: frozenset[str] = frozenset()

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """Return the gazetteer entry a surface form names, or None."""
        label = self.by_alias.get(surface) or self.by_fold.get(fold(surface))
        return self.entries[label] if label else None


_FOLD = re.compile(r"[^a-z0-9%&]+")


@lru_cache(maxsize=1 << 16)  # rules fold the same few names again and again
def fold(text: str) -> str:
    """Return a name folded for comparison: lower case, no punctuation, no leading 'the'."""
    text = text.lower().replace("’", "'")
    if text.endswith("'s"):
        text = text[:-2]
    text = _FOLD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ExtractionError(f"{path}: cannot read: {exc}") from exc
    return data


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ExtractionError(f"{path}:{n}: invalid JSON: {exc}") from exc
    return rows


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "IN": lambda v, ref: v in ref,
    "NOT_IN": lambda v, ref: v not in ref,
    "REGEX": lambda v, ref: ref.search(v) is not None,
    ">=": lambda v, ref: v >= ref,
    "<=": lambda v, ref: v <= ref,
    ">": lambda v, ref: v > ref,
    "<": lambda v, ref: v < ref,
    "==": lambda v, ref: v == ref,
    "!=": lambda v, ref: v != ref,
}


def _word_getter(nlp: Language, attr: str) -> Callable[[str], Any] | None:
    """Return how a token attribute is computed from the word alone, or None."""
    if attr in ("ORTH", "TEXT"):
        return str
    getters: dict[int, Callable[[str], Any]] = getattr(nlp.vocab, "lex_attr_getters")  # noqa: B009
    if attr == "LOWER":
        return getters[LOWER]
    if attr == "SHAPE":
        return getters[SHAPE]
    if attr == "LENGTH":
        return len
    return None


def _word_test(getter: Callable[[str], Any], op: str, ref: Any) -> Callable[[str], bool]:
    """Return the test ``getter(word) <op> ref`` as a function of the word."""
    compare = _COMPARE[op]
    value = re.compile(ref) if op == "REGEX" else frozenset(ref) if op.endswith("IN") else ref

    def test(word: str) -> bool:
        return compare(getter(word), value)

    return test


def _flagged(nlp: Language, spec: dict[str, Any], flags: dict[str, str]) -> dict[str, Any]:
    """Return a token spec whose set, regex and length tests are word flags.

    spaCy's Matcher calls a Python function per token for each ``{"IN": [...]}``,
    ``{"REGEX": ...}`` or ``{">=": n}`` test; these depend on the word alone, so each
    becomes a lexeme flag (computed once per word of the vocabulary and checked in C).
    Same matches, a fraction of the cost. Tests that are not word-only stay as they are.
    """
    out: dict[str, Any] = {}
    for attr, test in spec.items():
        getter = _word_getter(nlp, attr.upper()) if isinstance(test, dict) else None
        if getter is None or len(test) != 1 or next(iter(test)) not in _COMPARE:
            out[attr] = test
            continue
        op, ref = next(iter(test.items()))
        ident = json.dumps([attr.upper(), op, ref], sort_keys=True)
        if ident not in flags:
            taken = getattr(nlp.vocab, "lex_attr_getters")  # noqa: B009
            free = [b for b in range(19, 64) if b not in taken]
            if not free:
                out[attr] = test
                continue
            nlp.vocab.add_flag(_word_test(getter, op, ref), free[0])
            flags[ident] = f"FLAG{free[0]}"
        out[flags[ident]] = True
    return out


def recognition_words() -> dict[str, frozenset[str]]:
    """Return the word lists of ``recognition_words.json`` by name, words as written."""
    return rule_words("recognition")


@cache
def rule_words(module: str) -> dict[str, frozenset[str]]:
    """Return the word lists of ``<module>_words.json`` beside the rules, by name.

    Rules compare their lists with tokens as written or lower-cased (a list of
    lower-case words is meant for lower-cased tokens), so nothing is folded here.
    """
    path = HERE / f"{module}_words.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ExtractionError(f"{path}: cannot read word lists: {exc}") from exc
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


#: Trigger categories matched with one lower-case phrase matcher.
TRIGGER_LISTS = (
    "approve_triggers",
    "deny_triggers",
    "restrict_triggers",
    "outperform_more",
    "outperform_verbs",
    "outperform_times",
    "underperform",
    "rival_triggers",
    "make_verbs",
    "buy_triggers",
    "visit_triggers",
    "condition_cues",
    "review_cues",
)


@cache
def resources() -> Resources:
    """Return this process's resources, building them on first use."""
    nlp = spacy.blank("en")
    extra: list[str] = _read_json(HERE / "tokenizer.json")["suffixes"]
    suffixes: list[str | re.Pattern[str]] = [*(nlp.Defaults.suffixes or ()), *extra]
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    entries: dict[str, GazetteerEntry] = {}
    for row in _read_jsonl(HERE / "gazetteer.jsonl"):
        entry = GazetteerEntry.model_validate(row)
        entries[entry.label] = entry
    for entry in entries.values():
        home = entries.get(entry.country) if entry.country else None
        if entry.country and (home is None or home.type is not EntityType.Country):
            raise ExtractionError(
                f"{HERE / 'gazetteer.jsonl'}: {entry.label}: country {entry.country!r} "
                "is not a country of the gazetteer"
            )
    lexicon: dict[str, Any] = json.loads((HERE / "lexicon.json").read_text(encoding="utf-8"))
    words = {k: frozenset(w.lower() for w in v) for k, v in lexicon.items() if isinstance(v, list)}

    metonyms: dict[str, Metonym] = {}
    demonyms: dict[str, str] = {}
    city_of = {
        a: e.label
        for e in entries.values()
        if e.type is EntityType.City
        for a in (e.label, *e.aliases)
    }
    for e in entries.values():
        if e.type is not EntityType.Country or not e.government:
            continue
        for name in (e.label, *e.aliases):
            if not name.startswith("the "):
                metonyms[name] = Metonym(e.government, e.label, default_state=False)
        if e.capital and e.capital in city_of:
            # "Washington" (a short alias of its city) stands for the state unless read as a
            # place; "Tokyo", "Seoul" (the city's own name) only as a verb's subject
            # ("Tokyo clears ...") or before a state noun ("Seoul's trade ministry")
            metonyms[e.capital] = Metonym(
                e.government, city_of[e.capital], default_state=city_of[e.capital] != e.capital
            )
        for d in e.demonyms:
            demonyms[d] = e.label
    companies = {
        a
        for e in entries.values()
        if e.type in (EntityType.Company, EntityType.Organization)
        for a in (e.label, *e.aliases)
    }

    by_alias: dict[str, str] = {}
    by_fold: dict[str, str] = {}
    phrase = PhraseMatcher(nlp.vocab, attr="ORTH")
    phrase_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for e in entries.values():
        names = [e.label, *e.aliases]
        for name in names:
            by_alias.setdefault(name, e.label)
            by_fold.setdefault(fold(name), e.label)
            if "(" in name or name in metonyms:
                continue
            first = name.split(" ", 1)[0]
            if e.type is EntityType.Chip and first in companies and " " in name:
                continue  # "Nvidia H200" is two mentions: maker and chip
            target = phrase_lower if name[:1].islower() else phrase
            target.add(name, [nlp.make_doc(name)])
    for name in metonyms:
        phrase.add(name, [nlp.make_doc(name)])

    matcher = SkippingMatcher(nlp.vocab)  # patterns validated below, before flags replace sets
    patterns: dict[str, PatternSpec] = {}
    flags: dict[str, str] = {}
    for n, row in enumerate(_read_jsonl(HERE / "patterns.jsonl")):
        key = f"{row['id']}#{n}"
        problems = validate_token_pattern(row["pattern"])
        if problems:
            raise ExtractionError(f"{HERE / 'patterns.jsonl'}: pattern {row['id']}: {problems}")
        patterns[key] = PatternSpec(
            row["label"],
            row["id"],
            row.get("trim_start", 0),
            row.get("trim_end", 0),
            row.get("gate"),
            frozenset(row["pattern"][0]["LOWER"]["IN"]) if row.get("trim_titles") else frozenset(),
        )
        compiled = [_flagged(nlp, spec, flags) for spec in row["pattern"]]
        matcher.add(key, [compiled], greedy="LONGEST")

    triggers = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
    for name in TRIGGER_LISTS:
        docs = [nlp.make_doc(w) for w in lexicon[name]]
        triggers.add(name, docs)
        phrases[name] = tuple(tuple(t.lower_ for t in d) for d in docs)
    return Resources(
        nlp=nlp,
        entries=entries,
        by_alias=by_alias,
        by_fold=by_fold,
        metonyms=metonyms,
        demonyms=demonyms,
        phrase=phrase,
        phrase_lower=phrase_lower,
        matcher=matcher,
        triggers=triggers,
        patterns=patterns,
        words=words,
        phrases=phrases,
        demonym_lower=frozenset(d.lower() for d in demonyms),
    )
