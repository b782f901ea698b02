"""Typed models for everything that crosses a module boundary.

A loader turns one input into an :class:`Extraction`: the :class:`Article` (cleaned
text and metadata) and what was read out of it: :class:`Entity` records,
:class:`Mention` spans, :class:`Claim` edges and n-ary :class:`Approval` facts, each
carrying its :class:`Evidence`. ``chipkg.graph.mapping`` is the one place that turns
these models into RDF.

Entities are referred to by ``key``: the slug of the canonical label, which is also
the local name of the entity's IRI (``ent:<key>``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from rdflib import URIRef

from chipkg.ontology.identifiers import slug
from chipkg.ontology.vocabulary import ART, CKG, ENT


class EntityType(StrEnum):
    """Core entity classes (local names of ``ckg:`` classes)."""

    Entity = "Entity"
    Organization = "Organization"
    Regulator = "Regulator"
    Company = "Company"
    NewsOutlet = "NewsOutlet"
    Person = "Person"
    Place = "Place"
    Country = "Country"
    City = "City"
    Chip = "Chip"


#: Each class's parent class, as in ``chipkg.ttl``.
ENTITY_PARENT: dict[EntityType, EntityType | None] = {
    EntityType.Entity: None,
    EntityType.Organization: EntityType.Entity,
    EntityType.Regulator: EntityType.Organization,
    EntityType.Company: EntityType.Organization,
    EntityType.NewsOutlet: EntityType.Organization,
    EntityType.Person: EntityType.Entity,
    EntityType.Place: EntityType.Entity,
    EntityType.Country: EntityType.Place,
    EntityType.City: EntityType.Place,
    EntityType.Chip: EntityType.Entity,
}


def is_a(kind: EntityType, ancestor: EntityType) -> bool:
    """Return True when ``kind`` is ``ancestor`` or one of its sub-classes."""
    current: EntityType | None = kind
    while current is not None:
        if current is ancestor:
            return True
        current = ENTITY_PARENT[current]
    return False


class Relation(StrEnum):
    """Core entity-to-entity properties (local names of ``ckg:`` properties)."""

    approves = "approves"
    conditionallyApproves = "conditionallyApproves"
    restricts = "restricts"
    outperforms = "outperforms"
    rivals = "rivals"
    makes = "makes"
    seeksToBuy = "seeksToBuy"
    leads = "leads"
    basedIn = "basedIn"
    visited = "visited"
    mentionedIn = "mentionedIn"


class Status(StrEnum):
    """Status of an approval."""

    Granted = "Granted"
    Conditional = "Conditional"
    UnderReview = "UnderReview"
    Denied = "Denied"

    @property
    def position(self) -> URIRef:
        """Return the derived edge a grantee gets to the chip (``ckg:approvedFor`` ...)."""
        return _POSITIONS[self]


_POSITIONS = {
    Status.Granted: CKG.approvedFor,
    Status.Conditional: CKG.approvedFor,
    Status.UnderReview: CKG.underReviewFor,
    Status.Denied: CKG.deniedFor,
}


class Modality(StrEnum):
    """How an article presents a fact."""

    Asserted = "Asserted"
    Reported = "Reported"
    Planned = "Planned"
    Negated = "Negated"


class DatePrecision(StrEnum):
    """How precisely an event date is known."""

    Day = "Day"
    Month = "Month"
    Year = "Year"

    @classmethod
    def named(cls, name: str | None) -> DatePrecision:
        """Return the precision called ``name``; an unknown or missing one is Day.

        >>> DatePrecision.named("Month"), DatePrecision.named(None)
        (<DatePrecision.Month: 'Month'>, <DatePrecision.Day: 'Day'>)
        """
        return cls.__members__.get(name or "", cls.Day)

    def show(self, day: dt.date) -> str:
        """Return ``day`` written as precisely as it is known: 2025, 2025-07 or 2025-07-15.

        A date known to the month or year is stored as its first day; this is how
        people should read it.

        >>> DatePrecision.Month.show(dt.date(2025, 7, 1))
        '2025-07'
        """
        if self is DatePrecision.Year:
            return f"{day.year:04d}"
        if self is DatePrecision.Month:
            return f"{day.year:04d}-{day.month:02d}"
        return day.isoformat()


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(_Model):
    """One loaded document: cleaned text plus metadata."""

    id: str = Field(description="Stable id: digest of the cleaned text.")
    source: str = Field(description="File path or URL it was loaded from.")
    text: str = Field(description="Cleaned article text; every offset points into it.")
    sha256: str
    format: str = Field(description="Name of the loader that read it.")
    source_sha256: str | None = Field(
        default=None,
        description="Digest of the document's text as read, before cleaning: ingest "
        "skips a source whose digest it already holds without extracting it again.",
    )
    title: str | None = None
    issued: dt.date | None = None
    url: str | None = None
    publisher: str | None = Field(default=None, description="Outlet named by the markup.")

    @property
    def iri(self) -> URIRef:
        """Return the article's IRI, which is also the name of its graph."""
        return ART[self.id]


