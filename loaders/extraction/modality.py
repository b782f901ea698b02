"""How a sentence presents a fact: modality, attribution, confidence and event date.

Negation and hedges are scoped to the clause that holds the trigger (from the last
comma, semicolon, dash or contrastive conjunction before it). Attribution is read
from the whole sentence ("told Reuters", "according to the Financial Times",
"the newspaper reported"); an anonymous source ("the sources said") is credited to
the outlet the article last cited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chipkg.loaders.extraction.context import ArticleContext, Sentence
from chipkg.loaders.extraction.dates import resolve_date
from chipkg.loaders.extraction.resources import Resources, rule_words
from chipkg.ontology.models import EntityType, Evidence, Modality

_LISTS = rule_words("modality")
_BOUNDARY = _LISTS["boundary"]
_SPEECH = _LISTS["speech"]
_CONDITIONAL = _LISTS["conditional"]
_SUBORDINATORS = _LISTS["subordinators"]
#: Words opening a subordinate clause that a negation before them does not reach into:
#: "sales were halted after Washington imposed a licence requirement" asserts the rule.
_NEGATION_BARRIERS = _LISTS["negation_barriers"]
_HEDGE_REACH = 8
_NEGATION_REACH = 12
FACTORS = {
    Modality.Asserted: 1.0,
    Modality.Reported: 0.9,
    Modality.Planned: 0.7,
    Modality.Negated: 0.8,
}


@dataclass(frozen=True, slots=True)
class Reading:
    """The modality and source of one trigger in one sentence."""

    modality: Modality
    attributed_to: str | None
    conditional: bool


def clause_start(ctx: ArticleContext, sent: Sentence, i: int) -> int:
    """Return the first token of the clause that holds token ``i``."""
    j = i - 1
    while j >= sent.start:
        # a comma inside a name ("Ministry of Economy, Trade and Industry") ends no clause
        if ctx.lower[j] in _BOUNDARY and ctx.ref_of(j) is None:
            return j + 1
        j -= 1
    return sent.start


def read(
    ctx: ArticleContext,
    res: Resources,
    sent: Sentence,
    start: int,
    end: int,
    skip: frozenset[int] = frozenset(),
) -> Reading:
    """Return how the sentence presents the fact whose trigger is tokens ``start:end``."""
    low = ctx.lower
    words = res.words
    c0 = clause_start(ctx, sent, start)
    negated = hedged = conditional = False
    speech_before = any(low[k] in _SPEECH for k in range(sent.start, start))
    # hedges reach back a few words, not across a subordinate clause ("expects ... after
    # the government told it that its chip can no longer be shipped")
    h0 = max(c0, start - _HEDGE_REACH)
    for k in range(start - 1, h0 - 1, -1):
        if low[k] in _SUBORDINATORS:
            h0 = k + 1
            break
    n0 = max(c0, start - _NEGATION_REACH)
    for k in range(start - 1, n0 - 1, -1):
        if low[k] in _NEGATION_BARRIERS:
            n0 = k + 1
            break
    for k in range(max(c0, start - _NEGATION_REACH), start):
        if k in skip:
            continue
        w = low[k]
        if w == "may" and ctx.orth[k] == "May" and _dated(low, k):
            continue  # "TOKYO, May 8 - ...": the month, no hedge
        if w in words["negations"] and k >= n0:
            negated = True
        elif w in _CONDITIONAL:
            conditional = True
        elif w in words["hedges"] and k >= h0:
            if w in ("would", "will") and speech_before:
                continue
            hedged = True
    # "no ... has been granted": a negative determiner before the subject of a passive
    for k in range(max(sent.start, c0 - 4), c0):
        if low[k] in ("no", "neither", "none"):
            negated = True
    outlet, reported = attribution(ctx, res, sent)
    if negated:
        modality = Modality.Negated
    elif hedged or conditional:
        modality = Modality.Planned
    elif reported:
        modality = Modality.Reported
    else:
        modality = Modality.Asserted
    return Reading(modality, outlet, conditional)


def _dated(low: list[str], k: int) -> bool:
    """Return True when the word at ``k`` has a day number beside it ("May 8", "8 May")."""
    after = low[k + 1] if k + 1 < len(low) else ""
    before = low[k - 1] if k > 0 else ""
    return after[:1].isdigit() or before[:1].isdigit()


def attribution(ctx: ArticleContext, res: Resources, sent: Sentence) -> tuple[str | None, bool]:
    """Return the outlet a sentence credits (if any) and whether it attributes at all."""
    cache = ctx.attribution_cache
    hit = cache.get(sent.index)
    if hit is not None:
        return hit
    low = ctx.lower
    cues = res.words["attribution_after"]
    reported = any(
        low[k] in cues and (low[k] not in _ADDED or _speech_added(ctx, sent, k))
        for k in range(sent.start, sent.end)
    )
    outlet = None
    for ref in ctx.sent_refs[sent.index]:
        if ctx.entities[ref.key].type is EntityType.NewsOutlet:
            outlet = ref.key
            reported = True
            break
    if outlet is None and reported:
        anonymous = any(low[k] in res.words["source_nouns"] for k in range(sent.start, sent.end))
        if anonymous:
            outlet = last_outlet(ctx, sent.index)
    result = (outlet, reported)
    cache[sent.index] = result
    return result


_ADDED = frozenset({"added", "adds"})
#: Words after "added" when it reports speech ("the company added.", "she added that ...").
_AFTER_ADDED = _LISTS["after_added"]


def _speech_added(ctx: ArticleContext, sent: Sentence, k: int) -> bool:
    """Return True when "added" at token ``k`` reports speech, not "added X to the list"."""
    return k + 1 >= sent.end or ctx.lower[k + 1] in _AFTER_ADDED


def last_outlet(ctx: ArticleContext, index: int) -> str | None:
    """Return the outlet cited most recently before sentence ``index``."""
    for s in range(index - 1, max(-1, index - 6), -1):
        for ref in ctx.sent_refs[s]:
            if ctx.entities[ref.key].type is EntityType.NewsOutlet:
                return ref.key
    return None


def evidence(
    ctx: ArticleContext,
    res: Resources,
    sent: Sentence,
    rule: str,
    base: float,
    reading: Reading,
) -> Evidence:
    """Return the evidence record of a fact read from ``sent`` by ``rule``."""
    return Evidence(**evidence_fields(ctx, sent, rule, base, reading))


def evidence_fields(
    ctx: ArticleContext, sent: Sentence, rule: str, base: float, reading: Reading
) -> dict[str, Any]:
    """Return the evidence fields of a fact read from ``sent`` by ``rule`` (for any Evidence)."""
    text = ctx.text[sent.char_start : sent.char_end]
    cache = ctx.date_cache
    if sent.index not in cache:
        cache[sent.index] = resolve_date(ctx.orth[sent.start : sent.end], ctx.article.issued)
    date = cache[sent.index]
    return dict(
        sentence=text,
        char_start=sent.char_start,
        char_end=sent.char_end,
        confidence=round(min(1.0, base * FACTORS[reading.modality]), 3),
        modality=reading.modality,
        attributed_to=reading.attributed_to,
        extracted_by=rule,
        event_date=date[0] if date else None,
        date_precision=date[1] if date else None,
        date_text=date[2] if date else None,
    )
