"""A deterministic synthetic news corpus about the AI-chip trade, at any size.

One seeded :class:`World` holds thousands of generated firms, regulators, chips,
people, outlets and places. :func:`articles` then writes news-like articles over
it (dateline, headline, byline, share-bar boilerplate, 3-5 KB of varied sentence
shapes: approvals with conditions, restrictions, benchmarks, makers, purchases,
visits, leadership) and, for each one, the :class:`Extraction` a careful reader
would make of it, with exact character offsets. The same seed and index always
give the same article on every machine.

The text feeds the end-to-end ingest benchmark; the extractions build large
stores fast (mapping + bulk load, no extractor) for the query benchmarks.

Example
-------
>>> first = next(articles(1, seed=7))
>>> first.extraction.article.text == first.text and 2500 < len(first.text) < 6500
True
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from chipkg.ontology.identifiers import article_id, sha256_hex, slug
from chipkg.ontology.models import (
    Approval,
    Article,
    Claim,
    Condition,
    DatePrecision,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Modality,
    Relation,
    Status,
)

_SYL = (
    "ar",
    "bel",
    "cor",
    "dan",
    "el",
    "fen",
    "gra",
    "hal",
    "is",
    "jun",
    "kel",
    "lum",
    "mor",
    "nex",
    "or",
    "pra",
    "quin",
    "ros",
    "sil",
    "tor",
    "ul",
    "ven",
    "wex",
    "xan",
    "yor",
    "zen",
    "ta",
    "vi",
    "lo",
    "mi",
    "ka",
    "ne",
    "ri",
    "su",
    "do",
)
_FIRM_SUFFIX = (
    "Semiconductor",
    "Technologies",
    "Compute",
    "Systems",
    "Cloud",
    "Labs",
    "Holdings",
    "Networks",
    "Microelectronics",
    "AI",
)
_FIRST = (
    "Ada",
    "Bo",
    "Chen",
    "Dana",
    "Elif",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jae",
    "Kofi",
    "Lena",
    "Mei",
    "Nikhil",
    "Olga",
    "Pavel",
    "Quinn",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Yusuf",
    "Zoe",
)
_COUNTRIES = (
    "China",
    "United States",
    "Japan",
    "South Korea",
    "Taiwan",
    "Netherlands",
    "Germany",
    "India",
    "Singapore",
    "Malaysia",
    "Vietnam",
    "United Arab Emirates",
    "Saudi Arabia",
    "Israel",
    "France",
    "United Kingdom",
    "Canada",
    "Brazil",
    "Indonesia",
    "Thailand",
)
_AGENCY = (
    "Ministry of Commerce",
    "Export Control Bureau",
    "Trade Authority",
    "Customs Administration",
    "Office of Industrial Security",
    "Digital Ministry",
)
_CONDITIONS = (
    "buy a matching volume of domestic accelerators",
    "keep the chips out of military research",
    "report every shipment to the customs office",
    "host the servers inside the country",
    "submit to quarterly on-site audits",
    "cap each cluster at ten thousand units",
)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_BOILERPLATE_TOP = (
    "Share  |  Post  |  Email  |  Print",
    "Sign up for our morning briefing on chips and trade.",
    "Advertisement",
)
_BOILERPLATE_BOTTOM = (
    "Reporting by the newsroom; editing by the markets desk.",
    "Our Standards: The Trust Principles.",
    "Related coverage: more on export controls and accelerators.",
    "Copyright 2025. All rights reserved. Republication is prohibited without consent.",
)
_FILLER = (
    "Analysts said demand for accelerators used to train large models showed no sign of easing.",
    "Shares in the sector moved sharply in early trading as investors weighed the news.",
    "The company declined to comment beyond its statement.",
    "Industry groups have lobbied for clearer rules for months.",
    "Data centre operators say supply remains the main constraint on their expansion plans.",
    "The figures could not be independently verified.",
    "Officials did not say when a final decision would be made.",
    "Executives have warned that uncertainty over licences makes planning difficult.",
)


@dataclass(frozen=True)
class Thing:
    """One generated real-world thing: its label, class and other names."""

    label: str
    type: EntityType
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Return the entity key (slug of the label)."""
        return slug(self.label)

    def entity(self) -> Entity:
        """Return the extraction model of this thing."""
        return Entity.model_construct(
            label=self.label, type=self.type, aliases=self.aliases, wikidata=None
        )


