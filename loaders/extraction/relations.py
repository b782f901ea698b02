"""Relation rules: sentence shapes that state a core relation between entities.

Each rule reads one sentence (its entity references and the trigger phrases the
lexicon's phrase matcher found in it) and yields :class:`Fact` records. Rules are
registered by family in :data:`RULES`; each fact names its rule id, e.g.
``makes.possessive`` or ``outperforms.times``. Lists are distributed ("approved
ByteDance, Alibaba and Tencent" gives three facts), pronouns and definite
descriptions ("it", "the company", "the chip") go to the nearest fitting entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from chipkg.loaders.extraction.context import ArticleContext, Ref, Sentence
from chipkg.loaders.extraction.modality import Reading, attribution, clause_start, read
from chipkg.loaders.extraction.resources import Resources, rule_words
from chipkg.ontology.models import EntityType, Modality, Relation

ORG = EntityType.Organization
COMPANY = EntityType.Company
REGULATOR = EntityType.Regulator
CHIP = EntityType.Chip
PERSON = EntityType.Person
PLACE = EntityType.Place
COUNTRY = EntityType.Country

_LISTS = rule_words("relations")
_POSS = _LISTS["poss"]
#: Words that cannot sit between a possessive and its chip ("Nvidia's advanced H200").
_NOT_ADJECTIVES = _LISTS["not_adjectives"]
_LIST = _LISTS["list"]
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twice": 2,
    "double": 2,
    "triple": 3,
    "half": 0.5,
}
_NUM = re.compile(r"^[0-9]+(\.[0-9]+)?$")
#: Verbs whose "its" chips are the buyer's, not made by it ("received its first X chips").
_TAKE_VERBS = _LISTS["take_verbs"]
#: Nouns whose "of its" chips are the buyer's ("took delivery of its first X chips").
_TAKE_NOUNS = frozenset(_LISTS["take_nouns"])
#: Nouns whose "from" phrase names a buyer, not a maker ("orders for X from Y").
_ORDER_NOUNS = _LISTS["order_nouns"]
#: Nouns whose "by" phrase names a buyer, not a maker ("purchases of X by Y").
BUYER_NOUNS = _LISTS["buyer_nouns"]


@dataclass(slots=True)
class Fact:
    """One relation read from one sentence."""

    subject: str
    predicate: Relation
    object: str
    sent: Sentence
    rule: str
    base: float
    reading: Reading
    factor: float | None = None
    quantity: int | None = None


@dataclass(slots=True)
class Trigger:
    """A lexicon phrase found in a sentence."""

    kind: str
    start: int
    end: int


class SentenceView:
    """One sentence with its references and triggers, and the look-ups rules share."""

    def __init__(
        self, ctx: ArticleContext, res: Resources, sent: Sentence, triggers: list[Trigger]
    ):
        self.ctx = ctx
        self.res = res
        self.sent = sent
        self.refs = ctx.sent_refs[sent.index]
        self.triggers = triggers
        self.low = ctx.lower
        self._of: dict[tuple[EntityType, ...], list[Ref]] = {}

    def of(self, *kinds: EntityType) -> list[Ref]:
        """Return the sentence's references to entities of the given classes."""
        if not self.refs:
            return []
        hit = self._of.get(kinds)
        if hit is None:
            hit = [r for r in self.refs if any(self.ctx.is_(r.key, k) for k in kinds)]
            self._of[kinds] = hit
        return list(hit)

    def kind(self, ref: Ref, *kinds: EntityType) -> bool:
        """Return True when a reference is to an entity of one of the classes."""
        return any(self.ctx.is_(ref.key, k) for k in kinds)

    def read(self, start: int, end: int) -> Reading:
        """Return the modality reading of a trigger at ``start:end``."""
        return read(self.ctx, self.res, self.sent, start, end, frozenset(range(start, end)))

    def before(self, i: int, *kinds: EntityType, floor: int | None = None) -> Ref | None:
        """Return the nearest reference of a class before token ``i`` (not before ``floor``)."""
        lo = self.sent.start if floor is None else floor
        for ref in reversed(self.refs):
            if ref.end <= i and ref.start >= lo and self.kind(ref, *kinds):
                return ref
        return None

    def after(self, i: int, *kinds: EntityType, limit: int | None = None) -> list[Ref]:
        """Return the references of a class after token ``i``, in order."""
        hi = self.sent.end if limit is None else min(self.sent.end, i + limit)
        return [r for r in self.refs if r.start >= i and r.start < hi and self.kind(r, *kinds)]

    def resolve(self, i: int, *kinds: EntityType) -> str | None:
        """Return the entity a pronoun or definite description at token ``i`` points to."""
        low = self.low
        words = self.res.words
        if low[i] in words["pronoun_it"] or low[i] in ("which", "that", "they", "them", "their"):
            return self.ctx.antecedent(i, kinds)
        if low[i] in words["pronoun_person"]:
            return self.ctx.antecedent(i, (PERSON,))
        if low[i] == "the":
            j = i + 1
            if j < self.sent.end and low[j] == "same":
                j += 1  # "the same ministry"
            if j < self.sent.end and low[j] in self.res.demonym_lower:
                j += 1
            noun = low[j] if j < self.sent.end else ""
            if low[j + 1 : j + 2] == ["-"] and j + 2 < self.sent.end:
                noun = f"{noun}-{low[j + 2]}"  # "the start-up", "the chip-maker"
            two = " ".join(low[j : j + 2])
            if COMPANY in kinds and (
                noun in words["definite_company"] or two in words["definite_company"]
            ):
                return self.ctx.antecedent(i, (COMPANY,), salient=True)
            if REGULATOR in kinds and noun in words["definite_regulator"]:
                return self.ctx.antecedent(i, (REGULATOR,)) or self._named_body(i, noun)
            if CHIP in kinds and noun in words["definite_chip"]:
                return self.ctx.antecedent(i, (CHIP,))
        return None

    def _named_body(self, i: int, noun: str) -> str | None:
        """Return the last regulator before ``i`` whose name holds ``noun`` ("the ministry").

        Far from its first mention, a regulator is still "the ministry" when the article
        has named one ministry: the head noun must be in its name.
        """
        head = noun.rstrip("s")
        for ref in reversed(self.ctx.refs):
            if ref.start >= i or not self.ctx.is_(ref.key, REGULATOR):
                continue
            record = self.ctx.entities[ref.key]
            if any(head in name.lower() for name in (record.label, *sorted(record.aliases))):
                return ref.key
        return None

    def list_from(self, ref: Ref, *kinds: EntityType) -> list[Ref]:
        """Return ``ref`` and the references listed after it ("X, Y and Z")."""
        out = [ref]
        i = ref.end
        while i < self.sent.end:
            if self.low[i] in _LIST or self.low[i] in _POSS:
                i += 1
                continue
            nxt = self.ctx.ref_of(i)
            if (
                nxt is not None
                and not self.kind(nxt, *kinds)
                and nxt.end < self.sent.end
                and self.low[nxt.end] in _POSS
            ):
                i = nxt.end + 1  # "H20 and AMD's MI308": skip the maker
                continue
            if nxt is None or not self.kind(nxt, *kinds):
                break
            if nxt not in out:
                out.append(nxt)
            i = nxt.end
        return out

    def list_to(self, ref: Ref, *kinds: EntityType) -> list[Ref]:
        """Return the references listed before and including ``ref`` ("X, Y and Z")."""
        out = [ref]
        i = ref.start - 1
        while i >= self.sent.start:
            if self.low[i] in (",", "and", "or"):
                i -= 1
                continue
            prev = self.ctx.ref_of(i)
            if prev is None or not self.kind(prev, *kinds):
                break
            out.insert(0, prev)
            i = prev.start - 1
        return out

    def fact(
        self,
        s: str | None,
        p: Relation,
        o: str | None,
        rule: str,
        base: float,
        at: tuple[int, int],
        **extra: float | int | None,
    ) -> Fact | None:
        """Return a fact when both ends are known and differ.

        Facts a noun phrase presupposes ("Nvidia's H20", "Nvidia chief executive Jensen
        Huang", "Chinese firms such as X") keep the sentence's attribution but not its
        negation or hedges: "Nvidia's H20 was not approved" still says Nvidia makes the H20.
        """
        if s is None or o is None or s == o:
            return None
        reading = self.read(*at)
        if rule in PRESUPPOSED and reading.modality in (Modality.Negated, Modality.Planned):
            outlet, reported = attribution(self.ctx, self.res, self.sent)
            modality = Modality.Reported if reported else Modality.Asserted
            reading = Reading(modality, outlet, False)
        return Fact(s, p, o, self.sent, rule, base, reading, **extra)  # type: ignore[arg-type]


Rule = Callable[[SentenceView], Iterator[Fact]]

#: Rules whose facts a noun phrase presupposes rather than the clause asserts.
PRESUPPOSED = _LISTS["presupposed"]


def _emit(*facts: Fact | None) -> Iterator[Fact]:
    for f in facts:
        if f is not None:
            yield f


# -- makes -----------------------------------------------------------------------


