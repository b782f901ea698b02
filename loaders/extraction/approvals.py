"""Approvals: who lets whom buy, import or sell which chip, how many, on what conditions.

Approval sentences give ``approves`` facts (one per grantee) and n-ary
:class:`Approval` records grouped per (approver, chip). The status follows the
evidence: conditions stated anywhere for that approver make it ``Conditional``;
plain statements make it ``Granted``; only planned, hypothetical or review
language ("asked them to evaluate their requirements", "whether Beijing would
grant approval") makes it ``UnderReview``; a positive and a negated statement about
the same chip and grantee also mean it is not settled. Hypotheticals never become
``approves`` facts, and negated ones are kept as negated claims only.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from chipkg.loaders.extraction.context import ArticleContext, Ref
from chipkg.loaders.extraction.modality import Reading, attribution, clause_start, evidence
from chipkg.loaders.extraction.relations import (
    BUYER_NOUNS,
    CHIP,
    COMPANY,
    COUNTRY,
    ORG,
    PERSON,
    REGULATOR,
    Fact,
    SentenceView,
    Trigger,
    office_of,
)
from chipkg.loaders.extraction.resources import Resources, rule_words
from chipkg.ontology.identifiers import slug
from chipkg.ontology.models import (
    Approval,
    Condition,
    EntityType,
    Evidence,
    Modality,
    Relation,
    Status,
)

_NUM = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+$|^[0-9]+$|^[0-9]+\.[0-9]+$")
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Short scale suffixes of news copy: "30k chips", "1.2m GPUs".
_SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
_SHORT_SCALE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(k|m|mn|bn)$")
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "hundreds": 0,
}
_LISTS = rule_words("approvals")
_PLURAL_REF = _LISTS["plural_ref"]
_POSITIVE = (Modality.Asserted, Modality.Reported)
_NOUN_FORMS = _LISTS["noun_forms"]
_SEEKING = _LISTS["seeking"]
_REQUESTS = _LISTS["requests"]
_DEAL_NOUNS = _LISTS["deal_nouns"]
_MAKER_RULES = _LISTS["maker_rules"]
#: Words that make a chip's maker a grantee ("licensed Nvidia to sell", "export licences").
_SELLER_WORDS = frozenset(
    {"sell", "selling", "sales", "sale", "export", "exports", "exporting", "ship", "shipping"}
    | {"shipment", "shipments", "supply", "licence", "licences", "license", "licenses", "licensed"}
    | {"resume", "deliver", "deliveries"}
)
_STRONG = _LISTS["strong"]
#: Words that end the modifiers between a firm and a chip noun ("Nvidia AI chips").
_NOT_MODIFIERS = _LISTS["not_modifiers"]
#: Nouns by which a later sentence refers back to an approval ("The licences allow ...").
_APPROVAL_NOUNS = _LISTS["approval_nouns"]
#: Regulator nouns after a demonym: "Indonesian regulators approved ...".
_STATE_NOUNS = _LISTS["state_nouns"]
_BUYER_NOUN_SET = frozenset(BUYER_NOUNS)
#: Nouns after which "by X" names the seller: "approved the sale of H20 chips by Nvidia".
_SELLER_NOUNS = frozenset(_LISTS["seller_nouns"])
#: Nouns that make a firm before a chip the one selling or licensed, not only its maker.
_HELD_NOUNS = _SELLER_NOUNS | frozenset(_APPROVAL_NOUNS) | frozenset(_LISTS["requests"])


def _before_firm(v: SentenceView, ref: Ref) -> int:
    """Return the index of the word before a firm's name, past a "Kyoto-based" modifier."""
    k = ref.start - 1
    if v.low[k - 1 : k + 1] != ["-", "based"]:
        return k
    place = v.ctx.ref_of(k - 2)
    if place is not None:
        return place.start - 1  # "by Kyoto-based X"
    q = k - 2
    while q > v.sent.start and q > k - 5 and v.ctx.orth[q][:1].isupper():
        q -= 1  # "by Graz-based X", a place the gazetteer does not know
    return q


def _seller_by(v: SentenceView, ref: Ref) -> bool:
    """Return True when the firm sells the goods ("the sale of X chips by Y", "Y's X sales")."""
    low = v.low
    if ref.end < v.sent.end and low[ref.end] in ("'s", "’s"):
        # "approved Nvidia's H200 sales": the firm's own sales
        if (
            ref.start - 2 >= v.sent.start
            and low[ref.start - 1] == "of"
            and low[ref.start - 2] in _SELLER_NOUNS
        ):
            return True  # "the export of AMD's MI308 chips": AMD exports them
        # "approved Nvidia's H20 licences": the firm's own licences
        return bool(_HELD_NOUNS.intersection(low[ref.end + 1 : min(v.sent.end, ref.end + 4)]))
    for k in range(ref.end, min(v.sent.end, ref.end + 4)):
        # "approves Nvidia H200 sales": the firm, a chip and the sales noun
        if low[k] in _HELD_NOUNS:
            return k > ref.end
        if low[k] in _NOT_MODIFIERS:
            break
    by = _before_firm(v, ref)
    if by <= v.sent.start or low[by] != "by":
        return False
    # "the export of up to 4,500 Lanyu LX-5 accelerators made by X": past the chip's phrase
    reach = 12 if low[by - 1] in _MADE_FORMS else 8
    window = low[max(v.sent.start, by - reach) : by]
    return bool(_SELLER_NOUNS.intersection(window)) and not _BUYER_NOUN_SET.intersection(window)


_MADE_FORMS = frozenset({"made", "designed", "built", "produced", "manufactured", "developed"})


def _regulator_subject(v: SentenceView, t: Trigger) -> bool:
    """Return True when the word right before a refusal verb names a regulator."""
    k = t.start - 1
    while k > v.sent.start and v.low[k] in ("has", "have", "had", "also", "flatly", "reportedly"):
        k -= 1
    if v.low[k] == "," and k - 1 > v.sent.start:
        # "The ministry, known as METI, turned down ...": the subject before the aside
        k = next((q - 1 for q in range(k - 1, max(v.sent.start, k - 8), -1) if v.low[q] == ","), k)
    if v.low[k] == ")" and "(" in v.low[max(v.sent.start, k - 4) : k]:
        # "the Ministry of Trade (MITI) has declined to grant": the name before the acronym
        k = max(q for q in range(max(v.sent.start, k - 4), k) if v.low[q] == "(") - 1
    ref = v.ctx.ref_of(k)
    if ref is not None:
        return v.kind(ref, REGULATOR)
    if k > v.sent.start and v.low[k - 1] == "the" and v.resolve(k - 1, REGULATOR):
        return True  # "the ministry has refused to grant ..."
    if k - 1 > v.sent.start and v.low[k - 2 : k] == ["the", "same"] and v.resolve(k - 2, REGULATOR):
        return True  # "The same ministry turned down ..."
    if _bare_officials(v, t.start) is not None:
        return True  # "Regulators rejected X's request"
    if v.low[k] in ("and", "but") and v.before(k, REGULATOR) is not None:
        return True  # "the department approved X's request but rejected Y's application"
    if v.low[k] != "it":
        return False
    if v.ctx.antecedent(k, (REGULATOR, ORG)) in {r.key for r in v.of(REGULATOR)}:
        return True
    if k == v.sent.start:
        # "The department approved licences for X. It rejected a request by Y": a
        # sentence-opening "it" is the subject of the sentence before
        key = v.ctx.antecedent(k, (REGULATOR, ORG), salient=True)
        if key is not None and v.ctx.is_(key, REGULATOR):
            return True
    # "The department also said it had denied ...": the speaker refuses
    return k - 1 > v.sent.start and v.low[k - 1] in _SPEECH and _speaker_regulator(v, k - 1)


def _speaker_regulator(v: SentenceView, verb: int) -> bool:
    """Return True when the subject of a speech verb is a regulator ("the department said")."""
    k = verb - 1
    while k > v.sent.start and v.low[k] in ("also", "has", "had", "have", "later"):
        k -= 1
    ref = v.ctx.ref_of(k)
    if ref is not None:
        return v.kind(ref, REGULATOR)
    return k > v.sent.start and v.low[k - 1] == "the" and v.resolve(k - 1, REGULATOR) is not None


def _definite_regulator(v: SentenceView) -> str | None:
    """Return the regulator a definite description in the sentence names ("the ministry said")."""
    for k in range(v.sent.start, v.sent.end - 1):
        if v.low[k] == "the" and v.low[k + 1] in v.res.words["definite_regulator"]:
            key = v.resolve(k, REGULATOR)
            if key:
                return key
    return None


def _passive_refusal(v: SentenceView, t: Trigger) -> bool:
    """Return True when a regulator refuses someone in the passive voice.

    "X was denied a licence ... by the ministry", "X's application to import Y was
    rejected by the ministry", "X was refused permission to import Y, the ministry said":
    the subject is a firm or a firm's request; the regulator is named after "by", or
    anywhere in the sentence when an approval noun follows the verb ("refused permission").
    """
    low = v.low
    k = t.start - 1
    while k > v.sent.start and low[k] in ("also", "reportedly", "been", "flatly"):
        k -= 1
    if low[k] not in ("was", "were", "is", "are", "been", "had", "has"):
        return False
    by = [
        r
        for r in v.of(REGULATOR)
        if r.start > t.end
        and (
            low[r.start - 1] in ("by", "the")
            # "rejected by Japan's Ministry of ...": the country's body
            or (low[r.start - 1] in ("'s", "’s") and r.start - t.end <= 5)
        )
        and "by" in low[t.end : r.start]
    ]
    nxt = [w for w in low[t.end : min(v.sent.end, t.end + 3)] if w not in ("a", "an", "the")]
    refused_approval = bool(nxt) and (
        nxt[0] in _APPROVAL_NOUNS or (nxt[0] in ("export", "import") and nxt[1:2] == ["licence"])
    )
    if not by and not (refused_approval and v.of(REGULATOR)) and not _definite_regulator(v):
        return False  # the refusing regulator must be named in the sentence
    subj = v.ctx.ref_of(k - 1)
    if subj is not None and v.kind(subj, COMPANY):
        return True
    # "Korvo's application to import ZX720 chips was rejected by the ministry"
    lo = clause_start(v.ctx, v.sent, k)
    for q in range(k - 1, lo - 1, -1):
        if low[q] in _REQUESTS:
            owner = v.before(q + 1, COMPANY, floor=lo)
            return owner is not None
    return _request_by(v, k) is not None


def _request_by(v: SentenceView, k: int) -> Ref | None:
    """Return the firm of a request set off before the verb at ``k``.

    "A second application, by X to export 800 H100 chips to Y, was rejected": the
    subject is a request noun, its firm follows "by" in the aside.
    """
    low = v.low
    if low[k - 1] != ",":
        return None
    for q in range(v.sent.start, min(k, v.sent.start + 4)):
        if low[q] in _REQUESTS and low[q + 1 : q + 3] == [",", "by"]:
            # "by X", or "by Bangkok-based X": the firm after a place modifier
            return next(iter(v.after(q + 3, COMPANY, limit=8)), None)
    return None


def _segment(v: SentenceView, i: int) -> tuple[int, int]:
    """Return the token range around ``i`` between strong clause boundaries."""
    lo = i
    while lo > v.sent.start and v.low[lo - 1] not in _STRONG:
        lo -= 1
    hi = i
    while hi < v.sent.end and v.low[hi] not in _STRONG:
        hi += 1
    return lo, hi


def _aside_end(v: SentenceView, t: Trigger) -> int | None:
    """Return where the verb's object starts after a condition set off by commas.

    "approved, subject to conditions, the sale of 5,000 H200 chips to X": the aside
    right after the verb ends at its comma, and the object follows it.
    """
    low = v.low
    if t.end >= v.sent.end or low[t.end] != ",":
        return None
    if not any(c.kind == "condition_cues" and c.start == t.end + 1 for c in v.triggers):
        return None
    for k in range(t.end + 2, min(v.sent.end - 1, t.end + 12)):
        if low[k] == ",":
            return k + 1
    return None


def _maker_position(v: SentenceView, ref: Ref) -> bool:
    """Return True when an organisation is named as a maker ("Nvidia AI chips")."""
    low = v.low
    nouns = v.res.words["chip_nouns"]
    k = ref.end
    if k < v.sent.end and low[k] in ("'s", "’s"):
        k += 1
    for m in range(k, min(v.sent.end, k + 5)):
        if low[m] in nouns:
            return True
        if low[m] == "-":
            continue
        if not low[m].isalpha() or low[m] in _NOT_MODIFIERS:
            break  # "Korvo on condition that the chips ...": not a noun phrase
    if ref.start - 2 < v.sent.start or low[ref.start - 1] not in ("from", "of", "by"):
        return False
    # "chips from Nvidia", "H200 chips from Nvidia" (but "applications from X")
    before = v.ctx.ref_of(ref.start - 2)
    if _seller_by(v, ref):
        return False  # "the sale of H20 chips by Nvidia": the seller
    if low[ref.start - 1] == "by" and any(
        low[q] in BUYER_NOUNS for q in range(max(v.sent.start, ref.start - 12), ref.start - 1)
    ):
        # "purchases of ZX720 chips by Brightmoor", "the purchase of more than 400,000
        # ZX720 chips by Brightmoor": the buyer
        return False
    return low[ref.start - 2] in nouns or (before is not None and v.kind(before, CHIP))


@dataclass
class _Raw:
    approver: str
    grantees: list[str]
    chip: str
    fact_reading: Fact | None
    evidence: Evidence
    modality: Modality
    review: bool = False
    quantity: int | None = None
    denied: bool = False
    sent: int = -1
    #: a deal of its own, not merged with the same approver's other approvals of the chip
    #: ("A smaller order from X was also cleared")
    deal: bool = False


@dataclass
class _Group:
    approver: str
    chip: str
    grantees: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    modalities: set[Modality] = field(default_factory=set)
    review: bool = False
    quantity: int | None = None
    #: grantees some positive statement names (the others were only asked about or reviewed)
    settled_grantees: set[str] = field(default_factory=set)
    #: the number a positive statement gives, and the numbers asked for by grantee
    given_quantity: int | None = None
    asked: dict[str, int] = field(default_factory=dict)


def _number(v: SentenceView, i: int) -> int | None:
    low = v.low
    w = low[i]
    value: float | None = None
    short = _SHORT_SCALE.match(w)
    if _NUM.match(w):
        value = float(w.replace(",", ""))
    elif w in _WORDS:
        value = float(_WORDS[w])
    elif short:
        value = float(short.group(1)) * _SHORT_SCALES[short.group(2)]  # "30k chips"
    if value is None:
        return None
    if i + 1 < v.sent.end and low[i + 1] in _SCALE:
        value *= _SCALE[low[i + 1]]
    elif i + 1 < v.sent.end and low[i + 1] in _SHORT_SCALES and v.ctx.space_after[i] == "":
        value *= _SHORT_SCALES[low[i + 1]]  # "1.2m chips" ("1.2", "m")
    return int(value) if value >= 100 else None


#: Words before a number that make it an amount allowed ("up to", "as many as").
_QUANTITY_MARKERS = tuple(_LISTS["quantity_markers"])
#: Count nouns that stand for chips in a quantity ("3,000 units").
_COUNT_NOUNS = frozenset({"units", "pieces"})


def _quantity(v: SentenceView, lo: int, hi: int | None = None) -> int | None:
    """Return the number of chips given from token ``lo`` ("over 400,000 H200 chips")."""
    words = v.res.words
    end = v.sent.end if hi is None else hi
    low = v.low
    for i in range(lo, end):
        # "35,000 chips each, or 70,000 in total": a stated total wins over a share
        if low[i + 1 : i + 3] in (["in", "total"], ["between", "them"]) or low[i + 1 : i + 2] in (
            ["combined"],
            ["altogether"],
        ):
            q = _number(v, i)
            if q is not None and not (i > 0 and low[i - 1] in ("$", "us$")):
                return q
    for i in range(lo, end):
        q = _number(v, i)
        if q is None or (i > 0 and v.low[i - 1] in ("$", "us$")):
            continue
        # "up to 12,000 of its Rebel Quad AI accelerators": a quantity phrase reaches
        # further for its noun than a bare number
        marked = " ".join(low[max(lo, i - 3) : i]).endswith(_QUANTITY_MARKERS)
        for k in range(i + 1, min(end, i + (10 if marked else 6))):
            ref = v.ctx.ref_of(k)
            w = v.low[k]
            if w in words["chip_nouns"] or w in _COUNT_NOUNS:
                return q
            if ref is not None and v.kind(ref, CHIP):
                return q
    return None


def _approver(v: SentenceView, t: Trigger) -> str | None:
    low, ctx = v.low, v.ctx
    j = t.start - 1
    if j > v.sent.start and low[j] in ("'s", "’s"):
        ref = ctx.ref_of(j - 1)
        if ref is not None and v.kind(ref, REGULATOR):
            return ref.key
    ref = v.before(t.start, REGULATOR)
    if ref is not None:
        return ref.key
    for k in range(t.end, min(v.sent.end, t.end + 4)):
        if low[k] in ("by", "from") and k + 1 < v.sent.end:
            nxt = ctx.ref_of(k + 1) or ctx.ref_of(k + 2)
            if (
                nxt is not None
                and v.kind(nxt, COUNTRY)
                and low[nxt.end : nxt.end + 1] in (["'s"], ["’s"])
            ):
                body = ctx.ref_of(nxt.end + 1)  # "from Japan's Ministry of ...": the body
                nxt = body if body is not None and v.kind(body, REGULATOR) else nxt
            if nxt is not None and v.kind(nxt, REGULATOR):
                return nxt.key
    state = _country_state(v, t)
    if state is not None:
        return state
    k = t.start - 1
    while k > v.sent.start and low[k] in _HEAD_AUX:
        k -= 1
    if low[k] == "it":
        # "The department has been reviewing requests. On Friday it approved one from X":
        # "it" is the regulator when the nearest body before it is one
        key = ctx.antecedent(k, (REGULATOR, ORG))
        if key is not None and ctx.is_(key, REGULATOR):
            return key
    for k in range(v.sent.start, t.start):
        if low[k] == "the":
            key = v.resolve(k, REGULATOR)
            if key:
                return key
    return _demonym_state(v, v.sent.start, t.start) or _bare_officials(v, t.start)


