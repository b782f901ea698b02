"""The rule-based extractor: one cleaned article in, entities, claims and approvals out.

:func:`extract` is a pure function of its article. The spaCy pipeline (a blank
English tokenizer), the matchers and the gazetteer are built once per process
(:func:`chipkg.loaders.extraction.resources.resources`), so worker processes can
call it in parallel.

Example
-------
>>> from chipkg.ontology.models import Article
>>> text = "Nvidia chief executive Jensen Huang said the H200 is more powerful than the H20."
>>> art = Article(id="x", source="x.txt", text=text, sha256="0", format="txt")
>>> facts = sorted((c.subject, c.predicate.value, c.object) for c in extract(art).claims)
>>> [f for f in facts if f[1] in ("outperforms", "leads")]
[('h200', 'outperforms', 'h20'), ('jensen-huang', 'leads', 'nvidia')]
"""

from __future__ import annotations

from collections import defaultdict

from chipkg.loaders.extraction.approvals import read_approvals
from chipkg.loaders.extraction.context import ArticleContext
from chipkg.loaders.extraction.modality import Reading, evidence_fields
from chipkg.loaders.extraction.recognition import recognise
from chipkg.loaders.extraction.relations import RULES, Fact, SentenceView, Trigger
from chipkg.loaders.extraction.resources import Resources, resources
from chipkg.ontology.models import (
    Article,
    Claim,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Modality,
    Relation,
)

__all__ = ["extract"]

_MENTION_CONFIDENCE = {"mention.gazetteer": 0.95, "mention.metonymy": 0.8}


def extract(article: Article) -> Extraction:
    """Return everything the rules read out of one article."""
    res = resources()
    doc = res.nlp.make_doc(article.text)
    ctx = ArticleContext(article, doc)
    recognise(ctx, res)
    per_sentence: list[list[Trigger]] = [[] for _ in ctx.sentences]
    for match_id, start, end in res.triggers(doc):
        s = ctx.sent_of[start]
        if s >= 0 and ctx.sent_of[end - 1] == s:
            per_sentence[s].append(Trigger(res.nlp.vocab.strings[match_id], start, end))
    views = [SentenceView(ctx, res, sent, per_sentence[sent.index]) for sent in ctx.sentences]
    facts: list[Fact] = []
    for view in views:  # makers first: other rules must not take a maker for a buyer
        facts.extend(RULES["makes"](view))
    facts.extend(_family_makers(ctx, res, views, facts))
    ctx.facts = list(facts)
    for view in views:
        for family, rule in RULES.items():
            if family != "makes":
                facts.extend(rule(view))
    approval_facts, approvals = read_approvals(ctx, views, facts)
    facts.extend(approval_facts)
    claims = _claims(ctx, res, facts)
    used = {c.subject for c in claims} | {c.object for c in claims}
    used |= {c.attributed_to for c in claims if c.attributed_to}
    for a in approvals:
        used |= {a.approver, a.chip, *a.grantees}
        used |= {e.attributed_to for e in a.evidence if e.attributed_to}
    mentions = tuple(
        Mention(
            entity=r.key,
            text=ctx.span_text(r.start, r.end),
            start=ctx.idx[r.start],
            end=ctx.idx[r.end - 1] + len(ctx.orth[r.end - 1]),
            rule=r.rule,
        )
        for r in ctx.refs
    )
    referenced = {r.key for r in ctx.refs} | used
    entities = tuple(
        Entity(
            label=rec.label,
            type=rec.type,
            aliases=tuple(sorted(rec.aliases)),
            wikidata=rec.wikidata,
            part_of=_part_of(res, rec.label, rec.type),
        )
        for key, rec in ctx.entities.items()
        if key in referenced
    )
    mention_claims = _mention_claims(ctx, res, referenced)
    return Extraction(
        article=article,
        entities=entities,
        mentions=mentions,
        claims=tuple(mention_claims + claims),
        approvals=tuple(approvals),
    )


def _part_of(res: Resources, label: str, kind: EntityType) -> str | None:
    """Return the body an entity belongs to, as the gazetteer knows it, of the same class.

    "Bureau of Industry and Security" -> "US government"; None for names the gazetteer
    does not list or whose parent is of another class.
    """
    entry = res.entries.get(label)
    if entry is None or entry.type is not kind or not entry.parent:
        return None
    parent = res.entries.get(entry.parent)
    return entry.parent if parent is None or parent.type is kind else None


