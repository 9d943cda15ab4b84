"""Fast checks of the item index's parts, on one SQLite database per module (mutation testing runs these
for every mutant of tracker/item_index.py and tracker/store/changes.py; see docs/mutation-testing.md)."""

from dataclasses import replace

import numpy as np
import pytest

from tests.index_truth import assert_index_matches_sql
from tracker import item_index, serving_index
from tracker.filters import Filters
from tracker.item_index import CacheDamaged, ItemIndex
from tracker.schema import PARTS, STATUSES
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.changes import DataVersion, data_version
from tracker.store.crud import Change, current_version, save_change

NOTE = "CMW/C/TST/1 ¶ 3 bears on it."


@pytest.fixture(scope="module")
def engine(tmp_path_factory, fixture_dir):
    folder = tmp_path_factory.mktemp("index")
    engine = open_database(load_settings({"DATABASE_URL": f"sqlite:///{folder / 'tracker.db'}",
                                          "TRACKER_DATA_DIR": str(fixture_dir)})).engine
    from tracker.accounts import add_person

    add_person(engine, "ana", "monitor")
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def fresh_memory():
    serving_index._INDEXES.clear()
    yield
    serving_index._INDEXES.clear()


def save(engine, item: str, status: str) -> None:
    save_change(engine, Change(item, current_version(engine, item), status, NOTE), "ana")


def test_every_status_is_followed_by_refresh_and_by_build(engine):
    for item in ("Q1", "R94"):
        for status in (*STATUSES, STATUSES[0]):
            save(engine, item, status)
            assert_index_matches_sql(engine)
            assert serving_index.item_index(engine).version == data_version(engine)
    held = ItemIndex.build(engine)
    save(engine, "Q2", "addressed")
    save(engine, "Q2", "partial")
    assert held.refresh(engine).status.tolist() == ItemIndex.build(engine).status.tolist()
    assert held.refresh(engine, held.version) is held


def test_a_saved_index_loads_back_equal(engine, tmp_path):
    index = ItemIndex.build(engine)
    index.save(tmp_path / "i.npz")
    back = ItemIndex.load(tmp_path / "i.npz")
    assert back.version == index.version and list(back.ids) == list(index.ids)
    assert (back.mechanisms, back.bodies) == (index.mechanisms, index.bodies)
    for name in item_index._ARRAYS:
        assert np.array_equal(getattr(back, name), getattr(index, name)), name
    assert back.disagreement(engine) is None


@pytest.mark.parametrize("change", ["status", "year", "ids", "version", "mechanisms"])
def test_a_file_changed_behind_the_checksum_is_refused(engine, tmp_path, change):
    path = tmp_path / "i.npz"
    ItemIndex.build(engine).save(path)
    with np.load(path) as npz:
        stored = {name: npz[name] for name in npz.files}
    if change in ("status", "year"):
        stored[change] = stored[change] + 1
    elif change == "ids":
        stored["ids"] = stored["ids"][::-1]
    else:
        stored["meta"] = np.array(str(stored["meta"]).replace('"', "'", 1) if change == "version"
                                  else str(stored["meta"]).replace("[", "[ ", 1))
    np.savez(path, **stored)
    with pytest.raises(CacheDamaged):
        ItemIndex.load(path)


def _last_set(array: np.ndarray, value: int) -> np.ndarray:
    changed = array.copy()
    changed[-1] = value
    return changed


@pytest.mark.parametrize("field, value", [
    ("status", lambda a: a[:-1]), ("year", lambda a: np.append(a, 2000)), ("part_mask", lambda a: a[:-1]),
    ("mechanism", lambda a: a[:-1]), ("article", lambda a: a[:-1]), ("body", lambda a: a[:-1]),
    ("article_item", lambda a: _last_set(a, 3)), ("article_item", lambda a: _last_set(a, 99)),
    ("body_item", lambda a: _last_set(a, -1)), ("body_item", lambda a: _last_set(a, 3)), ("ids", None),
])
def test_arrays_that_do_not_fit_together_are_refused(engine, tmp_path, field, value):
    index = ItemIndex.build(engine)
    assert len(index.ids) == 3  # the fixture record: an item position of 3 is one past the end
    if field == "ids":
        index.ids = index.ids[[0, 0, 1]]
    else:
        setattr(index, field, value(getattr(index, field)))
    index.save(tmp_path / "i.npz")
    with pytest.raises(CacheDamaged):
        ItemIndex.load(tmp_path / "i.npz")


def test_disagreement_names_what_differs(engine):
    index = ItemIndex.build(engine)
    assert index.disagreement(engine) is None
    wrong = replace(index, status=(index.status + 1) % len(STATUSES))
    assert f"3 status(es) differ from the database's, e.g. {index.ids[0]}" == wrong.disagreement(engine)
    fewer = replace(index, ids=index.ids[:-1].append(index.ids[-1:] + "x"))
    assert "not the database's active items" in fewer.disagreement(engine)
    other = replace(index, version=index.version._replace(generation="another"))
    assert "the database is at" in other.disagreement(engine)


