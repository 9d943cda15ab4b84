"""The curated record's schema: vocabularies and one model per YAML record kind."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

STATUSES = ("addressed", "partial", "deferred", "not_addressed")
OPEN_STATUSES = ("partial", "deferred", "not_addressed")
STATUS_LABELS = {
    "addressed": "Addressed",
    "partial": "Partial",
    "deferred": "Deferred",
    "not_addressed": "Not addressed",
}
PARTS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
SECTIONS = ("general", *(f"part-{p}" for p in PARTS), "new-measures", "data")
ACTOR_KINDS = ("mechanism", "state", "state-body", "international")
TOPIC_BASES = ("source", "inferred-from-reply", "unknown")
RELATIONS = ("reply", "related")
CONFIDENCES = ("high", "medium", "low")
ROLES = ("viewer", "monitor", "admin")
CAN_ASSESS = ("monitor", "admin")
ARTICLE_COUNT = 93

Status = Literal["addressed", "partial", "deferred", "not_addressed"]
PartId = Literal["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
Section = Literal[
    "general", "part-I", "part-II", "part-III", "part-IV", "part-V",
    "part-VI", "part-VII", "part-VIII", "part-IX", "new-measures", "data",
]
ActorKind = Literal["mechanism", "state", "state-body", "international"]
TopicBasis = Literal["source", "inferred-from-reply", "unknown"]
Relation = Literal["reply", "related"]
Confidence = Literal["high", "medium", "low"]
# Versions of docs/assessment-method.md; a curated status names the one it was decided under.
MethodVersion = Literal["1.0"]
METHOD_VERSIONS = get_args(MethodVersion)
# The record is curated in English; a translation may be given in any other official UN language.
TranslationLanguage = Literal["es", "fr", "ar", "ru", "zh"]
TRANSLATION_LANGUAGES = get_args(TranslationLanguage)

# A range may be written with a hyphen or, as the record displays it, an en dash.
_REF = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)|\(\s*([a-z]|[ivx]+|\d+)\s*\))?\s*$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True, order=True)
class ParagraphRef:
    """A paragraph, a range of paragraphs, or a sub-paragraph such as 2(a)."""

    first: int
    last: int
    sub: str | None = None

    def numbers(self) -> range:
        return range(self.first, self.last + 1)

    def __str__(self) -> str:
        if self.sub:
            return f"{self.first}({self.sub})"
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


def parse_paragraph_ref(value: int | str) -> ParagraphRef:
    """Parse `140`, `"140-145"` or `"2(a)"`; raise ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a paragraph reference")
    if isinstance(value, int):
        if value < 1:
            raise ValueError(f"paragraph {value} must be 1 or more")
        return ParagraphRef(value, value)
    match = _REF.match(str(value))
    if not match:
        raise ValueError(f"{value!r} is not a paragraph reference (use 140, \"140-145\" or \"2(a)\")")
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else first
    if first < 1 or last < first:
        raise ValueError(f"{value!r} is not an ascending paragraph range")
    return ParagraphRef(first, last, match.group(3))


def format_paragraphs(refs: list[ParagraphRef]) -> str:
    """Render references for people: `¶ 140–145, 2(a)`."""
    return ", ".join(str(ref) for ref in refs)


ParagraphValue = int | str
# Limits keep a runaway paste or a hostile file from reaching the database or the page.
MAX_ID, MAX_TITLE, MAX_TEXT = 64, 500, 5000
Note = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_refs(values: list[ParagraphValue]) -> list[ParagraphValue]:
    for value in values:
        parse_paragraph_ref(value)
    return values


class TitleTranslation(_Record):
    title: str = Field(min_length=1, max_length=MAX_TITLE)


class ActorTranslation(_Record):
    name: str = Field(min_length=1, max_length=MAX_TITLE)
    acronym: str | None = Field(default=None, min_length=1, max_length=32)


class TopicTranslation(_Record):
    topic: str = Field(min_length=1, max_length=MAX_TITLE * 2)


class ResponseTranslation(_Record):
    summary: str = Field(min_length=1, max_length=MAX_TEXT)
    rationale: str = Field(min_length=1, max_length=MAX_TITLE * 2)
    confidence_reason: str | None = Field(default=None, min_length=1, max_length=MAX_TITLE)