def _family_makers(
    ctx: ArticleContext, res: Resources, views: list[SentenceView], facts: list[Fact]
) -> list[Fact]:
    """Return makes facts for chips whose family or gazetteer entry names a maker the article names.

    "Ascend 960" belongs to the "Ascend" family; when the article says Huawei makes
    Ascend (or the gazetteer knows it) and names Huawei, Huawei makes the Ascend 960.
    The evidence is the first sentence that names the chip.
    """
    made = {(f.subject, f.object) for f in facts if f.predicate is Relation.makes}
    maker_of: dict[str, str] = {
        f.object: f.subject
        for f in facts
        if f.predicate is Relation.makes and f.reading.modality is not Modality.Negated
    }
    first: dict[str, int] = {}
    for ref in ctx.refs:
        first.setdefault(ref.key, ref.start)
    out: list[Fact] = []
    for key, rec in list(ctx.entities.items()):
        if rec.type is not EntityType.Chip or key not in first or any(o == key for _, o in made):
            continue
        maker = None
        parts = rec.label.split()
        family = res.lookup(parts[0]) if len(parts) > 1 else None
        if family is not None and family.type is EntityType.Chip:
            fam_key = (
                ctx.entity(family.label, family.type, family.wikidata)
                if family.label in {r.label for r in ctx.entities.values()}
                else None
            )
            maker = maker_of.get(fam_key) if fam_key else None
            if maker is None and family.maker:
                maker = _known(ctx, res, family.maker)
        entry = res.lookup(rec.label)
        if maker is None and entry is not None and entry.maker:
            maker = _known(ctx, res, entry.maker)
        if maker is None:
            continue
        sent = ctx.sentences[ctx.sent_of[first[key]]]
        reading = Reading(Modality.Asserted, None, False)
        rule = "makes.family" if family is not None else "makes.gazetteer"
        out.append(Fact(maker, Relation.makes, key, sent, rule, 0.6, reading))
        made.add((maker, key))
    return out


def _known(ctx: ArticleContext, res: Resources, label: str) -> str | None:
    entry = res.lookup(label)
    if entry is None:
        return None
    from chipkg.ontology.identifiers import slug

    key = slug(entry.label)
    return key if key in {r.key for r in ctx.refs} else None


def _claims(ctx: ArticleContext, res: Resources, facts: list[Fact]) -> list[Claim]:
    seen: set[tuple[str, str, str, int, str]] = set()
    claims: list[Claim] = []
    for f in facts:
        sig = (f.subject, f.predicate.value, f.object, f.sent.index, f.reading.modality.value)
        if sig in seen:
            continue
        seen.add(sig)
        fields = evidence_fields(ctx, f.sent, f.rule, f.base, f.reading)
        claims.append(
            Claim(
                subject=f.subject,
                predicate=f.predicate,
                object=f.object,
                factor=f.factor,
                quantity=f.quantity,
                **fields,
            )
        )
    return claims


def _mention_claims(ctx: ArticleContext, res: Resources, keys: set[str]) -> list[Claim]:
    first: dict[str, tuple[int, str]] = {}
    for ref in ctx.refs:
        first.setdefault(ref.key, (ref.start, ref.rule))
    out: list[Claim] = []
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for key in sorted(keys, key=lambda k: (first.get(k, (-1, ""))[0], k)):  # not set order
        if key in first:
            by_sentence[ctx.sent_of[first[key][0]]].append(key)
    for s, entity_keys in sorted(by_sentence.items()):
        if s < 0:
            continue
        sent = ctx.sentences[s]
        text = ctx.text[sent.char_start : sent.char_end]
        for key in entity_keys:
            rule = first[key][1]
            out.append(
                Claim(
                    subject=key,
                    predicate=Relation.mentionedIn,
                    object=key,
                    sentence=text,
                    char_start=sent.char_start,
                    char_end=sent.char_end,
                    confidence=_MENTION_CONFIDENCE.get(rule, 0.7),
                    modality=Modality.Asserted,
                    extracted_by=rule,
                )
            )
    return out