#: Words between a head of state and the granting verb ("Trump has also agreed to allow").
_HEAD_AUX = frozenset(_LISTS["head_aux"])


def _country_state(v: SentenceView, t: Trigger) -> str | None:
    """Return the government of a country an approval comes from.

    "won approval to import 5,000 H200 chips from the United States": a country after
    "from" (within the approval's clause) stands for its government, when the approval
    is a noun ("approval", "licences") the subject received.
    """
    low = v.low
    if low[t.end - 1] not in _APPROVAL_NOUNS:
        return None
    for k in range(t.end, min(v.sent.end, t.end + 12)):
        if low[k] in (",", ";", "but", "while"):
            return None
        if low[k] != "from":
            continue
        nxt = v.ctx.ref_of(k + 1) or v.ctx.ref_of(k + 2)
        if nxt is None or not v.kind(nxt, COUNTRY):
            continue
        entry = v.res.lookup(v.ctx.entities[nxt.key].label)
        if entry is not None and entry.government:
            gov = v.res.lookup(entry.government)
            if gov is not None:
                return v.ctx.entity(gov.label, gov.type, gov.wikidata)
    return None


def _head_of_state(v: SentenceView, t: Trigger) -> str | None:
    """Return the government whose head grants: "Trump approved ...", "he would allow ...".

    The head of state is the verb's subject: right before it, but for auxiliaries.
    """
    k = t.start - 1
    if v.low[k] in ("be", "been", "is", "are", "was", "were"):
        # "Trump said Nvidia would be allowed to ...": the speaker grants
        for q in range(t.start - 2, v.sent.start, -1):
            if v.low[q] in _SPEECH:
                k = q
                break
        else:
            return None
        k -= 1
    while k > v.sent.start and v.low[k] in _HEAD_AUX:
        k -= 1
    if v.low[k] in ("he", "she"):
        person = v.ctx.antecedent(k, (PERSON,))
        return office_of(v, person) if person else None
    subj = v.ctx.ref_of(k)
    return office_of(v, subj.key) if subj is not None and v.kind(subj, PERSON) else None


_GOVERNMENT_HEADS = _LISTS["government_heads"]
#: Titles of those who speak for a ministry ("his ministry had approved ...").
_MINISTERS = _LISTS["ministers"]
#: "his government", "her ministry": the body a speaker's possessive stands for.
_SPOKEN_BODIES = frozenset({"government", "ministry", "department", "agency"})


def _speaker_government(v: SentenceView, t: Trigger) -> str | None:
    """Return the government a head of government speaks for: "his government had approved".

    "Prime Minister X said on Tuesday his government had approved a request by Y": the
    subject is "his/her government" and the speaker before the speech verb holds a head
    of government's title (or the gazetteer knows his office). The government is that
    office, else the regulator the story names in this or the next two sentences (the
    ministry that issued the permit).
    """
    low = v.low
    k = t.start - 1
    while k > v.sent.start and low[k] in _HEAD_AUX:
        k -= 1
    if low[k] not in _SPOKEN_BODIES or low[k - 1] not in ("his", "her"):
        return None
    speech = next((q for q in range(k - 2, v.sent.start, -1) if low[q] in _SPEECH), None)
    if speech is None:
        return None
    person = v.before(speech, PERSON)
    if person is None:
        return None
    office = office_of(v, person.key)
    if office is not None:
        return office
    title = " ".join(low[max(v.sent.start, person.start - 2) : person.start])
    heads = _GOVERNMENT_HEADS if low[k] == "government" else _MINISTERS
    if not any(title.endswith(head) for head in heads):
        return None
    ctx = v.ctx
    for idx in range(v.sent.index, min(len(ctx.sentences), v.sent.index + 3)):
        for ref in ctx.sent_refs[idx]:
            if ctx.is_(ref.key, REGULATOR):
                return ref.key
    # "Trade Minister X said his ministry had approved ...": the ministry named before
    return ctx.antecedent(person.start, (REGULATOR,)) if low[k] != "government" else None


def _bare_officials(v: SentenceView, i: int) -> str | None:
    """Return the regulator "Regulators rejected ..." refers to (the last one named)."""
    k = i - 1
    while k > v.sent.start and v.low[k] in ("have", "has", "had", "also", "reportedly"):
        k -= 1
    if v.low[k] not in _OFFICIAL_WORDS or k > v.sent.start + 1:
        return None  # only as the sentence's subject
    return v.ctx.antecedent(k, (REGULATOR,), back=6)


def _demonym_state(v: SentenceView, lo: int, hi: int) -> str | None:
    """Return the government a demonym + state noun names ("Indonesian regulators")."""
    orth, low = v.ctx.orth, v.low
    for k in range(lo, hi):
        for size in (2, 1):
            name = " ".join(orth[k : k + size])
            if name in v.res.demonyms and k + size < hi and low[k + size] in _STATE_NOUNS:
                entry = v.res.lookup(v.res.demonyms[name])
                if entry is not None and entry.government:
                    gov = v.res.lookup(entry.government)
                    if gov is not None:
                        return v.ctx.entity(gov.label, gov.type, gov.wikidata)
                    return v.ctx.entity(entry.government, REGULATOR)
    return None