@pytest.mark.parametrize("mine, theirs, reflects", [
    (("i", "g", "d", 5), ("i", "g", "d", 5), True),
    (("i", "g", "d", 5), ("i", "g", "d", 9), True),
    (("i", "g", "d", 5), ("i", "g", "d", 4), False),
    (("i", "g", "d", 5), ("j", "g", "d", 5), False),
    (("i", "g", "d", 5), ("i", "h", "d", 5), False),
    (("i", "g", "d", 5), ("i", "g", "e", 5), False),
])
def test_reflects_only_the_same_database_restore_and_record(engine, mine, theirs, reflects):
    index = replace(ItemIndex.build(engine), version=DataVersion(*mine))
    assert index.reflects(DataVersion(*theirs)) is reflects


@pytest.mark.parametrize("filters", [
    Filters(statuses=("partial",)), Filters(statuses=("deferred", "not_addressed")), Filters(parts=(PARTS[2],)),
    Filters(articles=(16,)), Filters(articles=(64, 11)), Filters(year_from=2010), Filters(year_to=2009),
    Filters(mechanisms=("SR-MIGRANTS",)), Filters(mechanisms=("CMW", "nobody")),
    Filters(bodies=("INM",)), Filters(text="detention"), Filters(text="zzz-nothing"),
])
def test_each_filter_selects_what_sql_selects(engine, filters):
    from tracker.store.queries import item_ids

    assert serving_index.matching_ids(engine, filters) == item_ids(engine, filters)


# With one status chosen, some item that the second filter selects is left out, whatever the statuses are:
# an index that applied the second filter alone would show it.
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("second", [dict(parts=tuple(PARTS)), dict(articles=(16, 64)), dict(mechanisms=("CMW",)),
                                    dict(bodies=("INM", "CNDH")), dict(year_from=2009), dict(year_from=2016),
                                    dict(year_to=2016), dict(text="a")], ids=repr)
def test_filters_combine(engine, status, second):
    from tracker.store.queries import item_ids

    filters = Filters(statuses=(status,), **second)
    assert serving_index.matching_ids(engine, filters) == item_ids(engine, filters)


def test_every_article_has_its_row(engine):
    from tracker.coverage import coverage_table
    from tracker.schema import ARTICLE_COUNT

    assert coverage_table(engine, Filters(), "article").iloc[:, 0].tolist() == list(range(1, ARTICLE_COUNT + 1))


def test_the_index_is_saved_into_a_cache_folder_not_yet_made(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "not" / "yet" / "made"))
    serving_index.item_index(engine)
    assert len(list((tmp_path / "not" / "yet" / "made").glob("items-*.npz"))) == 1


def test_the_data_version_moves_with_every_change(engine):
    before = data_version(engine)
    save(engine, "Q1", "deferred")
    after = data_version(engine)
    assert after.seq == before.seq + 1 and after[:3] == before[:3]


def test_refresh_goes_to_the_version_asked_and_rebuilds_for_another_restore(engine):
    held = ItemIndex.build(engine)
    save(engine, "Q2", "not_addressed")
    middle = data_version(engine)
    save(engine, "Q2", "addressed")
    at_middle = held.refresh(engine, middle)
    assert STATUSES[at_middle.status[list(at_middle.ids).index("Q2")]] == "not_addressed"
    assert at_middle.version == middle
    other = replace(held, version=held.version._replace(generation="restored since"))
    rebuilt = other.refresh(engine)
    assert rebuilt.version == data_version(engine) and rebuilt.disagreement(engine) is None


def test_a_change_that_wrote_no_history_moves_the_index_on(engine, fixture_dir):
    from tracker.store.sync import sync_record
    from tracker.validation import load_record

    held = serving_index.item_index(engine)
    sync_record(engine, load_record(fixture_dir))  # the same record again: a number taken, no history row
    moved = serving_index.item_index(engine)
    assert moved.version.seq == held.version.seq + 1 and moved.status.tolist() == held.status.tolist()


def test_an_unchanged_database_is_answered_from_memory(engine):
    assert serving_index.item_index(engine) is serving_index.item_index(engine)


def test_a_new_record_is_followed_even_where_no_status_changes(engine, record_copy):
    """Articles and years come from the curated record: a load that changes only them must rebuild the index."""
    import yaml

    from tracker.store.sync import sync_record
    from tracker.validation import load_record

    assert_index_matches_sql(engine)
    path = record_copy / "recommendations.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(item for item in items if item["id"] == "Q1")["articles"] = [16]
    path.write_text(yaml.safe_dump(items, sort_keys=False, allow_unicode=True), encoding="utf-8")
    sync_record(engine, load_record(record_copy))
    assert_index_matches_sql(engine)
