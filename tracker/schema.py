"""The curated record's schema: vocabularies and one model per YAML record kind."""

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainValidator, StringConstraints, field_validator

from tracker.errors import quote
from tracker.i18n import N_

STATUSES = ("addressed", "partial", "deferred", "not_addressed")
OPEN_STATUSES = ("partial", "deferred", "not_addressed")
# Labels are English here (the URL and the exports' keys use them) and translated where shown.
STATUS_LABELS = {
    "addressed": N_("Addressed"),
    "partial": N_("Partial"),
    "deferred": N_("Deferred"),
    "not_addressed": N_("Not addressed"),
}
PARTS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
SECTIONS = ("general", *(f"part-{p}" for p in PARTS), "new-measures", "data")
ACTOR_KINDS = ("mechanism", "state", "state-body", "international")
TOPIC_BASES = ("source", "inferred-from-reply", "unknown")
RELATIONS = ("reply", "related")
CONFIDENCES = ("high", "medium", "low")
# The stages of a reporting cycle, in the order they come (docs/data-model.md, "Reporting cycles").
CYCLE_STAGES = ("list-of-issues", "state-report", "dialogue", "concluding-observations", "follow-up")
# The labels the Universal Human Rights Index gives an item, kept as OHCHR writes them (the `uhri` field).
UHRI_LABELS = ("themes", "sdgs", "affected_persons")
CONFIDENCE_LABELS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
ROLES = ("viewer", "monitor", "admin")
ROLE_LABELS = {"viewer": N_("viewer"), "monitor": N_("monitor"), "admin": N_("admin")}
CAN_ASSESS = ("monitor", "admin")
# Names of the theme slugs the curated records use; a slug not named here is shown with its hyphens as spaces.
THEME_LABELS = {
    "asylum": N_("asylum"), "budget": N_("budget"), "children": N_("children"), "civil-society": N_("civil society"),
    "consular-protection": N_("consular protection"), "data": N_("data and statistics"),
    "detention": N_("detention"), "disappearances": N_("disappearances"), "discrimination": N_("discrimination"),
    "due-process": N_("due process"), "education": N_("education"), "family-unity": N_("family unity"),
    "health": N_("health"), "identity": N_("identity documents"), "institutions": N_("institutions"),
    "international-cooperation": N_("international cooperation"), "labour-rights": N_("labour rights"),
    "legislation": N_("legislation"), "regularization": N_("regularization"),
    "return-reintegration": N_("return and reintegration"), "social-security": N_("social security"),
    "trafficking": N_("trafficking"), "training": N_("training"), "victims": N_("victims"), "women": N_("women"),
}
ARTICLE_COUNT = 93
# Paragraph numbers and ranges a reference may name, so a slip ("1-999999999") never reaches a page that
# lists paragraphs one by one; the longest UN document the record cites has a few hundred.
MAX_PARAGRAPH, MAX_RANGE = 100_000, 1_000

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
CycleStage = Literal["list-of-issues", "state-report", "dialogue", "concluding-observations", "follow-up"]
# Versions of docs/assessment-method.md; a curated status names the one it was decided under.
MethodVersion = Literal["1.0"]
METHOD_VERSIONS = get_args(MethodVersion)
# The record is curated in English; a translation may be given in any other official UN language.
TranslationLanguage = Literal["es", "fr", "ar", "ru", "zh"]
TRANSLATION_LANGUAGES = get_args(TranslationLanguage)

# A range may be written with a hyphen or, as the record displays it, an en dash.
# A UPR recommendation is numbered within its paragraph: 145.12 is the twelfth of paragraph 145.
_REF = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)|\(\s*([a-z]|[ivx]+|\d+)\s*\)|\.(\d{1,3}))?\s*$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True, order=True)
class ParagraphRef:
    """A paragraph, a range of paragraphs, a sub-paragraph such as 2(a), or a UPR recommendation such as 145.12."""

    first: int
    last: int
    sub: str | None = None
    point: str | None = None  # the "12" of 145.12, as written

    def numbers(self) -> range:
        return range(self.first, self.last + 1)

    def __str__(self) -> str:
        if self.sub:
            return f"{self.first}({self.sub})"
        if self.point is not None:
            return f"{self.first}.{self.point}"
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