def _makers(facts: list[Fact]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if f.predicate is Relation.makes and f.reading.modality is not Modality.Negated:
            out[f.object].add(f.subject)
    return out


def read_approvals(
    ctx: ArticleContext, views: list[SentenceView], facts: list[Fact]
) -> tuple[list[Fact], list[Approval]]:
    """Return the approval facts (approves / conditionallyApproves) and n-ary approvals."""
    makers = _makers(facts)
    made_by: dict[str, list[str]] = defaultdict(list)
    for chip, firms in makers.items():
        for firm in firms:
            made_by[firm].append(chip)
    chip_counts = Counter(r.key for r in ctx.refs if ctx.is_(r.key, CHIP))
    topic_chip = chip_counts.most_common(1)[0][0] if chip_counts else None
    raws: list[_Raw] = []
    conditions: dict[str | None, list[tuple[int, str]]] = defaultdict(list)
    para = _paragraphs(ctx)
    last_grantees: list[str] = []
    last_chip: str | None = None
    last_approver: str | None = None
    last_sent = -10
    sentence_makers: dict[int, set[str]] = defaultdict(set)
    leaders = {
        f.subject: f.object
        for f in facts
        if f.predicate is Relation.leads and ctx.is_(f.object, REGULATOR)
    }
    for f in facts:
        if f.predicate is Relation.makes and f.rule in _MAKER_RULES:
            sentence_makers[f.sent.index].add(f.subject)
    by_index = {v.sent.index: v for v in views}
    unnamed: list[tuple[SentenceView, Trigger, str, str]] = []
    for v in views:
        raws.extend(_named_after(v, unnamed, makers))
        res = v.res
        words = res.words
        low = v.low
        restrict_spans = {
            i for t in v.triggers if t.kind == "restrict_triggers" for i in range(t.start, t.end)
        }
        # "withheld approval", "refused to grant": an approval word inside a refusal phrase
        deny_spans = {
            i
            for t in v.triggers
            if t.kind == "deny_triggers" and t.end - t.start > 1
            for i in range(t.start, t.end)
        }
        complement = not words["approval_complements"].isdisjoint(low[v.sent.start : v.sent.end])
        chips = v.of(CHIP)
        reviewing = any(t.kind == "review_cues" for t in v.triggers)
        if reviewing and all(
            " ".join(low[t.start : t.end]) in _REVIEW_NOUN_CUES
            for t in v.triggers
            if t.kind == "review_cues"
        ):
            # "..., rejecting its licence application": a request the sentence refuses
            # is no request under review
            reviewing = not any(t.kind == "deny_triggers" for t in v.triggers)
        done: set[tuple[str, str, str]] = set()
        sentence_grantees: list[str] = []
        for t in v.triggers:
            # "X's bid to sell ... was blocked by the ministry": a request refused
            blocked = t.kind == "restrict_triggers" and _blocked_request(v, t)
            deny = t.kind == "deny_triggers" or blocked
            if t.kind != "approve_triggers" and not deny:
                continue
            if deny and low[t.start] == "declined" and low[t.end : t.end + 1] == ["to"]:
                continue  # "declined to comment" ("declined to approve" is its own phrase)
            # "blocked a sale of Y to X": a refusal phrase beats the restriction verb in it,
            # when it names the chip
            if (
                not blocked
                and any(i in restrict_spans for i in range(t.start, t.end))
                and not (deny and t.end - t.start > 1 and v.after(t.end, CHIP, limit=8))
                and not _received(v, t)  # "X secured export permits for ...": a grant
            ):
                continue  # ("will not allow Nvidia to sell the H20": a rule, no refusal)
            if not deny and any(i in deny_spans for i in range(t.start, t.end)):
                continue
            if not deny and _refused_noun(v, t):
                continue  # "revoked X's licence to sell", "denied export licences for"
            if not deny and _withdrawn_licence(v, t):
                continue  # "suspended the licence that allowed X", "X's licence was revoked"
            if any(low[k] == "without" for k in range(max(v.sent.start, t.start - 4), t.start)):
                continue
            if (
                low[t.start] in ("approved", "authorised", "authorized", "licensed", "cleared")
                and t.end < v.sent.end
                and low[t.end] in _VETTED_NOUNS
            ):
                continue  # "to approved customers in China": an adjective, no decision
            if not deny and _NEEDS.intersection(low[max(v.sent.start, t.start - 4) : t.start]):
                continue  # "ASML will need a national export licence": a rule, no grant
            if _inside_terms(v, t):
                continue  # "officials must be allowed on-site inspections": a term, no grant
            if not deny and not v.of(REGULATOR):
                # "A smaller order from X, a cloud operator, was also cleared."
                story = _story_refusal(v, t, raws, makers, positive=True)
                if story is not None:
                    raws.append(story)
                    continue
            if deny and not chips:
                # "Korvo asked for a licence. The application was rejected."
                request = _request_refused(v, t, raws, para)
                if request is not None:
                    raws.append(_refusal_of(v, t, request))
                    continue
                had = _had_refused(v, t, raws)  # "X had its request turned down"
                if had is not None:
                    raws.append(had)
                    continue
                if not _regulator_subject(v, t):
                    # "Another application, from X, was rejected because ...": the story's
                    # chip, by the story's regulator
                    story = _story_refusal(v, t, raws, makers)
                    if story is not None:
                        raws.append(story)
                        continue
            ahead: list[Ref] = [] if chips else _definite_chip(v, t)
            behind: SentenceView | None = None
            referred = not chips and not deny and not ahead and _refers_back(v, t)
            if not chips and not deny and not ahead and (referred or not complement):
                # "approved exports of Nvidia's most advanced chips to G42": the chip is
                # named by the next sentence of the paragraph ("The licences allow ...
                # 70,000 GB300 chips")
                ahead = _chips_ahead(v, t, by_index, para, referred)
                if not ahead and referred:
                    # "Nvidia applied for licences to sell the H20. The department has
                    # approved the licences": the story told just before
                    behind = _story_behind(v, by_index, para)
                    ahead = _models_first(behind.of(CHIP))[:1] if behind else []
            # "Baidu, which also applied, has not received approval": the story's chip
            unreceived = not deny and last_chip is not None and _not_received(v, t)
            if not chips and not complement and not ahead and not unreceived:
                # "granted licences to X last month": the chip and quantity may follow in
                # the next sentence ("The licences allow X to import up to 500,000 chips")
                if not deny and any(
                    low[k] in _APPROVAL_NOUNS or low[k] in _REQUESTS
                    # "approved two export applications. One allows X to ship ..."
                    for k in range(t.start, min(v.sent.end, t.end + 4))
                ):
                    pending = _approver(v, t)
                    if pending is not None:
                        last_approver, last_sent = pending, v.sent.index
                continue
            nxt = low[t.end : t.end + 2]
            if (nxt[:1] == ["it"] and not _firm_it(v, t.end)) or (
                nxt[:1] == ["the"]
                and nxt[1:]
                and nxt[1] in _DEAL_NOUNS
                and not (
                    t.end + 2 < v.sent.end
                    and low[t.end + 2] == "of"
                    and v.after(t.end + 3, CHIP, limit=6)
                )
            ):
                # "the regulator cleared it (the deal) on condition that ...", but "approved
                # the purchase of 400,000 H200 chips by X" is a purchase of chips
                continue
            if _company_deal(v, t):
                continue  # "SAMR cleared Nvidia's purchase of Mellanox": a takeover, no chips
            if low[t.start] in _ISSUE_VERBS and not any(
                low[k] in _APPROVAL_NOUNS or low[k] == "them"
                for k in range(max(v.sent.start, t.start - 3), min(v.sent.end, _issued_end(v, t)))
            ):  # "issued licences to X", "licences were issued to X", "issued X a permit"
                continue
            if low[t.start] == "licensing" and not _licenses_goods(v, t):
                continue  # "began licensing H200 exports", not "a licensing regime"
            if low[t.start] == "licensed" and not (_licenses_firm(v, t) or _licenses_sale(v, t)):
                continue  # "licensed Halvard to sell", not "licensed technology"
            approver = _approver(v, t)
            head = approver is None and not deny and _head_of_state(v, t) is not None
            if head:
                approver = _head_of_state(v, t)  # "Trump approved ...": his government
            if approver is None and not deny:
                approver = _speaker_government(v, t)  # "the premier said his government ..."
            if deny and not (_regulator_subject(v, t) or _passive_refusal(v, t)):
                participle = _participle_refusal(v, t)
                if participle is not None:
                    raws.append(participle)
                    continue
                # "Korvo asked for a licence. The application was rejected."
                request = _request_refused(v, t, raws, para)
                if request is not None:
                    raws.append(_refusal_of(v, t, request))
                else:
                    story = (
                        _story_refusal(v, t, raws, makers)
                        or _refused_request(v, t, raws, makers)
                        or _had_refused(v, t, raws)
                    )
                    if story is not None:
                        raws.append(story)
                continue  # "an accusation the company denies": only a regulator refuses
            if approver is None and v.of(REGULATOR):
                approver = v.of(REGULATOR)[0].key  # "licences were granted ..., the ministry said"
            if approver is None and deny:
                approver = _definite_regulator(v)  # "... was rejected, the ministry said"
            if approver is None:
                if any(low[k] == "administration" for k in range(v.sent.start, t.start)):
                    approver = ctx.entity("US government", REGULATOR)
                elif last_approver is not None and v.sent.index - last_sent <= 4:
                    approver = last_approver
                elif not deny and _receiver_before(v, t, v.sent.start, set()):
                    # "AMD said it had been granted licences": the regulator named last
                    approver = ctx.antecedent(t.start, (REGULATOR,), back=6)
                    if approver is None:
                        # "X has received the go-ahead to sell ... . The ministry
                        # confirmed the decision": the regulator the story names next
                        approver = _regulator_ahead(v, para)
                    if approver is None:
                        continue
                else:
                    continue
            excluded = set(sentence_makers.get(v.sent.index, ()))
            lo, hi = _segment(v, t.start)
            aside = _aside_end(v, t) or t.end
            if aside > t.end:
                hi = _segment(v, aside)[1]  # "approved, subject to conditions, the sale of ..."
            # a firm inside the approval's terms is no grantee ("on condition that buyers
            # purchase domestic chips alongside each Nvidia order")
            hi = min(
                [hi]
                + [
                    c.start
                    for c in v.triggers
                    if c.kind == "condition_cues"
                    and c.start >= t.end
                    and c.start < hi
                    and " ".join(low[c.start : c.end]) in _INTRODUCERS_OR_LISTS
                    and c.start >= aside  # not an aside before the object
                ]
            )
            if head and low[t.start - 1] not in ("be", "been", "is", "are", "was", "were"):
                lo = max(lo, t.end)  # the head of state grants to those named after him
            grantees = []
            dest = _destination(v, t, lo, hi)
            for r in v.of(ORG):
                if r.start < lo or r.start >= hi or v.kind(r, REGULATOR) or r.start >= dest:
                    continue
                if (
                    ctx.type_of(r.key) is EntityType.NewsOutlet
                    or (r.key in excluded and not _seller_by(v, r))
                    or r.key == approver
                ):
                    continue
                if _maker_position(v, r):
                    continue
                if r.key not in grantees:
                    grantees.append(r.key)
            if (
                not grantees
                and lo - 3 >= v.sent.start
                and low[lo - 1] == "which"
                and low[lo - 2] == ","
                and "," in low[lo : t.start]
            ):
                # "X, which paid $4m for servers, won approval ...": the subject before "which"
                subject = ctx.ref_of(lo - 3)
                if subject is not None and v.kind(subject, COMPANY) and subject.key not in excluded:
                    grantees = [subject.key]
            if not grantees:
                for k in range(t.start, min(v.sent.end, t.end + 8)):
                    if low[k] in ("the", "it"):
                        key = v.resolve(k, COMPANY)
                        if key and key not in excluded:
                            grantees = [key]
                            break
                    if (
                        low[k] in ("its", "their")
                        and k + 1 < v.sent.end
                        and low[k + 1] in _REQUESTS
                    ):
                        # "approved its request to buy ...": the firm asking (no one
                        # approves its own request, so not the regulator), the subject
                        # the text is about
                        key = ctx.antecedent(k, (COMPANY,), salient=True)
                        if key and key not in excluded and not ctx.is_(key, REGULATOR):
                            grantees = [key]
                            break
            if not grantees:
                # "The company said it had received licences ...": the receiver before
                grantees = _receiver_before(v, t, lo, excluded)
            window = range(max(v.sent.start, t.start - 6), min(v.sent.end, t.end + 3))
            if not grantees and any(low[k] in _PLURAL_REF for k in window):
                grantees = list(last_grantees)
            named_chips = _models_first(v.after(t.end, CHIP) or chips or ahead)
            if (
                not grantees
                and named_chips
                and named_chips[0].key == last_chip
                and low[t.end : t.end + 1] == ["the"]
                and low[t.end + 1 : t.end + 2] in ([w] for w in _GOODS_NOUNS)
            ):
                # "... allowed X to purchase H200 processors. The NDRC approved the purchase of
                # about 40,000 H200 chips last week": the purchase told before, X's
                grantees = list(last_grantees)
            if named_chips and not any(low[k] in _SELLER_WORDS for k in range(lo, hi)):
                # the chip's maker is no grantee unless the text licenses it to sell
                grantees = [g for g in grantees if g not in makers.get(named_chips[0].key, ())]
            if not grantees and "such" in low[max(v.sent.start, t.start - 3) : t.start]:
                grantees = list(sentence_grantees)  # "may allow X ... but no such approval"
            if not grantees and behind is not None and ahead:
                grantees = _grantees_behind(behind, ahead[0].key, approver, makers)
            chip_keys = [c.key for c in _models_first(v.after(t.end, CHIP) or chips or ahead)]
            if len(chip_keys) == 1 and not any(
                ch.isdigit() for ch in ctx.entities[chip_keys[0]].label
            ):
                # "approved Nvidia's application to export Blackwell chips to G42. The licence
                # covers 35,000 GB300 processors": the model the licence names, not the family
                model = _chips_ahead(v, t, by_index, para)
                if model and any(ch.isdigit() for ch in ctx.entities[model[0].key].label):
                    chip_keys = [model[0].key]
            if (
                not grantees
                and chip_keys
                and low[t.start]
                in (
                    "issued",
                    "issuing",
                    "started issuing",
                    "granting",
                    "began granting",
                    "licensing",
                )
            ):  # "began licensing H200 exports": the chip's maker exports it
                grantees = sorted(makers.get(chip_keys[0], ()))
            if not grantees and deny:
                request = _request_refused(v, t, raws, para)
                if request is not None:  # "Officials rejected the request"
                    raws.append(_refusal_of(v, t, request))
                    continue
            if not grantees:
                if chip_keys and not deny:
                    # "approved the import of 18,000 chips by three cloud providers. The
                    # approvals cover X, Y and Z": the grantees may follow
                    unnamed.append((v, t, approver, chip_keys[0]))
                if (
                    not deny
                    and (
                        chip_keys
                        or not _REQUESTS.isdisjoint(low[t.end : min(v.sent.end, t.end + 4)])
                    )
                    and v.read(t.start, t.end).modality in _POSITIVE
                ):
                    # "... approved two export applications. One allows X to ship ...":
                    # the regulator of the approvals the next sentences tell
                    last_approver, last_sent = approver, v.sent.index
                continue
            same = [
                q for q in range(t.end, hi - 1) if low[q] == "same" and low[q + 1] in _SAME_BUYER
            ]
            if same and last_grantees and chip_keys:
                # "also granted AMD a licence to ship 5,000 MI355X chips to the same
                # company": the buyer (no chipmaker) of the approval told before
                chipmakers = {m for firms in makers.values() for m in firms}
                grantees += [g for g in last_grantees if g not in grantees and g not in chipmakers]
            sentence_grantees = list(grantees)
            reading = v.read(t.start, t.end)
            ask_from = max(clause_start(ctx, v.sent, t.start), _words_back(v, t.start, 7))
            decided = (
                reading.modality in _POSITIVE
                and low[t.start - 1] in ("was", "were", "been")
                and not _REQUESTS.isdisjoint(low[ask_from : t.start])
            )  # "X's request to buy 5,000 chips was approved by ...": the request decided
            if not decided and any(w in _SEEKING for w in low[ask_from : t.start]):
                # "has asked the ministry for permission to import": asked, not given
                # "awaiting approval", "applied for licences": asked for, not given
                reading = Reading(Modality.Planned, reading.attributed_to, True)
            elif reading.modality is Modality.Planned and _announced_grant(v, t):
                # "The administration will allow X to sell Y, with 25% of the proceeds going
                # to the government, Trump said": a stated decision with its terms
                reading = Reading(Modality.Reported, reading.attributed_to, False)
            if reading.modality is Modality.Negated and low[t.end - 1] in _NOUN_FORMS:
                # "not yet converting the approvals": the negation is not about the approval
                before = low[max(v.sent.start, t.start - 3) : t.start]
                if not any(w in ("no", "not", "without", "never") for w in before):
                    reading = Reading(
                        Modality.Reported if reading.attributed_to else Modality.Asserted,
                        reading.attributed_to,
                        reading.conditional,
                    )
            # "rejected X's application", "did not approve a request by X": a refusal
            segment_words = set(low[t.end : min(v.sent.end, t.end + 6)])
            before_t = low[max(v.sent.start, t.start - 3) : t.start]
            undecided = reviewing or (
                "yet" in before_t
                # "have not yet granted X permission": no decision yet
                and (bool(segment_words & _REQUESTS) or "not" in before_t)
            )
            if not deny and (
                (reading.modality is Modality.Negated and undecided)
                or any(
                    low[k : k + 2] == ["yet", "to"]
                    for k in range(max(ask_from, t.start - 6), t.start)
                )
            ):
                # "has not yet approved X's request, which remains under review", "has yet to
                # approve the licences": undecided
                reading = Reading(Modality.Planned, reading.attributed_to, True)
            if not deny and reading.modality is Modality.Negated and _not_received(v, t):
                # "Baidu, which also applied, has not received approval": still pending, for
                # the chip of the story's approvals
                reading = Reading(Modality.Planned, reading.attributed_to, True)
                if not chip_keys and last_chip is not None:
                    chip_keys = [last_chip]
            if not deny and "failed" in low[max(v.sent.start, t.start - 3) : t.start]:
                # "X failed to win approval from the ministry to export ...": refused
                reading = Reading(Modality.Negated, reading.attributed_to, False)
                deny = True
            denied = (
                deny
                or (
                    reading.modality is Modality.Negated
                    and (
                        bool(segment_words & _REQUESTS)
                        # "did not grant X a licence": a decision, not a pending request
                        or (
                            "did" in low[max(v.sent.start, t.start - 3) : t.start]
                            and bool(segment_words & _APPROVAL_NOUNS)
                        )
                    )
                )
            )
            # "X asked for licences to ship Y. The department has yet to approve the
            # licences": X's request waits (not a maker's story: "Beijing has yet to
            # allow those purchases" of Nvidia's chips by others)
            waiting = (
                "yet" in low[max(v.sent.start, t.start - 4) : t.start]
                and bool(chip_keys)
                and not any(g in makers.get(chip_keys[0], ()) for g in grantees)
            )
            if (
                behind is not None
                and reading.modality not in _POSITIVE
                and not denied
                and not (reading.conditional and waiting)
            ):
                # "Analysts expect the department to approve the licences": a story told
                # before is completed only by a decision, or a stated wait ("has yet to")
                continue
            if deny:
                reading = Reading(Modality.Negated, reading.attributed_to, False)
            # pair each grantee with a chip: the one in the sentence, else the one it makes
            pairs: list[tuple[str, str]] = []
            if not chip_keys and reading.modality not in _POSITIVE and not denied:
                # "has applied for US export licences for those chips": a request that
                # names no chip is no request for the story's chip
                continue
            listed = _listed_chips(v, t, hi) if len(chip_keys) > 1 else []
            for c, _ in listed:
                # "to import 2,000 H100 and 500 B200 chips", "allowed Nvidia and AMD to sell
                # H20 and MI308 chips": one approval per chip, a firm that makes only
                # another of the chips is no grantee of this one
                others = {m for o, _ in listed if o != c for m in makers.get(o, ())}
                others -= makers.get(c, set())
                pairs.extend((g, c) for g in grantees if g not in others)
            for g in grantees if not listed else ():
                if chip_keys:
                    pairs.append((g, chip_keys[0]))
                elif made_by.get(g):
                    pairs.append((g, made_by[g][0]))
                elif topic_chip:
                    pairs.append((g, topic_chip))
            ev = evidence(ctx, res, v.sent, "approves.trigger", 0.85, reading)
            quantity = None
            if reading.modality in _POSITIVE or denied or reading.conditional:
                # "to buy 12,000 H20 chips"; else "12,000 H20 chips were approved for X";
                # a refusal keeps the number asked for ("applied to move 3,000 chips")
                quantity = _quantity(v, t.end) or _quantity(
                    v, clause_start(ctx, v.sent, t.start), t.start
                )
                if quantity is None and (
                    (denied and _request_by(v, t.start - 1) is not None)
                    or not _REQUESTS.isdisjoint(low[v.sent.start : v.sent.start + 3])
                ):
                    # "A second application, by X to move 800 H100 chips ..., was rejected",
                    # "The request from X, for 2,000 chips, was granted": the number asked for
                    quantity = _quantity(v, v.sent.start, t.start)
            by_chip: dict[str, list[str]] = defaultdict(list)
            for g, c in pairs:
                by_chip[c].append(g)
            own = dict(listed)
            for c, gs in by_chip.items():
                if any(own.values()):
                    quantity = own.get(c)  # each chip of a list with its own number
                elif listed and c != listed[0][0]:
                    quantity = None  # the number stated is the first chip's or a total
                sig = (approver, c, ",".join(gs) + reading.modality.value)
                if sig in done:
                    continue
                done.add(sig)
                fact = None
                if not reading.conditional:
                    fact = Fact(
                        approver,
                        Relation.approves,
                        gs[0],
                        v.sent,
                        "approves.trigger",
                        0.85,
                        reading,
                    )
                raws.append(
                    _Raw(
                        approver,
                        gs,
                        c,
                        fact,
                        ev,
                        reading.modality,
                        review=reading.conditional,
                        quantity=quantity,
                        denied=denied,
                        sent=v.sent.index,
                        # "The first allows X to ship ... The second allows Y to ...": each
                        # of the approvals counted before is a deal of its own
                        deal=not denied and _enumerated(v) and last_sent < v.sent.index,
                    )
                )
            if reading.modality is not Modality.Negated and not reading.conditional:
                last_grantees = list(grantees)
                last_chip = chip_keys[0] if chip_keys else None
                last_approver, last_sent = approver, v.sent.index
        if not (raws and raws[-1].sent == v.sent.index):  # raws come in sentence order
            raws.extend(_permission(v, leaders))
        # under review: regulator asks firms to evaluate, submit requests ...
        # "approved an application by X": the application is the approved one
        # ("turned down Nvidia's application": the application is decided too)
        settled_here = (
            reviewing
            and any(
                a.kind in ("approve_triggers", "deny_triggers") and a.end <= r.start <= a.end + 5
                for a in v.triggers
                for r in v.triggers
                if r.kind == "review_cues"
            )
            and any(r.modality in _POSITIVE or r.denied for r in _since(raws, v.sent.index))
        )
        if reviewing and not settled_here:
            reviewers = [r.key for r in v.of(REGULATOR)]
            # "officials are reviewing it": the regulator of the approvals just reported
            recent = _since(raws, v.sent.index - 4)
            officials = _OFFICIAL_WORDS.intersection(low[v.sent.start : v.sent.end])
            # "a separate application from X is still being reviewed": by the same regulator
            # "A fourth applicant, X, has not yet received a decision": an applicant asks
            # ("X said it applied in August to ship ... and is still waiting for an answer")
            applicant = not (_APPLICANTS | _APPLIED).isdisjoint(low[v.sent.start : v.sent.end])
            # "X is still awaiting approval for 5,000 of the chips": the waiting firm asked
            applicant = applicant or any(
                low[q] in ("awaiting", "waiting")
                and low[q + 1 : q + 2] in ([w] for w in _APPROVAL_NOUNS)
                for q in range(v.sent.start, v.sent.end - 1)
            )
            asked = applicant or not _REQUESTS.isdisjoint(low[v.sent.start : v.sent.end])
            owned = [r for r in v.of(COMPANY) if _asks_to_sell(v, r)]
            if not reviewers and recent and (officials or owned or applicant):
                # "... though its licences are still under review": the regulator of
                # the approvals just reported
                reviewers = [recent[-1].approver]
            elif (
                not reviewers
                and raws
                and asked
                and _PASSIVE_REVIEW.intersection(low[v.sent.start : v.sent.end])
            ):
                reviewers = [raws[-1].approver]  # "is still being reviewed": the story's regulator
            # "AMD is waiting for a decision on its request to sell the MI325X": the maker
            # asks to sell its own chip
            reviewed = [
                r.key
                for r in v.of(COMPANY)
                if (_asks_to_sell(v, r) or not any(r.key in makers.get(c.key, ()) for c in chips))
                and not _possessor(v, r)  # "Pinewood's rival Kirin is still waiting"
            ]
            review_chip = chips[0].key if chips else None
            separate = False
            if review_chip is None and recent and asked and reviewers:
                # "A decision on Baidu's application to buy the chips is still pending":
                # the chip of the approvals just reported, for a firm new to them that
                # owns the request
                # the story's decision in this paragraph or the one before (wire copy gives
                # each sentence its own paragraph)
                near = [r for r in recent if para[v.sent.index] - para[r.sent] <= 1]
                separate_words = _SEPARATE.intersection(low[v.sent.start : v.sent.end])
                if not near and (separate_words or applicant):
                    # "A separate application ...": the story's decision a paragraph or two up
                    near = [r for r in recent if para[v.sent.index] - para[r.sent] <= 2]
                if near:
                    review_chip = near[-1].chip
                    known = {g for r in near for g in r.grantees} | makers.get(review_chip, set())
                    reviewed = [
                        r.key for r in v.of(COMPANY) if r.key not in known and _owns_request(v, r)
                    ]
                    if not reviewed and separate_words:
                        # "A separate application by X to ship 1,200 of the chips to Y is
                        # still under review": a new request of a firm the story named; the
                        # licence would be X's (Y is its destination, no grantee)
                        reviewed = [r.key for r in v.of(COMPANY) if _owns_request(v, r)]
                        separate = bool(reviewed)
            if not reviewed and asked and review_chip is not None:
                # "X has not been so lucky. Its application to buy 6,000 B300 chips is
                # still being reviewed": the firm the sentence before is about
                owner = _request_owner(v)
                if owner is not None and owner not in makers.get(review_chip, ()):
                    reviewed = [owner]
            if reviewers and reviewed and review_chip is not None:
                t = next(t for t in v.triggers if t.kind == "review_cues")
                reading = v.read(t.start, t.end)
                ev = evidence(ctx, res, v.sent, "approval.review", 0.7, reading)
                # "applications from Nvidia and AMD to ship H20 and MI308 chips": as many
                # firms as chips, each listed together, pair in order
                paired = len(reviewed) >= 2 and len(chips) == len(reviewed)
                for askers, asked_chip in (
                    [([g], c.key) for g, c in zip(reviewed, chips, strict=True)]
                    if paired
                    else [(reviewed, review_chip)]
                ):
                    raws.append(
                        _Raw(
                            reviewers[0],
                            askers,
                            asked_chip,
                            None,
                            ev,
                            Modality.Planned,
                            review=True,
                            quantity=_quantity(v, v.sent.start),  # the number asked for
                            sent=v.sent.index,
                            deal=separate,  # not the request the story's licence granted
                        )
                    )
        _quantity_follows(v, raws, para)
        # conditions
        cues = [
            t
            for t in v.triggers
            if t.kind == "condition_cues"
            # "without conditions", "with no strings attached": unconditional
            and not _WITHOUT.intersection(low[max(v.sent.start, t.start - 2) : t.start])
        ]
        words_here = low[v.sent.start : v.sent.end]
        if (
            not cues
            and _CAP_FIRSTS.isdisjoint(words_here)
            and _BAR_VERBS.isdisjoint(words_here)
            and _RIGHT_VERBS.isdisjoint(words_here)
            and "requires" not in words_here
            and "no" not in words_here
            and "including" not in words_here
            and "same" not in words_here
        ):
            continue  # no condition can be read from this sentence (the common case)
        # "The licence also obliges X to file quarterly reports": a follow-up sentence about
        # the approval of the sentence before, in the same paragraph
        prior = [
            r
            for r in _since(raws, v.sent.index - 1)
            if r.sent == v.sent.index - 1 and r.modality in _POSITIVE
        ]
        prev_at = v.sent.index - 1
        if not prior and prev_at > 0 and _announces_terms(by_index.get(prev_at)):
            # "... covers 4,000 chips for Y. The ministry attached conditions. Y must not
            # resell the chips ...": the terms of the approval two sentences back
            prior = [
                r
                for r in _since(raws, prev_at - 1)
                if r.sent == prev_at - 1 and r.modality in _POSITIVE
            ]
            prev_at = prev_at if para[prev_at] - para[prev_at - 1] <= 1 else -1
        # "The licence, which runs for two years, bars X from ...": a sentence that opens
        # on the approval refers back across a paragraph break too (wire copy gives each
        # sentence its own paragraph)
        opens_on_approval = any(
            w in _APPROVAL_NOUNS for w in low[v.sent.start : min(v.sent.end, v.sent.start + 3)]
        ) and all(  # (a licence obliging a firm the approval did not name is another's)
            any(r.key == ref.key for ref in ctx.sent_refs[prev_at])
            or any(r.key in raw.grantees for raw in _since(raws, v.sent.index - 3))
            for r in v.of(COMPANY)
        )
        # "Korvo must also keep the chips out of China": the grantee's duty, or the duty of
        # the buyer the approval named ("... to Y. Y must keep ..."), also in the next
        # paragraph (wire copy)
        duty = bool(prior) and _grantee_must(
            v,
            {g for r in prior for g in r.grantees}
            | {
                ref.key
                for r in prior
                for ref in ctx.sent_refs[r.sent]
                if ctx.is_(ref.key, COMPANY) and not ctx.is_(ref.key, REGULATOR)
            },
        )
        gap = para[v.sent.index] - para[prev_at] if prev_at >= 0 else -1
        follow_up = (
            v.sent.index > 0
            and prev_at >= 0
            and bool(prior)
            and 0 <= gap <= (1 if opens_on_approval or duty else 0)
            and (
                duty
                or any(
                    w in _APPROVAL_NOUNS or w in _TERMS_WORDS
                    for w in low[v.sent.start : v.sent.start + 4]
                )
            )
        )
        granting = any(t.kind == "approve_triggers" for t in v.triggers)
        about_approval = (complement or chips or follow_up or granting) and not (
            # "Under that rule, companies must apply for a permit": a rule for everyone
            any(w in _RULE_NOUNS for w in low[v.sent.start : v.sent.start + 4])
            and not (raws and raws[-1].sent == v.sent.index)
        )
        if about_approval and _commentary(v):
            # '"... as long as it knows where they are going," said X, an analyst': an
            # outsider's view of the regulator, no term of a licence
            about_approval = False
        caps = (
            [*_cap_conditions(v), *_included_conditions(v), *_barred_terms(v)]
            if about_approval
            else []
        )
        if about_approval and any(t.kind == "approve_triggers" for t in v.triggers):
            # "AMD received a licence ... under the same terms": the conditions stated for
            # the approval before
            caps += _same_terms(v, conditions)
        if (cues or caps) and about_approval:
            labels = (_listed_conditions(v, cues) or _condition_labels(v, cues)) if cues else []
            caps = [c for c in caps if not any(c in x or x in c for x in labels)]
            # "a promise that no third party will use it" holds "no third party will use it"
            caps = [c for c in caps if not any(c != o and c in o for o in caps)]
            terms = " ".join([*labels, *caps])
            # "X must allow Japanese officials to inspect the site": a body named inside
            # the terms acts in them, it does not set them
            regs = [r for r in v.of(REGULATOR) if ctx.span_text(r.start, r.end) not in terms]
            for label in [*labels, *caps]:
                owner = regs[0].key if regs else None
                if owner is None:
                    for k in range(v.sent.start, v.sent.end):
                        if low[k] == "the":
                            owner = v.resolve(k, REGULATOR)
                            if owner:
                                break
                conditions[owner].append((v.sent.index, label))
    return _assemble(ctx, views[0].res if views else None, raws, conditions, para)


#: Condition cues that make a stated permission conditional ("could ship X as long as ...").
_PERMISSION_CUES = frozenset(
    {"as long as", "provided that", "provided the", "provided it", "provided they", "only if"}
    | {"on condition", "on the condition"}
)
_PERMISSION_MODALS = _LISTS["permission_modals"]
_PERMISSION_VERBS = _LISTS["permission_verbs"]
_SPEECH = _LISTS["speech"]
_BUYING_VERBS = frozenset(_LISTS["buying_verbs"])
#: Nouns that report what someone said ("the announcement that X could sell ...").
_SPEECH_NOUNS = frozenset({"announcement", "statement", "decision", "pledge", "promise"})
#: Verbs by which a licensed firm sends chips to a buyer ("to export ... to X").
_EXPORT_VERBS = frozenset({"export", "re-export", "ship", "sell", "supply", "deliver"})


#: Cues whose object is the approval itself ("in return for the export licences").
_TRADE_CUES = frozenset(
    {"in return for", "in exchange for", "subject to", "conditional on", "contingent on"}
    | {"in return"}
)


#: Singular chip nouns by which a sentence names the chip of the sentence before.
_ONE_CHIP = frozenset({"chip", "processor", "accelerator"})


def _definite_chip(v: SentenceView, t: Trigger) -> list[Ref]:
    """Return the chip "the chip" after an approval stands for ("licences for the chip").

    "Shipments of the H20 are sensitive. The department began issuing licences for the
    chip in August": the last chip named within the sentences before.
    """
    low = v.low
    for k in range(t.end, min(v.sent.end - 1, t.end + 4)):
        if low[k] == "the" and low[k + 1] in _ONE_CHIP and low[k - 1] in ("for", "of", "to"):
            key = v.resolve(k, CHIP)
            if key is None:
                return []
            ref = next((r for r in reversed(v.ctx.refs) if r.key == key and r.end <= k), None)
            return [ref] if ref is not None else []
    return []


#: Words that may stand between the chips of a list ("2,000 H100 and 500 of its B200 chips").
_CHIP_LIST_GAP = frozenset({",", "and", "the", "its", "their", "of", "'s", "’s"})


def _listed_chips(v: SentenceView, t: Trigger, hi: int) -> list[tuple[str, int | None]]:
    """Return the chips an approval's object lists, each with the number right before it.

    "to import 2,000 H100 and 500 B200 chips" gives [(H100, 2000), (B200, 500)]; "the
    H200, but not the B200" and a single chip give nothing.
    """
    low = v.low
    nouns = v.res.words["chip_nouns"]
    chips = [c for c in _models_first(v.after(t.end, CHIP)) if c.start < hi]
    if len(chips) < 2:
        return []
    out: list[tuple[str, int | None]] = []
    for n, chip in enumerate(chips):
        if n:
            gap = range(chips[n - 1].end, chip.start)
            joined = any(low[k] in (",", "and") for k in gap)
            for k in gap:
                ref = v.ctx.ref_of(k)
                if not (
                    low[k] in _CHIP_LIST_GAP
                    or low[k] in nouns
                    or _number(v, k) is not None
                    or low[k] in _SCALE
                    or (ref is not None and v.kind(ref, ORG))
                ):
                    joined = False
            if not joined:
                break
        number = None
        for k in range(chip.start - 1, max(v.sent.start, chip.start - 4) - 1, -1):
            if low[k] in (",", "and"):
                break
            number = _number(v, k)
            if number is not None:
                break
        if chip.key not in (c for c, _ in out):
            out.append((chip.key, number))
    return out if len(out) > 1 else []


def _grantee_must(v: SentenceView, grantees: set[str]) -> bool:
    """Return True when a sentence opens with a grantee and a duty ("X must also ...")."""
    low = v.low
    ref = v.ctx.ref_of(v.sent.start)
    end = ref.end if ref is not None and ref.key in grantees else None
    if end is None and low[v.sent.start] in ("each", "the", "all", "both", "they"):
        # "Each company must report ...", "The buyers must ...", "They must ..."
        for k in range(v.sent.start, min(v.sent.end, v.sent.start + 3)):
            if low[k] in _GRANTEE_NOUNS or low[k] == "they":
                end = k + 1
                break
    if end is None:
        return False
    nxt = [w for w in low[end : min(v.sent.end, end + 3)] if w != "also"]
    return bool(nxt) and (nxt[0] in ("must", "shall") or " ".join(nxt[:2]) in _DUTY_STARTS)


#: Two words after a grantee that state its duty ("X has committed to invest ...").
_DUTY_STARTS = frozenset(
    {"is required", "are required", "were required", "has to", "have to", "may not"}
    | {"has committed", "have committed", "has agreed", "have agreed", "were told", "was told"}
    | {"will have", "has pledged", "have pledged"}
)


#: Verbs by which a firm gets an approval ("received a licence", "won approval").
_RECEIVE_VERBS = frozenset(_LISTS["receive_verbs"])
#: Past participles of granting that make the word before them a passive subject.
_GRANTED_FORMS = frozenset(
    {"granted", "approved", "cleared", "allowed", "permitted", "authorised", "authorized"}
    | {"licensed", "given", "issued"}
)


def _firm_it(v: SentenceView, i: int) -> bool:
    """Return True when "it" at ``i`` is a firm given an approval ("granted it permission")."""
    low = v.low
    if i + 1 >= v.sent.end:
        return False
    nxt = low[i + 1]
    if not (
        nxt in _APPROVAL_NOUNS or nxt in _NOUN_FORMS or nxt in ("a", "an", "export", "import", "to")
    ):
        return False
    # the granting regulator is the verb's subject: "it" is someone else
    key = v.ctx.antecedent(i, (COMPANY,))
    return key is not None and not v.ctx.is_(key, REGULATOR)


def _receiver_before(v: SentenceView, t: Trigger, lo: int, excluded: set[str]) -> list[str]:
    """Return the firm a pronoun or "the company" before an approval names as its receiver.

    "The company said it had received licences from ...", "it had been granted
    permission ...", "the chipmaker has won approval ...": the subject of a receiving
    verb or of a passive grant. A pronoun counts only when its nearest antecedent is a
    firm, not a regulator ("the ministry said it had granted ..." is the approver).
    """
    low = v.low
    k = t.start - 1
    while k > lo and low[k] in (
        "also",
        "now",
        "finally",
        "already",
        "reportedly",
        "a",
        "an",
        "the",
    ):
        k -= 1
    body = v.ctx.ref_of(k)
    if body is not None and v.kind(body, REGULATOR) and body.start - 1 > lo:
        # "it had received US government approval": the approver names the approval
        k = body.start - 1
        while k > lo and low[k] in ("a", "an", "the"):
            k -= 1
    passive = low[t.start] in _GRANTED_FORMS and low[k] in _BE_FORMS
    received = low[k] in _RECEIVE_VERBS and (
        any(w in _APPROVAL_NOUNS or w in _NOUN_FORMS for w in low[t.start : t.end + 1])
        or "".join(low[t.start : t.end]) in _NOUN_FORMS  # "go-ahead" as three tokens
    )
    if not (passive or received):
        return []
    for q in range(k - 1, max(lo, k - 6) - 1, -1):
        named = v.ctx.ref_of(q)
        if named is not None and v.kind(named, ORG):
            # "Nvidia has received clearance ...": the named subject
            ok = v.kind(named, COMPANY) and not v.kind(named, REGULATOR)
            return [named.key] if ok and named.key not in excluded else []
        if low[q] in ("it", "they"):
            key = v.ctx.antecedent(q, (COMPANY, REGULATOR))
        elif low[q] == "the":
            key = v.resolve(q, COMPANY)
        else:
            continue
        if key and v.ctx.is_(key, COMPANY) and not v.ctx.is_(key, REGULATOR):
            return [] if key in excluded else [key]
        return []
    return []


def _licenses_goods(v: SentenceView, t: Trigger) -> bool:
    """Return True when "licensing" takes goods as its object ("licensing H200 exports")."""
    if t.end >= v.sent.end:
        return False
    nxt = v.ctx.ref_of(t.end)
    return v.low[t.end] in _SELLER_WORDS or (nxt is not None and v.kind(nxt, CHIP))


def _named_after(
    v: SentenceView,
    unnamed: list[tuple[SentenceView, Trigger, str, str]],
    makers: dict[str, set[str]],
) -> list[_Raw]:
    """Return the approval a sentence completes by naming its grantees.

    "X approved the import of 18,000 chips by three cloud providers. The approvals
    cover A, B and C.": within two sentences, a sentence that opens with an approval
    noun and names firms (not the chip's makers) gives the earlier approval its grantees.
    """
    if not unnamed:
        return []
    # the sentence's first unnamed trigger: "approved a permit allowing ... 3,000 chips"
    first, t, approver, chip = next(u for u in unnamed if u[0] is unnamed[-1][0])
    if not 0 < v.sent.index - first.sent.index <= 2:
        return []
    low = v.low
    head = v.sent.start + 4
    receivers = _receivers_first(v)
    if receivers:
        # "A, B and C received the approvals last week": the firms come first
        firms = [r for r in receivers if r not in makers.get(chip, ())]
        return _completed(v, unnamed, first, t, approver, chip, firms)
    if not _APPROVAL_NOUNS.intersection(low[v.sent.start : min(v.sent.end, head)]):
        return []
    # "The approvals cover A, B and C", "The licences went to A and B"
    verb = next(
        (k for k in range(v.sent.start, min(v.sent.end, head + 3)) if low[k] in _COVER_VERBS), None
    )
    if verb is None:
        # "The permit for X comes with conditions": the firm the approval noun is for
        verb = next(
            (
                k + 1
                for k in range(v.sent.start, min(v.sent.end - 2, head))
                if low[k] in _APPROVAL_NOUNS and low[k + 1] == "for" and v.ctx.ref_of(k + 2)
            ),
            None,
        )
        if verb is None:
            return []
        ref = v.ctx.ref_of(verb + 1)
        if ref is None or not v.kind(ref, COMPANY):
            return []
    firms = [
        r.key
        for r in v.of(COMPANY)
        if r.start > verb and not v.kind(r, REGULATOR) and r.key not in makers.get(chip, ())
    ]
    return _completed(v, unnamed, first, t, approver, chip, list(dict.fromkeys(firms)))


def _receivers_first(v: SentenceView) -> list[str]:
    """Return the firms that open a sentence and receive a definite approval noun."""
    refs = v.of(COMPANY)
    if not refs or refs[0].start != v.sent.start:
        return []
    listed = v.list_from(refs[0], COMPANY)
    low = v.low
    k = listed[-1].end
    while k < v.sent.end and low[k] in ("have", "has", "had", "all", "each", "also", "both"):
        k += 1
    if k + 2 >= v.sent.end or low[k] not in _RECEIVE_VERBS:
        return []
    if low[k + 1] not in ("the", "their", "its") or low[k + 2] not in _APPROVAL_NOUNS:
        return []
    return [r.key for r in listed if not v.kind(r, REGULATOR)]


def _completed(
    v: SentenceView,
    unnamed: list[tuple[SentenceView, Trigger, str, str]],
    first: SentenceView,
    t: Trigger,
    approver: str,
    chip: str,
    firms: list[str],
) -> list[_Raw]:
    """Return the earlier approval (``first``'s trigger ``t``) given ``firms`` as grantees."""
    if not firms:
        return []
    unnamed.clear()
    reading = first.read(t.start, t.end)
    if reading.modality not in _POSITIVE:
        return []
    ev = evidence(v.ctx, v.res, v.sent, "approves.named-after", 0.75, reading)
    fact = Fact(
        approver, Relation.approves, firms[0], v.sent, "approves.named-after", 0.75, reading
    )
    quantity = (
        _quantity(first, t.end)
        or _quantity(first, clause_start(first.ctx, first.sent, t.start), t.start)
        or _quantity(v, v.sent.start)  # "The licence covers 60,000 GB300 chips for X"
    )
    return [
        _Raw(
            approver, firms, chip, fact, ev, reading.modality, quantity=quantity, sent=v.sent.index
        )
    ]


def _asks_to_sell(v: SentenceView, firm: Ref) -> bool:
    """Return True when a firm's own request to sell follows it ("its request to sell")."""
    low = v.low
    k = _before_firm(v, firm)
    while k > v.sent.start + 1 and low[k] in ("and", ","):
        other = v.ctx.ref_of(k - 1)  # "applications from Nvidia and AMD": the list's start
        if other is None or not v.kind(other, COMPANY):
            break
        k = _before_firm(v, other)
    if k >= v.sent.start + 1 and low[k] in ("from", "by") and low[k - 1] in _REQUESTS:
        return True  # "a separate application from FuriosaAI", "a request by Munich-based X"
    if (
        k >= v.sent.start + 1
        and low[k] == "for"
        and low[k - 1] in _APPROVAL_NOUNS
        and low[firm.end : firm.end + 1] in (["'s"], ["’s"])
    ):
        return True  # "processing export licences for Nvidia's H20": its own chip's licences
    for k in range(firm.end, min(v.sent.end - 2, firm.end + 10)):
        if low[k] in _REQUESTS and low[k + 1] == "to" and low[k + 2] in _SELLER_WORDS:
            return True
    # "AMD, which makes the MI308, ... though its licences are still under review",
    # "AMD's licence application is pending": the firm's own licence
    for k in range(firm.end, min(v.sent.end - 1, firm.end + 20)):
        if low[k] in ("its", "their", "'s", "’s") and (
            low[k + 1] in _APPROVAL_NOUNS or low[k + 1] in _REQUESTS
        ):
            return k == firm.end or low[k] != "'s"
        other = v.ctx.ref_of(k)
        if low[k] == ";" or (other is not None and other.key != firm.key and v.kind(other, ORG)):
            break  # "its" is another firm's ("AMD ..., while Nvidia's licences ...")
    return False


def _licenses_firm(v: SentenceView, t: Trigger) -> bool:
    """Return True when "licensed" takes a firm and "to" ("licensed X to sell ...")."""
    firm = v.ctx.ref_of(t.end) if t.end < v.sent.end else None
    if firm is None and v.low[t.start - 1] in ("been", "was", "were", "is", "are"):
        # "X has been licensed to import 4,000 H200 chips": the passive subject is the firm
        subject = v.ctx.ref_of(t.start - 2) or v.ctx.ref_of(t.start - 3)
        return (
            v.low[t.end : t.end + 1] == ["to"]
            and subject is not None
            and v.kind(subject, COMPANY)
            and not v.kind(subject, REGULATOR)
        )
    return (
        firm is not None
        and v.kind(firm, COMPANY)
        and not v.kind(firm, REGULATOR)
        and v.low[firm.end : firm.end + 1] == ["to"]
    )


def _licenses_sale(v: SentenceView, t: Trigger) -> bool:
    """Return True when "licensed" takes a sale as its object ("licensed the export of ...")."""
    low = v.low
    k = t.end + (1 if low[t.end : t.end + 1] in (["the"], ["a"]) else 0)
    return k + 1 < v.sent.end and low[k] in _SELLER_NOUNS and low[k + 1] == "of"


def _inside_terms(v: SentenceView, t: Trigger) -> bool:
    """Return True when a trigger lies in the words a condition cue introduces."""
    low = v.low
    for c in v.triggers:
        if c.kind != "condition_cues" or not (t.start - 12 <= c.start < t.start):
            continue
        phrase = " ".join(low[c.start : c.end])
        if phrase in ("agreed to", "agrees to") and _grant_agreed(v, c.end):
            continue  # "has agreed to grant Nvidia licences": the grant itself
        if (phrase in _INTRODUCERS and phrase not in _TRADE_CUES) or phrase in _PROHIBITIONS:
            if not any(w in _CONTENT_END for w in low[c.end : t.start]):
                return True
        elif low[c.end - 1] in ("condition", "conditions") and low[c.end : c.end + 1] == [":"]:
            return True
    return False


def _destination(v: SentenceView, t: Trigger, lo: int, hi: int) -> int:
    """Return where the buyers of an exporter's licence start (``hi`` when none do).

    "approved an application by Rebellions to export up to 12,000 chips to Humain":
    the exporter is the grantee, the firm it ships "to" is its customer. Without an
    exporter before the verb ("approved exports of chips to G42 and Humain") the firms
    after "to" are the grantees.
    """
    low = v.low
    for k in range(max(lo, t.start), hi):
        if low[k] not in _EXPORT_VERBS or low[k - 1] != "to":
            continue
        exporter = any(
            r.start < k and r.start >= lo and v.kind(r, COMPANY) and not v.kind(r, REGULATOR)
            for r in v.refs
        )
        if not exporter:
            return hi
        for q in range(k + 1, hi):
            if low[q] == "to":
                return q
        return hi
    return hi


def _models_first(chips: list[Ref]) -> list[Ref]:
    """Return chip references without a family name right before its model.

    "AMD Instinct MI300X accelerators" names one chip, the MI300X: the family
    ("Instinct") that directly precedes a model is dropped.
    """
    return [
        c for n, c in enumerate(chips) if not (n + 1 < len(chips) and chips[n + 1].start == c.end)
    ]


def _chips_ahead(
    v: SentenceView,
    t: Trigger,
    by_index: dict[int, SentenceView],
    para: list[int],
    referred: bool = False,
) -> list[Ref]:
    """Return the chips the next sentence names when an approval says only "chips".

    The approval sentence must speak of chips after its trigger ("approved exports of
    advanced chips to X"), or approve a request or licence by a definite noun
    (``referred``: "has approved the request"), and the next sentence of the same
    paragraph must refer back to the approval with an approval noun ("The licences
    allow ... GB300 chips", "The licence covers 60,000 GB300 chips for X").
    """
    nouns = v.res.words["chip_nouns"]
    if not referred and not any(v.low[k] in nouns for k in range(t.end, v.sent.end)):
        return []
    nxt = by_index.get(v.sent.index + 1)
    if nxt is None or para[nxt.sent.index] - para[v.sent.index] > 1:
        return []
    head = nxt.low[nxt.sent.start : min(nxt.sent.end, nxt.sent.start + 4)]
    named = nxt.ctx.ref_of(nxt.sent.start + 1) if nxt.sent.end - nxt.sent.start > 2 else None
    if (
        head[:1] == ["the"]
        and named is not None
        and nxt.kind(named, CHIP)
        and named.end < nxt.sent.end
        and nxt.low[named.end] in nouns
    ):
        return [named]  # "... approved the export of X's accelerators to Y. The HS-7 chips ..."
    if not any(w in _APPROVAL_NOUNS or (referred and w in _REQUESTS) for w in head):
        return []
    return nxt.of(CHIP)[:1]


#: Verbs that grant only with an approval noun ("issued licences", "awarded a permit").
_ISSUE_VERBS = frozenset({"issued", "issue", "issuing", "awarded", "award", "awards", "awarding"})
#: Words that make a noun point back to something named before ("the request").
_BACK_DETERMINERS = frozenset({"the", "those", "these", "that", "its", "their"})
#: Nouns by which an approval's object is a request, licence or sale told before.
_BACK_NOUNS = _REQUESTS | frozenset(_APPROVAL_NOUNS) | _SELLER_NOUNS | {"purchases"}
_PASSIVE_AUX = frozenset({"was", "were", "has", "have", "had", "been", "is", "are", "now"})


def _received(v: SentenceView, t: Trigger) -> bool:
    """Return True when a firm receives the approval noun ("X secured export permits")."""
    low = v.low
    k = t.start - 1
    while k > v.sent.start and low[k] in (
        "export",
        "import",
        "the",
        "its",
        "their",
        "new",
        "an",
        "a",
    ):
        k -= 1
    if low[k] not in _RECEIVE_VERBS or not any(w in _APPROVAL_NOUNS for w in low[t.start : t.end]):
        return False
    subject = v.before(k, ORG)
    return subject is not None and v.kind(subject, COMPANY)


def _words_back(v: SentenceView, i: int, n: int) -> int:
    """Return the index ``n`` words before ``i``, a name of several tokens counting as one."""
    k = i
    while n > 0 and k > v.sent.start:
        k -= 1
        ref = v.ctx.ref_of(k)
        if ref is not None:
            k = max(ref.start, v.sent.start)
        n -= 1
    return k


#: Nouns after "the same" that point at the buyer named before ("to the same company").
_SAME_BUYER = frozenset({"company", "firm", "buyer", "customer", "operator", "group"})
_ORDINALS = frozenset({"first", "second", "third", "fourth", "other", "latter", "former"})
#: Words that make a request another one than the story's granted one ("a separate application").
#: Nouns for a trade in goods that "the" points back to ("approved the purchase of ...").
_GOODS_NOUNS = frozenset(
    {"purchase", "purchases", "sale", "sales", "order", "orders", "shipment", "shipments"}
    | {"export", "exports", "import", "imports"}
)
_SEPARATE = frozenset({"separate", "second", "another", "new", "further", "additional", "fresh"})


def _enumerated(v: SentenceView) -> bool:
    """Return True when the sentence opens with "One"/"Another"/"The first"/"The second"."""
    low = v.low
    first = low[v.sent.start]
    return first in ("one", "another") or (
        first == "the" and v.sent.start + 1 < v.sent.end and low[v.sent.start + 1] in _ORDINALS
    )


def _blocked_request(v: SentenceView, t: Trigger) -> bool:
    """Return True for a firm's request "was blocked by" someone ("X's bid ... was blocked")."""
    low = v.low
    if low[t.start] not in ("blocked", "vetoed", "stopped") or t.start - 1 <= v.sent.start:
        return False
    firm = v.ctx.ref_of(t.end) if t.end < v.sent.end else None
    if firm is not None and low[firm.end : firm.end + 1] in (["'s"], ["’s"], ["'"], ["’"]):
        # "Regulators have blocked X's planned purchase of 5,000 H200 chips": active voice
        after = low[firm.end + 1 : min(v.sent.end, firm.end + 4)]
        return v.kind(firm, COMPANY) and any(w in _REQUESTS or w in _GOODS_REQUESTS for w in after)
    if low[t.start - 1] not in ("was", "were", "been") or low[t.end : t.end + 1] != ["by"]:
        return False
    head = low[v.sent.start : min(t.start, v.sent.start + 6)]
    return not _REQUESTS.isdisjoint(head) or "plan" in head


_POSSESSED = frozenset(_LISTS["possessed_nouns"])


def _possessor(v: SentenceView, ref: Ref) -> bool:
    """Return True for a firm named only as another's possessor ("X's rival Y")."""
    low = v.low
    return (
        ref.end + 1 < v.sent.end
        and low[ref.end] in ("'s", "’s", "'", "’")
        and low[ref.end + 1] in _POSSESSED
    )


def _announces_terms(v: SentenceView | None) -> bool:
    """Return True for a short sentence that only says terms follow ("It attached conditions")."""
    if v is None or v.sent.end - v.sent.start > 16:  # (with ", the Commission said")
        return False
    return not _TERMS_WORDS.isdisjoint(v.low[v.sent.start : v.sent.end])


def _regulator_ahead(v: SentenceView, para: list[int]) -> str | None:
    """Return the first regulator of the next sentence (of the same or the next paragraph)."""
    ctx = v.ctx
    s = v.sent.index
    for idx in range(s + 1, min(len(ctx.sentences), s + 2)):
        if para[idx] - para[s] > 1:
            return None
        for ref in ctx.sent_refs[idx]:
            if ctx.is_(ref.key, REGULATOR):
                return ref.key
    return None


#: Verbs that take back a licence ("revoked", "suspended the licence that allowed ...").
_WITHDRAW_VERBS = frozenset(
    {"revoked", "revokes", "suspended", "suspends", "cancelled", "canceled", "cancels"}
    | {"withdrew", "withdrawn", "rescinded", "rescinds", "pulled"}
)


def _withdrawn_licence(v: SentenceView, t: Trigger) -> bool:
    """Return True when the licence a grant word names is being taken back.

    "suspended the licence that allowed X to export ...": the grant is a relative clause of
    a withdrawn licence; "X's export licence for ZX720 chips was revoked by ...": the licence
    noun is the subject of a passive withdrawal.
    """
    low = v.low
    for k in range(max(v.sent.start, t.start - 6), t.start):
        if (
            low[k] in _APPROVAL_NOUNS
            and low[k + 1 : k + 2] in (["that"], ["which"])
            and not _WITHDRAW_VERBS.isdisjoint(low[max(v.sent.start, k - 4) : k])
        ):
            return True
    if not any(w in _APPROVAL_NOUNS for w in low[t.start : t.end]):
        return False
    for k in range(t.end, min(v.sent.end - 1, t.end + 8)):
        if low[k] in ("was", "were", "been", "has", "had") and low[k + 1] in _WITHDRAW_VERBS:
            return True
        if low[k] in (",", ";"):
            return False
    return False


def _refused_noun(v: SentenceView, t: Trigger) -> bool:
    """Return True when an approval noun is the object of a refusal verb just before it.

    "The department revoked X's licence to sell ...", "denied export licences for ...":
    the licence is what was refused, no grant.
    """
    low = v.low
    if low[t.start] not in _APPROVAL_NOUNS and low[t.start] not in ("export", "import"):
        return False
    return any(
        d.kind == "deny_triggers" and d.end <= t.start and t.start - d.end <= 4 for d in v.triggers
    )


def _issued_end(v: SentenceView, t: Trigger) -> int:
    """Return where an issuing verb's approval noun may end: past a firm given it.

    "issued licences", "issued them", and with the firm first, "issued Rimba Digital a
    Strategic Trade Permit": up to three words after the firm's name.
    """
    ref = v.ctx.ref_of(t.end) if t.end < v.sent.end else None
    if ref is not None and v.kind(ref, COMPANY):
        return ref.end + 5
    return t.start + 4


def _refers_back(v: SentenceView, t: Trigger) -> bool:
    """Return True when the approved thing is a definite request, licence or sale.

    "has approved the request", "granted the licences", "signed off on those exports",
    "The applications were approved": the noun points back to what the story told.
    """
    low = v.low
    k = t.end
    if k < v.sent.end and low[k] in ("on", "off"):
        k += 1  # "signed off on the sales"
    if k < v.sent.end and low[k] in _BACK_DETERMINERS:
        return any(low[q] in _BACK_NOUNS for q in range(k + 1, min(v.sent.end, k + 3)))
    firm = v.ctx.ref_of(k) if k < v.sent.end else None
    if (
        firm is not None
        and v.kind(firm, COMPANY)
        and low[firm.end : firm.end + 1] in (["'s"], ["’s"], ["'"], ["’"])
        and firm.end + 1 < v.sent.end
        and low[firm.end + 1] in _REQUESTS
    ):
        return True  # "approved X's request on Tuesday. The request covered ..."
    q = t.start - 1
    while q > v.sent.start and low[q] in _PASSIVE_AUX:
        q -= 1
    return (
        q < t.start - 1
        and low[q] in _BACK_NOUNS
        and q - 1 >= v.sent.start
        and low[q - 1] in _BACK_DETERMINERS | {"export", "import"}
    )


def _story_behind(
    v: SentenceView, by_index: dict[int, SentenceView], para: list[int]
) -> SentenceView | None:
    """Return the sentence just before (at most two back) that names the story's chip."""
    for back in (1, 2):
        prev = by_index.get(v.sent.index - back)
        if prev is None or para[v.sent.index] - para[prev.sent.index] > 1:
            return None
        if prev.of(CHIP):
            return prev
    return None


def _grantees_behind(
    prev: SentenceView, chip: str, approver: str, makers: dict[str, set[str]]
) -> list[str]:
    """Return the firms of the sentence before that the approval goes to.

    "Alibaba asked to buy Nvidia's H200 chips. Beijing approved the request.": the
    firm that is no maker of the chip; when the maker is the only firm ("Nvidia
    applied for licences to sell the H20. ... approved the licences"), the maker.
    """
    firms = [
        r
        for r in prev.of(ORG)
        if not prev.kind(r, REGULATOR)
        and prev.ctx.type_of(r.key) is not EntityType.NewsOutlet
        and r.key != approver
    ]
    others = [
        r.key for r in firms if r.key not in makers.get(chip, ()) and not _maker_position(prev, r)
    ]
    return list(dict.fromkeys(others or [r.key for r in firms]))


def _permission(v: SentenceView, leaders: dict[str, str]) -> list[_Raw]:
    """Return the approval a regulator states as a permission with a condition.

    "The minister said Nvidia could ship the H200 as long as the government receives
    25%": the speaker's government lets the firm sell the chip on that condition. The
    speaker must be a regulator or a person who leads one; the condition must follow.
    """
    low = v.low
    cues = [
        t
        for t in v.triggers
        if t.kind == "condition_cues" and " ".join(low[t.start : t.end]) in _PERMISSION_CUES
    ]
    # without a condition, only a regulator's own "X may/can export ..." is a permission
    bare = not cues
    if bare and not v.of(REGULATOR):
        return []
    cue = cues[0].start if cues else v.sent.end
    for k in range(v.sent.start + 2, cue):
        if low[k] not in _PERMISSION_MODALS or (bare and low[k] not in ("may", "can")):
            continue
        m = k + 1
        if low[m : m + 3] in (["be", "allowed", "to"], ["be", "able", "to"]):
            m += 3
        elif low[m : m + 2] == ["continue", "to"]:
            m += 2
        if m >= cue or low[m] not in _PERMISSION_VERBS:
            continue
        grantee = v.ctx.ref_of(k - 1)
        if grantee is None or not v.kind(grantee, COMPANY) or v.kind(grantee, REGULATOR):
            continue
        chip = next((c for c in v.after(m + 1, CHIP, limit=6) if c.start < cue), None)
        if chip is None:
            continue
        # "Trump said Nvidia could ...", "Trump's announcement that Nvidia could ..."
        said = [
            q
            for q in range(v.sent.start, grantee.start)
            if low[q] in _SPEECH
            or (low[q] in _SPEECH_NOUNS and "that" in low[q + 1 : min(grantee.start, q + 5)])
        ]
        if not said:
            continue
        speaker = v.before(said[-1], REGULATOR, PERSON)
        if speaker is None:
            continue
        approver = speaker.key if v.kind(speaker, REGULATOR) else leaders.get(speaker.key)
        if approver is None or (bare and not v.kind(speaker, REGULATOR)):
            continue
        outlet, reported = attribution(v.ctx, v.res, v.sent)
        reading = Reading(Modality.Reported if reported else Modality.Asserted, outlet, False)
        ev = evidence(v.ctx, v.res, v.sent, "approves.permission", 0.75, reading)
        fact = Fact(
            approver,
            Relation.approves,
            grantee.key,
            v.sent,
            "approves.permission",
            0.75,
            reading,
        )
        return [
            _Raw(
                approver,
                [grantee.key],
                chip.key,
                fact,
                ev,
                reading.modality,
                quantity=_quantity(v, m, cue),  # "may export up to 2,000 X chips"
                sent=v.sent.index,
            )
        ]
    return []


def _announced_grant(v: SentenceView, t: Trigger) -> bool:
    """Return True when a regulator says it will grant something on stated terms.

    "The administration will allow X to sell Y, with 25% of the proceeds going to the
    government, Trump said": "will" right before the verb is the only hedge in the clause,
    someone is quoted, the terms are given (a condition cue) and nothing is under review.
    "would allow", "may allow", "is considering whether to allow" stay plans.
    """
    low = v.low
    k = t.start - 1
    while k > v.sent.start and low[k] in ("now", "also", "soon"):
        k -= 1
    if low[k] == "be" and k - 1 > v.sent.start and low[k - 1] == "will":
        # "X will be allowed to sell ..., the trade ministry said": the regulator states
        # its decision
        said = [q for q in range(t.end, v.sent.end) if low[q] in _SPEECH]
        speaker = v.before(said[0], REGULATOR, floor=t.end) if said else None
        return speaker is not None and not any(x.kind == "review_cues" for x in v.triggers)
    if low[k] != "will" or k <= v.sent.start:
        return False
    hedges = v.res.words["hedges"]
    lo = clause_start(v.ctx, v.sent, k)
    if any(low[q] in hedges or low[q] in _SEEKING for q in range(lo, k)):
        return False
    kinds = {x.kind for x in v.triggers}
    subject = v.ctx.ref_of(k - 1)
    if (
        subject is not None
        and v.kind(subject, REGULATOR)
        and "review_cues" not in kinds
        and any(low[q] in _SPEECH for q in range(t.end, v.sent.end))
    ):
        return True  # "The Commerce Department will allow X to import ..., it said"
    if "condition_cues" not in kinds or "review_cues" in kinds:
        return False
    if subject is not None and v.kind(subject, REGULATOR):
        return True  # "The Commerce Department will allow X to sell Y if it pays ..."
    if not any(low[q] in _SPEECH for q in range(v.sent.start, v.sent.end)):
        return False
    return low[k - 1] in (
        "administration",
        "government",
        "washington",
        "beijing",
    )


def _since(raws: list[_Raw], first: int) -> list[_Raw]:
    """Return the raws of sentence ``first`` on (raws are appended in sentence order)."""
    k = len(raws)
    while k > 0 and raws[k - 1].sent >= first:
        k -= 1
    return raws[k:]


def _request_owner(v: SentenceView) -> str | None:
    """Return the firm an "Its application ..." subject means: the last sentence's subject.

    "Siam's rival Andaman has not been so lucky. Its application ... is still being
    reviewed": the first firm of the nearest sentence before that names one, passing
    over a possessor ("Siam's rival Andaman": Andaman).
    """
    low = v.low
    first = v.sent.start
    if (
        low[first] not in ("its", "their")
        or low[first + 1 : first + 3] == []
        or _REQUESTS.isdisjoint(low[first + 1 : first + 3])
    ):
        return None
    ctx = v.ctx
    for idx in range(v.sent.index - 1, max(-1, v.sent.index - 3), -1):
        firms = [r for r in ctx.sent_refs[idx] if ctx.is_(r.key, COMPANY)]
        for ref in firms:
            if {"'s", "’s"} & set(ctx.lower[ref.end : ref.end + 2]):
                continue  # a possessor ("Siam Tensor's rival"; a short form may stop at "Siam")
            return ref.key
        if firms:
            return None
    return None


def _owns_request(v: SentenceView, firm: Ref) -> bool:
    """Return True when the firm's own request is named ("X's application", "from X")."""
    low = v.low
    after = low[firm.end : min(v.sent.end, firm.end + 3)]
    if after[:1] in (["'s"], ["’s"]) and not _REQUESTS.isdisjoint(after[1:]):
        return True
    head = v.list_to(firm, COMPANY)[0]  # "requests from A and B": B's request too
    before = low[max(v.sent.start, head.start - 4) : head.start]
    if before[-1:] in (["from"], ["by"]) and not _REQUESTS.isdisjoint(before):
        return True
    if before[-2:-1] and before[-2] in _APPLICANT_HEADS and before[-1] == ",":
        return True  # "A fourth applicant, X, ...", "A second buyer, X, ...": in apposition
    rest = low[firm.end : v.sent.end]
    return any(rest[q] == "its" and rest[q + 1] in _REQUESTS for q in range(len(rest) - 1))


def _refusal_of(v: SentenceView, t: Trigger, asked: _Raw) -> _Raw:
    """Return the refusal of a request read before, with its grantees, chip and number."""
    reading = v.read(t.start, t.end)
    reading = Reading(Modality.Negated, reading.attributed_to, False)
    ev = evidence(v.ctx, v.res, v.sent, "approval.refused", 0.75, reading)
    return _Raw(
        asked.approver,
        list(asked.grantees),
        asked.chip,
        None,
        ev,
        Modality.Negated,
        quantity=asked.quantity,
        denied=True,
        sent=v.sent.index,
        deal=True,  # the request told before, though the firm may hold another licence
    )


_CHIP_NOUNS = frozenset({"chips", "units", "processors", "accelerators", "gpus", "boards"})
#: Nouns for a purchase of goods: a decision on one is about chips ("a smaller order from X").
_GOODS_REQUESTS = frozenset(_LISTS["goods_requests"])
_STORY_SUBJECTS = _REQUESTS | _GOODS_REQUESTS
_APPLICATIONS = frozenset({"application", "applications"})
_APPLICANTS = frozenset({"applicant", "applicants"})
_APPLIED = frozenset({"applied", "apply", "applies", "applying"})
_APPLICANT_HEADS = _APPLICANTS | {"buyer", "buyers", "company", "firm", "importer", "exporter"}


def _story_exporters(recent: list[_Raw], chip: str, makers: dict[str, set[str]]) -> list[str]:
    """Return the makers of ``chip`` among the grantees of the story's decisions on it.

    "X won a licence to export its QX-5 to Y. A second application, for Z, was turned
    down": the exporter of the first decision asked for the second one too.
    """
    out: list[str] = []
    for raw in recent:
        if raw.chip == chip:
            out.extend(g for g in raw.grantees if g in makers.get(chip, ()) and g not in out)
    return out


def _story_refusal(
    v: SentenceView,
    t: Trigger,
    raws: list[_Raw],
    makers: dict[str, set[str]],
    positive: bool = False,
) -> _Raw | None:
    """Return the decision on a request set off as the subject, by the story's regulator.

    "The second application, covering 700 QX-5 units for X, a trading house, was turned
    down", "A smaller order from X, a cloud operator, was also cleared": the subject is a
    request (or order) noun with an aside naming the firm (and chip and number asked
    for); the regulator is the one whose decision the story reported last (within six
    sentences), as nobody else is said to decide. ``positive``: a grant, else a refusal.
    """
    low = v.low
    k = t.start - 1
    while k > v.sent.start and low[k] in ("also", "reportedly", "been", "flatly", "later"):
        k -= 1
    # "X said a second licence, for 150 LP-9 chips to Y, had been refused": the subject
    # after a firm's speech verb
    opening = v.sent.start
    said = next(
        (q for q in range(v.sent.start + 1, min(k, v.sent.start + 4)) if low[q] in _SPEECH), None
    )
    if said is not None and v.before(said, COMPANY, floor=v.sent.start) is not None:
        opening = said + (2 if low[said + 1 : said + 2] == ["that"] else 1)
    head = low[opening : min(k, opening + 4)]
    # a refused licence is a refused request ("A second licence, for ..., was refused")
    subjects = _STORY_SUBJECTS if positive else _STORY_SUBJECTS | frozenset(_APPROVAL_NOUNS)
    # "A separate application by X to ship ... was rejected": the request's firm is named
    # without an aside
    owned = any(
        head[q] in _STORY_SUBJECTS and head[q + 1] in ("by", "from") for q in range(len(head) - 1)
    )
    if low[k] not in ("was", "were", "has", "had") or (low[k - 1] != "," and not owned):
        return None
    if "by" in low[t.end : t.end + 2]:
        return None  # "was rejected by shareholders": someone else decides
    if subjects.isdisjoint(head) or "'s" in head or "’s" in head:
        return None
    recent = [r for r in _since(raws, v.sent.index - 6) if not r.review and not r.denied]
    if not recent or v.of(REGULATOR) or (positive and _definite_regulator(v)):
        return None
    chips = [c.key for c in v.of(CHIP) if c.start < k]
    if (
        not chips
        and _CHIP_NOUNS.isdisjoint(low[v.sent.start : k])
        and _GOODS_REQUESTS.isdisjoint(head)
        # "Another application, from X, was rejected": an application in a story of
        # licences is one for the story's chips (a "bid" may be for a company)
        and _APPLICATIONS.isdisjoint(head)
    ):
        return None  # "a second bid for the company": not a request for chips
    chip = chips[0] if chips else recent[-1].chip
    # "A second application by X to sell 600 chips to Y was refused": the licence would be
    # the exporter X's, Y its destination (no grantee)
    dest = next(
        (
            q
            for e in range(opening + 1, k)
            if low[e] in _EXPORT_VERBS
            and low[e - 1] == "to"
            and any(r.start < e and r.start >= opening for r in v.of(COMPANY))
            for q in range(e + 1, k)
            if low[q] == "to"
        ),
        k,
    )
    firms = [
        r.key
        for r in v.of(COMPANY)
        if r.start < dest
        # (a chip's maker only as the request's own firm: "an application by Pinewood to ship")
        and (r.key not in makers.get(chip, ()) or (dest < k and _owns_request(v, r)))
        and not _maker_position(v, r)
    ]
    if not firms:
        return None
    # a refusal keeps to the firm refused: the exporter holds the story's other licences
    grantees = [*_story_exporters(recent, chip, makers), *firms] if positive else firms
    reading = v.read(t.start, t.end)
    if positive:
        if reading.modality not in _POSITIVE or reading.conditional:
            return None
        fact = Fact(
            recent[-1].approver,
            Relation.approves,
            grantees[0],
            v.sent,
            "approves.story",
            0.7,
            reading,
        )
        ev = evidence(v.ctx, v.res, v.sent, "approves.story", 0.7, reading)
        modality = reading.modality
    else:
        reading = Reading(Modality.Negated, reading.attributed_to, False)
        fact = None
        ev = evidence(v.ctx, v.res, v.sent, "approval.refused", 0.7, reading)
        modality = Modality.Negated
    return _Raw(
        recent[-1].approver,
        grantees,
        chip,
        fact,
        ev,
        modality,
        quantity=_quantity(v, v.sent.start, k),
        denied=not positive,
        sent=v.sent.index,
        deal=True,  # "A smaller order ... was also cleared", "a second licence ... refused"
    )


#: Words that may stand between a sentence's subject and its verb ("X, however, was ...").
_ASIDE_WORDS = frozenset({",", "however", "though", "meanwhile", "too", "also", "in", "contrast"})


def _refused_subject(v: SentenceView, t: Trigger) -> Ref | None:
    """Return the firm a passive refusal with no agent refuses: "X, however, was turned down".

    The firm opens the sentence and only aside words come before the auxiliary; or the
    firm opens the sentence and a colon leads to "its request ... was rejected" ("X was
    not so lucky: its request for 1,000 of the chips was rejected").
    """
    low = v.low
    k = t.start - 1
    while k > v.sent.start and low[k] in ("been", "also", "flatly"):
        k -= 1
    if low[k] not in ("was", "were", "has", "had") or "by" in low[t.end : t.end + 2]:
        return None
    nxt = low[t.end : t.end + 2]
    if (
        nxt[:1] not in ([], ["."], [","], [";"], ["too"])
        and not (
            nxt[:1] == ["for"] and t.end + 2 < v.sent.end and low[t.end + 2] in _APPROVAL_NOUNS
        )
        and not (nxt[:1] == ["for"] and nxt[1:] in (["a"], ["an"]))
    ):
        return None  # ("was rejected as a bidder for the site": no licence refused)
    first = v.ctx.ref_of(v.sent.start)
    if first is None or not v.kind(first, COMPANY):
        return None
    between = low[first.end : k]
    if all(w in _ASIDE_WORDS for w in between):
        return first
    if ":" in between:
        colon = first.end + between.index(":")
        rest = low[colon + 1 : k]
        if rest[:1] in (["its"], ["their"]) and not _REQUESTS.isdisjoint(rest[:3]):
            return first
    return None


def _had_refused(v: SentenceView, t: Trigger, raws: list[_Raw]) -> _Raw | None:
    """Return the refusal of "X had its request turned down" by the story's regulator.

    The firm is the subject, its own request noun comes before the refusal verb; the
    regulator is the one named in the sentence, else the one whose decision the story
    reported last (within six sentences), with that decision's chip.
    """
    low = v.low
    k = t.start - 1
    firm = _refused_subject(v, t)
    if firm is None:
        if k - 2 < v.sent.start or low[k] not in _REQUESTS or low[k - 1] not in ("its", "their"):
            return None
        if low[k - 2] not in ("had", "has", "have", "saw"):
            return None
        firm = v.before(k - 2, COMPANY)
    if firm is None or v.kind(firm, REGULATOR):
        return None
    recent = [r for r in _since(raws, v.sent.index - 6) if not r.review]
    regs = v.of(REGULATOR)
    if not recent and not regs:
        return None
    chips = v.of(CHIP)
    chip = chips[0].key if chips else (recent[-1].chip if recent else None)
    if chip is None:
        return None
    raw = _refusal(v, t, regs[0].key if regs else recent[-1].approver, [firm.key], chip)
    # "its request for 1,000 of the chips was rejected": the number asked for
    raw.quantity = raw.quantity or _quantity(v, v.sent.start, t.start)
    return raw


#: Nouns for buying a company ("its acquisition of Mellanox").
_TAKEOVER_NOUNS = frozenset({"purchase", "acquisition", "takeover", "merger", "buyout"})


def _company_deal(v: SentenceView, t: Trigger) -> bool:
    """Return True when the approved thing is a firm's takeover of another firm.

    "cleared Nvidia's purchase of Mellanox", "approved the acquisition of X by Y": a deal
    noun right after the verb (past a firm's possessive) whose "of" names a company.
    """
    low = v.low
    for k in range(t.end, min(v.sent.end - 2, t.end + 5)):
        if low[k] in _TAKEOVER_NOUNS and low[k + 1] == "of":
            firm = v.ctx.ref_of(k + 2) or v.ctx.ref_of(k + 3)
            if firm is None or not v.kind(firm, COMPANY) or v.kind(firm, REGULATOR):
                return False
            # (not "the purchase of Korvo's H200 chips" or "of Nvidia H200 chips": goods)
            goods = low[firm.end : firm.end + 1] in (["'s"], ["’s"], ["'"], ["’"]) or any(
                v.kind(r, CHIP) for r in v.after(firm.end, CHIP, limit=2)
            )
            return not goods
        if low[k] in (",", ";", "to"):
            return False
    return False


def _participle_refusal(v: SentenceView, t: Trigger) -> _Raw | None:
    """Return the refusal a regulator's participle clause states of its object's request.

    "METI has barred X from selling PW-2 chips to Y, rejecting its licence application":
    the sentence opens on the regulator, the participle follows a comma and refuses
    "its/their" request; the firm is the main verb's first firm after the regulator, the
    chip the sentence's first.
    """
    low = v.low
    if not low[t.start].endswith("ing") or low[t.start - 1] != ",":
        return None
    after = low[t.end : min(v.sent.end, t.end + 4)]
    if after[:1] not in (["its"], ["their"]) or (
        _REQUESTS.isdisjoint(after) and not any(w in _APPROVAL_NOUNS for w in after)
    ):
        return None
    # ("Japan's Ministry of ...": the body after a country's possessive)
    subject = next((r for r in v.of(REGULATOR) if r.start <= v.sent.start + 3), None)
    if subject is None:
        return None
    firm = next((r for r in v.of(COMPANY) if subject.end <= r.start < t.start), None)
    chips = v.of(CHIP)
    if firm is None or v.kind(firm, REGULATOR) or not chips:
        return None
    return _refusal(v, t, subject.key, [firm.key], chips[0].key)


def _not_received(v: SentenceView, t: Trigger) -> bool:
    """Return True for "has not received approval", "have not yet won licences" (no decision)."""
    low = v.low
    if not any(w in _APPROVAL_NOUNS or w in _NOUN_FORMS for w in low[t.start : t.end]):
        return False
    before = low[max(v.sent.start, t.start - 5) : t.start]
    return (
        "not" in before
        and not _RECEIVE_VERBS.isdisjoint(before)
        and not {"has", "have"}.isdisjoint(before)
    )


def _refusal(v: SentenceView, t: Trigger, approver: str, firms: list[str], chip: str) -> _Raw:
    """Return the refusal read at ``t``: negated, with the number stated after the trigger."""
    reading = Reading(Modality.Negated, v.read(t.start, t.end).attributed_to, False)
    return _Raw(
        approver,
        firms,
        chip,
        None,
        evidence(v.ctx, v.res, v.sent, "approval.refused", 0.7, reading),
        Modality.Negated,
        quantity=_quantity(v, t.end),
        denied=True,
        sent=v.sent.index,
    )


def _refused_request(
    v: SentenceView, t: Trigger, raws: list[_Raw], makers: dict[str, set[str]]
) -> _Raw | None:
    """Return the refusal a definite "the rejected application" tells the firm of.

    "The rejected application had been filed for X, a data-centre firm, which wanted
    1,500 QX-5 chips": the refusal word modifies a request noun; the firm and number
    follow it, the regulator is the one named in the sentence or else the one whose
    decision the story reported last (within six sentences).
    """
    low = v.low
    if t.start == v.sent.start or low[t.start - 1] not in ("the", "its", "their", "that"):
        return None
    if t.end >= v.sent.end or low[t.end] not in _STORY_SUBJECTS:
        return None
    recent = [r for r in _since(raws, v.sent.index - 6) if not r.review]
    regs = v.of(REGULATOR)
    if not recent and not regs:
        return None
    chips = [c.key for c in v.of(CHIP) if c.start > t.end]
    if not chips and not recent:
        return None
    chip = chips[0] if chips else recent[-1].chip
    approver = regs[0].key if regs else recent[-1].approver
    firms = [
        r.key
        for r in v.of(COMPANY)
        if r.start > t.end and r.key not in makers.get(chip, ()) and not _maker_position(v, r)
    ]
    if not firms:
        return None
    return _refusal(v, t, approver, firms, chip)


def _request_refused(v: SentenceView, t: Trigger, raws: list[_Raw], para: list[int]) -> _Raw | None:
    """Return the request a refusal names only by its noun ("The application was rejected").

    The refusal's clause speaks of an application or request and names no firm; the
    request is the last one read within two sentences, in the same paragraph or the one
    before (wire copy gives each sentence its own paragraph).
    """
    low = v.low
    lo = clause_start(v.ctx, v.sent, t.start)
    words = low[lo : min(v.sent.end, t.end + 4)]
    if _REQUESTS.isdisjoint(words) or any(
        r.start >= lo and r.start < t.end + 4 for r in v.of(COMPANY)
    ):
        return None
    for raw in reversed(_since(raws, v.sent.index - 2)):
        if raw.sent < v.sent.index and para[v.sent.index] - para[raw.sent] <= 1 and raw.review:
            return raw
    return None


def _paragraphs(ctx: ArticleContext) -> list[int]:
    """Return the paragraph number of each sentence (a line break starts a paragraph)."""
    out: list[int] = []
    n = 0
    prev_end = None
    for sent in ctx.sentences:
        if prev_end is not None and "\n" in ctx.text[prev_end : sent.char_start]:
            n += 1
        out.append(n)
        prev_end = sent.char_end
    return out


def _quantity_follows(v: SentenceView, raws: list[_Raw], para: list[int]) -> None:
    """Give the previous sentence's approval the quantity a follow-up sentence states.

    "X won licences to import ZX720 chips. The licences allow it to import up to 500,000
    a year.": a sentence of the same paragraph that refers back to the approval by a
    definite noun ("the licences", "the approval") and names a number of chips.
    """
    s = v.sent.index
    if not raws or raws[-1].sent < s - 3:
        return  # no approval in the three sentences before (the common case)
    recent = _since(raws, s - 3)
    here = {r.chip for r in recent if r.sent == s}
    # the approval of one of the two sentences before, also across a paragraph break
    # (wire copy gives each sentence its own paragraph)
    earlier = [
        r.sent
        for r in recent
        if s - 2 <= r.sent < s and r.modality in _POSITIVE and para[s] - para[r.sent] <= 1
    ]
    reach = 2
    if not earlier:
        # "... approved the export of X's chips to Y. The authorisation is subject to two
        # conditions. Y must .... X will ship 8,000 of the processors": three sentences on,
        # a grantee's own "will ship N"
        earlier = [
            r.sent
            for r in recent
            if r.sent == s - 3 and r.modality in _POSITIVE and para[s] - para[r.sent] <= 3
        ]
        reach = 3
    if not earlier:
        return
    # (not when this sentence tells its own approval of the chip: "while AMD was approved to
    # sell 7,000 MI355X" gives the GB300 approval before it no number)
    prev = [
        r
        for r in recent
        if r.sent == max(earlier) and r.modality in _POSITIVE and r.chip not in here
    ]
    if all(r.quantity for r in prev):
        return
    head = v.low[v.sent.start : min(v.sent.end, v.sent.start + 4)]
    # "The request covered ...", "The order is for 25,000 chips", "The deal covers ..."
    definite = (
        head[:1] in (["the"], ["that"], ["this"])
        and len(head) > 2
        and (head[1] in _GOODS_REQUESTS or head[1] in _DEAL_NOUNS)
        and head[2] in _AMOUNT_VERBS  # (not "The order book at Nvidia holds ...")
    )
    if (
        reach == 3 or not (definite or any(w in _APPROVAL_NOUNS or w in _REQUESTS for w in head))
    ) and not _grantees_may(v, prev):
        return
    # the number must be in the clause about the approval ("The licences are one of
    # many; Brightmoor sold 500,000 chips" is another firm's number)
    _, hi = _segment(v, v.sent.start)
    q = _quantity(v, v.sent.start, hi)
    if q is None:
        return
    for r in prev:
        r.quantity = r.quantity or q


#: Verbs by which a deal or order states its size ("The order is for 25,000 chips").
_AMOUNT_VERBS = frozenset(
    {"is", "was", "covers", "covered", "includes", "included", "involves", "involved"}
    | {"comprises", "totals", "totalled", "totaled", "amounts", "will", "would"}
)


def _grantees_may(v: SentenceView, prev: list[_Raw]) -> bool:
    """Return True when a sentence says what the approval's grantees may now buy.

    "The two companies may buy as many as 120,000 of the processors", "Brightmoor can
    import up to 5,000 chips": its subject refers back to the grantees (by name or a
    plural noun) and a permission modal comes before a buying verb.
    """
    low = v.low
    lo, hi = v.sent.start, min(v.sent.end, v.sent.start + 10)
    grantees = {g for r in prev for g in r.grantees}
    head = range(lo, min(hi, lo + 4))
    refs = [v.ctx.ref_of(k) for k in head]
    subject = any(low[k] in _PLURAL_REF or low[k] in ("both", "each") for k in head) or any(
        r is not None and r.key in grantees for r in refs
    )
    if not subject:
        return False
    for k in range(lo + 1, hi - 1):
        if low[k] in _PERMISSION_MODALS or low[k] == "allowed":
            m = k + 1
            if low[m : m + 3] in (["be", "allowed", "to"], ["be", "able", "to"]):
                m += 3
            elif low[m] == "to":
                m += 1
            if m < v.sent.end and (low[m] in _BUYING_VERBS or low[m] in _EXPORT_VERBS):
                return True  # "may buy up to ...", "Celestra will ship 8,000 of the processors"
    return False


#: Cues after which the condition itself follows ("on condition that they pay ...").
_INTRODUCERS = _LISTS["introducers"]
#: Cues after which only the approval's terms follow: no grantee is named there.
_INTRODUCERS_OR_LISTS = (
    frozenset(_INTRODUCERS) | {"conditions", "condition"} | set(_LISTS["prohibitions"])
)
_MODALS = _LISTS["modals"]
#: Negative modals that state what a grantee may not do ("may not be used for ...").
_PROHIBITIONS = frozenset(_LISTS["prohibitions"])
#: Words before which a prohibition clause starts.
_CLAUSE_OPEN = frozenset(_LISTS["clause_open"])
#: Words that make a following negative modal a reason or a question, not a rule.
_NOT_RULES = frozenset(_LISTS["not_rules"])
#: Nouns that make a sentence's requirements general rules, not an approval's terms.
_RULE_NOUNS = frozenset(_LISTS["rule_nouns"])
_THAT_NOUNS = frozenset(
    {"requirement", "requirements", "condition", "conditions", "stipulation", "assurances"}
    | {"guarantees", "understanding", "proviso"}
)
_WITHOUT = frozenset({"without", "no", "free"})
#: Words before a licence noun that make it a requirement ("will need a licence").
_NEEDS = frozenset(_LISTS["needs"])
#: Nouns an "approved" adjective vets ("approved customers", "licensed vendors").
_VETTED_NOUNS = frozenset(_LISTS["vetted_nouns"])
#: Words by which a sentence refers to a regulator without naming it.
_PASSIVE_REVIEW = frozenset(_LISTS["passive_review"])
#: Nouns by which a sentence refers to an approval's grantees ("each company must ...").
_GRANTEE_NOUNS = frozenset(_LISTS["grantee_nouns"])
#: Words that open a sentence about an approval's terms ("Under the deal, X will pay ...").
_TERMS_WORDS = frozenset(
    {"conditions", "terms", "requirements", "deal", "arrangement", "agreement", "licensing"}
    | {"return"}  # "In return, X will report every sale"
    | {"decision", "clearance", "permission", "permit", "permits"}
)
#: Verbs by which a sentence names whom approvals went to ("The approvals cover X").
_COVER_VERBS = frozenset(
    {"cover", "covers", "covered", "went", "go", "include", "includes", "included"}
    | {"benefit", "benefits", "were", "are"}
)
_OFFICIAL_WORDS = frozenset({"officials", "regulators", "authorities", "department", "ministry"})
_BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "not", "get", "gets"})
_CONTENT_END = _LISTS["content_end"]
#: Cues whose condition follows "<someone> to" ("requires Korvo to report ...").
_OBJECT_TO = frozenset({"requiring", "requires", "require", "obliges", "oblige", "obliging"})
#: Cues that say an approval is conditional without saying on what ("conditionally").
_BARE_CUES = _LISTS["bare_cues"]
_SUBJECT_PRONOUNS = _LISTS["subject_pronouns"]