def rule_makes(v: SentenceView) -> Iterator[Fact]:
    """Company makes Chip: "Nvidia's H20", "Nvidia H200", "chips from TSMC"."""
    low, ctx = v.low, v.ctx
    words = v.res.words
    last_owner: str | None = None
    last_end = -1
    for ref in v.of(CHIP):
        owner = None
        rule = ""
        j = ref.start - 1
        skipped = 0
        while (
            j > v.sent.start
            and skipped < 3
            and low[j].isalpha()
            and low[j] not in _NOT_ADJECTIVES
            and low[j] != "whose"
            and ctx.ref_of(j) is None
        ):
            j -= 1
            skipped += 1
        if j >= v.sent.start and low[j] in _POSS and j - 1 >= v.sent.start:
            prev = ctx.ref_of(j - 1)
            if prev is not None and v.kind(prev, COMPANY):
                owner, rule = prev.key, "makes.possessive"
            elif low[j - 1] in words["definite_company"]:
                owner, rule = v.resolve(j - 2, COMPANY) if j >= 2 else None, "makes.possessive"
        elif (
            j >= v.sent.start
            and low[j] == "its"
            and low[j - 1] not in _TAKE_VERBS
            # nor "took delivery of its first GB300 chips"
            and not (low[j - 1] == "of" and j >= 2 and low[j - 2] in _TAKE_NOUNS)
        ):
            # not "expects to receive its first GB300 chips": a buyer's own chips
            owner, rule = _its_owner(v, j), "makes.its"
        elif j > v.sent.start and low[j] == "whose":
            # "FuriosaAI, a Seoul rival whose RNGD chip ...": the firm the clause describes
            head = v.before(j, COMPANY)
            if head is not None and low[head.end : head.end + 1] == [","] and j - head.end <= 8:
                owner, rule = head.key, "makes.possessive"
        prev = ctx.ref_of(ref.start - 1)
        if owner is None and prev is not None and v.kind(prev, COMPANY):
            owner, rule = prev.key, "makes.compound"
        if (
            owner is None
            and last_owner is not None
            and all(low[k] in (",", "and", "or") for k in range(last_end, ref.start))
        ):
            owner, rule = last_owner, "makes.list"
        if owner is None:
            k = ref.end
            steps = 0
            while k < v.sent.end and steps < 7 and low[k] not in ("from", "by", "to", "for", "in"):
                here = ctx.ref_of(k)
                if here is not None and v.kind(here, CHIP):
                    k = here.end  # "N100 and N200 processors made by X"
                    continue
                if here is not None or not (low[k].isalpha() or low[k] == ","):
                    break
                k += 1
                steps += 1
            if k + 1 < v.sent.end and low[k] in ("from", "by"):
                m = k + 1
                place = ctx.ref_of(m)
                if (
                    place is not None
                    and v.kind(place, PLACE, EntityType.City, EntityType.Country)
                    and low[place.end : place.end + 2] == ["-", "based"]
                ):
                    m = place.end + 2  # "made by Kyoto-based X"
                first = m
                while (
                    m < v.sent.end
                    and m < first + 3
                    and ctx.ref_of(m) is None
                    and (
                        low[m] in words["company_descriptors"]
                        or low[m] in ("chip", "the", "a", "its")
                    )
                ):
                    m += 1  # "from chip designer X"
                nxt = ctx.ref_of(m)
                buyer_nouns = BUYER_NOUNS if low[k] == "by" else _ORDER_NOUNS
                ordered = any(
                    low[q] in buyer_nouns for q in range(max(v.sent.start, ref.start - 7), k)
                )  # "orders for QX500 chips from Korvo", "purchases of X chips by Y": buyers
                # ("the H200 orders from ByteDance": the noun after the chip counts too)
                # ("the purchase of more than 400,000 X chips by Y": the number sits between)
                if nxt is not None and v.kind(nxt, COMPANY) and not ordered:
                    owner, rule = nxt.key, "makes.from"
        if owner is None:
            # "the H100, the flagship Nvidia launched", "the Ascend 910C it ships"
            k = ref.end
            steps = 0
            while (
                k < v.sent.end
                and steps < 5
                and ctx.ref_of(k) is None
                and (
                    (low[k].isalpha() and low[k] not in ("from", "by", "to", "for", "in", "it"))
                    or low[k] == "-"
                    or low[k] in words["chip_nouns"]
                    or low[k] in (",", "the", "a", "an", "flagship", "current", "chip", "that")
                )
            ):
                k += 1
                steps += 1
            subj = ctx.ref_of(k)
            m = subj.end if subj is not None else k + 1
            while m < v.sent.end and low[m] in (
                "previously",
                "later",
                "first",
                "now",
                "also",
                "itself",
                "still",
                "has",
                "had",
            ):
                m += 1
            if m < v.sent.end and low[m] in words["make_verbs"]:
                if subj is not None and v.kind(subj, COMPANY):
                    owner, rule = subj.key, "makes.relative"
                elif low[k] == "it":
                    owner, rule = ctx.antecedent(k, (COMPANY,)), "makes.relative"
        if owner is None:
            owner = _apposed_owner(v, ref)
            rule = "makes.apposition"
        if owner is not None:
            f = v.fact(owner, Relation.makes, ref.key, rule, 0.9, (ref.start, ref.end))
            if f is not None:
                yield f
            last_owner, last_end = owner, ref.end
    # "TSMC, which manufactures the chip", "Nvidia developed the RTX Pro 6000D"
    for t in v.triggers:
        if t.kind != "make_verbs" or low[t.start] in (
            "offers",
            "sells",
            "sold",
            "supplies",
            "supplied",
            "announced",
            "made",
        ):
            continue
        k = t.start - 1
        while k > v.sent.start and low[k] in (
            "also",
            "now",
            "still",
            "previously",
            "has",
            "had",
            "which",
            "to",
            "plans",
            "plan",
            "will",
            "would",
            "could",
            "may",
            "aims",
            "expects",
            "is",
            "are",
            "began",
            "started",
            "intends",
            "hopes",
            "first",
            "on",
            "last",
            "this",
            "week",
            "earlier",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "yesterday",
        ):
            if low[k] == "which":
                break
            k -= 1
        subj_ref = ctx.ref_of(k)
        maker = subj_ref.key if subj_ref is not None and v.kind(subj_ref, COMPANY) else None
        head_ref = v.list_to(subj_ref, COMPANY)[0] if subj_ref is not None else None
        if (
            head_ref is not None
            and low[t.start - 1] == "to"
            and head_ref.start > v.sent.start
            and low[head_ref.start - 1] in _PERMITTING
        ):
            continue  # "clears Microsoft to ship Nvidia GB300 chips": a licensee, no maker
        if maker is None and low[k] in ("which", "it"):
            maker = ctx.antecedent(k, (COMPANY,))
        if (
            maker is None
            and low[k] in words["definite_company"]
            and "the" in low[max(v.sent.start, k - 2) : k]
        ):
            maker = ctx.antecedent(k, (COMPANY,), salient=True)  # "The California chipmaker"
        if maker is None:
            continue
        objs = v.after(t.end, CHIP, limit=5)
        if objs and "," in low[t.end : objs[0].start]:
            continue  # "X, which Huawei launched, rivals the H100": another clause's chip
        targets = [r.key for r in v.list_from(objs[0], CHIP)] if objs else []
        if not targets:
            for k2 in range(t.end, min(v.sent.end, t.end + 3)):
                if low[k2] == "the":
                    key = v.resolve(k2, CHIP)
                    if key:
                        targets.append(key)
                    break
        subjects = v.list_to(subj_ref, COMPANY) if subj_ref is not None else []
        if len(subjects) > 1:
            # "allowed Nvidia and AMD to ship H20 and MI308 chips": a list of makers and as
            # many chips pair in order; with other counts the pairs are unknown
            if len(subjects) != len(targets):
                continue
            for s_ref, o in zip(subjects, targets, strict=True):
                yield from _emit(
                    v.fact(s_ref.key, Relation.makes, o, "makes.verb", 0.85, (t.start, t.end))
                )
            continue
        for o in targets:
            yield from _emit(v.fact(maker, Relation.makes, o, "makes.verb", 0.85, (t.start, t.end)))


#: Verbs that let the firm after them do something ("allowed X to ship ..."): no making.
_PERMITTING = frozenset(
    {"clears", "cleared", "allows", "allowed", "permits", "permitted", "licensed", "lets", "let"}
    | {"authorised", "authorized", "authorises", "authorizes", "approved", "approves"}
)


def _its_owner(v: SentenceView, j: int) -> str | None:
    """Return the firm "its" at token ``j`` means: the clause subject over an apposition.

    "Moore Threads, founded by a former Nvidia executive, is pitching its MTT S5000":
    Nvidia sits inside the apposition between commas, so "its" is Moore Threads'.
    """
    low, ctx = v.low, v.ctx
    first = next((r for r in v.refs if r.start < j), None)
    if (
        first is not None
        and first.start <= v.sent.start + 1
        and v.kind(first, COMPANY)
        and first.end < j
        and low[first.end] == ","
    ):
        close = next((q for q in range(first.end + 1, j) if low[q] == ","), None)
        if close is not None and not any(
            ctx.ref_of(q) is not None and v.kind(ctx.ref_of(q), COMPANY)  # type: ignore[arg-type]
            for q in range(close + 1, j)
        ):
            return first.key
    return ctx.antecedent(j, (COMPANY,))


def _apposed_owner(v: SentenceView, ref: Ref) -> str | None:
    """Return the maker an apposition names: "the H200, Nvidia's best chip" or the reverse."""
    low, ctx = v.low, v.ctx
    nouns = v.res.words["chip_nouns"]

    def owner_then_noun(i: int, step: int) -> str | None:
        org = ctx.ref_of(i)
        if org is None or not v.kind(org, COMPANY) or org.end >= v.sent.end:
            return None
        if low[org.end] not in _POSS:
            return None
        for m in range(org.end + 1, min(v.sent.end, org.end + 6)):
            if low[m] in nouns:
                return org.key if step > 0 or low[m + 1 : m + 2] == [","] else None
            if not (low[m].isalpha() or low[m] == "-"):
                return None
        return None

    if ref.end + 1 < v.sent.end and low[ref.end] == ",":
        found = owner_then_noun(ref.end + 1, 1)
        if found:
            return found
    k = ref.start - 1
    if k > v.sent.start and low[k] == "the":
        k -= 1
    if k > v.sent.start and low[k] == ",":
        # walk back over "Nvidia's flagship chip" to its owner
        m = k - 1
        while m > v.sent.start and ctx.ref_of(m) is None and m > k - 7:
            m -= 1
        if m >= v.sent.start:
            return owner_then_noun(m, -1)
    return None


# -- outperforms / rivals ------------------------------------------------------------


def _factor(v: SentenceView, t: Trigger) -> float | None:
    word = v.low[t.start]
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    k = t.start - 1
    if k >= v.sent.start:
        w = v.low[k]
        if _NUM.match(w):
            return float(w)
        if w in _NUMBER_WORDS:
            if w == "half" and k - 3 >= v.sent.start and v.low[k - 3] in _NUMBER_WORDS:
                return _NUMBER_WORDS[v.low[k - 3]] + 0.5
            return float(_NUMBER_WORDS[w])
    return None


def _subject_chip(v: SentenceView, i: int) -> str | None:
    """Return the chip a comparison at token ``i`` is about (nearest before, or "it")."""
    k = i - 1
    while k >= v.sent.start and v.low[k] in v.res.words["aux_adverbs"] | {
        "is",
        "are",
        "was",
        "considerably",
        "significantly",
        "far",
        "much",
        "roughly",
        "almost",
        "about",
        "nearly",
        "delivers",
        "offers",
        "a",
        "the",
        "meant",
        "to",
        "reaches",
        "reached",
        "achieves",
        "achieved",
        "provides",
        "delivered",
        "offered",
        "around",
        "only",
        "just",
    }:
        k -= 1
    if k >= v.sent.start and v.low[k] in ("it", "which"):
        return v.ctx.antecedent(k, (CHIP,))
    ref = v.before(i, CHIP, floor=v.sent.start)
    # "X offers half the power of Y but is more capable than Z": Y is an object, X the subject
    while ref is not None and _is_object(v, ref):
        earlier = v.before(ref.start, CHIP, floor=v.sent.start)
        if earlier is None:
            break
        ref = earlier
    if ref is not None:
        return ref.key
    if v.low[v.sent.start] == "it":
        return v.ctx.antecedent(v.sent.start, (CHIP,))
    return None


def _is_object(v: SentenceView, ref: Ref) -> bool:
    """Return True when a chip is the object of a comparison ("than the Y", "of Y's")."""
    k = ref.start - 1
    while k > v.sent.start and v.low[k] in ("the", "a", "its", "an"):
        k -= 1
    return v.low[k] in ("than", "of", "as", "with", "to", "versus", "vs", "vs.")


_POS_COMP = _LISTS["pos_comp"]
#: Verbs before "better than" that compare sales, not chips ("the H20 sold better than").
_TRADE_VERBS = _LISTS["trade_verbs"]
#: Nouns whose "for"/"of" chip is not compared itself ("Demand for the H200 is stronger").
_MARKET_NOUNS = _LISTS["market_nouns"]
_NEG_COMP = _LISTS["neg_comp"]
_QUALITIES = _LISTS["qualities"]
_MEASURES = _LISTS["measures"]


#: The words a comparison read from sentence shape turns on (see :func:`_comparisons`).
_COMPARISON_WORDS = frozenset(
    {"than", "to", "times", "%", "percent", "cent", "twice", "double", "triple", "half"}
)


