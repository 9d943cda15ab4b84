"""Differential property: after any sequence of saves, loads, restores, restarts and cache damage, every
figure the core gives equals plain SQL over the tables (tests/index_truth.py), on SQLite and PostgreSQL."""

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.index_truth import assert_index_matches_sql, with_curated_status
from tracker import item_index, serving_index
from tracker.backup import export_assessments, import_assessments
from tracker.schema import STATUSES
from tracker.store.crud import Change, StaleChange, current_version, save_change
from tracker.store.db import downgrade, make_engine, migrate
from tracker.store.sync import sync_record
from tracker.validation import load_record

ITEMS = ("Q1", "Q2", "R94")
PEOPLE = ("ana", "bo")
NOTE = "CMW/C/TST/1 ¶ 3 bears on it."
DAMAGE = ("truncate", "flip", "empty", "wrong statuses")

operations = st.one_of(
    st.tuples(st.just("save"), st.integers(0, 1), st.sampled_from(ITEMS), st.sampled_from(STATUSES)),
    st.tuples(st.just("stale save"), st.integers(0, 1), st.sampled_from(ITEMS), st.sampled_from(STATUSES)),
    st.tuples(st.just("load"), st.integers(0, 2)),
    st.tuples(st.just("backup")),
    st.tuples(st.just("restore"), st.booleans()),
    st.tuples(st.just("restart")),
    st.tuples(st.just("damage"), st.sampled_from(DAMAGE)),
)


@pytest.fixture
def world(db_url, fixture_dir, tmp_path, monkeypatch):
    """Two engines on one database (two servers' connections), the record and two variants of it."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(cache))
    variants = []
    for n, (response, status) in enumerate([("A1", "addressed"), ("A2", "not_addressed")]):
        shutil.copytree(fixture_dir, tmp_path / f"v{n}")
        variants.append(with_curated_status(tmp_path / f"v{n}", response, status))
    engines = [make_engine(db_url), make_engine(db_url)]
    yield {"engines": engines, "records": [load_record(fixture_dir), *variants], "cache": cache}
    for engine in engines:
        engine.dispose()
    serving_index._INDEXES.clear()


def _fresh(engine, record) -> None:
    downgrade(engine, "base")
    migrate(engine)
    sync_record(engine, record)


def _grant(engine) -> None:
    from tracker.accounts import add_person

    for name in PEOPLE:
        add_person(engine, name, "monitor")


def _intact(path) -> bool:
    try:
        item_index.ItemIndex.load(path)
    except Exception:  # noqa: BLE001 - damaged by an earlier step and not used since
        return False
    return True


def _damage(cache, how: str) -> None:
    for path in filter(_intact, cache.glob("items-*.npz")):
        data = path.read_bytes()
        if how == "truncate":
            path.write_bytes(data[: len(data) // 3])
        elif how == "flip":
            path.write_bytes(data[:-200] + bytes([data[-200] ^ 0x10]) + data[-199:])
        elif how == "empty":
            path.write_bytes(b"")
        else:
            index = item_index.ItemIndex.load(path)
            index.status = (index.status + 1) % len(STATUSES)
            index.save(path)
    serving_index._INDEXES.clear()


def _apply(world, operation, backups: list) -> None:
    engines, records = world["engines"], world["records"]
    kind = operation[0]
    if kind in ("save", "stale save"):
        _, which, item, status = operation
        engine = engines[which]
        seen = current_version(engine, item)
        if kind == "save":
            save_change(engine, Change(item, seen, status, NOTE), PEOPLE[which])
        else:
            with pytest.raises(StaleChange):
                save_change(engine, Change(item, seen + 1, status, NOTE), PEOPLE[which])
    elif kind == "load":
        sync_record(engines[1], records[operation[1]])
    elif kind == "backup":
        backups.append(export_assessments(engines[0]))
    elif kind == "restore" and backups:
        if operation[1]:  # into a new database at the same address
            _fresh(engines[1], records[0])
        else:  # into this one, once it holds no monitor's work (as after `tracker load` on a new server)
            with engines[1].begin() as conn:
                conn.execute(text("DELETE FROM person"))
                conn.execute(text("DELETE FROM assessment_event WHERE source <> 'curation'"))
        import_assessments(engines[1], backups[-1])
    elif kind == "restart":
        serving_index._INDEXES.clear()
    elif kind == "damage":
        _damage(world["cache"], operation[1])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(operations, min_size=1, max_size=10))
def test_every_figure_equals_sql_after_any_sequence(world, steps):
    engine = world["engines"][0]
    serving_index._INDEXES.clear()
    _fresh(engine, world["records"][0])
    _grant(engine)
    assert_index_matches_sql(engine)
    backups: list = []
    for operation in steps:
        _apply(world, operation, backups)
        assert_index_matches_sql(engine)
