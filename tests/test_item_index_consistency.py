"""The item index never disagrees with the database: late commits, loads, restores, damaged disk copies.

Every check compares the core's figures with plain SQL (tests/index_truth.py), on SQLite and PostgreSQL.
"""

import logging

import numpy as np
import pytest
from sqlalchemy import event, select, text

from tests.index_truth import assert_index_matches_sql, with_curated_status
from tests.racing import in_thread, when_it_takes_the_counter
from tracker import item_index, serving_index
from tracker.backup import export_assessments, import_assessments
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.changes import data_version
from tracker.store.crud import Change, save_change, write_change
from tracker.store.db import make_engine
from tracker.store.models import Assessment, AssessmentEvent
from tracker.store.sync import LoadRaced, sync_record

A, E = Assessment.__table__, AssessmentEvent.__table__
NOTE = "CMW/C/TST/1 ¶ 3 gives the outcome data."


@pytest.fixture(autouse=True)
def restarted(tmp_path, monkeypatch):
    """Each test starts as a fresh server would: no index in memory, and a cache folder of its own."""
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    serving_index._INDEXES.clear()
    yield
    serving_index._INDEXES.clear()


@pytest.fixture
def other_engine(db_url, engine):
    """A second engine on the same database: its own connections, as another server process has."""
    other = make_engine(db_url)
    yield other
    other.dispose()


def history(engine, item_id: str) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(select(E.c.version, E.c.new_status, E.c.source).where(E.c.recommendation_id == item_id)
                            .order_by(E.c.version)).all()


def test_a_save_that_commits_late_is_not_skipped(engine, other_engine, grant):
    grant(engine, "monitor", "xavier", "yara")
    assert_index_matches_sql(engine)
    taking = when_it_takes_the_counter(other_engine)
    with engine.begin() as conn:  # save X, held open after its insert
        write_change(conn, Change("Q1", 1, "addressed", NOTE), "xavier")
        save_y, outcome = in_thread(lambda: save_change(other_engine, Change("Q2", 1, "not_addressed", NOTE), "yara"))
        assert taking.wait(30)
        assert_index_matches_sql(engine)  # neither is committed yet
    save_y.join(60)
    assert outcome == {"value": 2}
    assert_index_matches_sql(engine)
    with engine.connect() as conn:
        seq = dict(conn.execute(select(E.c.recommendation_id, E.c.seq).where(E.c.source == "monitor")).all())
    assert seq["Q1"] < seq["Q2"], "the change numbers do not follow the commit order"
    save_change(engine, Change("Q1", 2, "deferred", NOTE), "yara")
    assert_index_matches_sql(engine)


def test_a_load_waits_for_a_save_and_keeps_it(engine, other_engine, grant, record_copy):
    grant(engine, "monitor", "xavier")
    changed = with_curated_status(record_copy, "A1", "not_addressed")  # Q1's curated status
    taking = when_it_takes_the_counter(other_engine)
    with engine.begin() as conn:
        write_change(conn, Change("Q1", 1, "addressed", NOTE), "xavier")
        load, outcome = in_thread(lambda: sync_record(other_engine, changed))
        assert taking.wait(30)
    load.join(60)
    assert outcome["value"].flagged == ["Q1"] and outcome["value"].followed_curation == []
    with engine.connect() as conn:
        row = conn.execute(select(A).where(A.c.recommendation_id == "Q1")).mappings().one()
    assert (row["status"], row["version"], row["needs_review"]) == ("addressed", 2, True)
    assert history(engine, "Q1") == [(1, "partial", "curation"), (2, "addressed", "monitor")]
    assert_index_matches_sql(engine)


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_a_load_refuses_rather_than_overwrite_a_writer_that_skips_the_counter(engine, other_engine, record_copy):
    """An older tracker mid-upgrade writes without the counter: the load's version check still refuses."""
    changed = with_curated_status(record_copy, "A1", "not_addressed")
    digest = data_version(engine).digest

    @event.listens_for(other_engine, "before_cursor_execute")
    def _sneak_in(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("UPDATE assessment SET status"):
            with engine.begin() as sneaky:
                sneaky.execute(text("UPDATE assessment SET version = version + 1 WHERE recommendation_id = 'Q1'"))

    with pytest.raises(LoadRaced):
        sync_record(other_engine, changed)
    assert data_version(engine).digest == digest, "part of the refused load was kept"
    with engine.connect() as conn:
        assert conn.execute(select(A.c.status).where(A.c.recommendation_id == "Q1")).scalar_one() == "partial"


def test_a_restore_replaces_what_the_index_shows_before_and_after_a_restart(engine, grant, fixture_dir, record_copy,
                                                                             tmp_path):
    source = open_database(load_settings({"DATABASE_URL": f"sqlite:///{tmp_path / 'source.db'}",
                                          "TRACKER_DATA_DIR": str(fixture_dir)})).engine
    grant(source, "monitor", "ana")
    for change in (Change("Q1", 1, "addressed", NOTE), Change("Q2", 1, "addressed", NOTE),
                   Change("Q1", 2, "not_addressed", NOTE)):
        save_change(source, change, "ana")
    backup = export_assessments(source)
    source.dispose()
    # History ids in the target run up to 5, so the backup's differ from them below the old maximum.
    sync_record(engine, with_curated_status(record_copy, "A2", "partial"))
    sync_record(engine, with_curated_status(record_copy, "A2", "deferred"))
    assert_index_matches_sql(engine)  # built, and saved to disk

    import_assessments(engine, backup)
    assert_index_matches_sql(engine)
    serving_index._INDEXES.clear()  # a restart: the disk copy from before the restore must not be used
    assert_index_matches_sql(engine)


def _damage(path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "one flipped byte":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:])
    elif how == "empty":
        path.write_bytes(b"")
    else:  # well-formed, checksum and all, but the statuses are not the database's
        index = item_index.ItemIndex.load(path)
        index.status = (index.status + 1) % 4
        index.save(path)