def _comparisons(v: SentenceView) -> list[Trigger]:
    """Return comparison triggers read from sentence shape rather than fixed phrases.

    "X is 30% faster than Y", "X has more memory than Y", "X delivers higher performance
    than Y", "X is less capable than Y" (inverse), "X offers 2.5 times the bandwidth of Y",
    "X is three times as fast as Y".
    """
    low = v.low
    out: list[Trigger] = []
    if _COMPARISON_WORDS.isdisjoint(low[v.sent.start + 1 : v.sent.end]):
        return out  # every shape below hangs on one of these words (most sentences)
    for h in range(v.sent.start + 1, v.sent.end):
        w = low[h]
        if w == "than" or (w == "to" and low[h - 1] in ("superior", "inferior")):
            for k in range(h - 1, max(v.sent.start - 1, h - 5), -1):
                c = low[k]
                nxt = low[k + 1] if k + 1 < h else ""
                if c in _POS_COMP or (
                    c in ("more", "higher", "greater")
                    and (nxt in _QUALITIES or nxt in _MEASURES or k + 1 == h)
                ):
                    out.append(Trigger("outperform_more", k, h + 1))
                    break
                if c in _NEG_COMP or (
                    c in ("less", "lower")
                    and (nxt in _QUALITIES or nxt in ("performance", "capable", "powerful"))
                ):
                    out.append(Trigger("underperform", k, h + 1))
                    break
        elif (
            w == "times"
            and h > v.sent.start
            and (
                _NUM.match(low[h - 1])
                or low[h - 1] in _NUMBER_WORDS
                or low[h - 1] in ("several", "many")
            )
        ):
            ahead = low[h + 1 : h + 4]
            if ahead[:1] == ["the"] and len(ahead) > 1 and ahead[1] in _MEASURES:
                out.append(Trigger("outperform_times", h - 1, h + 3))
            elif ahead[:1] == ["as"] and len(ahead) > 1:
                kind = "underperform" if ahead[1] in ("slow", "weak") else "outperform_times"
                out.append(Trigger(kind, h - 1, h + 3))
            elif ahead[:1] and (ahead[0] in _POS_COMP or ahead[0] in ("more", "higher", "greater")):
                out.append(Trigger("outperform_times", h - 1, h + 2))
        elif (w == "%" or w == "percent" or (w == "cent" and low[h - 1] == "per")) and h + 2 < len(
            low
        ):
            # "reaches about 60 per cent of the H20's performance": the other chip is ahead
            n = h - 2 if w == "cent" else h - 1
            if n >= v.sent.start and _NUM.match(low[n]) and float(low[n]) < 100:
                m = h + 1
                if (
                    m < v.sent.end
                    and low[m] == "of"
                    and any(low[q] in _MEASURES for q in range(m + 1, min(v.sent.end, m + 7)))
                ):
                    out.append(Trigger("underperform", n, m + 1))
        elif w in ("twice", "double", "triple", "half"):
            # "twice the speed of", "double the memory bandwidth of", "twice as fast as"
            ahead = low[h + 1 : h + 5]
            if ahead[:1] == ["the"] and any(a in _MEASURES for a in ahead[1:3]):
                m = h + 3 + next(n for n, a in enumerate(ahead[1:3]) if a in _MEASURES)
                while m < v.sent.end and m < h + 5 and low[m] in _MEASURES:
                    m += 1  # "the memory bandwidth of"
                if m < v.sent.end and low[m] in ("of", "that"):
                    kind = "underperform" if w == "half" else "outperform_times"
                    out.append(Trigger(kind, h, m + 1))
            elif ahead[:1] == ["as"] and len(ahead) > 2 and ahead[2] == "as":
                slow = ahead[1] in ("slow", "weak")
                if w == "half" and (ahead[1] in _QUALITIES or ahead[1] in _POS_COMP or slow):
                    # "half as powerful as the B300": the other chip is ahead
                    out.append(Trigger("outperform_times" if slow else "underperform", h, h + 4))
                elif w != "half":
                    kind = "underperform" if slow else "outperform_times"
                    out.append(Trigger(kind, h, h + 4))
    return out


def _apposed_chip(v: SentenceView, ref: Ref) -> Ref:
    """Return the chip an apposition names after "X's successor, the Y" (else ``ref``)."""
    low = v.low
    if ref.end >= v.sent.end or low[ref.end] not in _POSS:
        return ref
    for k in range(ref.end + 1, min(v.sent.end - 1, ref.end + 5)):
        if low[k] == ",":
            m = k + 1
            if low[m] in ("the", "a", "its"):
                m += 1
            nxt = v.ctx.ref_of(m)
            if nxt is not None and v.kind(nxt, CHIP):
                return nxt
            return ref
        if not low[k].isalpha() and low[k] != "-":
            return ref
    return ref


def rule_outperforms(v: SentenceView) -> Iterator[Fact]:
    """Chip outperforms Chip: "more powerful than", "six times the performance of"."""
    for t in [*v.triggers, *_comparisons(v)]:
        if t.kind not in (
            "outperform_more",
            "outperform_verbs",
            "outperform_times",
            "underperform",
        ):
            continue
        if _market_comparison(v, t):
            continue
        subj = _subject_chip(v, t.start)
        if subj is None:
            continue
        objs = v.after(t.end, CHIP, limit=12)
        if objs:
            objs = [_apposed_chip(v, objs[0])]
        targets = [r.key for r in v.list_from(objs[0], CHIP)] if objs else []
        if not targets and t.kind == "outperform_times" and v.low[t.end - 1] == "that":
            other = [r.key for r in v.of(CHIP) if r.key != subj and r.start < t.start]
            targets = other[:1]
        factor = _factor(v, t) if t.kind == "outperform_times" else None
        rule = {
            "outperform_more": "outperforms.comparative",
            "outperform_verbs": "outperforms.verb",
            "outperform_times": "outperforms.times",
            "underperform": "outperforms.inverse",
        }[t.kind]
        for o in targets:
            if t.kind == "underperform":
                f = v.fact(o, Relation.outperforms, subj, rule, 0.85, (t.start, t.end))
            else:
                f = v.fact(
                    subj, Relation.outperforms, o, rule, 0.9, (t.start, t.end), factor=factor
                )
            yield from _emit(_still_comparison(v, t, f))


def _market_comparison(v: SentenceView, t: Trigger) -> bool:
    """Return True when a comparison weighs sales or demand, not the chips themselves.

    "The H20 sold better than the H100", "Demand for the H200 is stronger than for the H20".
    """
    low = v.low
    if t.start > v.sent.start and low[t.start - 1] in _TRADE_VERBS:
        return True
    c0 = clause_start(v.ctx, v.sent, t.start)
    return any(
        low[q] in _MARKET_NOUNS and low[q + 1] in ("for", "of")
        for q in range(max(c0, t.start - 12), t.start - 1)
    )


def _still_comparison(v: SentenceView, t: Trigger, f: Fact | None) -> Fact | None:
    """Return a comparison fact read as stated when it says "would still be more capable".

    "X offers half of Y but would still be more capable than Z" compares as a fact; a
    condition in the sentence ("would be more capable if it shipped") keeps it Planned.
    """
    if f is None or f.reading.modality is not Modality.Planned or f.reading.conditional:
        return f
    low = v.low
    k = t.start - 1
    while k > v.sent.start and low[k] in ("be", "remain", "stay"):
        k -= 1
    if not (low[k] == "still" and low[k - 1] == "would"):
        return f
    if any(low[q] in ("if", "unless", "once", "should") for q in range(v.sent.start, v.sent.end)):
        return f
    outlet, reported = attribution(v.ctx, v.res, v.sent)
    reading = Reading(Modality.Reported if reported else Modality.Asserted, outlet, False)
    return Fact(
        f.subject, f.predicate, f.object, f.sent, f.rule, f.base, reading, f.factor, f.quantity
    )


def rule_rivals(v: SentenceView) -> Iterator[Fact]:
    """Company or Chip rivals Chip: "products that rival the H20", "comparable chips from X"."""
    low = v.low
    for t in v.triggers:
        if t.kind != "rival_triggers":
            continue
        if low[t.start] == "comparable":
            k = t.end
            while k < v.sent.end and low[k] in v.res.words["chip_nouns"]:
                k += 1
            if k + 1 < v.sent.end and low[k] == "from":
                maker = v.ctx.ref_of(k + 1)
                chip = v.before(t.start, CHIP)
                if maker is not None and v.kind(maker, COMPANY) and chip is not None:
                    yield from _emit(
                        v.fact(
                            maker.key,
                            Relation.rivals,
                            chip.key,
                            "rivals.comparable-from",
                            0.75,
                            (t.start, t.end),
                        )
                    )
            if low[t.end - 1] != "to":
                continue  # "comparable to the H20" compares like "rivals the H20"
        if (
            low[t.start] in ("rival", "rivals")
            and any(
                low[q] in _NOUN_DETERMINERS for q in range(max(v.sent.start, t.start - 3), t.start)
            )
            and low[t.end : t.end + 1] not in (["to"], ["of"], ["for"])
            and not _subject_before(v, t.start)
        ):
            continue  # "a Seoul rival whose RNGD chip ...": the noun, not the verb
        objs = v.after(t.end, CHIP, limit=7)
        if not objs:
            continue
        first = v.after(t.end, ORG, CHIP, PLACE, PERSON, limit=7)[0]
        if (
            first != objs[0]
            and all(low[q] in _FIRM_OBJECT for q in range(t.end, first.start))
            and (first.end >= v.sent.end or low[first.end] not in _POSS)
        ):
            continue  # "a rival of Korvo Networks, ordered the H20": the firm is the rival
        k = t.start - 1
        while k > v.sent.start and low[k] in (
            "can",
            "could",
            "would",
            "will",
            "may",
            "might",
            "to",
            "that",
            "now",
            "already",
        ):
            k -= 1
        if low[k] in ("it", "they"):
            subj = v.ctx.antecedent(k, (COMPANY, CHIP))
        elif k > v.sent.start and low[k - 1] == "its" and low[k] in v.res.words["definite_chip"]:
            subj = v.ctx.antecedent(k - 1, (COMPANY,), salient=True)  # "its chips rival X"
        elif (subj := _coordinated_subject(v, k)) is not None:
            pass
        else:
            # the chip its clause names ("Huawei's Ascend 910C is on a par with"), else a firm
            ref = v.before(t.start, CHIP, floor=clause_start(v.ctx, v.sent, t.start))
            ref = ref or v.before(t.start, COMPANY, CHIP)
            subj = ref.key if ref is not None else None
        if (
            subj is not None
            and " ".join(low[t.start : t.end]) in _RIVAL_CHIP_ONLY
            and not v.ctx.is_(subj, CHIP)
        ):
            continue  # "a licence similar to the one for the H20" compares no firm
        for o in v.list_from(objs[0], CHIP):
            yield from _emit(
                v.fact(subj, Relation.rivals, o.key, "rivals.verb", 0.8, (t.start, t.end))
            )


def _subject_before(v: SentenceView, i: int) -> bool:
    """Return True when a chip or firm ends right before token ``i`` (maybe with a modal).

    "The TX880 rivals the H100", "The TX880 could rival the H100": a verb after its
    subject, where "a Seoul rival whose ..." is a noun.
    """
    k = i - 1
    while k > v.sent.start and v.low[k] in _MODALS:
        k -= 1
    ref = v.ctx.ref_of(k)
    return ref is not None and ref.end == k + 1 and v.kind(ref, CHIP, COMPANY)


#: Rival phrases that compare chips only ("similar to", "an alternative to").
_RIVAL_CHIP_ONLY = _LISTS["rival_chip_only"]
#: Words between a rival trigger and a firm that is itself the rival ("a rival of X").
_FIRM_OBJECT = _LISTS["firm_object"]
_MODALS = _LISTS["subject_modals"]
_PARTICIPLES = _LISTS["participles"]
#: Words before "rival" that make it a noun ("a Seoul rival", "its smaller rivals").
_NOUN_DETERMINERS = frozenset({"a", "an", "its", "their", "his", "her", "the", "whose"})


def _coordinated_subject(v: SentenceView, k: int) -> str | None:
    """Return the subject a predicate shares with the one before it, skipping appositions.

    "X is a scaled-back version of Y and is comparable to Z": X (not Y); "X, made by
    SMIC, competes with Z": X (not the foundry).
    """
    low, ctx = v.low, v.ctx
    if k - 1 > v.sent.start and low[k] in ("is", "are", "was", "were") and low[k - 1] == "and":
        first = next((r for r in v.refs if v.kind(r, CHIP, COMPANY)), None)
        if first is not None and first.end <= k - 1 and v.kind(first, CHIP):
            between = low[first.end : k - 1]
            if between[:1] in (["is"], ["was"], ["are"], ["were"]):
                return first.key
    lo = clause_start(ctx, v.sent, k + 1)
    if lo - 1 <= v.sent.start or low[lo - 1] != ",":
        return None
    m = lo - 2
    while m > v.sent.start and low[m] != ",":
        m -= 1
    if low[m] != "," or m + 1 >= lo or not (low[m + 1] in _PARTICIPLES or low[m + 1] == "which"):
        return None
    h = m - 1
    while h > v.sent.start and low[h] in v.res.words["chip_nouns"]:
        h -= 1  # "X chip, made by Y,"
    head = ctx.ref_of(h)
    if head is not None and v.kind(head, CHIP):
        return head.key
    return None


# -- restricts -----------------------------------------------------------------------


