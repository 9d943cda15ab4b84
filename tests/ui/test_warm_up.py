"""The server's warm-up (st.App's lifespan) opens the database and its item index before anyone visits, and
checks the index's disk copy against the database exactly as a first visit would."""

import asyncio
import threading

import pytest

from tests.index_truth import assert_index_matches_sql
from tracker import serving_index
from tracker.item_index import ItemIndex
from tracker.store.changes import data_version
from tracker.store.db import make_engine
from tracker.ui import database


def _warm_up() -> None:
    async def start_and_stop():
        async with database.warm_up(None):
            pass

    # In a thread of its own, as the server runs it: a test before this one in the same worker may have left an
    # event loop running in this thread (the browser tests' Playwright does).
    runner = threading.Thread(target=asyncio.run, args=(start_and_stop(),))
    runner.start()
    runner.join(timeout=120)
    assert database._WARMED.wait(timeout=120), "the warm-up did not finish"


@pytest.fixture
def restarted_server():
    """A server process as it starts: nothing opened or indexed in memory yet."""
    serving_index._INDEXES.clear()
    database._opened.clear()
    yield
    database._opened.clear()
    serving_index._INDEXES.clear()


def test_the_warm_up_refuses_a_disk_copy_that_disagrees_and_leaves_the_index_ready(app_env, restarted_server,
                                                                                    monkeypatch):
    with_record = make_engine(app_env)
    path = serving_index._cache_file(with_record.url.render_as_string(hide_password=False),
                                     data_version(with_record))
    with_record.dispose()
    assert path.is_file(), "the load in app_env left no disk copy"
    copy = ItemIndex.load(path)
    copy.status = (copy.status + 1) % 4  # well-formed, checksum and all, but not the database's statuses
    copy.save(path)

    _warm_up()

    def no_more(*_args):
        pytest.fail("the first visit built or read the index again after the warm-up")

    monkeypatch.setattr(ItemIndex, "build", classmethod(no_more))
    monkeypatch.setattr(ItemIndex, "load", classmethod(no_more))
    engine = database.engine()  # what the first visit gets: the warm-up's engine, and its index in memory
    assert_index_matches_sql(engine)
    monkeypatch.undo()
    assert ItemIndex.load(path).disagreement(engine) is None, "the warm-up did not replace the bad copy"


def test_a_database_that_cannot_be_opened_leaves_the_first_visit_to_say_so(monkeypatch, tmp_path, restarted_server):
    monkeypatch.setenv("DATABASE_URL", "nosuchdriver://nowhere")
    _warm_up()  # logs and finishes; it raises nothing into the server
    assert not serving_index._INDEXES
