"""The search filter reads, on SQLite, only the rowids of the FTS matches and takes each for an item's search key
(tracker.search.keys). Its answers equal an independent reading of the data after a load, a save with a note, a
restore and a reindex, on both engines; two ids with one key are refused, never mixed up; and an index whose rows
are not keyed (written before they were) is rebuilt when the database is opened."""

import hashlib
import re

import numpy as np
import pytest
from sqlalchemy import func, select, text

from tests.conftest import DB_KINDS, new_database
from tracker import backup, serving_index, synth
from tracker.accounts import add_person
from tracker.filters import Filters
from tracker.search import (KeyPositions, SearchKeyCollision, indexed_count, keyed, parse, reindex, search_ids,
                            search_key, write)
from tracker.search import index as search_index
from tracker.search import keys as keys_module
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.crud import Change, current_version, save_change
from tracker.store.db import downgrade, make_engine, migrate
from tracker.store.models import Recommendation, Response
from tracker.validation import record_digest

R, RS = Recommendation.__table__, Response.__table__
WHO = "monitor@example.org"
RECORD_WORDS = ("detention", "children", "migrant", "conditions", "coordination")


@pytest.fixture(params=DB_KINDS)
def kind(request):
    return request.param


@pytest.fixture(autouse=True)
def fresh_indexes():
    serving_index._INDEXES.clear()
    yield
    serving_index._INDEXES.clear()


def _open(url, data_dir):
    return open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(data_dir)})).engine


def _filtered(engine, query: str) -> list[str]:
    return serving_index.matching_ids(engine, Filters(text=query))


def _matched_by_id(engine, word: str) -> list[str]:
    """Active items whose index row holds the word, read by the row's item id (no search key involved)."""
    match = ("doc @@ to_tsquery('simple', :word)" if engine.dialect.name == "postgresql"
             else "item_search MATCH 'raw : ' || :word")
    with engine.connect() as conn:
        return list(conn.execute(text(f"SELECT r.id FROM recommendation r WHERE r.active AND r.id IN "
                                      f"(SELECT item_id FROM item_search WHERE {match}) ORDER BY r.id"),
                                 {"word": word}).scalars())


def _noted(engine, word: str) -> list[str]:
    """Active items with a monitor's note holding the word, by plain LIKE on the history (no index at all)."""
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT DISTINCT e.recommendation_id FROM assessment_event e JOIN recommendation r "
                                      "ON r.id = e.recommendation_id WHERE r.active AND e.source = 'monitor' "
                                      "AND lower(e.note) LIKE :like ORDER BY e.recommendation_id"),
                                 {"like": f"%{word}%"}).scalars())


def _every_row_keyed(engine) -> bool:
    if engine.dialect.name == "postgresql":
        return True
    with engine.connect() as conn:
        return all(row.rowid == search_key(row.item_id)
                   for row in conn.execute(text("SELECT rowid, item_id FROM item_search")))


def _save_note(engine, item: str, note: str) -> None:
    add_person(engine, WHO, "monitor")
    save_change(engine, Change(item, current_version(engine, item), "partial", note), WHO)


def test_the_filter_equals_the_data_after_a_load_a_note_a_restore_and_a_reindex(kind, tmp_path, request, record_copy):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    with new_database(kind, tmp_path / "a", request) as first, new_database(kind, tmp_path / "b", request) as second:
        engine = _open(first, record_copy)
        assert {w: _filtered(engine, w) for w in RECORD_WORDS[:3]} == {w: _matched_by_id(engine, w)
                                                                       for w in RECORD_WORDS[:3]}
        assert any(_filtered(engine, w) for w in RECORD_WORDS[:3]) and _every_row_keyed(engine)

        item = serving_index.item_index(engine).ids[-1]
        _save_note(engine, item, "Zanzibar: the reply names the Zanzibar protocol (3).")
        assert _filtered(engine, "zanzibar") == [item] == _noted(engine, "zanzibar") == _matched_by_id(engine, "zanzibar")
        assert _every_row_keyed(engine)

        saved = backup.export_assessments(engine)
        restored = _open(second, record_copy)
        assert _filtered(restored, "zanzibar") == []
        backup.import_assessments(restored, saved)
        assert _filtered(restored, "zanzibar") == [item] == _noted(restored, "zanzibar")
        assert _every_row_keyed(restored)
        restored.dispose()

        reindex(engine, None)
        later = ("zanzib*", *RECORD_WORDS[3:])  # not asked before: no answer kept from before the reindex
        assert _filtered(engine, "zanzib*") == [item]
        assert {w: _filtered(engine, w) for w in later[1:]} == {w: _matched_by_id(engine, w) for w in later[1:]}
        assert _every_row_keyed(engine)
        engine.dispose()