def parse_paragraph_ref(value: int | str) -> ParagraphRef:
    """Parse `140`, `"140-145"` or `"2(a)"`; raise ValueError otherwise."""
    # A record cites the same few thousand references again and again, and each is parsed three times on
    # validation (schema, cross-checks, curation rules): keep the answers (ParagraphRef is frozen).
    if type(value) in (int, str):
        return _kept_ref(value)
    return _paragraph_ref(value)


def _paragraph_ref(value: int | str) -> ParagraphRef:
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= MAX_PARAGRAPH:
            raise ValueError(f"paragraph {quote(value)} must be from 1 to {MAX_PARAGRAPH:,}")
        return ParagraphRef(value, value)
    match = _REF.match(value) if isinstance(value, str) and len(value) <= 40 else None
    if not match:
        raise ValueError(f"{quote(value)} is not a paragraph reference (use 140, \"140-145\", \"2(a)\" or \"145.12\")")
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else first
    if first < 1 or last < first:
        raise ValueError(f"{quote(value)} is not an ascending paragraph range")
    if last > MAX_PARAGRAPH:
        raise ValueError(f"{quote(value)} names a paragraph above {MAX_PARAGRAPH:,}")
    if last - first >= MAX_RANGE:
        raise ValueError(f"{quote(value)} spans {last - first + 1:,} paragraphs; a range may span at most {MAX_RANGE:,}")
    return ParagraphRef(first, last, match.group(3), match.group(4))


_kept_ref = lru_cache(maxsize=8192)(_paragraph_ref)


def format_paragraphs(refs: list[ParagraphRef]) -> str:
    """Render references for people: `¶ 140–145, 2(a)`."""
    return ", ".join(str(ref) for ref in refs)


def _paragraph_value(value: object) -> int | str:
    parse_paragraph_ref(value)
    return value


# Checked one by one, so every bad reference of a list is reported with its index.
ParagraphValue = Annotated[int | str, PlainValidator(_paragraph_value)]
# Limits keep a runaway paste or a hostile file from reaching the database or the page.
MAX_ID, MAX_TITLE, MAX_TEXT = 64, 500, 5000
Note = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]


class _Record(BaseModel):
    # Strict: YAML 1.1 reads `yes` as true and nothing may turn it, "22" or 22.0 into a number by coercion.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _slug(theme: str) -> str:
    if not _SLUG.match(theme):
        raise ValueError(f"theme {quote(theme)} is not a lower-case slug")
    return theme


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
TRANSLATED_FIELDS = {"part": ("title",), "article": ("title",), "actor": ("name", "acronym"), "document": ("title",),
                     "recommendation": ("topic",),
                     "response": ("summary", "rationale", "confidence_reason")}


class PartRecord(_Record):
    id: PartId
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    first_article: int = Field(ge=1, le=ARTICLE_COUNT)
    last_article: int = Field(ge=1, le=ARTICLE_COUNT)
    translations: dict[TranslationLanguage, TitleTranslation] = Field(default_factory=dict)


class ArticleRecord(_Record):
    number: int = Field(ge=1, le=ARTICLE_COUNT)
    part: PartId
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    translations: dict[TranslationLanguage, TitleTranslation] = Field(default_factory=dict)


class ConventionFile(_Record):
    parts: list[PartRecord]
    articles: list[ArticleRecord]


class ActorRecord(_Record):
    id: str = Field(min_length=1, max_length=MAX_ID)
    name: str = Field(min_length=1, max_length=MAX_TITLE)
    acronym: str | None = Field(default=None, min_length=1, max_length=32)
    kind: ActorKind
    parent: str | None = None
    notes: list[Note] = Field(default_factory=list)
    translations: dict[TranslationLanguage, ActorTranslation] = Field(default_factory=dict)


