"""The Overview's headline: of the filtered items, how many are still open, need review, changed since a date.

"Needs review" and "changed" are defined in docs/assessment-method.md, section 10; the conditions below are
those definitions, one SQL expression each, so that the page, the tests and the docs say the same thing. The
filters select as they do for every chart, through the item index (tracker.serving_index), which is checked
against the database.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, or_, select

from tracker.filters import Filters
from tracker.schema import OPEN_STATUSES, STATUSES
from tracker.serving_index import filtered
from tracker.store.changes import DataVersion
from tracker.store.models import AssessmentEvent
from tracker.store.queries import A, R, curated_confidence, has_row

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
    """The headline figures of the filtered items.

    The filters select through the item index, as every chart's counts do; which items need review or changed
    since the date is asked of the database with the conditions above, once per data version (and date), so a
    filter or search change reads no table."""
    index, mask = filtered(engine, filters)
    counts = index.status_counts(mask)
    still_open = int(sum(counts[STATUSES.index(status)] for status in OPEN_STATUSES))
    review = mask & index.among(_ids_where(engine, index.version, needs_review))
    changed = mask & index.among(_ids_where(engine, index.version, changed_since, since))
    return Headline(int(mask.sum()), still_open, int(review.sum()), int(changed.sum()))


@lru_cache(maxsize=16)
def _ids_where(engine: Engine, version: DataVersion, condition, *arguments) -> list[str]:
    """The active items for which `condition(*arguments)` holds, at this data version."""
    stmt = (select(R.c.id).select_from(R.join(A, A.c.recommendation_id == R.c.id))
            .where(R.c.active, condition(*arguments)))
    with engine.connect() as conn:
        return conn.execute(stmt).scalars().all()