def _words(text_: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text_.lower()))


def test_the_filter_equals_the_text_of_a_bulk_load(kind, tmp_path, request):
    """Hundreds of items: every row's key maps back to its own item (a wrong mapping would show as other items)."""
    with new_database(kind, tmp_path, request) as url:
        synthetic = synth.generate(300, seed=5)
        record = synth.write_stand_in(synthetic, tmp_path / "stand-in")
        engine = make_engine(url)
        migrate(engine)
        synth.write_database(synthetic, engine, record_digest(record))
        with engine.connect() as conn:  # the texts the load wrote, read without the index
            texts = {item: [item, topic or ""] for item, topic in conn.execute(select(R.c.id, R.c.topic).where(R.c.active))}
            for item, summary, rationale in conn.execute(select(RS.c.recommendation_id, RS.c.summary, RS.c.rationale)):
                texts[item] += [summary, rationale]
        words = {item: _words(" ".join(parts)) for item, parts in texts.items()}
        chosen = sorted({max(words[item] - {item.lower()}, key=len) for item in list(words)[::40]})
        found = {word: _filtered(engine, f'"{word}"') for word in chosen}  # a one-word phrase: no stems
        ranked = {(query, part): serving_index.matching_ids(engine, Filters(text=query, parts=part), by_relevance=True)
                  for query in (*chosen[:3], "detent*", "health care") for part in ((), ("III",))}
        # the ranking read by item id and ordered by SQL (rank, then id), kept to the items the filters select
        by_sql = {(query, part): [item for item in search_ids(engine, query)
                                  if item in set(serving_index.matching_ids(engine, Filters(text=query, parts=part)))]
                  for query, part in ranked}
        engine.dispose()
    expected = {word: sorted(item for item, held in words.items() if word in held) for word in chosen}
    assert found == expected and all(found.values())
    assert ranked == by_sql and all(ranked.values())


def _length_keys(ids):
    """A key under which every two ids of one length collide."""
    return np.array([len(item) for item in ids], dtype=np.int64)


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'keys.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


def test_two_items_with_one_key_in_one_write_are_refused(sqlite_engine, monkeypatch):
    monkeypatch.setattr(search_index, "search_keys", _length_keys)
    with pytest.raises(SearchKeyCollision) as caught, sqlite_engine.begin() as conn:
        write(conn, {"A1": "alpha", "B1": "beta", "C22": "gamma"})
    assert sorted(caught.value.items) == ["A1", "B1"]
    assert "'A1'" in str(caught.value) and "rename one of them in the record" in str(caught.value)
    with sqlite_engine.connect() as conn:
        assert indexed_count(conn) == 0


def test_an_item_whose_key_another_item_holds_is_refused(sqlite_engine, monkeypatch):
    monkeypatch.setattr(search_index, "search_keys", _length_keys)
    with sqlite_engine.begin() as conn:
        write(conn, {"A1": "alpha"})
    with pytest.raises(SearchKeyCollision) as caught, sqlite_engine.begin() as conn:
        write(conn, {"B1": "beta"})
    assert sorted(caught.value.items) == ["A1", "B1"]
    with sqlite_engine.begin() as conn:
        write(conn, {"A1": "alpha again"})  # the item itself re-indexed under its own key: no collision
        rows = conn.execute(text("SELECT rowid, item_id, raw FROM item_search")).all()
    assert [tuple(row) for row in rows] == [(2, "A1", "alpha again")]