@pytest.mark.parametrize("how", ["truncated", "one flipped byte", "empty", "wrong statuses"])
def test_a_damaged_disk_copy_is_logged_and_rebuilt(engine, grant, how, caplog):
    grant(engine, "monitor", "ana")
    assert_index_matches_sql(engine)
    save_change(engine, Change("Q1", 1, "addressed", NOTE), "ana")
    (path,) = load_settings().cache_dir.glob("items-*.npz")
    _damage(path, how)
    serving_index._INDEXES.clear()

    with caplog.at_level(logging.WARNING, logger="tracker.item_index"):
        assert_index_matches_sql(engine)
    assert [r.getMessage() for r in caplog.records if str(path) in r.getMessage()], "the damage was not logged"
    assert item_index.ItemIndex.load(path).disagreement(engine) is None, "the rebuilt index was not saved"


def test_a_disk_copy_behind_the_database_is_brought_up_to_date(engine, grant, caplog):
    grant(engine, "monitor", "ana")
    assert_index_matches_sql(engine)
    save_change(engine, Change("Q1", 1, "addressed", NOTE), "ana")
    save_change(engine, Change("R94", 1, "partial", NOTE), "ana")
    serving_index._INDEXES.clear()
    with caplog.at_level(logging.WARNING, logger="tracker.item_index"):
        assert_index_matches_sql(engine)
    assert not caplog.records, "a good disk copy was thrown away"


def test_a_disk_copy_ahead_of_the_database_is_not_trusted(engine, grant):
    """A database put back from a dump taken earlier (same instance and generation, a lower counter)."""
    grant(engine, "monitor", "ana")
    assert_index_matches_sql(engine)
    path, = load_settings().cache_dir.glob("items-*.npz")
    index = item_index.ItemIndex.load(path)
    index.status = np.full_like(index.status, 0)
    index.version = index.version._replace(seq=index.version.seq + 5)
    index.save(path)
    serving_index._INDEXES.clear()
    assert_index_matches_sql(engine)


@pytest.mark.parametrize("behind_its_back, found", [
    ("UPDATE assessment SET status = 'addressed' WHERE recommendation_id = 'Q2'", "1 status(es) differ from the "
     "database's, e.g. Q2"),
    ("UPDATE recommendation SET active = FALSE WHERE id = 'R94'", "its items are not the database's active items"),
], ids=["a status", "an item retired"])
def test_a_disk_copy_is_checked_against_every_item_the_database_holds(engine, behind_its_back, found, caplog):
    """A change written without the change counter (by hand, a bad restore): the copy's version still matches,
    so only reading the database's own statuses and items can tell, and the first use rebuilds."""
    assert_index_matches_sql(engine)
    (path,) = load_settings().cache_dir.glob("items-*.npz")
    with engine.begin() as conn:
        conn.execute(text(behind_its_back))
    assert item_index.ItemIndex.load(path).disagreement(engine) == found
    serving_index._INDEXES.clear()
    with caplog.at_level(logging.WARNING, logger="tracker.serving_index"):
        assert_index_matches_sql(engine)
    assert [r for r in caplog.records if found in r.getMessage()], "the disagreement was not logged"