@dataclass
class World:
    """Everything articles can talk about, generated from a seed."""

    firms: list[Thing] = field(default_factory=list)
    regulators: list[Thing] = field(default_factory=list)
    chips: list[Thing] = field(default_factory=list)
    people: list[Thing] = field(default_factory=list)
    outlets: list[Thing] = field(default_factory=list)
    countries: list[Thing] = field(default_factory=list)
    cities: list[Thing] = field(default_factory=list)

    @classmethod
    def generate(
        cls, seed: int = 0, *, firms: int = 3000, chips: int = 1500, people: int = 2000
    ) -> World:
        """Return a world of generated things (sizes are approximate upper bounds)."""
        rng = random.Random(seed)
        world = cls()

        def word(n: int) -> str:
            return "".join(rng.choice(_SYL) for _ in range(n)).capitalize()

        seen: set[str] = set()

        def add(bucket: list[Thing], label: str, kind: EntityType, *aliases: str) -> None:
            key = slug(label)
            if key not in seen:
                seen.add(key)
                bucket.append(Thing(label, kind, tuple(a for a in aliases if a != label)))

        for country in _COUNTRIES:
            add(world.countries, country, EntityType.Country)
            for agency in _AGENCY:
                add(world.regulators, f"{country} {agency}", EntityType.Regulator)
        for _ in range(40):
            add(world.countries, f"Republic of {word(3)}", EntityType.Country)
        for _ in range(300):
            add(
                world.cities,
                word(2) + rng.choice(("ton", "ville", "burg", "shan", "pur")),
                EntityType.City,
            )
        for _ in range(firms):
            base = word(rng.choice((2, 3)))
            add(world.firms, f"{base} {rng.choice(_FIRM_SUFFIX)}", EntityType.Company, base)
        for _ in range(chips):
            stem = rng.choice(_SYL).upper() + rng.choice(_SYL).upper()[:1]
            add(world.chips, f"{stem}{rng.randint(10, 990)}", EntityType.Chip)
        for _ in range(people):
            add(world.people, f"{rng.choice(_FIRST)} {word(2)}", EntityType.Person)
        for _ in range(60):
            name = f"The {word(2)} {rng.choice(('Report', 'Times', 'Wire', 'Post', 'Journal'))}"
            add(world.outlets, name, EntityType.NewsOutlet)
        return world


@dataclass
class SyntheticArticle:
    """One generated article: its file name, its text and the extraction it deserves."""

    name: str
    text: str
    extraction: Extraction