_NOUN_TRIGGERS = _LISTS["noun_triggers"]
_PREPOSITIONS = _LISTS["prepositions"]
_IMPOSE = _LISTS["impose"]
#: First words of restriction phrases that end in a noun but act as verbs: "without a
#: licence", "now require a licence" (the chip is their subject or object, not a modifier).
_VERB_HEADS = _LISTS["verb_heads"]
#: Conjunctions opening the clause that gives a restriction's cause ("... after
#: Washington imposed a licence requirement").
_AFTER_WORDS = _LISTS["after_words"]


def _regulator_for(v: SentenceView, t: Trigger) -> str | None:
    low = v.low
    if low[t.start] not in _VERB_HEADS and (
        low[t.start] in _NOUN_TRIGGERS or low[t.end - 1] in _NOUN_TRIGGERS
    ):
        # "US export curbs", "the Chinese government's restrictions", "curbs by Washington"
        for k in range(t.start - 1, max(v.sent.start - 1, t.start - 4), -1):
            ref = v.ctx.ref_of(k)
            if ref is None and low[k] in _PREPOSITIONS:
                break  # "to China without a licence": China is not the one who restricts
            if ref is not None:
                if v.kind(ref, REGULATOR):
                    return ref.key
                if v.ctx.is_(ref.key, COUNTRY):
                    return _government_of(v, ref.key)
                break
        if not any(low[k] in _IMPOSE for k in range(max(v.sent.start, t.start - 6), t.start)):
            for k in range(t.end, min(v.sent.end, t.end + 8)):
                if low[k] in ("by", "from") and k + 1 < v.sent.end:
                    nxt = v.ctx.ref_of(k + 1) or v.ctx.ref_of(k + 2)
                    if nxt is not None and v.kind(nxt, REGULATOR):
                        return nxt.key
            return None
    ref = v.before(t.start, REGULATOR)
    if ref is not None:
        return ref.key
    for k in range(t.end, min(v.sent.end, t.end + 3)):
        nxt = v.ctx.ref_of(k)
        if (
            nxt is not None
            and v.kind(nxt, REGULATOR)
            and nxt.end < v.sent.end
            and low[nxt.end] in _POSS
        ):
            return nxt.key  # "without Washington's sign-off"
    for k in range(t.end, min(v.sent.end, t.end + 8)):
        if low[k] in ("by", "under", "from") and k + 1 < v.sent.end:
            nxt = v.ctx.ref_of(k + 1) or v.ctx.ref_of(k + 2)
            if nxt is not None and v.kind(nxt, REGULATOR):
                return nxt.key
            if nxt is not None and v.ctx.is_(nxt.key, COUNTRY) and low[k] == "under":
                return _government_of(v, nxt.key)  # "under US export rules"
    for ref in v.after(t.end, REGULATOR):
        # "Sales of X are not permitted for now, the Commerce Department said": the speaker
        if low[ref.start - 1] in ("the", ",") and ref.end < v.sent.end and low[ref.end] in _SAID:
            return ref.key
    for k in range(v.sent.start, v.sent.end):
        if low[k] == "the":
            key = v.resolve(k, REGULATOR)
            if key:
                return key
    # "The instruction rules out X": a rule issued by the regulator named before
    c = t.start - 1
    while c > v.sent.start and low[c] in v.res.words["aux_adverbs"]:
        c -= 1
    if c > v.sent.start and low[c] in _RULE_DOCUMENTS and low[c - 1] in ("the", "this", "its"):
        return v.ctx.antecedent(c - 1, (REGULATOR,))
    return None


#: Nouns for a regulator's documents, which act for it ("the instruction rules out X").
_RULE_DOCUMENTS = _LISTS["rule_documents"]
_ADD_VERBS = _LISTS["add_verbs"]
_LIST_WORDS = _LISTS["list_words"]


def _added_to_list(v: SentenceView) -> Iterator[Fact]:
    """Regulator restricts Chip: "added the H20 to the list of controlled items".

    Only chips: a firm added to the Entity List is restricted itself, which is no core
    relation between a regulator and a chip.
    """
    low = v.low
    if _ADD_VERBS.isdisjoint(low[v.sent.start + 1 : v.sent.end - 3]):
        return  # no "added" (most sentences)
    for k in range(v.sent.start + 1, v.sent.end - 3):
        if low[k] not in _ADD_VERBS:
            continue
        chips = v.after(k + 1, CHIP, limit=5)
        if not chips:
            continue
        listed = v.list_from(chips[0], CHIP)
        m = listed[-1].end
        while m < v.sent.end and low[m] in v.res.words["chip_nouns"]:
            m += 1
        if m + 1 >= v.sent.end or low[m] != "to":
            continue
        if not any(low[q] in _LIST_WORDS for q in range(m + 1, min(v.sent.end, m + 5))):
            continue
        reg = v.before(k, REGULATOR)
        regulator = reg.key if reg is not None else None
        if regulator is None and low[k - 1] in ("it", "they"):
            regulator = v.ctx.antecedent(k - 1, (REGULATOR,))
        for chip in listed:
            yield from _emit(
                v.fact(
                    regulator, Relation.restricts, chip.key, "restricts.listed", 0.85, (k, k + 1)
                )
            )


#: Verbs before a permit noun that make the permit given, not required.
_PERMIT_GIVEN = frozenset(_LISTS["permit_given"])
_PERMIT_NOUNS = frozenset({"permit", "permits", "licence", "licences", "license", "licenses"})


def rule_restricts(v: SentenceView) -> Iterator[Fact]:
    """Regulator restricts Chip: "Beijing has been restricting their purchases", "barred"."""
    low = v.low
    weak = v.res.words["restrict_weak"]
    triggers = [t for t in v.triggers if t.kind == "restrict_triggers"]
    # "without Washington's sign-off", "without a licence"
    words = low[v.sent.start : v.sent.end]
    for k in range(v.sent.start, v.sent.end) if "without" in words else ():
        if low[k] == "without" and any(
            low[m] in ("licence", "license", "sign", "approval", "permission", "permit", "consent")
            for m in range(k + 1, min(v.sent.end, k + 5))
        ):
            triggers.append(Trigger("restrict_triggers", k, k + 1))
    yield from _added_to_list(v)
    yield from _refused_sales(v)
    for t in triggers:
        if " ".join(low[t.start : t.end]) in weak and _but_after_negated(v, triggers, t):
            continue  # "not banned outright but discouraged": one (negated) restriction
        if _PERMIT_NOUNS.intersection(low[t.start : t.end]) and _PERMIT_GIVEN.intersection(
            low[max(v.sent.start, t.start - 3) : t.start]
        ):
            continue  # "issued an export permit for 500 H20 chips": a permit given, no rule
        regulator = _regulator_for(v, t)
        if regulator is None:
            continue
        # "keeps X off limits" is a verb phrase, not the noun "limits"
        noun = low[t.end - 1] in _NOUN_TRIGGERS and low[t.start] not in _VERB_HEADS
        chips = v.after(t.end, CHIP, limit=12 if noun else 14)
        clause_end = v.sent.end
        targets = [r.key for r in v.list_from(chips[0], CHIP)] if chips else []
        if noun and not targets:
            # "H200 export curbs": a chip right before the noun; otherwise the restriction
            # is general and names no chip
            before = v.before(t.start, CHIP)
            governed = any(
                " ".join(low[k : k + 2]) in ("subject to", "covered by", "hit by", "affected by")
                or low[k] == "under"
                for k in range(max(v.sent.start, t.start - 4), t.start)
            )  # "the H20 was subject to US export controls"
            if before is not None and (
                before.end >= t.start - 2 or governed or _caused_by(v, before, t)
            ):
                targets = [r.key for r in v.list_to(before, CHIP)]
            else:
                continue
        if not targets:
            before = v.before(t.start, CHIP)
            if before is not None:
                targets = [r.key for r in v.list_to(before, CHIP)]
        if not targets:
            targets = _chips_by_reference(v, t.start, clause_end)
        phrase = " ".join(low[t.start : t.end])
        base = 0.6 if phrase in weak else 0.85
        # "may not ship X without Washington's sign-off" states the rule, negation and all
        rule = "restricts.without" if low[t.start] == "without" else "restricts.trigger"
        if _cannot_sell(v, t):
            rule = "restricts.without"  # "cannot sell the H100 under US rules" states the rule
        for o in targets:
            yield from _emit(v.fact(regulator, Relation.restricts, o, rule, base, (t.start, t.end)))


def _caused_by(v: SentenceView, chip: Ref, t: Trigger) -> bool:
    """Return True when ``t`` is a regulator's rule in a clause giving a cause after ``chip``.

    "Sales of the H20 were halted after the Commerce Department imposed a licence
    requirement": the requirement restricts the chip of the main clause.
    """
    low = v.low
    for a in range(t.start - 1, chip.end - 1, -1):
        if low[a] in _AFTER_WORDS:
            reg = v.before(t.start, REGULATOR, floor=a + 1)
            return reg is not None and any(low[k] in _IMPOSE for k in range(reg.end, t.start))
    return False


_SALE_VERBS = _LISTS["sale_verbs"]


def _but_after_negated(v: SentenceView, triggers: list[Trigger], t: Trigger) -> bool:
    """Return True when ``t`` follows "but" after a negated restriction ("not banned but")."""
    low = v.low
    for o in triggers:
        if o.end > t.start or o is t:
            continue
        negated = any(
            low[k] in ("not", "n't", "never")
            for k in range(max(v.sent.start, o.start - 3), o.start)
        )
        if negated and "but" in low[o.end : t.start]:
            return True
    return False


#: Approval triggers a refusal negates ("would not allow sales of X").
_ALLOW_VERBS = _LISTS["allow_verbs"]
#: "let" grants nothing on its own, but "would not let X sell Y" refuses like "allow".
_LET_VERBS = _LISTS["let_verbs"]
_SALE_NOUNS = _LISTS["sale_nouns"]


def _refused_sales(v: SentenceView) -> Iterator[Fact]:
    """Government restricts Chip from a refusal: "Trump said he would not allow sales of X".

    The one refusing is a regulator or a person holding a state office ("Trump", "he"
    for him); the sale of a named chip follows the verb. The refusal states the rule, so
    the fact is not negated.
    """
    low, ctx = v.low, v.ctx
    allows = [t.start for t in v.triggers if t.kind == "approve_triggers"]
    if not _LET_VERBS.isdisjoint(low[v.sent.start : v.sent.end]):
        allows += [k for k in range(v.sent.start, v.sent.end) if low[k] in _LET_VERBS]
    for k in allows:
        if (low[k] not in _ALLOW_VERBS and low[k] not in _LET_VERBS) or k <= v.sent.start:
            continue
        before = low[max(v.sent.start, k - 3) : k]
        refused = low[k - 1] == "to" and k >= 2 and low[k - 2] in ("refused", "refuses", "declined")
        if not refused and not any(w in ("not", "n't", "never") for w in before):
            continue
        span = range(k + 1, min(v.sent.end, k + 6))
        if not any(low[q] in _SALE_NOUNS for q in span):
            continue
        chips = v.after(k + 1, CHIP, limit=8)
        if not chips:
            continue
        lo = clause_start(ctx, v.sent, k)
        state: str | None = None
        subj = v.before(k, REGULATOR, PERSON)
        if subj is not None and subj.start >= lo - 4:
            state = subj.key if v.kind(subj, REGULATOR) else office_of(v, subj.key)
        for q in range(max(v.sent.start, lo - 1), k):
            if state is None and low[q] in ("he", "she"):
                person = ctx.antecedent(q, (PERSON,))
                state = office_of(v, person) if person else None
        if state is None:
            continue
        for c in v.list_from(chips[0], CHIP):
            yield from _emit(
                v.fact(state, Relation.restricts, c.key, "restricts.without", 0.75, (k, k + 1))
            )


def _cannot_sell(v: SentenceView, t: Trigger) -> bool:
    """Return True when the clause says a sale is not allowed ("cannot sell", "may not ship")."""
    low = v.low
    for k in range(v.sent.start, min(v.sent.end - 1, t.start)):
        if low[k] in ("not", "n't", "no") and any(
            low[m] in _SALE_VERBS for m in range(k + 1, min(v.sent.end, k + 3))
        ):
            return True
    return False


