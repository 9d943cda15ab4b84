"""Every stored time is UTC on both engines, whatever the PostgreSQL server's or database's TimeZone."""

from datetime import datetime, timedelta, timezone

import pytest
from psycopg import sql
from sqlalchemy import create_engine, text

from tests.conftest import _pg_connect, new_database
from tracker.backup import export_assessments, import_assessments
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.crud import Change, Event, save_change

NOTE = "CMW/C/TST/1 ¶ 3 gives the outcome data."
KOLKATA = timezone(timedelta(hours=5, minutes=30))
MOMENTS = ("at", "updated_at", "created_at")


def _in_kolkata(moment: str) -> str:
    return datetime.fromisoformat(moment).astimezone(KOLKATA).isoformat()


def opened(url: str, fixture_dir):
    return open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(fixture_dir)})).engine


@pytest.fixture
def kolkata_postgres(request, tmp_path, pg_user):
    """A PostgreSQL database whose sessions default to Asia/Kolkata (UTC+05:30)."""
    with new_database("postgresql", tmp_path, request) as url:
        with _pg_connect(pg_user) as admin:
            admin.execute(sql.SQL("ALTER DATABASE {} SET timezone = 'Asia/Kolkata'")
                          .format(sql.Identifier(url.rsplit("/", 1)[1])))
        yield url


@pytest.mark.postgres
def test_the_tracker_talks_utc_to_a_database_in_another_zone(kolkata_postgres, fixture_dir, grant):
    plain = create_engine(kolkata_postgres)
    with plain.connect() as conn:
        assert conn.execute(text("SHOW TimeZone")).scalar_one() == "Asia/Kolkata"  # the premise
    plain.dispose()
    engine = opened(kolkata_postgres, fixture_dir)
    with engine.connect() as conn:
        assert conn.execute(text("SHOW TimeZone")).scalar_one() == "UTC"
    grant(engine, "monitor", "ana")
    before = datetime.now(timezone.utc)
    save_change(engine, Change("Q1", 1, "addressed", NOTE), "ana")
    (saved,) = [row for row in export_assessments(engine)["history"] if row["who"] == "ana"]
    at = datetime.fromisoformat(saved["at"])
    assert at.utcoffset() == timedelta(0) and before <= at <= datetime.now(timezone.utc)
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("target_kind", ["sqlite", "postgresql"])
def test_a_backup_from_a_database_in_another_zone_restores_the_same_moments(
        kolkata_postgres, fixture_dir, grant, target_kind, request, tmp_path):
    source = opened(kolkata_postgres, fixture_dir)
    grant(source, "monitor", "ana")
    save_change(source, Change("Q1", 1, "addressed", NOTE), "ana")
    in_utc = export_assessments(source)
    source.dispose()
    local = create_engine(kolkata_postgres)  # a session that kept the database's zone, as older trackers had
    assert export_assessments(local) == in_utc, "a session's zone changed what the backup says"
    local.dispose()
    # The file an older tracker wrote from such a session: the same moments, with the local offset.
    backup = {**in_utc, **{table: [{k: _in_kolkata(v) if k in MOMENTS and v else v for k, v in row.items()}
                                   for row in in_utc[table]] for table in ("history", "assessments", "people")}}

    with new_database(target_kind, tmp_path, request) as url:
        target = opened(url, fixture_dir)
        import_assessments(target, backup)
        restored = export_assessments(target)
        if target_kind == "sqlite":
            with target.connect() as conn:
                stored = conn.execute(text("SELECT at FROM assessment_event ORDER BY id")).scalars().all()
            assert stored == [datetime.fromisoformat(row["at"]).strftime("%Y-%m-%d %H:%M:%S.%f")
                              for row in in_utc["history"]]
        target.dispose()
    for table in ("history", "assessments", "people"):
        moments = [{k: v for k, v in row.items() if k in MOMENTS} for row in in_utc[table]]
        assert [{k: row[k] for k in m} for row, m in zip(restored[table], moments)] == moments, table


def test_a_conflict_message_gives_the_time_in_utc():
    event = Event("ana", datetime(2026, 12, 2, 1, 15, tzinfo=KOLKATA), "partial", "addressed", NOTE, "monitor", 2)
    assert "at 2026-12-01 19:45 UTC" in str(event.describe())
    naive = Event("ana", datetime(2026, 12, 1, 19, 45), "partial", "addressed", NOTE, "monitor", 2)
    assert "at 2026-12-01 19:45 UTC" in str(naive.describe())
