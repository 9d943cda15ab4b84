"""Faults: a writer killed in the middle of a save, and a PostgreSQL server that drops its connections."""

import os
import signal
import subprocess
import sys
import textwrap

import psycopg
import pytest

from tracker.store.crud import Change, HistoryFilter, history_frame, save_change
from tracker.store.queries import item_detail

# A writer that runs the real save_change but stalls after updating the assessment and before writing the
# history row, so that the test can kill it exactly in the middle of the transaction.
WRITER = textwrap.dedent("""
    import sys, time
    from tracker.store import crud
    from tracker.store.db import make_engine

    original = crud.insert

    def stalled_insert(*args, **kwargs):
        print("updated, history not yet written", flush=True)
        time.sleep(60)
        return original(*args, **kwargs)

    crud.insert = stalled_insert
    crud.save_change(make_engine(sys.argv[1]), crud.Change("Q1", 1, "addressed", "killed before it commits"),
                     "writer@example.org")
""")


@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_a_writer_killed_mid_save_leaves_the_database_consistent(engine, grant, db_url):
    grant(engine, "monitor", "writer@example.org", "next@example.org")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, db_url], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        assert writer.stdout.readline().startswith("updated"), "the writer did not reach the middle of its save"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    engine.dispose()  # a fresh connection sees what survived the crash
    item = item_detail(engine, "Q1")
    assert (item["status"], item["version"]) == ("partial", 1)
    assert list(history_frame(engine, HistoryFilter(item_id="Q1"))["source"]) == ["curation"]
    assert save_change(engine, Change("Q1", 1, "deferred", "After the crash: paragraph 6 defers."),
                       "next@example.org") == 2


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_the_app_reconnects_after_the_server_drops_its_connections(engine, pg_user, db_url):
    """What a server restart does to a pool: every open connection dies. Pre-ping replaces them."""
    assert item_detail(engine, "Q1")["status"] == "partial"
    database = db_url.rsplit("/", 1)[1]
    with psycopg.connect(host="127.0.0.1", user=pg_user, dbname="test", autocommit=True) as admin:
        killed = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = %s AND pid <> pg_backend_pid()", (database,)).fetchone()[0]
    assert killed >= 1, "the pool held no connection to drop"
    assert item_detail(engine, "Q1")["status"] == "partial"
