"""An existing database of the previous schema upgrades with its data intact."""

import pytest
from sqlalchemy import insert, inspect, select

from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.db import current_revision, downgrade, head_revision, make_engine, migrate
from tracker.store.models import AssessmentEvent
from tracker.store.sync import sync_record
from tracker.validation import load_record


@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_upgrade_from_the_first_schema_keeps_assessments_and_history(db_url, fixture_dir):
    engine = make_engine(db_url)
    # Loaded at head, then taken down to the first schema: today's loader writes columns 0001 lacks.
    migrate(engine)
    sync_record(engine, load_record(fixture_dir))
    downgrade(engine, "0001")
    assert "person" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.execute(insert(AssessmentEvent.__table__).values(
            recommendation_id="Q1", who="old@example.org", old_status="partial", new_status="addressed",
            note="written under schema 0001", source="monitor", version=2))
        before = conn.execute(select(AssessmentEvent.__table__).order_by(AssessmentEvent.id)).all()
    engine.dispose()

    opened = open_database(load_settings({"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(fixture_dir)}))
    assert current_revision(opened.engine) == head_revision()
    assert opened.loaded is None, "the unchanged record was loaded again"
    with opened.engine.connect() as conn:
        after = conn.execute(select(AssessmentEvent.__table__).order_by(AssessmentEvent.id)).all()
    assert after == before
    assert "person" in inspect(opened.engine).get_table_names()
    opened.engine.dispose()