def test_the_item_index_refuses_keys_two_of_its_items_share(tmp_path, monkeypatch, fixture_dir):
    engine = _open(f"sqlite:///{tmp_path / 'tracker.db'}", fixture_dir)  # written with the real keys
    ids = list(serving_index.item_index(engine).ids)
    serving_index._INDEXES.clear()
    monkeypatch.setattr(keys_module, "search_keys", lambda items: np.zeros(len(items), dtype=np.int64))
    with pytest.raises(SearchKeyCollision) as caught:
        _filtered(engine, "detention")
    engine.dispose()
    assert set(caught.value.items) <= set(ids) and len(set(caught.value.items)) == 2


def test_a_key_is_the_first_8_bytes_of_the_blake2b_of_the_id_as_a_signed_integer():
    for item in ("Q1", "R94", "CMW/C/MEX/CO/3/12", "ñandú"):
        digest = hashlib.blake2b(item.encode(), digest_size=8).digest()
        assert search_key(item) == int.from_bytes(digest, "big", signed=True)
    assert keys_module.search_keys(["Q1", "R94"]).dtype == np.int64


def test_key_positions_map_keys_to_their_items():
    ids = np.array(["Q1", "R94", "A7", "Z0"], dtype=object)
    positions = KeyPositions.of(ids)
    beyond = np.iinfo(np.int64).max, np.iinfo(np.int64).min  # past either end of the sorted keys
    asked = np.array([search_key("Z0"), search_key("not here"), search_key("Q1"), search_key("Q1"), *beyond])
    assert positions.positions_of(asked).tolist() == [3, -1, 0, 0, -1, -1]
    assert positions.mask(asked).tolist() == [True, False, False, True]
    assert positions.mask(np.array([], dtype=np.int64)).tolist() == [False] * 4
    nothing = KeyPositions.of(np.array([], dtype=object))
    assert nothing.mask(asked).tolist() == [] and nothing.positions_of(asked).tolist() == [-1] * 6
    with pytest.raises(SearchKeyCollision):
        KeyPositions.of(ids, np.array([3, 1, 3, 2])).mask(np.array([1]))


def _unkey(engine) -> None:
    """Rewrite the index as the tracker wrote it before rows were keyed: rowids 1, 2, … in item order."""
    with engine.begin() as conn:
        rows = conn.execute(text("SELECT item_id, raw, en, es FROM item_search ORDER BY item_id")).all()
        conn.execute(text("DELETE FROM item_search"))
        conn.execute(text("INSERT INTO item_search (item_id, raw, en, es) VALUES (:item_id, :raw, :en, :es)"),
                     [row._asdict() for row in rows])


def _active(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(R).where(R.c.active)).scalar_one()


@pytest.mark.parametrize("upgraded", [True, False], ids=["index-from-0009", "index-keyed-otherwise"])
def test_an_index_whose_rows_are_not_keyed_is_rebuilt_on_open(tmp_path, fixture_dir, caplog, upgraded):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = _open(url, fixture_dir)
    if upgraded:
        downgrade(engine, "0009")
    _unkey(engine)
    with engine.connect() as conn:
        assert not keyed(conn) and indexed_count(conn) == _active(engine)  # its count alone looks right
    engine.dispose()
    with caplog.at_level("WARNING", logger="tracker.startup"):
        engine = _open(url, fixture_dir)
    assert "rebuilding" in caplog.text and ("not keyed" in caplog.text) != upgraded
    with engine.connect() as conn:
        assert keyed(conn) and indexed_count(conn) == _active(engine) and _every_row_keyed(engine)
    found = {w: _filtered(engine, w) for w in RECORD_WORDS}
    assert found == {w: _matched_by_id(engine, w) for w in RECORD_WORDS} and any(found.values())
    engine.dispose()


def test_the_matches_are_read_as_the_rows_keys(sqlite_engine):
    with sqlite_engine.begin() as conn:
        write(conn, {"A1": "alpha beta", "B2": "beta", "C3": "gamma"})
    with sqlite_engine.connect() as conn:
        keys = search_index.matched_keys(conn, parse("beta"))
        ranked, relevance = search_index.ranked_keys(conn, parse("beta"))
    expected = sorted([search_key("A1"), search_key("B2")])
    assert keys.dtype == ranked.dtype == np.int64 and sorted(keys.tolist()) == sorted(ranked.tolist()) == expected
    assert relevance.dtype == np.float64 and (relevance > 0).all()
