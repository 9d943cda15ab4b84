"""The Overview's headline: of the filtered items, how many are still open, need review, changed since a date.

"Needs review" and "changed" are defined in docs/assessment-method.md, section 10; the conditions below are
those definitions, one SQL expression each, so that the page, the tests and the docs say the same thing.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, case, func, or_, select

from tracker.filters import Filters
from tracker.schema import OPEN_STATUSES
from tracker.store.models import AssessmentEvent
from tracker.store.queries import A, R, curated_confidence, has_row, items_base

E = AssessmentEvent.__table__


@dataclass(frozen=True)
class Headline:
    total: int
    still_open: int
    needs_review: int
    changed_since: int

    @property
    def open_share(self) -> float:
        """Share of the items that are not addressed; 0 when there are none."""
        return self.still_open / self.total if self.total else 0.0


def needs_review():
    """Flagged by a load (the curated status changed under a monitor's assessment), a monitor's status that
    differs from the curated one, or a curated status of low confidence that no monitor has assessed yet."""
    return or_(A.c.needs_review,
               and_(A.c.assessed_by_monitor, A.c.status != A.c.curated_status),
               and_(~A.c.assessed_by_monitor, curated_confidence() == "low"))


def changed_since(moment: datetime):
    """A change recorded at or after `moment`: a monitor's save or a curated status followed from data/; the
    first load of an item (no old status) is its beginning, not a change."""
    return has_row(E, E.c.recommendation_id == R.c.id, E.c.at >= moment, E.c.old_status.is_not(None))


def start_of(day: date, zone: str) -> datetime:
    """Midnight at the start of `day` in the time zone the tracker shows times in."""
    return datetime.combine(day, time.min, ZoneInfo(zone))


def headline(engine: Engine, filters: Filters, since: datetime) -> Headline:
    """The headline figures of the filtered items, in one query."""
    joined, where = items_base(filters, engine.dialect.name)

    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    stmt = select(func.count(), count(A.c.status.in_(OPEN_STATUSES)), count(needs_review()),
                  count(changed_since(since))).select_from(joined).where(where)
    with engine.connect() as conn:
        total, still_open, review, changed = conn.execute(stmt).one()
    return Headline(int(total), int(still_open), int(review), int(changed))
