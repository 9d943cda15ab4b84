"""Loading the record builds the item index and leaves its disk copy: the first visit after a load reads it."""

import pytest

from tests.index_truth import assert_index_matches_sql
from tracker import serving_index
from tracker.item_index import ItemIndex
from tracker.settings import load_settings
from tracker.startup import open_database


def test_the_first_visit_after_a_load_builds_nothing(db_url, record_copy, tmp_path, monkeypatch):
    settings = {"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(record_copy), "TRACKER_CACHE_DIR": str(tmp_path)}
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path))
    serving_index._INDEXES.clear()
    engine = open_database(load_settings(settings)).engine  # a load: the record is new to this database
    assert list(tmp_path.glob("items-*.npz")), "the load left no disk copy of the index"
    serving_index._INDEXES.clear()  # a restarted server

    def no_build(cls, engine):
        pytest.fail("the first visit built the index the load had built")

    monkeypatch.setattr(ItemIndex, "build", classmethod(no_build))
    assert_index_matches_sql(engine)
    engine.dispose()
    serving_index._INDEXES.clear()
