"""Assessments: save a status change with its history row, guarded by the version the monitor saw."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Connection, Engine, desc, insert, select, update

from tracker import search
from tracker.i18n import N_, Either, Refusal, Term, Words
from tracker.schema import CAN_ASSESS, ROLE_LABELS, STATUS_LABELS, STATUSES
from tracker.store.changes import take_seq
from tracker.store.models import Assessment, AssessmentEvent, Person, Recommendation, utcnow

A, E, R = Assessment.__table__, AssessmentEvent.__table__, Recommendation.__table__
PEOPLE = Person.__table__
MAX_NOTE = 5000
MIN_NOTE = 10


class AssessmentRejected(Refusal):
    """A save that was refused; the message says why in words a monitor understands, in their language."""


class UnknownItem(AssessmentRejected):
    pass


class InvalidChange(AssessmentRejected):
    pass


class NotAllowed(AssessmentRejected):
    """The person's stored role does not allow the write."""


ASSESS, MANAGE_ACCOUNTS = N_("change statuses"), N_("manage accounts")


def require_role(conn, name: str | None, allowed: tuple[str, ...], action: str = ASSESS) -> None:
    """Refuse, inside the writing transaction, anyone whose stored role is not in `allowed` (`action` is N_)."""
    role = None
    if isinstance(name, str) and name.strip():
        role = conn.execute(select(PEOPLE.c.role).where(PEOPLE.c.name == name.strip().lower())).scalar_one_or_none()
    if role not in allowed:
        needed = Either(Term(ROLE_LABELS.get(r, r)) for r in allowed)
        if not (isinstance(name, str) and name.strip()):
            raise NotAllowed(N_("An anonymous visitor may not {action}; that needs the role {roles}."),
                             action=Term(action), roles=needed)
        raise NotAllowed(N_("{name} ({role}) may not {action}; that needs the role {roles}."), name=name,
                         role=Term(ROLE_LABELS.get(role, role)) if role else Term(N_("no account")),
                         action=Term(action), roles=needed)


@dataclass(frozen=True)
class Change:
    """What a monitor asks to save: the item, the version they saw, the new status and the evidence."""

    item_id: str
    seen_version: int
    new_status: str
    note: str


@dataclass(frozen=True)
class Event:
    who: str
    at: datetime
    old_status: str | None
    new_status: str
    note: str
    source: str
    version: int

    def describe(self, who_shown: str | None = None) -> Words:
        """The change in words; `who_shown` names the author as the reader may see them (tracker.privacy)."""
        return Words(N_("{who} changed it from {old} to {new} at {at}: “{note}”"), who=who_shown or self.who,
                     old=Term(STATUS_LABELS.get(self.old_status, "—")), new=Term(STATUS_LABELS[self.new_status]),
                     at=self.at, note=self.note)


class StaleChange(AssessmentRejected):
    """Someone saved the item after the monitor opened it; carries their change."""

    def __init__(self, change: Change, current_version: int, latest: Event):
        self.change, self.current_version, self.latest = change, current_version, latest
        super().__init__(_STALE, **self._values(latest.who))

    def explain(self, who_shown: str) -> Words:
        """The refusal naming the other person as this reader may see them."""
        return Words(_STALE, **self._values(who_shown))

    def _values(self, who_shown: str) -> dict:
        return {"item": self.change.item_id, "seen": self.change.seen_version, "current": self.current_version,
                "change": self.latest.describe(who_shown)}


_STALE = N_("{item} was changed after you opened it (you saw version {seen}, it is now at version {current}): "
            "{change}")


def check_change(change: Change) -> None:
    """Refuse a change that is malformed, before touching the database."""
    if change.new_status not in STATUSES:
        raise InvalidChange(N_("{status} is not a status; choose one of {statuses}."), status=repr(change.new_status),
                            statuses=", ".join(STATUSES))
    note = change.note.strip()
    if len(note) < MIN_NOTE:
        raise InvalidChange(N_("Write a note that cites the evidence (document and paragraphs) for this status; "
                               "at least {count} characters."), count=MIN_NOTE)
    if len(note) > MAX_NOTE:
        raise InvalidChange(N_("The note is {length} characters; the limit is {limit}."), length=len(note),
                            limit=MAX_NOTE)