_COMMENTATORS = frozenset(_LISTS["commentators"])
#: Review cues that only name a request ("application"), no reviewing.
_REVIEW_NOUN_CUES = frozenset(_LISTS["review_noun_cues"])
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


def _commentary(v: SentenceView) -> bool:
    """Return True when the sentence quotes an outside commentator ("said X, an analyst")."""
    words = v.low[v.sent.start : v.sent.end]
    return not _QUOTES.isdisjoint(words) and not _COMMENTATORS.isdisjoint(words)


def _base_verb(word: str) -> str:
    """Return a third-person verb in its base form ("pays" -> "pay", "ensures" -> "ensure")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _condition_content(v: SentenceView, cue: Trigger) -> str | None:
    """Return the words a condition cue introduces, without cue, subject or modal.

    "on condition that it pays the US government 15% of the revenue" gives
    "pay the US government 15% of the revenue"; "buyers must bundle each purchase with
    domestic chips" gives "bundle each purchase with domestic chips".
    """
    found = _condition_span(v, cue)
    return found[0] if found else None


#: Verbs of granting after "agreed to" ("agreed to let / allow X ..."): no term.
_GRANT_WORDS = frozenset({"let", "allow", "approve", "permit", "grant", "license", "licence"})


def _grant_agreed(v: SentenceView, k: int) -> bool:
    """Return True when "agreed to" is followed by the grant itself, not a term.

    "agreed to let Nvidia sell ...", "agreed to the sale of 4,000 H200 chips to X".
    """
    low = v.low
    if k >= v.sent.end:
        return False
    return low[k] in _GRANT_WORDS or (
        low[k] == "the" and low[k + 1 : k + 2] in (["sale"], ["export"], ["purchase"])
    )


def _next_duty(v: SentenceView, k: int) -> bool:
    """Return True when "and" at ``k`` starts another duty ("... and must not resell")."""
    if v.low[k] != "and":
        return False
    return any(
        c.kind == "condition_cues" and k < c.start <= k + 2 and c.start < v.sent.end
        for c in v.triggers
    )


def _restriction_clause(v: SentenceView, cue: Trigger) -> tuple[str, int, int] | None:
    """Return a prohibition clause with its subject ("the chips may not be used in ...").

    A negative modal keeps its subject and its "not": cutting them would turn the
    condition into its opposite. The clause runs from the last clause boundary
    before the modal to the next one after it.
    """
    low = v.low
    lo = cue.start
    while lo > v.sent.start and low[lo - 1] not in _CLAUSE_OPEN:
        lo -= 1
    if lo < v.sent.end and low[lo] in ("and", "but", "that", "while"):
        lo += 1
    hi = cue.end
    while hi < v.sent.end and not _next_duty(v, hi):
        if low[hi] in _CONTENT_END:
            # "may not transfer the processors, or computing time on them, to any entity in
            # China": past an "or ..." aside between commas
            shut = next((q for q in range(hi + 2, min(v.sent.end, hi + 9)) if low[q] == ","), None)
            if low[hi] != "," or low[hi + 1 : hi + 2] != ["or"] or shut is None:
                break
            hi = shut
        hi += 1
    if hi - cue.end < 2 or cue.start - lo > 8:
        return None
    if any(w in _NOT_RULES for w in low[max(v.sent.start, lo - 1) : cue.start]):
        return None  # "explaining why providers cannot meet demand": a reason, not a rule
    text = v.ctx.span_text(lo, hi).strip(" ,.")
    return text[:300], lo, hi


def _relative_that(v: SentenceView, i: int) -> bool:
    """Return True when the "that" before token ``i`` opens a relative clause.

    A condition's "that" clause states what must happen ("that the chips clear
    testing", "that buyers are vetted"); a relative one tells what someone did ("the
    requirement that Malaysia introduced"): a past-tense verb right after its subject.
    """
    low = v.low
    if i < 2 or low[i - 2] not in _THAT_NOUNS:
        return False  # "provided that", "so long as": always a condition
    for k in range(i + 1, min(v.sent.end, i + 5)):
        if low[k] in _CONTENT_END or low[k - 1] in _MODALS or low[k - 1] in _BE_FORMS:
            return False
        if low[k].endswith("ed") and low[k - 1] != "-" and v.ctx.ref_of(k) is None:
            return True
    return False


def _condition_span(v: SentenceView, cue: Trigger) -> tuple[str, int, int] | None:
    """Return a cue's condition text with its token range (see :func:`_condition_content`)."""
    low, orth = v.low, v.ctx.orth
    end = v.sent.end
    phrase = " ".join(low[cue.start : cue.end])
    if phrase in _PROHIBITIONS:
        return _restriction_clause(v, cue)
    if phrase in _MODALS and cue.end < end and low[cue.end] in ("not", "never"):
        return None  # "must not resell ...": the prohibition cue over the same words reads it
    if cue.start > v.sent.start and low[cue.start - 1] in ("not", "never", "n't"):
        return None  # "would not agree to sell": no term agreed
    if low[cue.end - 1] == "that" and _relative_that(v, cue.end):
        return None  # "the permit requirement that Malaysia introduced in July"
    if phrase in ("agreed to", "agrees to") and _grant_agreed(v, cue.end):
        return None  # "Washington agreed to let Nvidia sell ...": the grant, not a term
    if phrase in _INTRODUCERS:
        c = cue.end
        if low[cue.end - 1] in ("the", "it", "they"):
            c -= 1  # "provided the chips ...": the cue's last word starts the condition
        elif c < end and low[c] == "," and phrase == "in return":
            c += 1  # "In return, X will report every sale": the clause after the comma
    elif low[cue.end - 1] in ("condition", "conditions") and cue.end < end:
        if low[cue.end] not in (":", "that", "including", "requiring", "such"):
            return None
        c = cue.end + 1
        if low[c - 1] == "such" and c < end and low[c] == "as":
            c += 1
    else:
        return None
    that = c < end and low[c] == "that"
    if that:
        c += 1
    elif phrase in ("requires", "require") and not any(
        w == "to" for w in low[c : min(end, c + 6)] if w not in _CONTENT_END
    ):
        return None  # "would require licences for exports": no duty is stated
    # "buyers must bundle", "requiring buyers to bundle", "that Nvidia would pay"
    for k in range(c, min(end, c + 6)):
        if low[k] in _CONTENT_END or _next_duty(v, k):
            break  # (not the modal of the next duty: "... and must report")
        if low[k] in _MODALS and k + 1 < end:
            nxt = k + 1
            if low[k] in ("have", "has", "need", "needs") and low[nxt] != "to":
                continue
            if low[nxt] in ("not", "only", "never"):
                break  # "the chips may not be used ...": keep the subject and the "not"
            if low[nxt] == "to":
                nxt += 1
            c = nxt
            break
        if low[k] == "to" and k > c and phrase in _OBJECT_TO and not that:
            c = k + 1
            break
    words: list[str] = []
    aside = _verb_aside(v, cue)
    k = c
    while (
        k < end
        and (low[k] not in _CONTENT_END or _shared_subject(v, k, aside))
        and not _next_duty(v, k)
        and not (aside and low[k] == ",")
    ):
        k += 1
    hi = k
    if c >= hi:
        return None
    first = c
    if low[c] in _SUBJECT_PRONOUNS and c + 1 < hi:
        first = c + 1  # "it pays ..." -> "pay ..."
        words.append(_base_verb(orth[first]) if low[first] == orth[first] else orth[first])
        first += 1
    text = " ".join(words)
    rest = v.ctx.span_text(first, hi) if first < hi else ""
    text = (text + " " + rest).strip(" ,.")
    return (text[:300], c, hi) if len(text.split()) >= 2 else None