# The fields each kind of record translates, for the check that reports what a translation lacks.
TRANSLATED_FIELDS = {"part": ("title",), "article": ("title",), "actor": ("name", "acronym"), "recommendation": ("topic",),
                     "response": ("summary", "rationale", "confidence_reason")}


class PartRecord(_Record):
    id: PartId
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    first_article: int = Field(ge=1, le=ARTICLE_COUNT)
    last_article: int = Field(ge=1, le=ARTICLE_COUNT)
    translations: dict[TranslationLanguage, TitleTranslation] = {}


class ArticleRecord(_Record):
    number: int = Field(ge=1, le=ARTICLE_COUNT)
    part: PartId
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    translations: dict[TranslationLanguage, TitleTranslation] = {}


class ConventionFile(_Record):
    parts: list[PartRecord]
    articles: list[ArticleRecord]


class ActorRecord(_Record):
    id: str = Field(min_length=1, max_length=MAX_ID)
    name: str = Field(min_length=1, max_length=MAX_TITLE)
    acronym: str | None = Field(default=None, min_length=1, max_length=32)
    kind: ActorKind
    parent: str | None = None
    notes: list[Note] = []
    translations: dict[TranslationLanguage, ActorTranslation] = {}


class ParagraphSpan(_Record):
    first: int = Field(ge=1)
    last: int = Field(ge=1)


class DocumentRecord(_Record):
    id: str = Field(min_length=1, max_length=MAX_ID)
    symbol: str | None = Field(default=None, max_length=MAX_TITLE)
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    year: int = Field(ge=1945, le=2100)
    author: str
    paragraphs: ParagraphSpan | None = None
    source_file: str | None = None
    notes: list[Note] = []

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value):
        # YAML reads an unquoted 2017-05-19 as a date; keep it as the ISO text it was written as.
        return value.isoformat() if isinstance(value, date) else value


class SeenIn(_Record):
    document: str
    paragraphs: list[ParagraphValue] = Field(min_length=1)

    _refs = field_validator("paragraphs")(_check_refs)


class Lineage(_Record):
    takes_up: str
    note: str = Field(min_length=1, max_length=MAX_TEXT)


class RecommendationRecord(_Record):
    id: str = Field(min_length=1, max_length=MAX_ID, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    mechanism: str
    document: str
    paragraphs: list[ParagraphValue] = Field(min_length=1)
    year: int = Field(ge=1945, le=2100)
    section: Section | None = None
    topic: str | None = Field(default=None, max_length=MAX_TITLE * 2)
    topic_basis: TopicBasis
    articles: list[int] = []
    addressee: str
    addressee_as_named: str | None = Field(default=None, max_length=MAX_TITLE)
    themes: list[str] = []
    seen_in: SeenIn | None = None
    lineage: list[Lineage] = []
    notes: list[Note] = []
    curator_notes: list[Note] = []
    translations: dict[TranslationLanguage, TopicTranslation] = {}

    _refs = field_validator("paragraphs")(_check_refs)

    @field_validator("themes")
    @classmethod
    def _slugs(cls, themes: list[str]) -> list[str]:
        for theme in themes:
            if not _SLUG.match(theme):
                raise ValueError(f"theme {theme!r} is not a lower-case slug")
        return themes


class ResponseRecord(_Record):
    id: str = Field(min_length=1, max_length=MAX_ID, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    recommendation: str
    document: str
    relation: Relation
    paragraphs: list[ParagraphValue]
    boundary: str | None = Field(default=None, max_length=MAX_TEXT)
    bodies: list[str] = []
    summary: str = Field(min_length=1, max_length=MAX_TEXT)
    status: Status
    rationale: str = Field(min_length=1, max_length=MAX_TITLE * 2)
    confidence: Confidence
    confidence_reason: str | None = Field(default=None, min_length=1, max_length=MAX_TITLE)
    method: MethodVersion
    notes: list[Note] = []
    curator_notes: list[Note] = []
    translations: dict[TranslationLanguage, ResponseTranslation] = {}

    _refs = field_validator("paragraphs")(_check_refs)


RECORD_MODELS = {
    "convention.yaml": ConventionFile,
    "actors.yaml": ActorRecord,
    "documents.yaml": DocumentRecord,
    "recommendations.yaml": RecommendationRecord,
    "responses.yaml": ResponseRecord,
}