class _Writer:
    """Builds an article's text sentence by sentence, keeping evidence offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def line(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text + "\n\n")
        self.length += len(text) + 2
        return start, start + len(text)


def articles(
    count: int, seed: int = 0, *, world: World | None = None, start: int = 0
) -> Iterator[SyntheticArticle]:
    """Return ``count`` articles (numbered from ``start``) over ``world``, deterministically."""
    world = world or World.generate(seed)
    for index in range(start, start + count):
        yield _article(world, random.Random(seed * 1_000_003 + index), index)


def _article(world: World, rng: random.Random, index: int) -> SyntheticArticle:
    w = _Writer()
    issued = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    outlet = rng.choice(world.outlets)
    regulator = rng.choice(world.regulators)
    firms = rng.sample(world.firms, 4)
    chips = rng.sample(world.chips, 3)
    person = rng.choice(world.people)
    place = rng.choice(world.cities)
    country = rng.choice(world.countries)
    used: dict[str, Thing] = {}
    claims: list[Claim] = []
    approvals: list[Approval] = []

    def ev(
        span: tuple[int, int],
        text: str,
        rule: str,
        modality: Modality = Modality.Asserted,
        attributed: Thing | None = None,
    ) -> dict[str, object]:
        return {
            "sentence": text,
            "char_start": span[0],
            "char_end": span[1],
            "confidence": round(rng.uniform(0.6, 0.98), 2),
            "modality": modality,
            "attributed_to": attributed.key if attributed else None,
            "extracted_by": rule,
            "event_date": issued,
            "date_precision": DatePrecision.Day,
            "date_text": issued.strftime("%d %B %Y"),
        }

    def claim(
        s: Thing,
        rel: Relation,
        o: Thing,
        span: tuple[int, int],
        text: str,
        rule: str,
        modality: Modality = Modality.Asserted,
        attributed: Thing | None = None,
        factor: float | None = None,
        quantity: int | None = None,
    ) -> None:
        used.setdefault(s.key, s)
        used.setdefault(o.key, o)
        fields = ev(span, text, rule, modality, attributed)
        claims.append(
            Claim.model_construct(
                subject=s.key,
                predicate=rel,
                object=o.key,
                factor=factor,
                quantity=quantity,
                **fields,
            )
        )

    title = f"{regulator.label} weighs {chips[0].label} sales as {firms[0].label} lines up orders"
    w.line(f"{outlet.label.upper()}  |  Markets  |  Semiconductors")
    w.line(issued.strftime("%a %d %b %Y"))
    w.line(rng.choice(_BOILERPLATE_TOP))
    w.line(title)
    w.line(f"By {rng.choice(world.people).label}")
    used[outlet.key] = outlet

    # Approval with conditions (most articles), in one of several shapes.
    if rng.random() < 0.8:
        grantees = firms[: rng.randint(1, 3)]
        qty = rng.choice((None, 1000 * rng.randint(5, 400)))
        status = rng.choice(
            (
                Status.Conditional,
                Status.Conditional,
                Status.Granted,
                Status.UnderReview,
                Status.Denied,
            )
        )
        conds = rng.sample(_CONDITIONS, rng.randint(1, 2)) if status is Status.Conditional else []
        names = ", ".join(g.label for g in grantees[:-1])
        who = f"{names} and {grantees[-1].label}" if names else grantees[0].label
        amount = f"{qty:,} " if qty else ""
        verb = {
            Status.Conditional: "has conditionally approved",
            Status.Granted: "has approved",
            Status.UnderReview: "is reviewing",
            Status.Denied: "has refused",
        }[status]
        cond_text = (" on condition that they " + " and ".join(conds)) if conds else ""
        shape = rng.randrange(3)
        if shape == 0:
            text = (
                f"{place.label.upper()} - {regulator.label} {verb} purchases by {who} of "
                f"{amount}{chips[0].label} accelerators{cond_text}, "
                f"according to {outlet.label}."
            )
        elif shape == 1:
            text = (
                f"{who} won clearance from {regulator.label} to buy {amount}"
                f"{chips[0].label} chips{cond_text}, people familiar with the matter said."
            )
        else:
            text = (
                f"According to a filing, {regulator.label} {verb} {who} to import "
                f"{amount}{chips[0].label} processors{cond_text}."
            )
        span = w.line(text)
        modality = Modality.Reported if shape != 2 else Modality.Asserted
        evidence = Evidence.model_construct(**ev(span, text, "approval.v1", modality, outlet))
        approvals.append(
            Approval.model_construct(
                approver=regulator.key,
                grantees=tuple(g.key for g in grantees),
                chip=chips[0].key,
                status=status,
                quantity=qty,
                conditions=tuple(Condition(label=c) for c in conds),
                evidence=(evidence,),
            )
        )
        for thing in (regulator, chips[0], *grantees):
            used.setdefault(thing.key, thing)
        if status in (Status.Conditional, Status.Granted):
            conditional = status is Status.Conditional
            rel = Relation.conditionallyApproves if conditional else Relation.approves
            for g in grantees:
                claim(
                    regulator,
                    rel,
                    g,
                    span,
                    text,
                    "approval.edge.v1",
                    modality=modality,
                    attributed=outlet,
                )

    # Further sentences in varied shapes, with filler between them.
    shapes = list(range(7))
    rng.shuffle(shapes)
    for shape in shapes:
        if shape == 0:
            factor = round(rng.uniform(1.2, 6.0), 1)
            text = (
                f"The {chips[0].label} is about {factor} times faster than the "
                f"{chips[1].label} on training workloads, {firms[1].label} said."
            )
            span = w.line(text)
            claim(
                chips[0],
                Relation.outperforms,
                chips[1],
                span,
                text,
                "outperforms.v1",
                factor=factor,
            )
        elif shape == 1:
            text = f"{firms[1].label} makes the {chips[0].label} and the {chips[2].label}."
            span = w.line(text)
            claim(firms[1], Relation.makes, chips[0], span, text, "makes.v1")
            claim(firms[1], Relation.makes, chips[2], span, text, "makes.v1")
        elif shape == 2:
            planned = rng.random() < 0.3
            verb = "plans to restrict" if planned else "restricted"
            text = f"{regulator.label} {verb} exports of the {chips[1].label} last month."
            span = w.line(text)
            claim(
                regulator,
                Relation.restricts,
                chips[1],
                span,
                text,
                "restricts.v1",
                modality=Modality.Planned if planned else Modality.Asserted,
            )
        elif shape == 3:
            text = (
                f"{person.label}, chief executive of {firms[2].label}, visited "
                f"{place.label} this week to meet suppliers."
            )
            span = w.line(text)
            claim(person, Relation.leads, firms[2], span, text, "leads.v1")
            claim(person, Relation.visited, place, span, text, "visited.v1")
        elif shape == 4:
            qty = 1000 * rng.randint(1, 200)
            text = f"{firms[3].label} is seeking to buy {qty:,} {chips[2].label} units."
            span = w.line(text)
            claim(firms[3], Relation.seeksToBuy, chips[2], span, text, "seeks.v1", quantity=qty)
        elif shape == 5:
            text = f"{firms[3].label}, which is based in {country.label}, rivals {firms[1].label}."
            span = w.line(text)
            claim(firms[3], Relation.basedIn, country, span, text, "based.v1")
        else:
            text = (
                f"{chips[2].label} competes directly with the {chips[1].label}, "
                f"analysts at {outlet.label} wrote."
            )
            span = w.line(text)
            claim(
                chips[2],
                Relation.rivals,
                chips[1],
                span,
                text,
                "rivals.v1",
                modality=Modality.Reported,
                attributed=outlet,
            )
        for _ in range(rng.randint(3, 6)):
            w.line(rng.choice(_FILLER))
    for line in rng.sample(_BOILERPLATE_BOTTOM, 2):
        w.line(line)
    text = "".join(w.parts)

    # Every entity's first mention is its mentionedIn claim.
    mentioned: list[Claim] = []
    for key, thing in used.items():
        at = text.find(thing.label)
        if at < 0:
            continue
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        sentence = text[line_start:line_end]
        fields = ev((line_start, line_end), sentence, "mention.v1")
        mentioned.append(
            Claim.model_construct(
                subject=key,
                predicate=Relation.mentionedIn,
                object=key,
                factor=None,
                quantity=None,
                **fields,
            )
        )
    name = f"{index:06d}_synthetic.txt"
    article = Article.model_construct(
        id=article_id(text),
        source=name,
        text=text,
        sha256=sha256_hex(text),
        format="text",
        title=title,
        issued=issued,
        url=None,
        publisher=outlet.label,
    )
    extraction = Extraction.model_construct(
        article=article,
        entities=tuple(t.entity() for t in used.values()),
        mentions=(),
        claims=(*mentioned, *claims),
        approvals=tuple(approvals),
    )
    return SyntheticArticle(name=name, text=text, extraction=extraction)


def write_corpus(directory: str | Path, count: int, seed: int = 0) -> list[Path]:
    """Return the paths of ``count`` article files written into ``directory``."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in articles(count, seed):
        path = target / item.name
        path.write_text(item.text, encoding="utf-8")
        paths.append(path)
    return paths