def _specific(conditions: list[str], res: Resources | None) -> list[str]:
    """Return the conditions that say what is required, when any does.

    "The approvals come with conditions, the people said" makes an approval
    conditional but names no condition; it is kept only when nothing better is known.
    """
    if res is None:
        return conditions
    generic = res.words["generic_condition_words"]
    specific = [
        c for c in conditions if any(w not in generic for w in re.findall(r"[a-z0-9%]+", c.lower()))
    ]
    return specific or conditions


#: The start of an infinitive after "and to": a word that is no determiner or quantifier.
_INFINITIVE = re.compile(
    r"(?!(?:the|a|an|its|their|his|her|any|other|no|all|every|each|some|one|this|that|these"
    r"|those)\b)[a-z]"
)


#: Auxiliaries that go on a predicate list after a comma ("are not re-exported, are not used").
_COORD_AUX = frozenset({"are", "is", "were", "was", "must", "may", "will", "shall", "cannot"})


def _shared_subject(v: SentenceView, k: int, aside: bool) -> bool:
    """Return True when the comma at ``k`` goes on to another predicate of the same subject.

    "on condition that the chips are not re-exported, are not used by military end users
    and that ...": the words after the comma start with an auxiliary, no new subject.
    """
    return not aside and v.low[k] == "," and k + 1 < v.sent.end and v.low[k + 1] in _COORD_AUX


