"""A token-pattern matcher that runs spaCy's Matcher over the tokens a match can use only.

spaCy's :class:`~spacy.matcher.Matcher` walks every token of a document, making two
``Token`` objects per token in Python and starting every pattern there. Most tokens
of an article (lower-case words, digits, full stops) fit no token spec of any
pattern, so no match can contain them; and a match can only begin at a token that
fits a pattern's first spec. :class:`SkippingMatcher` therefore keeps, of each run of
tokens between two such "blockers", the part from its first possible start, plus the
blocker that ends it, puts them into one short ``Doc`` and matches that: about a
third of the tokens, the same matches. A stretch of one token is left out too when
that word cannot be a match on its own (no pattern matches one token of it): most
stretches are one capitalised word ("The", "Nvidia") between lower-case ones.

Why the result is the same, order included: every spec tests lexeme attributes only
(checked when the matcher is built; otherwise it matches the whole ``Doc``), so a
token fits a spec in the short ``Doc`` exactly when it does in the article. At a
blocker every partial match ends or fails, in both documents, so each kept stretch
starts from the same (empty) state and sees the same tokens in the same order; the
matches come out in the same order with the same lengths, and spaCy's per-label
longest-match filter and its sort depend only on order and length. Dropped tokens
start nothing and end nothing; a lone word that no one-token match can be starts
nothing that its following blocker does not end. Whether a word is a blocker, a
possible start or a possible one-token match is found by matching the word alone
against each spec, once per word per process.

Example
-------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> m = SkippingMatcher(nlp.vocab)
>>> m.add("FIRM", [[{"IS_TITLE": True, "OP": "+"}, {"ORTH": "Inc."}]], greedy="LONGEST")
>>> doc = nlp.make_doc("shares of Acme Widgets Inc. rose, said Big Co Inc. today")
>>> [(nlp.vocab.strings[k], doc[s:e].text) for k, s, e in m(doc)]
[('FIRM', 'Acme Widgets Inc.'), ('FIRM', 'Big Co Inc.')]
"""

from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Token attributes read from the lexeme alone (the same for every token of a word).
LEXICAL_ATTRS = frozenset(
    {
        "ORTH",
        "TEXT",
        "LOWER",
        "SHAPE",
        "PREFIX",
        "SUFFIX",
        "LENGTH",
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_STOP",
        "IS_BRACKET",
        "IS_QUOTE",
        "IS_LEFT_PUNCT",
        "IS_RIGHT_PUNCT",
        "IS_CURRENCY",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
    }
)
#: Quantifiers whose pattern token consumes the token it tests (no negation, no ranges).
_PLAIN_OPS = frozenset({None, "?", "*", "+", "1"})

#: How many words' kinds are kept (then forgotten and found again as they come back).
MAX_WORDS = 1 << 18

#: What a word can be in a match, as bits (0: a blocker, in no match).
_INNER, _START, _ALONE = 1, 2, 4
_BLOCKER = 0


def _lexical(spec: dict[str, Any]) -> bool:
    return spec.get("OP") in _PLAIN_OPS and all(
        key == "OP" or key.upper() in LEXICAL_ATTRS or key.upper().startswith("FLAG")
        for key in spec
    )


class SkippingMatcher:
    """spaCy's Matcher (greedy patterns included) run over the tokens a match can use only.

    ``add`` takes what :meth:`spacy.matcher.Matcher.add` takes; calling it on a ``Doc``
    returns the same ``(match_id, start, end)`` list as the Matcher would, in the same
    order.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab, validate=False)
        #: every token spec alone, under "start" when a match can begin with it
        self._spec_matcher = Matcher(vocab, validate=False)
        self._bits = {
            vocab.strings.add("inner"): _INNER,
            vocab.strings.add("start"): _INNER | _START,
            vocab.strings.add("alone"): _INNER | _ALONE,
        }
        self._kinds: dict[int, int] = {}
        self._skips = True

    def add(self, key: str, patterns: list[list[dict[str, Any]]], **options: Any) -> None:
        """Add patterns under ``key`` (see :meth:`spacy.matcher.Matcher.add`)."""
        if options.get("on_match") is not None:
            self._skips = False  # a callback may look at the whole document
        self.matcher.add(key, patterns, **options)
        for pattern in patterns:
            if not pattern or not all(_lexical(spec) for spec in pattern):
                self._skips = False
                continue
            required = [n for n, spec in enumerate(pattern) if spec.get("OP") not in ("?", "*")]
            leading = True  # the specs up to the first required one: where a match begins
            for n, spec in enumerate(pattern):
                alone = [{k: v for k, v in spec.items() if k != "OP"}]
                self._spec_matcher.add("start" if leading else "inner", [alone])
                if required in ([], [n]):  # every other spec optional: a one-token match
                    self._spec_matcher.add("alone", [alone])
                leading = leading and spec.get("OP") in ("?", "*")
        self._kinds.clear()

    def _learn(self, orths: list[int]) -> None:
        """Find, for new words, whether each is a blocker, fits some spec or can begin a match.

        All of them in one short ``Doc``, matched once against every spec alone.
        """
        strings = self.vocab.strings
        if len(self._kinds) >= MAX_WORDS:
            self._kinds.clear()  # bounded: a long ingest meets new words (names) without end
        words = list(dict.fromkeys(o for o in orths if o not in self._kinds))
        kinds = [_BLOCKER] * len(words)
        alone = Doc(self.vocab, words=[strings[o] for o in words])
        for key, start, _ in self._spec_matcher(alone):
            kinds[start] |= self._bits[key]
        self._kinds.update(zip(words, kinds, strict=True))

    def __call__(self, doc: Doc, orths: list[int] | None = None) -> list[tuple[int, int, int]]:
        """Return the matches in ``doc`` as ``(match_id, start, end)``, as the Matcher does.

        ``orths`` are the tokens' ORTH ids when the caller has read them already.
        """
        if not self._skips or len(self.matcher) == 0:
            return list(self.matcher(doc))
        if orths is None:
            orths = [t.orth for t in doc]
        kinds = self._kinds
        kept: list[int] = []
        where: list[int] = []
        active = False  # inside a stretch: from a possible start to the next blocker
        begin = first = 0  # where the stretch began, and what its first word can be
        for i, orth in enumerate(orths):
            kind = kinds.get(orth)
            if kind is None:
                self._learn(orths[i:])  # this and the article's other new words at once
                kind = kinds[orth]
            if active:
                if kind:
                    kept.append(orth)
                    where.append(i)
                    continue
                active = False
                if i - begin == 1 and not first & _ALONE:
                    del kept[-1], where[-1]  # one word that is no match on its own
                else:
                    kept.append(orth)  # the blocker that ends every partial match
                    where.append(i)
            elif kind & _START:
                active, begin, first = True, i, kind
                kept.append(orth)
                where.append(i)
        if active and len(orths) - begin == 1 and not first & _ALONE:
            del kept[-1], where[-1]
        if not kept:
            return []
        strings = self.vocab.strings
        short = Doc(self.vocab, words=[strings[o] for o in kept])
        return [(key, where[s], where[e - 1] + 1) for key, s, e in self.matcher(short)]
