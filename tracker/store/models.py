"""SQLModel tables: the curated record as loaded from data/, and the monitors' assessments."""

from datetime import datetime, timezone

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, TypeDecorator
from sqlmodel import Field, SQLModel

from tracker.schema import CONFIDENCES, ROLES, STATUSES

# Named constraints let Alembic's batch mode on SQLite alter them later.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

_STATUS_SQL = ", ".join(f"'{status}'" for status in STATUSES)
_ROLE_SQL = ", ".join(f"'{role}'" for role in ROLES)
_CONFIDENCE_SQL = ", ".join(f"'{level}'" for level in CONFIDENCES)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A moment, stored and returned in UTC on every engine.

    SQLite keeps the wall-clock digits of whatever offset it is given, so an aware time from another zone is
    converted before it is written; a naive time is taken to be UTC already. Reads come back aware, in UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type:
        return datetime

    def process_bind_param(self, value, dialect):
        if value is None or value.tzinfo is None:
            return value
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class ConventionPart(SQLModel, table=True):
    __tablename__ = "convention_part"
    id: str = Field(primary_key=True, max_length=8)
    position: int
    title: str
    first_article: int
    last_article: int
    translations: dict | None = Field(default=None, sa_type=JSON)


class ConventionArticle(SQLModel, table=True):
    __tablename__ = "convention_article"
    number: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    part_id: str = Field(foreign_key="convention_part.id", max_length=8)
    title: str
    translations: dict | None = Field(default=None, sa_type=JSON)