_PREDICATE_SPLIT = re.compile(
    r"(?:, and |, | and )(?=(?:are|is|were|was|must|may|will|shall|cannot)\b)"
)


def _split_predicates(part: str) -> list[str]:
    """Return each predicate of one subject as a condition of its own, the subject kept.

    "the chips are not re-exported, are not used by military end users" gives "the chips
    are not re-exported" and "the chips are not used by military end users"; "... and are
    never rented to ..." too.
    """
    first, *rest = _PREDICATE_SPLIT.split(part)
    if not rest:
        return [part]
    aux = re.search(r"\b(?:are|is|were|was|must|may|will|shall|cannot)\b", first)
    subject = first[: aux.start()].strip() if aux else ""
    return [first] + [f"{subject} {r}".strip() for r in rest]


def _split_conditions(label: str) -> list[str]:
    """Return the conditions a label joins with "and that" or "and to" ("A and that B" -> A, B)."""
    if not label:
        return []
    # "report every transfer and to bar access ...": two infinitives, two duties (not "ship
    # them to Oman and to no other country": a "to" before it makes it a place's "to")
    first, *rest = re.split(r",? and that ", label)
    if not rest:
        parts = re.split(r",? and to (?=[a-z])", label)
        if len(parts) == 2 and " to " not in f" {parts[0]} " and _INFINITIVE.match(parts[1]):
            first, rest = parts[0], [parts[1]]
    parts = _split_predicates(first.strip(" ,."))
    for part in rest:
        words = part.strip(" ,.").split()
        if len(words) > 2 and words[0] in _SUBJECT_PRONOUNS:
            words = [_base_verb(words[1]), *words[2:]]  # "that it files" -> "file"
        parts.append(" ".join(words))
    return [p for p in parts if len(p.split()) >= 2] or [label]