def _chips_by_reference(v: SentenceView, lo: int, hi: int) -> list[str]:
    """Return the chips a plural or definite reference ("them", "the Nvidia parts") means."""
    low = v.low
    words = v.res.words
    for k in range(v.sent.start, hi):
        w = low[k]
        if w in ("them", "both", "they", "their") or (
            w == "the"
            and k + 2 < hi
            and (low[k + 1] in words["definite_chip"] or low[k + 2] in words["definite_chip"])
        ):
            maker = v.ctx.ref_of(k + 1)
            for prev_sent in range(v.sent.index - 1, max(-1, v.sent.index - 4), -1):
                chips = [r for r in v.ctx.sent_refs[prev_sent] if v.ctx.is_(r.key, CHIP)]
                if not chips:
                    continue
                keys = list(dict.fromkeys(r.key for r in chips))
                if maker is not None and v.kind(maker, COMPANY):
                    made = {f.object for f in v.ctx.facts if f.subject == maker.key}
                    keys = [c for c in keys if c in made] or keys
                return keys
            return []
    return []


# -- seeks to buy ------------------------------------------------------------------------


def _apposition_owner(v: SentenceView, ref: Ref) -> Ref | None:
    """Return the firm whose apposition holds ``ref`` after "by" ("X, a firm backed by Y,")."""
    low = v.low
    k = ref.start - 1
    if low[k] == "the":
        k -= 1
    if k <= v.sent.start or low[k] != "by" or low[k - 1] not in _BACKED:
        return None
    for q in range(k - 2, max(v.sent.start, k - 12) - 1, -1):
        if low[q] == ",":
            head = v.ctx.ref_of(q - 1) if q > v.sent.start else None
            return head if head is not None and v.kind(head, ORG) else None
    return None


_BACKED = frozenset({"backed", "owned", "funded", "controlled", "founded", "supported"})
#: Words before a buying verb that end the buying ("stopped buying", "cancelled its orders").
_BUY_STOPS = _LISTS["buy_stops"]
#: Verbs whose object is asked, not the buyer ("asked Beijing for permission to buy").
_ASKED_VERBS = _LISTS["asked_verbs"]


#: Words between a buyer and its buying verb ("will buy", "also intends to purchase").
_BUY_GAP = _LISTS["buy_gap"]
#: Request nouns between "its" and a buying verb ("Its application to buy ...").
_REQUEST_NOUNS = _LISTS["request_nouns"]


def _buying_subject(v: SentenceView, end: int, verb: int) -> bool:
    """Return True when only auxiliaries and intentions stand between a subject and its verb."""
    return 0 < verb - end <= 4 and all(w in _BUY_GAP for w in v.low[end:verb])


def _described_buyer(v: SentenceView, verb: int) -> str | None:
    """Return the firm "the company"/"its"/"it" before a buying verb refers to.

    "The company is also seeking to buy a further 5,000 GB300 chips", "Raghavan said the
    company hoped to buy", "Its application to buy 6,000 B300 chips": the description is
    the subject of the verb, with only auxiliaries (or the request noun) between.
    """
    low = v.low
    for k in range(verb - 1, max(v.sent.start, verb - 7) - 1, -1):
        w = low[k]
        hyphened = low[k + 2 : k + 3] == ["-"] and k + 3 < v.sent.end
        noun = f"{low[k + 1]}-{low[k + 3]}" if hyphened else low[k + 1]
        if w in ("it", "its") or (w == "the" and noun in v.res.words["definite_company"]):
            gap = k + 1 if w != "the" else k + (4 if hyphened else 2)  # ("the start-up")
            if w == "its" and gap < verb and low[gap] in _REQUEST_NOUNS:
                gap += 1  # "Its application to buy"
            if _buying_subject(v, gap, verb) or gap == verb:
                return v.resolve(k, COMPANY)
            return None
        if v.ctx.ref_of(k) is not None or w in (",", ";", "and", "but"):
            return None
    return None


def _ordered_by(v: SentenceView, t: Trigger) -> Iterator[Fact]:
    """Return seeksToBuy for "1,200 KS-9 chips ordered by X" (the buyer after "by")."""
    low = v.low
    if low[t.start] != "ordered" or t.end + 1 >= v.sent.end or low[t.end] != "by":
        return
    q = t.end + 1
    if low[q] == "the":
        q += 1
    buyer = v.ctx.ref_of(q)
    if buyer is None or not v.kind(buyer, ORG) or v.kind(buyer, REGULATOR):
        return
    after = low[buyer.end] if buyer.end < v.sent.end else "."
    if after.isalpha() and after not in ("in", "for", "and", "on", "last", "this", "earlier"):
        return  # "ordered by Quantix partners": the firm only names the buyers
    chip = v.before(t.start, CHIP, floor=max(v.sent.start, t.start - 4))
    if chip is None or any(
        f.subject == buyer.key and f.object == chip.key and f.predicate is Relation.makes
        for f in v.ctx.facts
    ):
        return
    yield from _emit(
        v.fact(
            buyer.key, Relation.seeksToBuy, chip.key, "seeksToBuy.ordered-by", 0.7, (t.start, t.end)
        )
    )


def _chip_anaphor(v: SentenceView, i: int) -> Ref | None:
    """Return the chip "the chips" or "of them" after a buying verb at ``i`` points back to.

    "plans to buy up to 50,000 of the chips", "had tried to buy the processors", "intends
    to deploy about 6,000 of them": the chip named last, in this sentence or the two before.
    """
    low = v.low
    nouns = v.res.words["definite_chip"]
    for k in range(i, min(v.sent.end - 1, i + 7)):
        if low[k] in (",", ";", ".", "but", "while", "which"):
            return None
        if (
            low[k] == "the"
            and low[k + 1] in nouns
            and low[k + 1] not in ("product", "products", "part", "parts")
        ) or (low[k : k + 2] == ["of", "them"]):
            key = v.ctx.antecedent(k, (CHIP,), back=2)
            if key is None:
                return None
            return next((r for r in reversed(v.ctx.refs) if r.key == key and r.end <= k), None)
    return None


def rule_seeks(v: SentenceView) -> Iterator[Fact]:
    """Organization seeksToBuy Chip: "X ordered H20 chips", "X and Y are keen to place orders"."""
    low = v.low
    for t in v.triggers:
        if t.kind != "buy_triggers":
            continue
        if any(low[q] in _BUY_STOPS for q in range(max(v.sent.start, t.start - 2), t.start)):
            continue  # "stopped buying the H20", "cancelled its orders for"
        chips = v.after(t.end, CHIP, limit=12)
        if not chips and low[t.start] == "ordered":
            yield from _ordered_by(v, t)  # "1,200 KS-9 chips ordered by X"
            continue
        if not chips and low[t.start] in _ORDER_NOUNS and low[t.start - 1] != "the":
            # "The H200 orders from ByteDance": the chip before the noun
            before = v.ctx.ref_of(t.start - 1)
            chips = [before] if before is not None and v.kind(before, CHIP) else []
        anaphor = False
        if not chips:
            # "X and Y each plan to buy up to 50,000 of the chips": the chip named last
            told = _chip_anaphor(v, t.end)
            chips, anaphor = ([told], True) if told is not None else ([], False)
        if not chips:
            continue
        chip_keys = {c.key for c in chips}
        makers = {
            f.subject
            for f in v.ctx.facts
            if f.predicate is Relation.makes and f.object in chip_keys
        }
        buyers: list[str] = []
        ref = None
        state_buyer: str | None = None
        for r in reversed(v.refs):
            if r.end > t.start or not v.kind(r, ORG) or r.key in makers:
                continue
            if not (v.kind(r, REGULATOR) or v.kind(r, EntityType.NewsOutlet)):
                ref = r
            elif r.start > v.sent.start and low[r.start - 1] in _ASKED_VERBS:
                continue  # "X and Y have asked Beijing for permission to buy the H200"
            elif v.kind(r, REGULATOR) and _buying_subject(v, r.end, t.start):
                # "The Ministry of Science and ICT will buy 50,000 GPUs": a state buyer
                state_buyer = r.key
            break
        if ref is None and state_buyer is None:
            # "The company is also seeking to buy ...", "Its application to buy ...": the
            # firm a definite description or "its" refers to
            subject = _described_buyer(v, t.start)
            if subject is not None and subject not in makers:
                buyers = [subject]
        if state_buyer is not None:
            buyers = [state_buyer]
        if ref is not None and ref.start > v.sent.start and v.low[ref.start - 1] in ("by", "the"):
            # "Yotta, a Mumbai-based firm backed by the Hiranandani Group, has ordered ...":
            # the firm the apposition describes buys, not its backer
            head = _apposition_owner(v, ref)
            ref = head if head is not None else ref
        if ref is not None:
            buyers = [
                r.key
                for r in v.list_to(ref, ORG)
                if not v.kind(r, REGULATOR) and r.key not in makers
            ]
        if v.low[t.start] in ("orders", "order", "demand"):
            # "orders for QX500 chips from Korvo Networks": the buyer follows "from"
            for k in range(max(chips[0].end, t.end), min(v.sent.end, max(chips[0].end, t.end) + 4)):
                if v.low[k] != "from":
                    continue
                q = k + 1
                while q < v.sent.end and low[q] in _SOLD_TO_FILLERS:
                    q += 1  # "from Chinese cloud providers such as Alibaba"
                nxt = v.ctx.ref_of(q) if q < v.sent.end else None
                if nxt is not None and v.kind(nxt, ORG) and nxt.key not in makers:
                    buyers = [
                        r.key
                        for r in v.list_from(nxt, ORG)
                        if r.key not in makers and not v.kind(r, REGULATOR)
                    ]
                    break
        for b in buyers:
            for chip in chips if anaphor else v.list_from(chips[0], CHIP):
                yield from _emit(
                    v.fact(
                        b,
                        Relation.seeksToBuy,
                        chip.key,
                        "seeksToBuy.trigger",
                        0.75,
                        (t.start, t.end),
                    )
                )
    if v.of(CHIP):
        yield from _sold_to(v)


_SELL_VERBS = frozenset(_LISTS["sell_verbs"])
_BE_FORMS = frozenset({"be", "been", "is", "are", "was", "were", "being"})
#: Words between "sold X to" and the buyer ("to Chinese customers such as Tencent").
_SOLD_TO_FILLERS = frozenset(_LISTS["sold_to_fillers"])
_DEAL_NOUNS = frozenset(_LISTS["deal_nouns"])


def _sold_to(v: SentenceView) -> Iterator[Fact]:
    """Organization seeksToBuy Chip from the seller's side.

    "Nvidia shipped 5,000 GB300 chips to Humain", "AMD will supply MI450 chips to
    OpenAI", "sold H20 chips to customers such as Tencent": the firm after "to";
    "Oracle struck a deal with Nvidia for 50,000 GB300 chips": the party of a deal
    that does not make the chip.
    """
    low = v.low
    for k in range(v.sent.start, v.sent.end):
        w = low[k]
        if w not in _SELL_VERBS and w not in _DEAL_NOUNS:
            continue
        chips = v.after(k + 1, CHIP, limit=10)
        passive = w in _SELL_VERBS and k > v.sent.start and low[k - 1] in _BE_FORMS
        if passive:
            # "AMD's MI308 will be sold to Alibaba": the chip before the verb
            before = v.before(k, CHIP)
            chips = [before] if before is not None and k - before.end <= 5 else []
        if not chips:
            continue
        makers = {
            f.subject
            for f in v.ctx.facts
            if f.predicate is Relation.makes and f.object == chips[0].key
        }
        buyer: Ref | None = None
        if w in _SELL_VERBS:
            q = k + 1 if passive else chips[0].end
            while q < min(v.sent.end, q + 4) and low[q] != "to":
                q += 1
            if q >= v.sent.end or low[q] != "to":
                continue
            q += 1
            while q < v.sent.end and low[q] in _SOLD_TO_FILLERS:
                q += 1
            buyer = v.ctx.ref_of(q) if q < v.sent.end else None
        else:
            with_at = [q for q in range(k + 1, chips[0].start) if low[q] == "with"]
            if not with_at or "for" not in low[with_at[0] : chips[0].start]:
                continue
            party = v.ctx.ref_of(with_at[0] + 1)
            if party is not None and party.key in makers:
                party = v.before(k, ORG)  # "Oracle struck a deal with Nvidia for ..."
            buyer = party
        if (
            buyer is None
            or not v.kind(buyer, COMPANY)
            or buyer.key in makers
            or v.kind(buyer, REGULATOR)
        ):
            continue
        for b in v.list_from(buyer, ORG):
            if b.key in makers or not v.kind(b, COMPANY):
                continue
            for chip in v.list_from(chips[0], CHIP):
                yield from _emit(
                    v.fact(b.key, Relation.seeksToBuy, chip.key, "seeksToBuy.sold", 0.7, (k, k + 1))
                )


