"""Load the curated record into the database, idempotently and set-based."""

import uuid
from pathlib import Path
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, Table, bindparam, delete, insert, select, update

from tracker import search
from tracker.i18n import N_, Words
from tracker.record import CuratedRecord, refs
from tracker.schema import UHRI_LABELS, format_paragraphs
from tracker.store.models import (
    Actor,
    Assessment,
    AssessmentEvent,
    ConventionArticle,
    ConventionPart,
    Document,
    Lineage,
    Meta,
    Recommendation,
    RecommendationArticle,
    RecommendationLabel,
    RecommendationPart,
    Response,
    ResponseBody,
    utcnow,
)
from tracker.store import own_notes
from tracker.store.own_notes import CURATION
from tracker.store.changes import DIGEST_KEY, INSTANCE_KEY, take_seq



class LoadRaced(Exception):
    """An assessment changed under the load although the load held the change counter; nothing was loaded."""


@dataclass
class SyncReport:
    """What a load changed."""

    created: list[str] = field(default_factory=list)
    followed_curation: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)

    def summary(self) -> Words:
        """What the load changed, in counts (`str()` in English for the CLI)."""
        return Words(N_("{created} new item(s), {followed} status(es) updated from the curation, {flagged} flagged "
                        "for review, {retired} no longer in the record"), created=len(self.created),
                     followed=len(self.followed_curation), flagged=len(self.flagged), retired=len(self.retired))


def _table(model) -> Table:
    return model.__table__


def upsert(conn: Connection, model, rows: list[dict], keys: tuple[str, ...]) -> None:
    """Insert rows, updating the non-key columns of rows that already exist (SQLite and PostgreSQL)."""
    if not rows:
        return
    table = _table(model)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(table)
    updates = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=updates), rows)


def read_digest(conn: Connection) -> str | None:
    return conn.execute(select(Meta.value).where(Meta.key == DIGEST_KEY)).scalar_one_or_none()


def read_instance(conn: Connection) -> str | None:
    """A random id given to the database when it was first filled: tells two databases at one address apart."""
    return conn.execute(select(Meta.value).where(Meta.key == INSTANCE_KEY)).scalar_one_or_none()


def _translations(record) -> dict | None:
    """{language: {field: text}} of a record's translations, None when it has none."""
    return {language: text.model_dump(exclude_none=True) for language, text in record.translations.items()} or None


def _curated_rows(record: CuratedRecord) -> dict:
    recs = record.recommendations
    return {
        ConventionPart: [dict(id=p.id, position=i, title=p.title, first_article=p.first_article,
                              last_article=p.last_article, translations=_translations(p)) for i, p in enumerate(record.parts)],
        ConventionArticle: [dict(number=a.number, part_id=a.part, title=a.title, translations=_translations(a)) for a in record.articles],
        Actor: [dict(id=a.id, name=a.name, kind=a.kind, parent=a.parent, acronym=a.acronym,
                      translations=_translations(a)) for a in record.actors],
        Document: [dict(id=d.id, symbol=d.symbol, title=d.title, date=d.date, year=d.year, author=d.author,
                        paragraph_first=d.paragraphs.first if d.paragraphs else None,
                        paragraph_last=d.paragraphs.last if d.paragraphs else None,
                        source_file=d.source_file, notes=list(d.notes), translations=_translations(d),
                        cycle_mechanism=d.cycle.mechanism if d.cycle else None,
                        cycle_number=d.cycle.number if d.cycle else None,
                        cycle_stage=d.cycle.stage if d.cycle else None) for d in record.documents],
        Recommendation: [dict(id=r.id, mechanism=r.mechanism, document_id=r.document,
                              paragraphs=format_paragraphs(refs(r.paragraphs)), year=r.year, section=r.section,
                              topic=r.topic, topic_basis=r.topic_basis, addressee=r.addressee,
                              addressee_as_named=r.addressee_as_named, themes=list(r.themes),
                              seen_in=r.seen_in.model_dump() if r.seen_in else None, notes=list(r.notes),
                              active=True, translations=_translations(r)) for r in recs],
    }


def _link_rows(record: CuratedRecord) -> dict:
    return {
        RecommendationArticle: [dict(recommendation_id=r.id, article=n)
                                for r in record.recommendations for n in sorted(set(r.articles))],
        RecommendationPart: [dict(recommendation_id=r.id, part_id=p)
                             for r in record.recommendations for p in record.parts_of(r)],
        Lineage: [dict(recommendation_id=r.id, takes_up_id=link.takes_up, note=link.note)
                  for r in record.recommendations for link in r.lineage],
        RecommendationLabel: [dict(recommendation_id=r.id, kind=kind, label=label)
                              for r in record.recommendations if r.uhri for kind in UHRI_LABELS
                              for label in sorted(set(getattr(r.uhri, kind)))],
        Response: [dict(id=s.id, recommendation_id=s.recommendation, document_id=s.document, relation=s.relation,
                        paragraphs=[str(p) for p in refs(s.paragraphs)], boundary=s.boundary, summary=s.summary,
                        status=s.status, rationale=s.rationale, confidence=s.confidence,
                        confidence_reason=s.confidence_reason, method=s.method, notes=list(s.notes),
                        translations=_translations(s))
                   for s in record.responses],
        ResponseBody: [dict(response_id=s.id, actor_id=b) for s in record.responses for b in sorted(set(s.bodies))],
    }