class ParagraphSpan(_Record):
    first: int = Field(ge=1, le=MAX_PARAGRAPH)
    last: int = Field(ge=1, le=MAX_PARAGRAPH)


class DocumentCycle(_Record):
    """Where a document stands in a reporting cycle: the mechanism's cycle number for the State, and the stage."""

    mechanism: str
    number: int = Field(ge=1, le=99)
    stage: CycleStage


def cycle_key(mechanism: str, number: int) -> str:
    """The one value that names a cycle in filters and links: "CMW-3"."""
    return f"{mechanism}-{number}"


class DocumentRecord(_Record):
    id: str = Field(min_length=1, max_length=MAX_ID)
    symbol: str | None = Field(default=None, max_length=MAX_TITLE)
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    year: int = Field(ge=1945, le=2100)
    author: str
    paragraphs: ParagraphSpan | None = None
    source_file: str | None = None
    cycle: DocumentCycle | None = None
    notes: list[Note] = Field(default_factory=list)
    translations: dict[TranslationLanguage, TitleTranslation] = Field(default_factory=dict)

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value):
        # YAML reads an unquoted 2017-05-19 as a date; keep it as the ISO text it was written as.
        return value.isoformat() if isinstance(value, date) else value


class SeenIn(_Record):
    document: str
    paragraphs: list[ParagraphValue] = Field(min_length=1)


class Lineage(_Record):
    takes_up: str
    note: str = Field(min_length=1, max_length=MAX_TEXT)


Label = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TITLE)]


class UhriLabels(_Record):
    """What the Universal Human Rights Index records about an item, its labels as OHCHR writes them."""

    annotation_id: str = Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    themes: list[Label] = Field(default_factory=list)
    sdgs: list[Label] = Field(default_factory=list)
    affected_persons: list[Label] = Field(default_factory=list)


class RecommendationRecord(_Record):
    id: str = Field(min_length=1, max_length=MAX_ID, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    mechanism: str
    document: str
    paragraphs: list[ParagraphValue] = Field(min_length=1)
    year: int = Field(ge=1945, le=2100)
    section: Section | None = None
    topic: str | None = Field(default=None, max_length=MAX_TITLE * 2)
    topic_basis: TopicBasis
    articles: list[int] = Field(default_factory=list)
    addressee: str
    addressee_as_named: str | None = Field(default=None, max_length=MAX_TITLE)
    themes: list[Annotated[str, AfterValidator(_slug)]] = Field(default_factory=list)
    seen_in: SeenIn | None = None
    uhri: UhriLabels | None = None
    lineage: list[Lineage] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    curator_notes: list[Note] = Field(default_factory=list)
    translations: dict[TranslationLanguage, TopicTranslation] = Field(default_factory=dict)


class ResponseRecord(_Record):
    id: str = Field(min_length=1, max_length=MAX_ID, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    recommendation: str
    document: str
    relation: Relation
    paragraphs: list[ParagraphValue]
    boundary: str | None = Field(default=None, max_length=MAX_TEXT)
    bodies: list[str] = Field(default_factory=list)
    summary: str = Field(min_length=1, max_length=MAX_TEXT)
    status: Status
    rationale: str = Field(min_length=1, max_length=MAX_TITLE * 2)
    confidence: Confidence
    confidence_reason: str | None = Field(default=None, min_length=1, max_length=MAX_TITLE)
    method: MethodVersion
    notes: list[Note] = Field(default_factory=list)
    curator_notes: list[Note] = Field(default_factory=list)
    translations: dict[TranslationLanguage, ResponseTranslation] = Field(default_factory=dict)


RECORD_MODELS = {
    "convention.yaml": ConventionFile,
    "actors.yaml": ActorRecord,
    "documents.yaml": DocumentRecord,
    "recommendations.yaml": RecommendationRecord,
    "responses.yaml": ResponseRecord,
}