# -- leads ---------------------------------------------------------------------------


def _title_at(v: SentenceView, i: int) -> int:
    """Return the end of a leader title starting at token ``i`` (or ``i`` when none).

    Titles may be chained: "founder and chief executive", "chairman, CEO".
    """
    titles = v.res.words["leader_titles"]

    def one(j: int) -> int:
        for size in (3, 2, 1):
            if j + size <= v.sent.end and " ".join(v.low[j : j + size]) in titles:
                return j + size
        return j

    e = one(i)
    while e > i and e + 1 < v.sent.end and v.low[e] in ("and", ","):
        nxt = one(e + 1)
        if nxt == e + 1:
            break
        e = nxt
    return e


_HEADS = _LISTS["heads"]
_FORMER = _LISTS["former"]
_BECAME = _LISTS["became"]


_TITLE_WALKS: dict[int, frozenset[str]] = {}


def _title_walk(res: Resources) -> frozenset[str]:
    """Return the words of a title before a name ("chief executive", "the vice president of")."""
    found = _TITLE_WALKS.get(id(res))
    if found is None:
        found = res.words["person_titles"] | {
            "boss",
            "executive",
            "officer",
            "rotating",
            "vice",
            "chief",
            "general",
            "manager",
            "of",
            "the",
        }
        _TITLE_WALKS.clear()
        _TITLE_WALKS[id(res)] = found
    return found


def rule_leads(v: SentenceView) -> Iterator[Fact]:
    """Person leads Organization: "Nvidia chief executive Jensen Huang", "AMD, whose CEO is X"."""
    low, ctx = v.low, v.ctx
    title_walk = _title_walk(v.res)
    for person in v.of(PERSON):
        i = person.start
        # Org (title) Person: walk back over the title words ("Nvidia's chief executive, X")
        j = i - 1
        if j > v.sent.start and low[j] == ",":
            j -= 1
        while (
            j >= v.sent.start
            and ctx.ref_of(j) is None
            and (
                low[j] in title_walk
                or (low[j] == "and" and j > v.sent.start and low[j - 1] in title_walk)
            )
        ):
            j -= 1  # "X founder and CEO Liu Qiang"
        title_words = [w for w in low[j + 1 : i] if w != ","]
        if title_words and any(
            w in v.res.words["leader_titles"]
            or " ".join(title_words) in v.res.words["leader_titles"]
            for w in title_words
        ):
            if "premier" in title_words or "vice" in title_words:
                continue
            org_ref = ctx.ref_of(j) if j >= v.sent.start else None
            if org_ref is None and j >= v.sent.start and low[j] in _POSS:
                org_ref = ctx.ref_of(j - 1)
            lead_in = org_ref.start if org_ref is not None else j
            if any(low[q] in _FORMER for q in range(max(v.sent.start, lead_in - 2), i)):
                continue  # "former Halvard chief executive X" no longer leads it
            org = None
            unit = ctx.ref_of(org_ref.start - 1) if org_ref is not None else None
            if (
                org_ref is not None
                and ctx.is_(org_ref.key, PLACE)
                and unit is not None
                and v.kind(unit, COMPANY)
            ):
                continue  # "Nvidia China head X" heads a regional unit, not a government
            if org_ref is not None:
                org = _government_of(v, org_ref.key)
            elif title_words[-1] in ("minister", "secretary") or title_words[0] in (
                "minister",
                "secretary",
            ):
                org = _ministry_named(v, j)
            elif "president" in title_words:
                org = office_of(v, person.key)
            elif set(title_words) & {"chairman", "executive", "ceo", "founder", "chairwoman"} and (
                j < v.sent.start
                or low[j] in ("its", "said", "says", "the", "“", '"')
                or (low[j] in _POSS and low[j - 1] in v.res.words["definite_company"])
            ):
                # "Its chief executive, X" / "the company's chairman X": the firm named before
                org = ctx.antecedent(max(j, v.sent.start), (COMPANY,), salient=True)
            if org is not None:
                yield from _emit(
                    v.fact(person.key, Relation.leads, org, "leads.title", 0.9, (j + 1, i))
                )
        # Person, (the) title at/of Org ; Person, Org's title
        k = person.end
        if k < v.sent.end and low[k] == ",":
            k += 1
            if k < v.sent.end and low[k] in ("the", "a"):
                k += 1
            org_ref = ctx.ref_of(k)
            if (
                org_ref is not None
                and v.kind(org_ref, ORG)
                and org_ref.end < v.sent.end
                and low[org_ref.end] in _POSS
            ):
                e = _title_at(v, org_ref.end + 1)
                if e > org_ref.end + 1:
                    yield from _emit(
                        v.fact(
                            person.key,
                            Relation.leads,
                            org_ref.key,
                            "leads.apposition",
                            0.85,
                            (org_ref.end + 1, e),
                        )
                    )
            elif k + 1 < v.sent.end and low[k] == "who" and low[k + 1] in _HEADS:
                # "Ilse Varga, who heads Halvard Systems"
                org_ref = ctx.ref_of(k + 2)
                if org_ref is not None and v.kind(org_ref, ORG):
                    yield from _emit(
                        v.fact(
                            person.key,
                            Relation.leads,
                            org_ref.key,
                            "leads.who-heads",
                            0.85,
                            (k, k + 2),
                        )
                    )
            elif k < v.sent.end and low[k] == "its" and (e := _title_at(v, k + 1)) > k + 1:
                # "Dana Whitlock, its chief executive, said": the firm named before
                org = ctx.antecedent(k, (COMPANY,), salient=True)
                yield from _emit(
                    v.fact(person.key, Relation.leads, org, "leads.apposition", 0.75, (k, e))
                )
            elif (
                k + 1 < v.sent.end
                and low[k] in v.res.words["definite_company"]
                and low[k + 1] in _POSS
            ):
                # "Ilse Varga, the company's chief executive"
                e = _title_at(v, k + 2)
                if e > k + 2:
                    org = ctx.antecedent(k, (COMPANY,), salient=True)
                    yield from _emit(
                        v.fact(person.key, Relation.leads, org, "leads.apposition", 0.75, (k, e))
                    )
            else:
                e = _title_at(v, k)
                if e > k and e < v.sent.end and low[e] in ("at", "of"):
                    orgs = v.after(e, ORG, limit=7)
                    if orgs:
                        yield from _emit(
                            v.fact(
                                person.key,
                                Relation.leads,
                                orgs[0].key,
                                "leads.apposition",
                                0.85,
                                (k, e),
                            )
                        )
        # "Ilse Varga became chief executive of Halvard", "X was named CEO of Y"
        k = person.end
        while k < v.sent.end and k < person.end + 3 and low[k] in _BECAME | {"has", "been", "as"}:
            k += 1
        if k > person.end and k < v.sent.end:
            if low[k] in ("the", "a"):
                k += 1
            e = _title_at(v, k)
            if e > k and e < v.sent.end and low[e] in ("of", "at"):
                org_ref = ctx.ref_of(e + 1) or ctx.ref_of(e + 2)
                if org_ref is not None and v.kind(org_ref, ORG):
                    yield from _emit(
                        v.fact(person.key, Relation.leads, org_ref.key, "leads.became", 0.8, (k, e))
                    )
    yield from _led_by(v)
    # Org, whose title is Person
    if "whose" not in low[v.sent.start : v.sent.end - 3]:
        return
    for k in range(v.sent.start, v.sent.end - 3):
        if low[k] == "whose":
            e = _title_at(v, k + 1)
            if e > k + 1 and e + 1 < v.sent.end and low[e] == "is":
                who = ctx.ref_of(e + 1)
                org_ref = v.before(k, ORG)
                if who is not None and v.kind(who, PERSON) and org_ref is not None:
                    yield from _emit(
                        v.fact(who.key, Relation.leads, org_ref.key, "leads.whose", 0.9, (k, e))
                    )


def _led_by(v: SentenceView) -> Iterator[Fact]:
    """Person leads Org: "X is led by Y", "Y, who is the company's chief executive"."""
    low, ctx = v.low, v.ctx
    for org in v.of(ORG):
        k = org.end
        if k + 3 < v.sent.end and low[k] in ("is", "was", "has", "are"):
            m = k + 1
            if low[m] in ("been", "now", "currently"):
                m += 1
            if m + 2 < v.sent.end and (low[m] in _HEADS or low[m] == "run") and low[m + 1] == "by":
                who = ctx.ref_of(_title_at(v, m + 2))  # "is run by chief executive Y"
                if who is not None and v.kind(who, PERSON) and not v.kind(org, REGULATOR):
                    yield from _emit(
                        v.fact(who.key, Relation.leads, org.key, "leads.passive", 0.85, (m, m + 2))
                    )
    yield from _apposed_leaders(v)
    for person in v.of(PERSON):
        k = person.end
        if k + 4 < v.sent.end and low[k] == "," and low[k + 1] == "who":
            # "Y, who heads the Ministry of Trade, said ...": the organisation after the verb
            m = k + 2
            if low[m] in ("now", "currently", "also"):
                m += 1
            if low[m] in _HEAD_VERBS:
                m += 2 if low[m + 1] == "the" else 1
                headed = ctx.ref_of(m)
                if (
                    headed is not None
                    and headed.start == m
                    and v.kind(headed, ORG)
                    # "who leads the X team in Asia": the organisation must end the phrase
                    and (headed.end >= v.sent.end or low[headed.end] in _PHRASE_END)
                ):
                    yield from _emit(
                        v.fact(
                            person.key,
                            Relation.leads,
                            headed.key,
                            "leads.who-heads",
                            0.8,
                            (k + 1, m),
                        )
                    )
                continue
        if not (
            k + 4 < v.sent.end
            and low[k] == ","
            and low[k + 1] == "who"
            and low[k + 2] in ("is", "was", "serves", "remains")
        ):
            continue
        m = k + 3
        if low[m] == "as":
            m += 1
        if low[m] == "the":
            m += 1
        org_key: str | None = None
        ref = ctx.ref_of(m)
        if ref is not None and v.kind(ref, ORG) and ref.end < v.sent.end and low[ref.end] in _POSS:
            org_key, m = ref.key, ref.end + 1
        elif low[m] in v.res.words["definite_company"] and low[m + 1] in _POSS:
            org_key = ctx.antecedent(m - 1, (COMPANY,), salient=True)
            m += 2
        e = _title_at(v, m)
        if e == m:
            continue
        if org_key is None and e < v.sent.end and low[e] in ("of", "at"):
            nxt = ctx.ref_of(e + 1)
            org_key = nxt.key if nxt is not None and v.kind(nxt, ORG) else None
        if org_key is not None and not any(low[q] in _FORMER for q in range(k, e)):
            yield from _emit(
                v.fact(person.key, Relation.leads, org_key, "leads.who-is", 0.8, (k + 1, e))
            )


#: Present-tense verbs by which a person leads an organisation ("who heads the ministry").
_HEAD_VERBS = _LISTS["head_verbs"]
_PHRASE_END = _LISTS["phrase_end"]
#: Participles of an apposition that names an organisation's leader ("chaired by A").
_LED_PARTICIPLES = _LISTS["led_participles"]