def _reconcile(conn: Connection, record: CuratedRecord, report: SyncReport, seq: int) -> None:
    """Create assessments for new items; follow or flag changed curated statuses.

    The caller holds the change counter, so no save can commit between the read below and the writes; the
    writes still name the version they read, and a miss refuses the whole load rather than overwrite a save.
    """
    now = utcnow()
    existing = {row.recommendation_id: row for row in conn.execute(
        select(Assessment.recommendation_id, Assessment.status, Assessment.curated_status,
               Assessment.version, Assessment.assessed_by_monitor))}
    new_rows, events, follow, flag = [], [], [], []
    for rec in record.recommendations:
        curated = record.curated_status(rec)
        row = existing.get(rec.id)
        if row is None:
            report.created.append(rec.id)
            new_rows.append(dict(recommendation_id=rec.id, status=curated, curated_status=curated, version=1,
                                 assessed_by_monitor=False, needs_review=False, updated_by=CURATION, updated_at=now))
            events.append(dict(recommendation_id=rec.id, at=now, who=CURATION, old_status=None, new_status=curated,
                               note=own_notes.CURATION_LOADED, source=CURATION, version=1,
                               seq=seq))
        elif row.curated_status != curated and not row.assessed_by_monitor:
            report.followed_curation.append(rec.id)
            follow.append(dict(rid=rec.id, read=row.version, status=curated, version=row.version + 1, at=now))
            events.append(dict(recommendation_id=rec.id, at=now, who=CURATION, old_status=row.status,
                               new_status=curated, source=CURATION, version=row.version + 1, seq=seq,
                               note=own_notes.note(own_notes.CURATION_CHANGED, old=row.curated_status, new=curated)))
        elif row.curated_status != curated:
            report.flagged.append(rec.id)
            flag.append(dict(rid=rec.id, read=row.version, curated=curated, reason=own_notes.note(
                own_notes.CURATION_FLAGGED, old=row.curated_status, new=curated, kept=row.status)))
    table = _table(Assessment)
    if new_rows:
        conn.execute(insert(table), new_rows)
    read = (table.c.recommendation_id == bindparam("rid")) & (table.c.version == bindparam("read"))
    for rows, values in ((follow, dict(status=bindparam("status"), curated_status=bindparam("status"),
                                       version=bindparam("version"), updated_by=CURATION, updated_at=bindparam("at"))),
                         (flag, dict(curated_status=bindparam("curated"), needs_review=True,
                                     review_reason=bindparam("reason")))):
        # pysqlite and psycopg both report an executemany's total row count.
        if rows and conn.execute(update(table).where(read).values(**values), rows).rowcount != len(rows):
            raise LoadRaced("An assessment changed while the record was being loaded; nothing was loaded. "
                            "Run the load again.")
    if events:
        conn.execute(insert(_table(AssessmentEvent)), events)


def sync_record(engine: Engine, record: CuratedRecord, sources_dir: Path | None = None) -> SyncReport:
    """Write the record in one transaction: curated tables follow the YAML, assessments are never overwritten,
    and the full-text index is rebuilt (with the cited reply paragraphs' text where `sources_dir` has them)."""
    report = SyncReport()
    with engine.begin() as conn:
        seq = take_seq(conn)  # first, as every writer of assessments: saves wait until the load commits
        links = _link_rows(record)
        for model in (ResponseBody, Response, Lineage, RecommendationLabel, RecommendationPart, RecommendationArticle):
            conn.execute(delete(_table(model)))
        keys = {ConventionPart: ("id",), ConventionArticle: ("number",), Actor: ("id",), Document: ("id",),
                Recommendation: ("id",)}
        for model, rows in _curated_rows(record).items():
            upsert(conn, model, rows, keys[model])
        ids = [r.id for r in record.recommendations]
        recs = _table(Recommendation)
        retired = conn.execute(select(recs.c.id).where(recs.c.active, recs.c.id.not_in(ids))).scalars().all()
        if retired:
            conn.execute(update(recs).where(recs.c.id.in_(retired)).values(active=False))
            report.retired.extend(retired)
        for model in (RecommendationArticle, RecommendationPart, RecommendationLabel, Lineage, Response, ResponseBody):
            if links[model]:
                conn.execute(insert(_table(model)), links[model])
        _reconcile(conn, record, report, seq)
        search.write(conn, search.item_texts(conn, sources_dir), replace_all=True)
        upsert(conn, Meta, [dict(key=DIGEST_KEY, value=record.digest)], ("key",))
        if read_instance(conn) is None:
            conn.execute(insert(_table(Meta)).values(key=INSTANCE_KEY, value=uuid.uuid4().hex))
    return report
