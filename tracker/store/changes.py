"""The change counter: every writer of assessments takes the next number first, so numbers follow commits.

A history row's `id` is drawn at INSERT, so on PostgreSQL a slow transaction can commit a lower id after a
quick one committed a higher id; anything that follows the history by id then misses the slow one. Instead,
each writing transaction starts with `UPDATE change_counter SET seq = seq + 1 ... RETURNING seq`. The row lock
that UPDATE takes is held to commit, so the next writer waits at that same statement: numbers are handed out
in commit order, and a reader that saw counter value c has every change numbered up to c committed. Taking the
counter before any other write, everywhere, also fixes one lock order, so writers cannot deadlock.
"""

import uuid
from typing import NamedTuple

from sqlalchemy import Connection, Engine, func, select, update

from tracker.store.models import AssessmentEvent, ChangeCounter, Meta

C, M = ChangeCounter.__table__, Meta.__table__
DIGEST_KEY = "curated_digest"
INSTANCE_KEY = "instance"


class DataVersion(NamedTuple):
    """What the derived views depend on; any commit that changes what a page shows changes it."""

    instance: str | None  # tells two databases at one address apart
    generation: str  # replaced by a restore: everything derived from before it is void
    digest: str | None  # the curated record loaded
    seq: int  # the last committed change


def take_seq(conn: Connection) -> int:
    """The number of this transaction's change; must be its first write (it takes the writers' lock)."""
    return conn.execute(update(C).where(C.c.id == 1).values(seq=C.c.seq + 1).returning(C.c.seq)).scalar_one()


def new_generation(conn: Connection) -> None:
    """Void every index and cache built before this transaction (a restore replaced the history)."""
    conn.execute(update(C).where(C.c.id == 1).values(generation=uuid.uuid4().hex))


def _meta(key: str):
    return select(M.c.value).where(M.c.key == key).scalar_subquery()


def read_version(conn: Connection) -> DataVersion:
    row = conn.execute(select(_meta(INSTANCE_KEY), C.c.generation, _meta(DIGEST_KEY), C.c.seq)
                       .where(C.c.id == 1)).one()
    return DataVersion(*row)


def data_version(engine: Engine) -> DataVersion:
    """The database's data version, in one query."""
    with engine.connect() as conn:
        return read_version(conn)


def restored_history(conn: Connection, seq: int) -> None:
    """After a restore replaced the history: void what was derived from the old one, and number on after it.

    Restored rows keep the change numbers the backup gives them; rows from a backup written before there were
    any (seq 0) count as this restore's change.
    """
    E = AssessmentEvent.__table__
    conn.execute(update(E).where(E.c.seq == 0).values(seq=seq))
    highest = select(func.max(E.c.seq)).scalar_subquery()
    conn.execute(update(C).where(C.c.id == 1, C.c.seq < highest).values(seq=highest))
    new_generation(conn)