_LIST_VERBS = _LISTS["list_verbs"]
#: Cap words and the prepositions before their number ("capping shipments at N").
_CAP_WORDS: dict[str, frozenset[str]] = {}
for _pair in _LISTS["cap_words"]:
    _word, _, _prep = _pair.partition(" ")
    _CAP_WORDS[_word] = _CAP_WORDS.get(_word, frozenset()) | ({_prep} if _prep else set())
_CAP_FIRSTS = frozenset(_CAP_WORDS)


def _listed_conditions(v: SentenceView, cues: list[Trigger]) -> list[str]:
    """Return each condition of a list: "The conditions include A, B and C" -> A, B, C."""
    low = v.low
    for cue in cues:
        if low[cue.end - 1] not in ("conditions", "requirements") or cue.end >= v.sent.end:
            continue
        if low[cue.end] not in _LIST_VERBS:
            continue
        c = cue.end + 1
        hi = c
        while hi < v.sent.end and low[hi] not in (".", ";", ":", "—", "–"):
            hi += 1
        text = v.ctx.span_text(c, hi).strip(" ,.") if c < hi else ""
        parts = [p.strip(" ,.") for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text)]
        parts = [p for p in parts if p]
        if len(parts) >= 2 and all(len(p.split()) <= 12 for p in parts):
            return parts
    return []


_SAME_TERMS = _LISTS["same_terms"]


def _same_terms(v: SentenceView, conditions: dict[str | None, list[tuple[int, str]]]) -> list[str]:
    """Return the latest earlier conditions when a sentence grants "under the same terms"."""
    low = v.low
    same = any(
        low[k] == "same" and any(w in _SAME_TERMS for w in low[k + 1 : k + 8])
        for k in range(v.sent.start, v.sent.end)
    )
    if not same:
        return []
    earlier = [(q, label) for labels in conditions.values() for q, label in labels]
    earlier = [(q, label) for q, label in earlier if q < v.sent.index]
    if not earlier:
        return []
    last = max(q for q, _ in earlier)
    return list(dict.fromkeys(label for q, label in earlier if q == last))


_TERMS_HEADS = frozenset(_LISTS["terms_heads"])
_HEAD_STOP = frozenset(_LISTS["head_stop"]) | frozenset(_NOT_MODIFIERS)


def _included_conditions(v: SentenceView) -> list[str]:
    """Return the conditions listed after "strings, including" and the kind a head names.

    "every licence comes with strings, including a ceiling on volumes and a requirement
    that ..." gives each listed item; "strict security requirements, including limits on
    remote access and a promise that ..." also gives the head ("strict security
    requirements"), which says what kind of condition the items are.
    """
    low = v.low
    out: list[str] = []
    for k in range(v.sent.start + 1, v.sent.end - 2):
        if low[k] != "including" or low[k - 1] not in (",", *_TERMS_HEADS):
            continue
        head = k - 1 if low[k - 1] in _TERMS_HEADS else k - 2
        if head < v.sent.start or low[head] not in _TERMS_HEADS:
            continue
        lo = head
        while lo > v.sent.start and lo > head - 4 and low[lo - 1] not in _HEAD_STOP:
            if not low[lo - 1].replace("-", "").isalpha():
                break
            lo -= 1
        if lo < head:
            out.append(v.ctx.span_text(lo, head + 1))
        hi = k + 1
        while hi < v.sent.end and low[hi] not in (".", ";", ":", "—", "–", "but", "while"):
            if low[hi] == "," and any(w in _SPEECH for w in low[hi + 1 : hi + 6]):
                break  # ", the official said"
            if low[hi] == "," and hi + 1 < v.sent.end and v.ctx.ref_of(hi + 1) is None:
                nxt = low[hi + 1]
                if nxt not in ("and", "a", "an", "the", "no") and nxt not in _TERMS_HEADS:
                    break  # ", two people familiar with the decision told Reuters"
            hi += 1
        text = v.ctx.span_text(k + 1, hi).strip(" ,.") if k + 1 < hi else ""
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:a|an|the|no)\s)", text)
        out.extend(p.strip(" ,.") for p in parts if len(p.split()) >= 2)
    return out