def _apposed_leaders(v: SentenceView) -> Iterator[Fact]:
    """Person leads Org from "X, chaired by A and run by chief executive B, ...".

    The participle phrase must follow the organisation's comma; each person after "by"
    (titles skipped) leads it; "former" blocks. "X, which is headed by Y" is read too.
    """
    low, ctx = v.low, v.ctx
    for org in v.of(ORG):
        m = org.end
        if m + 3 >= v.sent.end or low[m] != ",":
            continue
        m += 1
        if low[m : m + 2] in (["which", "is"], ["which", "was"]):
            m += 2
        elif low[m] in ("the", "a", "an"):
            # "Baidu, the search giant led by chief executive Robin Li,": a descriptor that
            # ends in an organisation noun
            q = m + 1
            while q < min(v.sent.end, m + 7):
                place = ctx.ref_of(q) if v.ctx.orth[q][:1].isupper() else None
                if place is not None and v.kind(place, PLACE, COUNTRY):
                    q = place.end  # "a London chip designer", "the Osaka-based operator"
                    continue
                if low[q] == "-" or (low[q].isalpha() and low[q] == v.ctx.orth[q]):
                    if low[q] in _LED_PARTICIPLES:
                        break
                    q += 1
                    continue
                break
            if (
                q < v.sent.end
                and low[q] in _LED_PARTICIPLES
                and low[q - 1] in v.res.words["org_nouns"]
            ):
                m = q
        if low[m] not in _LED_PARTICIPLES:
            # "G42, based in Abu Dhabi and run by chief executive Peng Xiao": a leader after
            # another participle phrase of the same apposition
            for q in range(m, min(v.sent.end - 2, m + 12)):
                if low[q] in (",", ";", "which", "who"):
                    break
                if low[q] == "and" and low[q + 1] in _LED_PARTICIPLES and low[q + 2] == "by":
                    m = q + 1
                    break
        while m + 2 < v.sent.end and low[m] in _LED_PARTICIPLES and low[m + 1] == "by":
            q = m + 2
            former = False
            while q < v.sent.end and low[q] in _FORMER:
                former, q = True, q + 1
            e = _title_at(v, q)
            who = ctx.ref_of(e)
            if who is None or who.start != e or not v.kind(who, PERSON):
                break
            if not former and not v.kind(org, REGULATOR):
                yield from _emit(
                    v.fact(who.key, Relation.leads, org.key, "leads.apposed", 0.8, (m, m + 2))
                )
            m = who.end
            if m < v.sent.end and low[m] in (",", "and"):
                m += 1
            if m < v.sent.end and low[m] == "and":
                m += 1


def _government_of(v: SentenceView, key: str) -> str | None:
    """Return the organisation a title belongs to (a country means its government)."""
    rec = v.ctx.entities[key]
    if rec.type is COUNTRY:
        entry = v.res.lookup(rec.label)
        if entry is not None and entry.government:
            gov = v.res.lookup(entry.government)
            return (
                v.ctx.entity(gov.label, gov.type, gov.wikidata)
                if gov
                else v.ctx.entity(entry.government, REGULATOR)
            )
        return None
    if v.ctx.is_(key, ORG):
        return key
    return None


def _ministry_named(v: SentenceView, j: int) -> str | None:
    """Return the ministry whose name holds the words before "Minister" ("Trade Minister X")."""
    words: list[str] = []
    k = j
    while k >= v.sent.start and (v.ctx.orth[k][:1].isupper() or v.low[k] in (",", "and")):
        if v.ctx.orth[k][:1].isupper():
            words.append(v.low[k])
        k -= 1
    if not words:
        return None
    best = None
    for key, rec in v.ctx.entities.items():
        if rec.type is not REGULATOR:
            continue
        names = " ".join([rec.label, *rec.aliases]).lower()
        if all(w in names for w in words):
            best = key
            break
    return best


def office_of(v: SentenceView, person: str) -> str | None:
    """Return the government a president heads: the gazetteer's office, else the main one named."""
    entry = v.res.lookup(v.ctx.entities[person].label)
    if entry is not None and entry.office:
        gov = v.res.lookup(entry.office)
        if gov is not None:
            return v.ctx.entity(gov.label, gov.type, gov.wikidata)
    return None


# -- based in ----------------------------------------------------------------------------


_HOME_WORDS = _LISTS["home_words"]
_FIRSTS: dict[int, frozenset[str]] = {}


def _demonym_firsts(res: Resources) -> frozenset[str]:
    """Return the first words of the gazetteer's demonyms ("South" of "South Korean")."""
    found = _FIRSTS.get(id(res))
    if found is None:
        found = frozenset(name.split()[0] for name in res.demonyms)
        _FIRSTS.clear()
        _FIRSTS[id(res)] = found
    return found


def rule_based_in(v: SentenceView) -> Iterator[Fact]:
    """Organization basedIn Country: "Chinese firms such as X and Y", "US chipmaker X"."""
    low, ctx, orth = v.low, v.ctx, v.ctx.orth
    words = v.res.words
    firsts = _demonym_firsts(v.res)
    starts = {r.start for r in v.refs}
    if (
        not starts
        and firsts.isdisjoint(orth[v.sent.start : v.sent.end])
        and _HOME_WORDS.isdisjoint(low[v.sent.start : v.sent.end])
    ):
        return  # nothing can start a description (most sentences)
    for i in range(v.sent.start, v.sent.end):
        # only a reference, a demonym or "domestic" can start a description
        if i not in starts and orth[i] not in firsts and low[i] not in _HOME_WORDS:
            continue
        country = None
        ref = ctx.ref_of(i)
        k = i + 1
        if ref is not None and ref.start == i:
            k = ref.end
            if ctx.is_(ref.key, COUNTRY):
                country = ref.key
            elif ctx.type_of(ref.key) is REGULATOR:
                continue
            elif (
                k + 1 < v.sent.end
                and low[k] == "-"
                and low[k + 1] == "based"
                and ctx.is_(ref.key, PLACE)
            ):
                country = _country_of_city(v, ref.key)  # "the Abu Dhabi-based group"
        two = " ".join(orth[i : i + 2])
        if country is None and two in v.res.demonyms and ref is None:
            entry = v.res.lookup(v.res.demonyms[two])  # "South Korean"
            if entry is not None:
                country = ctx.entity(entry.label, entry.type, entry.wikidata)
                k = i + 2
        if country is None and orth[i] in v.res.demonyms and (ref is None or ref.start == i):
            entry = v.res.lookup(v.res.demonyms[orth[i]])
            if entry is not None:
                country = ctx.entity(entry.label, entry.type, entry.wikidata)
        if country is None and ref is None and low[i] in _HOME_WORDS:
            country = _home_country(v)
        if country is None:
            continue
        based = k + 1 < v.sent.end and low[k] == "-" and low[k + 1] == "based"
        if based:
            k += 2
            # "Mellanox Technologies, the Israel-based maker": apposition to the org before
            if i >= 2 and low[i - 1] in ("the", "a", "an") and low[i - 2] == ",":
                org = ctx.ref_of(i - 3)
                if org is not None and v.kind(org, ORG):
                    yield from _emit(
                        v.fact(org.key, Relation.basedIn, country, "basedIn.based", 0.9, (i, k))
                    )
                    continue
        if k + 1 < v.sent.end and low[k] in _POSS and ref is not None:
            m = k + 1
            while (
                m < v.sent.end
                and m < k + 7
                and ctx.ref_of(m) is None
                and (
                    (low[m].isalpha() and low[m] == orth[m])
                    or (low[m] == "-" and m > k + 1)
                    or orth[m] == "AI"
                )
            ):
                m += 1  # words between: "China's largest chipmaker X", "state-backed AI firm"
            org = ctx.ref_of(m)
            # "SMIC, China's largest contract chipmaker,": apposition to the org before
            if org is None and m > k + 1 and low[m - 1] in words["org_nouns"] and low[i - 1] == ",":
                org = ctx.ref_of(i - 2)
            # "Korea's two memory makers, A and B": the list after the comma
            if (
                org is None
                and m > k + 1
                and m + 1 < v.sent.end
                and low[m] == ","
                and low[m - 1] in words["org_nouns"]
            ):
                first = ctx.ref_of(m + 1)
                if first is not None and v.kind(first, COMPANY):
                    for r in v.list_from(first, COMPANY):
                        yield from _emit(
                            v.fact(
                                r.key, Relation.basedIn, country, "basedIn.possessive", 0.8, (i, m)
                            )
                        )
                continue
            if org is not None and v.kind(org, COMPANY):
                yield from _emit(
                    v.fact(org.key, Relation.basedIn, country, "basedIn.possessive", 0.8, (i, m))
                )
            continue
        # demonym + org nouns + (such as|like|including)? + Org list
        nouns = 0
        m = k
        while (
            m < v.sent.end
            and m < k + 5
            and ctx.ref_of(m) is None
            and (
                (low[m].isalpha() and low[m] == orth[m])
                or low[m] in ("-", "based")
                or low[m] in words["org_nouns"]
                or (orth[m].isupper() and orth[m].isalpha() and len(orth[m]) <= 4)
            )
        ):
            m += 1  # "Chinese chip equipment makers", "US-based cloud provider", "GPU makers"
        while m > k and not _ends_org_noun(low, m, words["org_nouns"]):
            m -= 1  # the run must end in an organisation noun ("start-up" is three tokens)
        nouns = m - k
        k = m
        if nouns == 0 and not based:
            continue
        if k < v.sent.end and low[k] == ",":
            k += 1
        if k + 1 < v.sent.end and low[k] == "such" and low[k + 1] == "as":
            k += 2
        elif k < v.sent.end and low[k] in ("like", "including"):
            k += 1
        org = ctx.ref_of(k)
        before = ctx.ref_of(i - 3) if i - 3 >= v.sent.start else None
        if org is not None and v.kind(org, ORG) and not v.kind(org, REGULATOR):
            for r in v.list_from(org, ORG):
                yield from _emit(
                    v.fact(r.key, Relation.basedIn, country, "basedIn.demonym", 0.85, (i, k))
                )
        elif nouns and (apposed := _apposed_org(v, i)) is not None:
            # "AMD, its smaller American rival,"
            yield from _emit(
                v.fact(apposed, Relation.basedIn, country, "basedIn.demonym", 0.75, (i, k))
            )
        elif (
            nouns
            and before is not None
            and v.kind(before, ORG)
            and low[i - 1] in ("a", "an", "the")
            and low[i - 2] in (",", "is", "was", "as")
        ):
            # "Halvard, a South Korean memory maker," / "Halvard is a Chinese company"
            yield from _emit(
                v.fact(before.key, Relation.basedIn, country, "basedIn.demonym", 0.8, (i, k))
            )
        elif i > v.sent.start and low[i - 1] == "the" and nouns:
            key = ctx.antecedent(i - 1, (COMPANY,), salient=True)
            yield from _emit(
                v.fact(key, Relation.basedIn, country, "basedIn.definite", 0.7, (i, k))
            )
        elif i > v.sent.start + 1 and low[i - 1] in ("two", "both", "three") and nouns:
            # "the two American chip designers": the last N companies named
            want = {"two": 2, "both": 2, "three": 3}[low[i - 1]]
            keys: list[str] = []
            for s in range(v.sent.index, max(-1, v.sent.index - 8), -1):
                for r in reversed(ctx.sent_refs[s]):
                    if r.start < i and ctx.is_(r.key, COMPANY) and r.key not in keys:
                        keys.append(r.key)
                if len(keys) >= want:
                    break
            for key in keys[:want]:
                yield from _emit(
                    v.fact(key, Relation.basedIn, country, "basedIn.definite", 0.6, (i, k))
                )


def _ends_org_noun(low: list[str], m: int, nouns: frozenset[str]) -> bool:
    """Return True when the words before ``m`` end in an organisation noun ("start-up")."""
    if low[m - 1] in nouns:
        return True
    return m >= 3 and low[m - 2] == "-" and f"{low[m - 3]}-{low[m - 1]}" in nouns


_CITY_COUNTRY: dict[int, dict[str, str]] = {}


