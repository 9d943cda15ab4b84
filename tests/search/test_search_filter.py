"""The search as a filter: the items it selects follow saves, and combine with the other filters."""

import pytest
from sqlalchemy import text

from tracker import serving_index
from tracker.accounts import add_person
from tracker.filters import Filters
from tracker.schema import PARTS
from tracker.search import reindex
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.crud import Change, current_version, save_change

WHO = "monitor@example.org"


@pytest.fixture
def engine(db_url, record_copy, tmp_path):
    serving_index._INDEXES.clear()
    settings = load_settings({"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(record_copy),
                              "TRACKER_CACHE_DIR": str(tmp_path / "cache")})
    engine = open_database(settings).engine
    reindex(engine, None)
    add_person(engine, WHO, "monitor")
    yield engine
    engine.dispose()
    serving_index._INDEXES.clear()


def _sql_ids(engine, word: str, part: str | None = None) -> list[str]:
    """Independently of the index: active items whose indexed text holds the word (and that concern the part)."""
    query = ("SELECT r.id FROM recommendation r WHERE r.active AND r.id IN (SELECT item_id FROM item_search "
             + ("WHERE doc @@ to_tsquery('simple', :word))" if engine.dialect.name == "postgresql"
                else "WHERE item_search MATCH 'raw : ' || :word)")
             + (" AND r.id IN (SELECT recommendation_id FROM recommendation_part WHERE part_id = :part)" if part else "")
             + " ORDER BY r.id")
    with engine.connect() as conn:
        return list(conn.execute(text(query), {"word": word, "part": part}).scalars())


def _save_note(engine, item: str, note: str) -> None:
    save_change(engine, Change(item, current_version(engine, item), "partial", note), WHO)


def test_a_saved_note_is_found_at_once(engine):
    assert serving_index.matching_ids(engine, Filters(text="zanzibar")) == []  # asked, and kept, before the save
    item = serving_index.item_index(engine).ids[0]
    _save_note(engine, item, "Zanzibar: the reply names the Zanzibar protocol (3).")
    assert serving_index.matching_ids(engine, Filters(text="zanzibar")) == [item] == _sql_ids(engine, "zanzibar")


@pytest.mark.parametrize("part", PARTS[:4])
def test_search_and_part_together_equal_the_database(engine, part):
    items = list(serving_index.item_index(engine).ids[:6])
    for item in items:
        _save_note(engine, item, "Quetzal: the reply answers in paragraph (2).")
    found = serving_index.matching_ids(engine, Filters(text="quetzal", parts=(part,)))
    assert found == _sql_ids(engine, "quetzal", part)
    assert set(found) <= set(items)