class Actor(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    name: str
    kind: str = Field(max_length=32)
    parent: str | None = Field(default=None, max_length=64)
    acronym: str | None = Field(default=None, max_length=32)
    translations: dict | None = Field(default=None, sa_type=JSON)


class Document(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    symbol: str | None = None
    title: str
    date: str | None = Field(default=None, max_length=10)
    year: int
    author: str = Field(max_length=64)
    paragraph_first: int | None = None
    paragraph_last: int | None = None
    source_file: str | None = None
    notes: list[str] = Field(default_factory=list, sa_type=JSON)
    # The reporting cycle (schema.DocumentCycle); null for a document outside any cycle.
    cycle_mechanism: str | None = Field(default=None, max_length=64)
    cycle_number: int | None = None
    cycle_stage: str | None = Field(default=None, max_length=32)
    translations: dict | None = Field(default=None, sa_type=JSON)  # {language: {"title": text}}


class Recommendation(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    mechanism: str = Field(foreign_key="actor.id", max_length=64, index=True)
    document_id: str = Field(foreign_key="document.id", max_length=64)
    paragraphs: str
    year: int = Field(index=True)
    section: str | None = Field(default=None, max_length=16)
    topic: str | None = None
    topic_basis: str = Field(max_length=32)
    addressee: str = Field(max_length=64)
    addressee_as_named: str | None = None
    themes: list[str] = Field(default_factory=list, sa_type=JSON)
    seen_in: dict | None = Field(default=None, sa_type=JSON)
    notes: list[str] = Field(default_factory=list, sa_type=JSON)
    active: bool = True
    translations: dict | None = Field(default=None, sa_type=JSON)


class RecommendationArticle(SQLModel, table=True):
    __tablename__ = "recommendation_article"
    recommendation_id: str = Field(foreign_key="recommendation.id", primary_key=True, max_length=64)
    article: int = Field(foreign_key="convention_article.number", primary_key=True, index=True)


class RecommendationPart(SQLModel, table=True):
    """The parts an item concerns, derived once at load so filters and charts need no recomputation."""

    __tablename__ = "recommendation_part"
    recommendation_id: str = Field(foreign_key="recommendation.id", primary_key=True, max_length=64)
    part_id: str = Field(foreign_key="convention_part.id", primary_key=True, max_length=8, index=True)


class RecommendationLabel(SQLModel, table=True):
    """A label the Universal Human Rights Index gives an item; `kind` is one of schema.UHRI_LABELS."""

    __tablename__ = "recommendation_label"
    __table_args__ = (Index("ix_recommendation_label_kind_label", "kind", "label"),)
    recommendation_id: str = Field(foreign_key="recommendation.id", primary_key=True, max_length=64)
    kind: str = Field(primary_key=True, max_length=16)
    label: str = Field(primary_key=True, max_length=500)


class Lineage(SQLModel, table=True):
    recommendation_id: str = Field(foreign_key="recommendation.id", primary_key=True, max_length=64)
    takes_up_id: str = Field(foreign_key="recommendation.id", primary_key=True, max_length=64)
    note: str


class Response(SQLModel, table=True):
    __table_args__ = (CheckConstraint(f"status IN ({_STATUS_SQL})", name="status"),
                      CheckConstraint(f"confidence IN ({_CONFIDENCE_SQL})", name="confidence"))
    id: str = Field(primary_key=True, max_length=64)
    recommendation_id: str = Field(foreign_key="recommendation.id", max_length=64, index=True)
    document_id: str = Field(foreign_key="document.id", max_length=64)
    relation: str = Field(max_length=16)
    paragraphs: list[str] = Field(default_factory=list, sa_type=JSON)
    boundary: str | None = None
    summary: str
    status: str = Field(max_length=16)
    rationale: str
    # Null only between the migration that added them and the next load, which fills every row.
    confidence: str | None = Field(default=None, max_length=8)
    confidence_reason: str | None = None
    method: str | None = Field(default=None, max_length=16)
    notes: list[str] = Field(default_factory=list, sa_type=JSON)
    translations: dict | None = Field(default=None, sa_type=JSON)


class ResponseBody(SQLModel, table=True):
    __tablename__ = "response_body"
    response_id: str = Field(foreign_key="response.id", primary_key=True, max_length=64)
    actor_id: str = Field(foreign_key="actor.id", primary_key=True, max_length=64, index=True)


class Assessment(SQLModel, table=True):
    """An item's current status; `version` is the optimistic lock checked on every save."""

    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_SQL})", name="status"),
        Index("ix_assessment_status", "status"),
    )
    recommendation_id: str = Field(foreign_key="recommendation.id", primary_key=True, max_length=64)
    status: str = Field(max_length=16)
    curated_status: str = Field(max_length=16)
    version: int = Field(default=1, sa_column=Column(Integer, nullable=False, default=1))
    assessed_by_monitor: bool = False
    needs_review: bool = False
    review_reason: str | None = None
    updated_by: str
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AssessmentEvent(SQLModel, table=True):
    """Append-only history: one row per status change, written with the change it records."""

    __tablename__ = "assessment_event"
    __table_args__ = (CheckConstraint(f"new_status IN ({_STATUS_SQL})", name="new_status"),)
    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: str = Field(foreign_key="recommendation.id", max_length=64, index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    who: str = Field(index=True)
    old_status: str | None = Field(default=None, max_length=16)
    new_status: str = Field(max_length=16)
    note: str
    source: str = Field(max_length=16)
    version: int
    # The change (see ChangeCounter) that wrote the row: commit-ordered, unlike `id`, which is drawn at INSERT.
    seq: int = Field(sa_column=Column(Integer, nullable=False, index=True, server_default="0"))


class ChangeCounter(SQLModel, table=True):
    """One row. Every transaction that writes assessments first takes the next `seq` here; the row lock makes
    writers wait for each other, so `seq` order is commit order. `generation` is replaced by a restore."""

    __tablename__ = "change_counter"
    id: int = Field(default=1, primary_key=True, sa_column_kwargs={"autoincrement": False})
    seq: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    generation: str = Field(max_length=32)


class WebSession(SQLModel, table=True):
    """A signed-in browser: the cookie holds the token, the store only its SHA-256 (a stolen copy signs no one in)."""

    __tablename__ = "web_session"
    token_hash: str = Field(primary_key=True, max_length=64)
    person: str = Field(sa_column=Column(String(200), ForeignKey("person.name", ondelete="CASCADE"),
                                         nullable=False, index=True))
    started_at: datetime = Field(sa_type=DateTime(timezone=True))
    last_seen_at: datetime = Field(sa_type=DateTime(timezone=True))
    client: str | None = Field(default=None, max_length=64)
    agent: str | None = Field(default=None, max_length=200)


class SignInFailure(SQLModel, table=True):
    """Failed sign-ins counted per account (`account:<name>`) and per client address (`client:<address>`)."""

    __tablename__ = "sign_in_failure"
    key: str = Field(primary_key=True, max_length=280)
    failures: int
    last_failure_at: datetime = Field(sa_type=DateTime(timezone=True))


class AssessmentDraft(SQLModel, table=True):
    """A monitor's unsaved status and note for one item, kept until saved or discarded."""

    __tablename__ = "assessment_draft"
    person: str = Field(sa_column=Column(String(200), ForeignKey("person.name", ondelete="CASCADE"),
                                         primary_key=True))
    recommendation_id: str = Field(sa_column=Column(String(64), ForeignKey("recommendation.id", ondelete="CASCADE"),
                                                    primary_key=True))
    status: str = Field(max_length=16)
    note: str
    updated_at: datetime = Field(sa_type=DateTime(timezone=True))


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=64)
    value: str


class Person(SQLModel, table=True):
    """Someone who may sign in: by password (local account) or through the identity provider (no hash)."""

    __table_args__ = (CheckConstraint(f"role IN ({_ROLE_SQL})", name="role"),)
    name: str = Field(primary_key=True, max_length=200)
    role: str = Field(max_length=16)
    password_hash: str | None = None
    # The name shown to signed-in people in place of the account name; set by the person (tracker.privacy).
    display_name: str | None = Field(default=None, max_length=80)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
