"""tracker/headline.py: the Overview's headline figures equal an independent SQL count, on SQLite and PostgreSQL."""

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import text, update

from tests.conftest import DB_KINDS, engine_on
from tracker.filters import Filters
from tracker.headline import headline, start_of
from tracker.settings import PROJECT_ROOT
from tracker.store.crud import Change, current_version, save_change
from tracker.store.models import Assessment

DATA = PROJECT_ROOT / "data"
NOTE = "CMW/C/MEX/3 ¶ 140–145 describe the measures but give no figures."

# The definitions of docs/assessment-method.md, section 10, written out in plain SQL.
CURATED_CONFIDENCE = """(SELECT r.confidence FROM response r JOIN document d ON d.id = r.document_id
                         WHERE r.recommendation_id = rec.id
                         ORDER BY CASE WHEN r.relation = 'reply' THEN 1 ELSE 0 END DESC, d.year DESC, r.id DESC
                         LIMIT 1)"""
TRUTH = f"""
SELECT COUNT(*),
       SUM(CASE WHEN a.status <> 'addressed' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.needs_review
                  OR (a.assessed_by_monitor AND a.status <> a.curated_status)
                  OR (NOT a.assessed_by_monitor AND {CURATED_CONFIDENCE} = 'low') THEN 1 ELSE 0 END),
       SUM(CASE WHEN EXISTS (SELECT 1 FROM assessment_event e WHERE e.recommendation_id = rec.id
                             AND e.old_status IS NOT NULL AND e.at >= :since) THEN 1 ELSE 0 END)
FROM recommendation rec JOIN assessment a ON a.recommendation_id = rec.id
WHERE rec.active AND {{where}}
"""
# (filters, the same restriction in SQL)
CASES = [
    (Filters(), "1 = 1"),
    (Filters(parts=("III",)), "EXISTS (SELECT 1 FROM recommendation_part p WHERE p.recommendation_id = rec.id "
                              "AND p.part_id = 'III')"),
    (Filters(statuses=("partial", "not_addressed")), "a.status IN ('partial', 'not_addressed')"),
    (Filters(mechanisms=("CMW",)), "rec.mechanism = 'CMW'"),
]


@pytest.fixture(scope="module", params=DB_KINDS)
def assessed(request, tmp_path_factory):
    """The Mexico record with three monitor saves (one agreeing with curation, two not) and one load flag."""
    from tracker.accounts import add_person

    with engine_on(request.param, tmp_path_factory.mktemp("headline"), request, DATA) as engine:
        add_person(engine, "alice", "monitor")
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT recommendation_id, status FROM assessment ORDER BY recommendation_id")
                                ).all()
        disagree = [(item, "addressed" if status != "addressed" else "partial") for item, status in rows[:2]]
        agree = [(item, status) for item, status in rows[5:6]]
        for item, status in disagree + agree:
            save_change(engine, Change(item, current_version(engine, item), status, NOTE), "alice")
        with engine.begin() as conn:
            conn.execute(update(Assessment.__table__).where(Assessment.__table__.c.recommendation_id == rows[9][0])
                         .values(needs_review=True, review_reason="The curated status changed."))
        yield engine


def truth(engine, where: str, since: datetime) -> tuple[int, int, int, int]:
    with engine.connect() as conn:
        row = conn.execute(text(TRUTH.format(where=where)),
                           {"since": since.astimezone(timezone.utc).replace(tzinfo=None)
                            if engine.dialect.name == "sqlite" else since}).one()
    return tuple(int(value or 0) for value in row)


@pytest.mark.parametrize("filters, where", CASES, ids=["all", "part-III", "two-statuses", "cmw"])
@pytest.mark.parametrize("days_back", [1, -1], ids=["since-yesterday", "since-tomorrow"])
def test_headline_equals_an_independent_count(assessed, filters, where, days_back):
    since = start_of(date.today() - timedelta(days=days_back), "America/Mexico_City")
    figures = headline(assessed, filters, since)
    assert (figures.total, figures.still_open, figures.needs_review, figures.changed_since) == \
        truth(assessed, where, since)


def test_the_figures_are_what_the_definitions_say(assessed):
    """Not only equal to the SQL: the saves and the flag made above show up where the method says."""
    everything = headline(assessed, Filters(), start_of(date.today() - timedelta(days=1), "UTC"))
    with assessed.connect() as conn:
        low = conn.execute(text(f"SELECT COUNT(*) FROM recommendation rec WHERE rec.active AND "
                                f"{CURATED_CONFIDENCE} = 'low'")).scalar_one()
    assert everything.total == 41 and low > 0
    # two disagreeing saves and one flag; a low-confidence item a monitor agreed with would drop out
    assert low + 1 <= everything.needs_review <= low + 3
    assert everything.changed_since == 3  # the saves, not the first load of every item
    assert headline(assessed, Filters(), start_of(date.today() + timedelta(days=1), "UTC")).changed_since == 0
    assert 0 < everything.open_share < 1 and everything.open_share == everything.still_open / everything.total


def test_an_empty_filter_has_no_share(assessed):
    nothing = headline(assessed, Filters(text="zzzznotaword"), datetime.now(timezone.utc))
    assert (nothing.total, nothing.open_share) == (0, 0.0)


def test_a_change_is_counted_from_midnight_in_the_zone_shown():
    assert start_of(date(2026, 12, 1), "America/Mexico_City").astimezone(timezone.utc) == \
        datetime(2026, 12, 1, 6, tzinfo=timezone.utc)

