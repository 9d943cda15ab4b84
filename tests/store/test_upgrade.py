"""An existing database of a previous schema upgrades with its data intact."""

import pytest
from sqlalchemy import inspect, text

from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.changes import data_version
from tracker.store.db import current_revision, downgrade, head_revision, make_engine, migrate
from tracker.store.sync import sync_record
from tracker.validation import load_record

OLD_COLUMNS = "id, recommendation_id, at, who, old_status, new_status, note, source, version"


@pytest.mark.parametrize("old_revision", ["0001", "0002"])
@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_upgrade_from_an_older_schema_keeps_assessments_and_history(db_url, fixture_dir, old_revision):
    engine = make_engine(db_url)
    migrate(engine)
    sync_record(engine, load_record(fixture_dir))
    downgrade(engine, old_revision)  # keeps the rows; leaves the tables of that revision
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO assessment_event (recommendation_id, at, who, old_status, new_status, note, "
                          "source, version) VALUES ('Q1', CURRENT_TIMESTAMP, 'old@example.org', 'partial', "
                          f"'addressed', 'written under schema {old_revision}', 'monitor', 2)"))
        before = conn.execute(text(f"SELECT {OLD_COLUMNS} FROM assessment_event ORDER BY id")).all()
    assert ("person" in inspect(engine).get_table_names()) == (old_revision >= "0002")
    engine.dispose()

    opened = open_database(load_settings({"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(fixture_dir)}))
    assert current_revision(opened.engine) == head_revision()
    assert opened.loaded is None, "the unchanged record was loaded again"
    with opened.engine.connect() as conn:
        after = conn.execute(text(f"SELECT {OLD_COLUMNS} FROM assessment_event ORDER BY id")).all()
        seqs = conn.execute(text("SELECT id, seq FROM assessment_event ORDER BY id")).all()
    assert after == before
    # Rows from before the counter keep their id order as change order, and the counter starts after them.
    assert [seq for _, seq in seqs] == [id_ for id_, _ in seqs]
    assert data_version(opened.engine).seq == seqs[-1][0]
    assert "person" in inspect(opened.engine).get_table_names()
    opened.engine.dispose()
