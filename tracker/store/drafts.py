"""A monitor's unsaved status and note per item, kept in the store so a reload or a new tab finds them."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, update

from tracker.store.crud import MAX_NOTE
from tracker.store.models import AssessmentDraft, utcnow

D = AssessmentDraft.__table__


@dataclass(frozen=True)
class Draft:
    status: str
    note: str
    updated_at: datetime


def keep_draft(engine: Engine, person: str, item_id: str, status: str, note: str) -> None:
    values = {"status": status, "note": note[:MAX_NOTE], "updated_at": utcnow()}
    key = (D.c.person == person) & (D.c.recommendation_id == item_id)
    with engine.begin() as conn:
        if conn.execute(update(D).where(key).values(**values)).rowcount == 0:
            conn.execute(insert(D).values(person=person, recommendation_id=item_id, **values))


def draft_of(engine: Engine, person: str, item_id: str) -> Draft | None:
    with engine.connect() as conn:
        row = conn.execute(select(D.c.status, D.c.note, D.c.updated_at)
                           .where((D.c.person == person) & (D.c.recommendation_id == item_id))).first()
    return Draft(*row) if row else None


def discard_draft(engine: Engine, person: str, item_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(D).where((D.c.person == person) & (D.c.recommendation_id == item_id)))