class Entity(_Model):
    """A real-world thing an article names, as resolved by the extractor."""

    label: str = Field(description="Canonical name.")
    type: EntityType
    aliases: tuple[str, ...] = Field(default=(), description="Other surface forms seen.")
    wikidata: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    part_of: str | None = Field(
        default=None,
        description="Canonical name of the body it belongs to, of the same class "
        "(a ministry's or agency's government), as the gazetteer knows it.",
    )

    @property
    def key(self) -> str:
        """Return the entity's key: the slug of its canonical label."""
        return slug(self.label)

    @property
    def iri(self) -> URIRef:
        """Return the entity's IRI (``ent:<key>``)."""
        return ENT[self.key]


class Mention(_Model):
    """One span of the article that names an entity."""

    entity: str = Field(description="Key of the entity it refers to.")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rule: str = Field(description="The rule that found or resolved it.")


class Evidence(_Model):
    """Where and how an article supports a fact."""

    sentence: str
    char_start: int = Field(ge=0, description="Offset of the sentence in the cleaned text.")
    char_end: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0)
    modality: Modality = Modality.Asserted
    attributed_to: str | None = Field(default=None, description="Key of the credited source.")
    extracted_by: str = Field(description="Rule or pattern that produced it.")
    event_date: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None

    @model_validator(mode="after")
    def _span_is_ordered(self) -> Self:
        if self.char_end < self.char_start:
            raise ValueError("char_end is before char_start")
        return self


class Claim(Evidence):
    """Evidence for one ``subject predicate object`` edge between entities."""

    subject: str
    predicate: Relation
    object: str
    factor: float | None = None
    quantity: int | None = None


class Condition(_Model):
    """One condition attached to an approval, in words."""

    label: str


class Approval(_Model):
    """n-ary fact: a regulator lets grantees buy, import or sell a chip."""

    approver: str
    grantees: tuple[str, ...] = Field(min_length=1)
    chip: str
    status: Status
    quantity: int | None = None
    conditions: tuple[Condition, ...] = ()
    evidence: tuple[Evidence, ...] = Field(min_length=1)


class Extraction(_Model):
    """Everything read out of one article: the unit a loader returns and a store writes."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    approvals: tuple[Approval, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        keys = {e.key for e in self.entities}
        text = self.article.text
        for m in self.mentions:
            if m.entity not in keys:
                raise ValueError(f"mention {m.text!r} refers to unknown entity {m.entity!r}")
            if text[m.start : m.end] != m.text:
                raise ValueError(f"mention {m.text!r} does not match its offsets")
        evidences: list[Evidence] = list(self.claims)
        for c in self.claims:
            for key in (c.subject, c.object, c.attributed_to):
                if key is not None and key not in keys:
                    raise ValueError(f"claim refers to unknown entity {key!r}")
        for a in self.approvals:
            for key in (a.approver, a.chip, *a.grantees):
                if key not in keys:
                    raise ValueError(f"approval refers to unknown entity {key!r}")
            evidences.extend(a.evidence)
        for ev in evidences:
            if text[ev.char_start : ev.char_end] != ev.sentence:
                raise ValueError(
                    f"evidence offsets {ev.char_start}-{ev.char_end} do not slice to its sentence"
                )
        return self