def _event(row) -> Event:
    return Event(row.who, row.at, row.old_status, row.new_status, row.note, row.source, row.version)


def save_change(engine: Engine, change: Change, who: str) -> int:
    """Write the new status and its history row in one transaction; return the new version.

    `who` must hold a role that may assess, checked here, in the same transaction, whatever the UI showed.
    """
    with engine.begin() as conn:
        return write_change(conn, change, who)


def write_change(conn: Connection, change: Change, who: str) -> int:
    """save_change inside the caller's transaction (tests hold it open to race another writer)."""
    check_change(change)
    seq = take_seq(conn)  # first: every writer waits here for the one before it to commit
    now = utcnow()
    who = who.strip().lower() if isinstance(who, str) else who
    require_role(conn, who, CAN_ASSESS)
    current = conn.execute(select(A.c.status, A.c.version).select_from(A.join(R, R.c.id == A.c.recommendation_id))
                           .where(A.c.recommendation_id == change.item_id, R.c.active)).one_or_none()
    if current is None:
        raise UnknownItem(N_("There is no item {item}."), item=repr(change.item_id))
    if current.version != change.seen_version:
        raise StaleChange(change, current.version, _latest_in(conn, change.item_id))
    new_version = current.version + 1
    updated = conn.execute(
        update(A).where(A.c.recommendation_id == change.item_id, A.c.version == current.version)
        .values(status=change.new_status, version=new_version, assessed_by_monitor=True, needs_review=False,
                review_reason=None, updated_by=who, updated_at=now))
    if updated.rowcount != 1:  # only a writer that skips the counter (an older tracker mid-upgrade) gets here
        raise AssessmentRejected(N_("{item} changed while it was being saved; nothing was saved."),
                                 item=change.item_id)
    conn.execute(insert(E).values(recommendation_id=change.item_id, at=now, who=who, old_status=current.status,
                                  new_status=change.new_status, note=change.note.strip(), source="monitor",
                                  version=new_version, seq=seq))
    search.add_note(conn, change.item_id, change.note.strip())
    return new_version


def _latest_in(conn, item_id: str) -> Event:
    row = conn.execute(select(E).where(E.c.recommendation_id == item_id)
                       .order_by(desc(E.c.version), desc(E.c.id)).limit(1)).one()
    return _event(row)


def current_version(engine: Engine, item_id: str) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(A.c.version).where(A.c.recommendation_id == item_id)).scalar_one_or_none()


@dataclass(frozen=True)
class HistoryFilter:
    item_id: str | None = None
    who: str | None = None
    # Any of these authors (the History's person filter picks everyone shown under one label).
    authors: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None


def history_frame(engine: Engine, query: HistoryFilter = HistoryFilter(), limit: int | None = None) -> pd.DataFrame:
    """History rows, newest first."""
    stmt = select(E.c.at, E.c.recommendation_id, E.c.who, E.c.old_status, E.c.new_status, E.c.note, E.c.source,
                  E.c.version)
    if query.item_id:
        stmt = stmt.where(E.c.recommendation_id == query.item_id)
    if query.who:
        stmt = stmt.where(E.c.who == query.who)
    if query.authors:
        stmt = stmt.where(E.c.who.in_(query.authors))
    if query.since:
        stmt = stmt.where(E.c.at >= datetime.combine(query.since, time.min, timezone.utc))
    if query.until:
        stmt = stmt.where(E.c.at < datetime.combine(query.until + timedelta(days=1), time.min, timezone.utc))
    stmt = stmt.order_by(desc(E.c.at), desc(E.c.id))
    if limit:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(stmt).mappings().all(),
                            columns=["at", "recommendation_id", "who", "old_status", "new_status", "note", "source",
                                     "version"])


def history_people(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return conn.execute(select(E.c.who).distinct().order_by(E.c.who)).scalars().all()