#: Verbs by which an approval's terms keep a grantee from something ("bars X from reselling")
#: or give someone a right over it ("give US officials the right to inspect").
_BAR_VERBS = frozenset({"bars", "prohibits", "forbids", "bans", "stops", "prevents"})
_RIGHT_VERBS = frozenset({"give", "gives", "grant", "grants"})
_NO_ONE_MODALS = frozenset({"may", "can", "shall", "will", "must"})


def _barred_terms(v: SentenceView) -> list[str]:
    """Return the duties an approval sentence states as a bar: "bars X from reselling the chips".

    The verb needs a subject that is a licence or its terms ("The licence bars X from
    ..."), so a regulator's ban ("The ministry bans X from ...") is no term.
    """
    low = v.low
    out: list[str] = [*_no_one_may(v)]
    for k in range(v.sent.start + 1, v.sent.end - 2):
        if low[k] not in _BAR_VERBS and low[k] not in _RIGHT_VERBS and low[k] != "requires":
            continue
        # the licence (or its terms) is the subject: a dozen words back, or opening the
        # sentence ("The licences, issued in late January by the department's Bureau of
        # Industry and Security (BIS), also give US officials the right to ...")
        head = low[max(v.sent.start, k - 12) : k] + low[v.sent.start : v.sent.start + 3]
        if not any(w in _APPROVAL_NOUNS or w in _TERMS_WORDS for w in head):
            continue
        frm: int | None
        if low[k] in _RIGHT_VERBS:
            # "The licences also give US officials the right to carry out inspections"
            right = next(
                (q for q in range(k + 1, min(v.sent.end - 2, k + 8)) if low[q] == "right"),
                None,
            )
            if right is None or low[right - 1] != "the" or low[right + 1] != "to":
                continue
            frm = right + 1
        elif low[k] == "requires":
            # "The licence requires annual audits and bars resale": a duty named by a noun
            # (with "to", "requires X to report ..." is the condition cue's)
            if "to" in low[k + 1 : min(v.sent.end, k + 7)]:
                continue
            frm = k
        else:
            frm = next((q for q in range(k + 1, min(v.sent.end, k + 8)) if low[q] == "from"), None)
            if frm is None or frm + 1 >= v.sent.end or not low[frm + 1].endswith("ing"):
                if low[k] not in _NOUN_BANS:
                    continue
                frm = k  # "The approval bans any transfer to China", "... and bars resale"
        hi = frm + 1
        while hi < v.sent.end and low[hi] not in _CONTENT_END and not _next_duty(v, hi):
            if (
                low[hi] == "and"
                and hi + 1 < v.sent.end
                and low[hi + 1] in _MODALS | _OBJECT_TO | _BAR_VERBS | {"requires"}
            ):
                break  # "... from reselling the chips and requires it to ..."
            hi += 1
        if hi - k >= 2:
            out.append(v.ctx.span_text(k, hi))
    return out


#: Bar verbs that take the barred act as their object ("bans any transfer to China").
_NOUN_BANS = frozenset({"bans", "bars", "prohibits", "forbids"})


def _no_one_may(v: SentenceView) -> list[str]:
    """Return the prohibitions an approval's terms state with a negative subject.

    "... and no company headquartered in China, or controlled from there, may be given
    access to them": "no" opens the clause, a modal follows within a dozen words; the
    condition runs from "no" to the end of the modal's clause.
    """
    low = v.low
    out: list[str] = []
    for k in range(v.sent.start, v.sent.end - 3):
        if low[k] != "no" or (k > v.sent.start and low[k - 1] not in (",", "and", "that", ":")):
            continue
        modal = next(
            (q for q in range(k + 2, min(v.sent.end - 1, k + 14)) if low[q] in _NO_ONE_MODALS),
            None,
        )
        if modal is None or low[modal + 1] in ("not", "never"):
            continue
        hi = modal + 1
        while hi < v.sent.end and low[hi] not in _CONTENT_END:
            hi += 1
        if hi - modal >= 3:
            out.append(v.ctx.span_text(k, hi))
    return out


def _cap_conditions(v: SentenceView) -> list[str]:
    """Return volume caps an approval sentence states ("capped at 100,000 units").

    A cap word ("cap", "capping", "limits", "ceiling", "exceed") with its preposition
    within three words and a number after it: "capping shipments at 20,000 units",
    "limits shipments to 15,000 units a year", "may not exceed 5,000 chips".
    """
    low = v.low
    out: list[str] = []
    if _CAP_FIRSTS.isdisjoint(low[v.sent.start : v.sent.end]):
        return out
    for k in range(v.sent.start, v.sent.end - 1):
        preps = _CAP_WORDS.get(low[k])
        if preps is None:
            continue
        at = next(
            (q for q in range(k + 1, min(v.sent.end - 1, k + 4)) if low[q] in preps or not preps),
            None,
        )
        if at is None:
            continue
        num = at + 1 if preps else at
        if _number(v, num) is None:
            continue
        hi = num + 1
        if hi < v.sent.end and low[hi] in _SCALE:
            hi += 1
        if hi < v.sent.end and (low[hi] in _COUNT_NOUNS or low[hi] in v.res.words["chip_nouns"]):
            hi += 1
        if low[hi : hi + 2] in (["a", "year"], ["per", "year"], ["a", "month"], ["per", "month"]):
            hi += 2
        out.append(v.ctx.span_text(k, hi))
    return out


def _condition_labels(v: SentenceView, cues: list[Trigger]) -> list[str]:
    """Return every condition a sentence states, in the article's words.

    Each cue that introduces words gives one condition ("provided that the chips stay
    in the country, and buyers must file reports" -> two); a cue inside the words of
    an earlier one adds nothing. Without any, the clause that holds the first cue.
    """
    labels: list[str] = []
    covered: list[tuple[int, int]] = []
    for cue in cues:
        if any(lo <= cue.start < hi for lo, hi in covered):
            continue
        found = _condition_span(v, cue)
        if found is None:
            continue
        text, lo, hi = found
        covered.append((min(lo, cue.start), hi))
        for part in _split_conditions(text):
            if part not in labels:
                labels.append(part)
    if labels:
        return labels
    for cue in cues:
        if " ".join(v.low[cue.start : cue.end]) in _BARE_CUES:
            # "conditionally approved", "with strings attached": conditional, terms unknown
            end = cue.end + (1 if cue.end < v.sent.end and v.low[cue.end].isalpha() else 0)
            return [v.ctx.span_text(cue.start, end)]
    others = [
        c
        for c in cues
        if " ".join(v.low[c.start : c.end]) not in _PROHIBITIONS
        # "agreed to let X sell": the grant, whose clause is no term
        and not (
            " ".join(v.low[c.start : c.end]) in ("agreed to", "agrees to")
            and c.end < v.sent.end
            and _grant_agreed(v, c.end)
        )
        and v.low[c.start] not in ("requires", "require")  # "chips they require": a need
        and not (v.low[c.end - 1] == "that" and _relative_that(v, c.end))
    ]
    return _split_conditions(_condition_label(v, others)) if others else []


def _verb_aside(v: SentenceView, cue: Trigger) -> bool:
    """Return True when a cue opens an aside right after the granting verb.

    "approved, subject to conditions, the sale of ...": the aside ends at its comma.
    """
    return (
        cue.start - 2 >= v.sent.start
        and v.low[cue.start - 1] == ","
        and any(t.kind == "approve_triggers" and t.end == cue.start - 1 for t in v.triggers)
    )


def _condition_label(v: SentenceView, cues: list[Trigger]) -> str:
    """Return the clause that holds a sentence's first condition cue."""
    cue = cues[0]
    low = v.low
    lo = cue.start
    while lo > v.sent.start and low[lo - 1] not in (",", ";", "—", "–", "but", "though", "if"):
        lo -= 1  # "... to sell X in China if it pays 15% of the revenue": the "if" clause
    hi = cue.end
    aside = _verb_aside(v, cue)
    while (
        hi < v.sent.end
        and low[hi] not in (";", "—", "–")
        and not (low[hi] == "," and (hi - cue.end > 6 or aside))
    ):
        hi += 1
    text = v.ctx.span_text(lo, hi).strip(" ,.")
    return text[:300]


def _root(ctx: ArticleContext, res: Resources | None, key: str) -> str:
    """Return the government an agency belongs to (itself when none is known)."""
    if res is None:
        return key
    entry = res.lookup(ctx.entities[key].label)
    if entry is not None and entry.parent:
        return slug(entry.parent)
    return key


def _denials(
    ctx: ArticleContext,
    res: Resources | None,
    raws: list[_Raw],
    groups: dict[tuple[str, str], _Group],
) -> list[Approval]:
    """Return one Denied approval per (approver, chip) the article says refused someone."""
    granted = {
        (grp.chip, g)
        for grp in groups.values()
        if grp.modalities & set(_POSITIVE)
        for g in grp.grantees
    }
    denied: dict[tuple[str, str], _Group] = {}
    for raw in raws:
        if not raw.denied:
            continue
        # (a second request refused is its own, though the firm holds a licence for the chip)
        grantees = [g for g in raw.grantees if raw.deal or (raw.chip, g) not in granted]
        if not grantees:
            continue
        grp = denied.setdefault((raw.approver, raw.chip), _Group(raw.approver, raw.chip))
        grp.grantees.extend(g for g in grantees if g not in grp.grantees)
        if raw.evidence not in grp.evidence:
            grp.evidence.append(raw.evidence)
        grp.quantity = grp.quantity or raw.quantity
    return [
        Approval(
            approver=grp.approver,
            grantees=tuple(grp.grantees),
            chip=grp.chip,
            status=Status.Denied,
            quantity=grp.quantity,
            evidence=tuple(grp.evidence),
        )
        for grp in denied.values()
    ]


def _condition_targets(
    ctx: ArticleContext,
    res: Resources | None,
    placed: list[tuple[int, tuple[str, str]]],
    owner: str | None,
    sent: int,
    para: list[int],
    settled: frozenset[int] = frozenset(),
) -> list[tuple[str, str]]:
    """Return the approvals (root approver, chip) a condition stated in ``sent`` belongs to.

    Its own sentence's approval first, then the nearest earlier approval of the same
    paragraph, then the approvals of the approver the article reports most often (a
    later "the approvals come with conditions" is about the story's main approval); when
    the condition's sentence names a regulator, only that regulator's approvals count.
    """
    if owner is not None:
        root = _root(ctx, res, owner)
        mine = [p for p in placed if p[1][0] in (root, owner)]
        if not mine:
            # "SAMR cleared the Mellanox merger on condition that ...": another story's
            # regulator, whose terms are no term of the approvals this article reports
            return []
        placed = mine
    if not placed:
        return []

    def at(s: int) -> list[tuple[str, str]]:
        return list(dict.fromkeys(k for q, k in placed if q == s))

    if any(q == sent for q, _ in placed):
        return at(sent)
    # a condition after a granted approval belongs to it, not to a request under review
    same_para = [q for q, _ in placed if q < sent and para[q] == para[sent] and q in settled]
    same_para = same_para or [q for q, _ in placed if q < sent and para[q] == para[sent]]
    if same_para:
        return at(max(same_para))
    main = Counter(k[0] for _, k in placed).most_common(1)[0][0]
    # a condition stated apart belongs to the approvals given, not to requests pending
    given = [k for q, k in placed if k[0] == main and q in settled]
    return list(dict.fromkeys(given or [k for _, k in placed if k[0] == main]))


def _one_event(ctx: ArticleContext, res: Resources | None, raws: list[_Raw]) -> None:
    """Give a government's approval to the agency that approved the same thing.

    "South Korea clears Rebellions to ship ..." (headline) and "the Ministry of Trade
    ... approved an application by Rebellions" are one decision: a statement whose
    approver is a national government joins the agency's approval of the same chip
    for an overlapping set of grantees.
    """
    agencies = [
        r
        for r in raws
        if r.modality is not Modality.Negated
        and not ctx.entities[r.approver].label.endswith(" government")
    ]
    for raw in raws:
        if raw.modality is Modality.Negated or not ctx.entities[raw.approver].label.endswith(
            " government"
        ):
            continue
        if _root(ctx, res, raw.approver) != raw.approver:
            continue
        same = [
            a
            for a in agencies
            if a.chip == raw.chip
            # the same grantees, or the agency's licence told in the very next sentence
            # ("South Korea has approved the export of X's chips ... . The licence, issued
            # by MOTIE, covers 4,000 of them for Y")
            and (
                set(a.grantees) & set(raw.grantees)
                or (
                    a.sent == raw.sent + 1 and a.modality in _POSITIVE and raw.modality in _POSITIVE
                )
            )
            and _root(ctx, res, a.approver) == a.approver  # else grouped by its root
        ]
        if same:
            raw.approver = same[0].approver


def _assemble(
    ctx: ArticleContext,
    res: Resources | None,
    raws: list[_Raw],
    conditions: dict[str | None, list[tuple[int, str]]],
    para: list[int],
) -> tuple[list[Fact], list[Approval]]:
    _one_event(ctx, res, raws)

    def group_of(raw: _Raw) -> tuple[str, str]:
        """Return the (root approver, chip) group of a raw; a deal of its own keys apart."""
        root = _root(ctx, res, raw.approver)
        return (root, f"{raw.chip}#{raw.sent}") if raw.deal else (root, raw.chip)

    groups: dict[tuple[str, str], _Group] = {}
    negated: set[tuple[str, str]] = set()
    for raw in raws:
        # ("a second application by X was refused" refuses that request, not X's licence)
        if raw.modality is Modality.Negated and not raw.denied:
            for gr in raw.grantees:
                negated.add((raw.chip, gr))
    given_sents = {raw.sent for raw in raws if raw.modality in _POSITIVE}
    for raw in raws:
        if raw.modality is Modality.Negated:
            continue
        key = group_of(raw)
        grp = groups.setdefault(key, _Group(raw.approver, raw.chip))
        if raw.modality in _POSITIVE and (
            not (grp.modalities & set(_POSITIVE))
            # "US grants Nvidia licences" (headline), "The Commerce Department has issued
            # licences ...": the agency that decided, not only its government
            or grp.approver == key[0] != raw.approver
        ):
            grp.approver = raw.approver
        for grantee in raw.grantees:
            if grantee not in grp.grantees:
                grp.grantees.append(grantee)
        if raw.evidence not in grp.evidence:
            grp.evidence.append(raw.evidence)
        grp.modalities.add(raw.modality)
        if raw.modality in _POSITIVE:
            grp.settled_grantees.update(raw.grantees)
        grp.review = grp.review or raw.review
        if raw.quantity and not grp.quantity:
            grp.quantity = raw.quantity
        if raw.quantity and raw.modality in _POSITIVE and not grp.given_quantity:
            grp.given_quantity = raw.quantity
        elif raw.quantity and raw.review and raw.sent not in given_sents:
            # (a number beside a grant in the same sentence is the grant's)
            for grantee in raw.grantees:
                grp.asked.setdefault(grantee, raw.quantity)
    refused = {(raw.chip, g) for raw in raws if raw.denied for g in raw.grantees}
    for key in [k for k, grp in groups.items() if not grp.modalities & set(_POSITIVE)]:
        grp = groups[key]
        if any((grp.chip, x) in negated for x in grp.grantees) and not grp.review:
            del groups[key]  # "may allow ... but no such approval has been given"
        elif all((grp.chip, x) in refused for x in grp.grantees):
            del groups[key]  # the applications under review were rejected
    by_group: dict[tuple[str, str], list[str]] = defaultdict(list)
    placed = [
        (raw.sent, group_of(raw))
        for raw in raws
        if raw.modality is not Modality.Negated and group_of(raw) in groups
    ]
    granted_sents = frozenset(raw.sent for raw in raws if raw.modality in _POSITIVE)
    for owner, items in conditions.items():
        for sent, label in items:
            for key in _condition_targets(ctx, res, placed, owner, sent, para, granted_sents):
                if label not in by_group[key]:
                    by_group[key].append(label)
    approvals: list[Approval] = []
    status_of: dict[tuple[str, str], Status] = {}
    for (root, chip_key), grp in groups.items():
        approver, chip = grp.approver, grp.chip
        settled = bool(grp.modalities & set(_POSITIVE))
        if settled and any((chip, x) in negated for x in grp.grantees):
            settled = False
        conds = by_group.get((root, chip_key), [])
        if not settled:
            status = Status.UnderReview
        elif conds:
            status = Status.Conditional
        else:
            status = Status.Granted
        status_of[(root, chip_key)] = status
        grantees = grp.grantees
        pending = [g for g in grantees if g not in grp.settled_grantees]
        if settled and pending and len(pending) < len(grantees):
            # "approved 20,000 chips for A, while B's request remains under review"
            grantees = [g for g in grantees if g in grp.settled_grantees]
            asked = next((grp.asked[g] for g in pending if g in grp.asked), None)
            approvals.append(
                Approval(
                    approver=approver,
                    grantees=tuple(pending),
                    chip=chip,
                    status=Status.UnderReview,
                    quantity=asked,
                    evidence=tuple(grp.evidence),
                )
            )
            if asked is not None and grp.quantity == asked:
                # the number the pending request asked for is not the one given
                grp.quantity = grp.given_quantity
        approvals.append(
            Approval(
                approver=approver,
                grantees=tuple(grantees),
                chip=chip,
                status=status,
                quantity=grp.quantity,
                conditions=tuple(Condition(label=c) for c in _specific(conds, res))
                if status is not Status.Granted
                else (),
                evidence=tuple(grp.evidence),
            )
        )
    approvals.extend(_denials(ctx, res, raws, groups))
    facts: list[Fact] = []
    for raw in raws:
        if raw.fact_reading is None:
            continue
        conditional = status_of.get(group_of(raw)) is Status.Conditional
        pred = Relation.conditionallyApproves if conditional else Relation.approves
        base = raw.fact_reading
        for grantee in raw.grantees:
            facts.append(
                Fact(raw.approver, pred, grantee, base.sent, base.rule, base.base, base.reading)
            )
    return facts, approvals