def _country_of_city(v: SentenceView, key: str) -> str | None:
    """Return the country a known city lies in (a capital, or the gazetteer's country)."""
    table = _CITY_COUNTRY.get(id(v.res))
    if table is None:
        table = {}
        for entry in v.res.entries.values():
            if entry.type is COUNTRY and entry.capital:
                table[entry.capital] = entry.label
            country = getattr(entry, "country", None)
            if isinstance(country, str) and entry.type is not COUNTRY:
                table[entry.label] = country
        _CITY_COUNTRY.clear()
        _CITY_COUNTRY[id(v.res)] = table
    name = table.get(v.ctx.entities[key].label)
    country = v.res.lookup(name) if name else None
    if country is None or country.type is not COUNTRY:
        return None
    return v.ctx.entity(country.label, country.type, country.wikidata)


def _apposed_org(v: SentenceView, i: int) -> str | None:
    """Return the organisation an apposition "X, its smaller <demonym> rival" describes."""
    low = v.low
    j = i - 1
    while j > v.sent.start and j > i - 4 and low[j].isalpha() and low[j] not in ("its", "a"):
        if v.ctx.ref_of(j) is not None or v.ctx.orth[j] != low[j]:
            return None
        j -= 1  # lower-case adjectives: "smaller", "larger"
    if j - 2 < v.sent.start or low[j] not in ("its", "their") or low[j - 1] != ",":
        return None
    org = v.ctx.ref_of(j - 2)
    if org is None or not v.kind(org, COMPANY):
        return None
    return org.key


_APPOSITION = _LISTS["apposition"]
#: Words of a descriptive apposition before "based in" ("X, a chip designer based in Y").
_DESCRIPTOR_WORDS = _LISTS["descriptor_words"]


def rule_based_in_place(v: SentenceView) -> Iterator[Fact]:
    """Organization basedIn Country: "X, headquartered in Japan", "Samsung of South Korea"."""
    low, ctx = v.low, v.ctx
    inner = low[v.sent.start + 1 : v.sent.end - 1]
    if "in" not in inner and "of" not in inner:
        return
    for i in range(v.sent.start + 1, v.sent.end - 1):
        if low[i] != "in" and low[i] != "of":
            continue
        place = ctx.ref_of(i + 1) if low[i] == "in" else None
        if place is not None and not ctx.is_(place.key, COUNTRY) and ctx.is_(place.key, PLACE):
            # "based in Osaka in Japan", "headquartered in Seoul, South Korea"
            m = place.end
            if m + 1 < v.sent.end and low[m] in ("in", ","):
                after = ctx.ref_of(m + 1)
                if after is not None and ctx.is_(after.key, COUNTRY):
                    place = after
        head = low[i - 1] in ("based", "headquartered") or (
            low[i - 1] == "headquarters" and low[i - 2] in ("its", "their")
        )
        country = place.key if place is not None and ctx.is_(place.key, COUNTRY) else None
        if head and place is not None and country is None and ctx.is_(place.key, PLACE):
            country = _country_of_city(v, place.key)  # "headquartered in Hangzhou"
        if head and country is not None:
            org = v.before(i - 1, ORG)
            between = set(low[org.end : i - 1]) if org is not None else {"?"}
            if low[i - 1] == "headquarters":
                between -= {"its", "their", "has", "have"}  # "X has its headquarters in Japan"
            if org is not None and org.end < v.sent.end and low[org.end] == ",":
                # "X, a chip designer based in Shanghai"
                between -= _DESCRIPTOR_WORDS | v.res.words["org_nouns"]
            # "X, based in Japan", "X, which is headquartered in Japan" (not "customers based in")
            if org is not None and not v.kind(org, REGULATOR) and between <= _APPOSITION:
                yield from _emit(
                    v.fact(org.key, Relation.basedIn, country, "basedIn.based", 0.85, (i - 1, i))
                )
        if low[i] == "of":
            # "Samsung of South Korea", "G42 of the United Arab Emirates"
            at = i + 2 if low[i + 1] == "the" else i + 1
            org, place = ctx.ref_of(i - 1), ctx.ref_of(at)
            if (
                org is not None
                and place is not None
                and v.kind(org, COMPANY)
                and ctx.is_(place.key, COUNTRY)
                and place.start == at
            ):
                yield from _emit(
                    v.fact(org.key, Relation.basedIn, place.key, "basedIn.of", 0.7, (i, i + 1))
                )


def _home_country(v: SentenceView) -> str | None:
    """Return the country whose government the sentence names ("domestic" firms are its firms)."""
    for ref in v.of(REGULATOR):
        label = v.ctx.entities[ref.key].label
        for entry in v.res.entries.values():
            if entry.type is COUNTRY and entry.government == label:
                return v.ctx.entity(entry.label, entry.type, entry.wikidata)
    return None


# -- visited -----------------------------------------------------------------------------


_SITES = _LISTS["sites"]


def rule_visited(v: SentenceView) -> Iterator[Fact]:
    """Person visited Place: "Huang's visit to China", "arrived in Shanghai"."""
    low, ctx = v.low, v.ctx
    for t in v.triggers:
        if t.kind != "visit_triggers":
            continue
        places = [r for r in v.after(t.end, PLACE, limit=4)]
        places = v.list_from(places[0], PLACE) if places else []
        extra = _listed_capital(v, places[-1].end) if places else None
        host = ctx.ref_of(t.end)
        if (
            not places
            and host is not None
            and v.kind(host, ORG)
            and host.end + 2 < v.sent.end
            and low[host.end] in _POSS
        ):
            # "visited Nvidia's offices in Santa Clara": the place after the firm's site
            m = host.end + 1
            if low[m] in _SITES and low[m + 1] == "in":
                nxt = ctx.ref_of(m + 2)
                if nxt is not None and v.kind(nxt, PLACE):
                    places = [nxt]
        k = t.start - 1
        while k > v.sent.start and low[k] in (
            "was",
            "were",
            "had",
            "has",
            "since",
            "also",
            "then",
            "later",
            "who",
            "is",
            "been",
            "first",
            "’s",
            "'s",
            "a",
        ):
            k -= 1
        person: Ref | None = ctx.ref_of(k)
        subj = person.key if person is not None and v.kind(person, PERSON) else None
        if subj is None and low[k] in ("he", "she"):
            subj = ctx.antecedent(k, (PERSON,))
            if not places and k >= 2 and low[k - 1] == "where" and low[k - 2] == ",":
                place = ctx.ref_of(k - 3)
                if place is not None and v.kind(place, PLACE):
                    places = [place]
        if subj is None:
            ref = v.before(t.start, PERSON)
            subj = ref.key if ref is not None else None
            person = ref
        subjects = [subj] if subj else []
        if person is not None and subj == person.key:
            # "A and B, who had travelled to": people joined by "and" before
            m = person.start - 1
            while (
                m > v.sent.start
                and (ctx.orth[m][:1].isupper() or low[m] in ("and", ","))
                and ctx.ref_of(m) is None
            ):
                m -= 1
            other = ctx.ref_of(m)
            if other is not None and v.kind(other, PERSON) and "and" in low[m : person.start]:
                subjects.append(other.key)
        keys = [p.key for p in places] + ([extra] if extra else [])
        for s in subjects:
            for key in keys:
                yield from _emit(
                    v.fact(s, Relation.visited, key, "visited.trigger", 0.85, (t.start, t.end))
                )


def _listed_capital(v: SentenceView, i: int) -> str | None:
    """Return the city a capital names when it ends a list of places visited.

    "travelled to Shanghai and Beijing": the second name was read as the government
    (a metonym) but a list of places makes it the city.
    """
    if i + 1 >= v.sent.end or v.low[i] not in ("and", ","):
        return None
    j = i + 1 if v.low[i] == "and" or v.low[i + 1] != "and" else i + 2
    ref = v.ctx.ref_of(j)
    if ref is None or ref.rule != "mention.metonymy":
        return None
    metonym = v.res.metonyms.get(" ".join(v.ctx.orth[ref.start : ref.end]))
    if metonym is None:
        return None
    entry = v.res.lookup(metonym.place)
    if entry is None:
        return v.ctx.entity(metonym.place, EntityType.City)
    return v.ctx.entity(entry.label, entry.type, entry.wikidata)


_SAID = _LISTS["said"]
_EVENT_NOUNS = _LISTS["event_nouns"]
_ATTEND_WORDS = _LISTS["attend_words"]


def rule_visited_presence(v: SentenceView) -> Iterator[Fact]:
    """Person visited Place from presence: "Huang was in Taipei for", "Speaking in Taipei,".

    "Y was in <Place> for a summit", "Speaking in <Place> on Tuesday, Y said", "Y met
    officials in the city of <Place>": the place right after "in", the person the subject
    of that clause ("was in talks", "demand in China" give nothing).
    """
    low, ctx = v.low, v.ctx
    s0 = v.sent.start
    for p in v.refs:
        if p.start - 1 <= s0 or low[p.start - 1] not in ("in", "of") or not v.kind(p, PLACE):
            continue
        person: str | None = None
        k = p.start - 1
        if low[k] == "of":
            # "met officials in the city of Shenzhen"
            if low[max(s0, k - 3) : k] != ["in", "the", "city"]:
                continue
            lo = clause_start(ctx, v.sent, k)
            verbs = [q for q in range(lo, k - 3) if low[q] in ("met", "meets", "meeting")]
            if not verbs:
                continue
            subj = ctx.ref_of(verbs[0] - 1)
            if subj is not None and v.kind(subj, PERSON) and subj.end == verbs[0]:
                person = subj.key
        elif low[k - 1] in ("is", "was") and k >= 4 and low[k - 2] == "who" and low[k - 3] == ",":
            # "Y, who is in Beijing this week, ..."
            subj = ctx.ref_of(k - 4)
            if subj is not None and v.kind(subj, PERSON):
                person = subj.key
        elif low[k - 1] == "reporters" and k >= 3 and low[k - 2] in ("told", "telling"):
            # "Y told reporters in Taipei"
            subj = ctx.ref_of(k - 3)
            if subj is not None and v.kind(subj, PERSON):
                person = subj.key
        elif low[k - 1] in _EVENT_NOUNS:
            # "Y, speaking at a conference in Shanghai,", "Y attended an expo in Beijing"
            q = k - 2
            while q > s0 and q > k - 6 and low[q] not in _ATTEND_WORDS:
                q -= 1
            if low[q] in _ATTEND_WORDS:
                r = q - 1 if low[q - 1] != "," else q - 2
                subj = ctx.ref_of(r)
                if subj is not None and v.kind(subj, PERSON):
                    person = subj.key
        elif low[k - 1] in ("was", "were") and p.end < v.sent.end and low[p.end] == "for":
            subj = ctx.ref_of(k - 2)
            if subj is not None and v.kind(subj, PERSON):
                person = subj.key
            elif low[k - 2] in ("he", "she"):
                person = ctx.antecedent(k - 2, (PERSON,))
        elif low[k - 1] == "speaking" and (k - 1 == s0 or low[k - 2] == ","):
            # "Speaking in Taipei on Tuesday, Huang said": the speaker after the comma
            comma = next(
                (q for q in range(p.end, min(v.sent.end, p.end + 6)) if low[q] == ","), None
            )
            if comma is None:
                continue
            # the speaker: the first person before the speech verb ("X chief executive Y said")
            said = next(
                (q for q in range(comma + 1, min(v.sent.end, comma + 9)) if low[q] in _SAID),
                None,
            )
            people = v.after(comma + 1, PERSON, limit=said - comma - 1) if said else []
            if people:
                person = people[0].key
        if person is not None:
            yield from _emit(
                v.fact(person, Relation.visited, p.key, "visited.presence", 0.75, (k, p.end))
            )


RULES: dict[str, Rule] = {
    "makes": rule_makes,
    "outperforms": rule_outperforms,
    "rivals": rule_rivals,
    "restricts": rule_restricts,
    "seeksToBuy": rule_seeks,
    "leads": rule_leads,
    "basedIn.description": rule_based_in,
    "basedIn.place": rule_based_in_place,
    "visited": rule_visited,
    "visited.presence": rule_visited_presence,
}
