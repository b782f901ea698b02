"""The working state of one extraction: tokens, sentences, entity references.

An :class:`ArticleContext` is built once per article from a single tokenisation.
Recognition fills it with :class:`Ref` spans (each naming an entity), the rules
read it. Token-indexed arrays keep look-ups linear in the article's length.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.attrs import IDX, LOWER, ORTH, SPACY
from spacy.tokens import Doc

from chipkg.ontology.identifiers import slug
from chipkg.ontology.models import Article, EntityType, is_a

#: :func:`is_a` remembered per pair of classes (the class tree is fixed)
_is_a = cache(is_a)

_FINAL = frozenset({".", "!", "?"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")"})


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its token range and the character span of its text."""

    index: int
    start: int
    end: int
    char_start: int
    char_end: int


@dataclass(slots=True)
class Ref:
    """A token span that refers to an entity (by key), with the rule that found it."""

    start: int
    end: int
    key: str
    rule: str


@dataclass(slots=True)
class EntityRecord:
    """An entity as this article knows it."""

    label: str
    type: EntityType
    wikidata: str | None = None
    aliases: set[str] = field(default_factory=set)
    confidence: float = 0.9


def split_sentences(orth: list[str], idx: list[int], space_after: list[str]) -> list[Sentence]:
    """Return the sentences of a tokenised text: breaks at line ends and final punctuation."""
    sentences: list[Sentence] = []
    start: int | None = None
    last: int | None = None
    prev_final = False

    def close() -> None:
        if start is not None and last is not None:
            end_char = idx[last] + len(orth[last])
            sentences.append(Sentence(len(sentences), start, last + 1, idx[start], end_char))

    for i, text in enumerate(orth):
        if text.isspace():
            if "\n" in text:
                close()
                start = last = None
                prev_final = False
            continue
        if start is None:
            start = i
        elif prev_final and (text[:1].isupper() or text[:1].isdigit() or text[:1] in '"“‘('):
            close()
            start = i
        last = i
        prev_final = text in _FINAL or (prev_final and text in _CLOSERS)
        if "\n" in space_after[i]:
            close()
            start = last = None
            prev_final = False
    close()
    return sentences


#: Words by their hash (spaCy's ids: a hash names one string, whatever the vocabulary);
#: a dict look-up is cheaper than the StringStore's, and ~1,100 are read per article.
_WORDS: dict[int, str] = {}


def _word(strings: Any, h: int) -> str:
    if len(_WORDS) >= 1 << 18:
        _WORDS.clear()  # bounded: a long ingest meets new words (names) without end
    word = _WORDS[h] = strings[h]
    return word


class ArticleContext:
    """Tokens, sentences, entities and references of one article."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.text = article.text
        self.doc = doc
        # one read of the token attributes (no Token objects); everything below reads these lists
        strings = doc.vocab.strings
        orth_ids, lower_ids, idx, spaces = doc.to_array([ORTH, LOWER, IDX, SPACY]).T.tolist()
        known = _WORDS.get
        orth: list[str] = [known(h) or _word(strings, h) for h in orth_ids]
        lower: list[str] = [known(h) or _word(strings, h) for h in lower_ids]
        space_after: list[str] = [" " if sp else "" for sp in spaces]
        self.orth, self.lower, self.idx, self.space_after = orth, lower, idx, space_after
        self.orth_ids: list[int] = orth_ids
        self.sentences = split_sentences(orth, idx, space_after)
        self.sent_of = [-1] * len(doc)
        for s in self.sentences:
            self.sent_of[s.start : s.end] = [s.index] * (s.end - s.start)
        self.entities: dict[str, EntityRecord] = {}
        self.refs: list[Ref] = []
        self.ref_at: list[int] = [-1] * len(doc)
        self.sent_refs: list[list[Ref]] = []
        self.ref_counts: Counter[str] = Counter()
        self.attribution_cache: dict[int, tuple[str | None, bool]] = {}
        self.date_cache: dict[int, Any] = {}
        #: makes facts read so far (rules that must not mistake a maker for a buyer use them)
        self.facts: list = []  # type: ignore[type-arg]

    # -- entities ------------------------------------------------------------
    def entity(
        self, label: str, kind: EntityType, wikidata: str | None = None, confidence: float = 0.9
    ) -> str:
        """Return the key of the entity with this label, registering it when new."""
        key = slug(label)
        record = self.entities.get(key)
        if record is None:
            self.entities[key] = EntityRecord(label, kind, wikidata, confidence=confidence)
        elif record.type is not kind and _is_a(kind, record.type):
            record.type = kind  # a more specific class wins
        return key

    def type_of(self, key: str) -> EntityType:
        """Return the class of an entity of this article."""
        return self.entities[key].type

    def is_(self, key: str, kind: EntityType) -> bool:
        """Return True when the entity is of the class or one of its sub-classes."""
        return _is_a(self.entities[key].type, kind)

    # -- references ------------------------------------------------------------
    def span_text(self, start: int, end: int) -> str:
        """Return the article text covered by tokens ``start:end``."""
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.orth[end - 1])]

    def free(self, start: int, end: int) -> bool:
        """Return True when no reference covers any token of ``start:end``."""
        return all(self.ref_at[i] < 0 for i in range(start, end))

    def add_ref(self, start: int, end: int, key: str, rule: str) -> Ref | None:
        """Add a reference when its tokens are free; return it (or None)."""
        if start >= end or not self.free(start, end):
            return None
        ref = Ref(start, end, key, rule)
        self.refs.append(ref)
        for i in range(start, end):
            self.ref_at[i] = len(self.refs) - 1
        surface = self.span_text(start, end)
        record = self.entities[key]
        if surface != record.label and "\n" not in surface:
            record.aliases.add(surface)
        return ref

    def index_refs(self) -> None:
        """Sort references and group them by sentence (call after recognition)."""
        self.refs.sort(key=lambda r: r.start)
        self.ref_at = [-1] * len(self.doc)
        for n, ref in enumerate(self.refs):
            for i in range(ref.start, ref.end):
                self.ref_at[i] = n
        self.ref_counts = Counter(r.key for r in self.refs)
        self.sent_refs = [[] for _ in self.sentences]
        for ref in self.refs:
            s = self.sent_of[ref.start]
            if s >= 0:
                self.sent_refs[s].append(ref)

    def ref_of(self, i: int) -> Ref | None:
        """Return the reference covering token ``i``, if any."""
        if 0 <= i < len(self.ref_at) and self.ref_at[i] >= 0:
            return self.refs[self.ref_at[i]]
        return None

    def antecedent(
        self, i: int, kinds: tuple[EntityType, ...], back: int = 3, salient: bool = False
    ) -> str | None:
        """Return the key of the nearest entity of one of ``kinds`` before token ``i``.

        Looks in the same sentence, then up to ``back`` sentences before it. With
        ``salient`` (definite descriptions such as "the company", a title without a
        firm), the first fitting mention of the nearest sentence that has one wins: the
        subject the text is about rather than the last name it dropped.
        """
        s = self.sent_of[i] if 0 <= i < len(self.sent_of) else -1
        if s < 0:
            return None
        for idx in range(s, max(-1, s - back - 1), -1):
            fitting = [
                ref.key
                for ref in self.sent_refs[idx]
                if ref.start < i and any(_is_a(self.entities[ref.key].type, k) for k in kinds)
            ]
            if fitting:
                # nearest mention, or for a description the sentence's first (its subject)
                return fitting[0] if salient else fitting[-1]
        return None
