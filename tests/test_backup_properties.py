"""Whatever a backup holds, a restore ends in the restored work or typed problems, never a traceback, with the
database unchanged on refusal, and SQLite and PostgreSQL accept exactly the same files."""

import copy
import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from tracker.backup import A, E, P, RestoreRefused, dumps, export_assessments, import_assessments
from tracker.backup_check import check_backup
from tracker.errors import BackupProblem
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.crud import Change, save_change

from tests.conftest import new_database

INTERESTING = st.sampled_from([
    "abc", "", "Q1", "Q2", "R94", "GONE", "addressed", "partial", "deferred", "monitor", "curation", "admin",
    "2026-01-01T00:00:00", "2026-01-01T00:00:00+02:00", "2026-13-01T00:00:00+00:00", "a\x00b", "\ud800", "x" * 300,
    0, 1, 2, 3, 4, -1, 2**31, 2**63, 1.0, True, False, None,
])
SCALARS = st.one_of(INTERESTING, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)
HYPOTHESIS = settings(max_examples=25, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def engines(request, tmp_path_factory, fixture_dir):
    """One fresh database on each engine, and the backup of the work in a third."""
    with new_database("sqlite", tmp_path_factory.mktemp("lite"), request) as lite, \
            new_database("postgresql", tmp_path_factory.mktemp("pg"), request) as pg:
        opened = {kind: open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(fixture_dir)})).engine
                  for kind, url in (("sqlite", lite), ("postgresql", pg))}
        yield opened
        for engine in opened.values():
            engine.dispose()


@pytest.fixture(scope="module")
def valid_backup(tmp_path_factory, fixture_dir, grant):
    folder = tmp_path_factory.mktemp("source")
    engine = open_database(load_settings({"DATABASE_URL": f"sqlite:///{folder / 'a.db'}",
                                          "TRACKER_DATA_DIR": str(fixture_dir)})).engine
    grant(engine, "monitor", "ana@example.org", "ben@example.org")
    save_change(engine, Change("Q1", 1, "addressed", "First look."), "ana@example.org")
    save_change(engine, Change("Q1", 2, "partial", "Second look."), "ben@example.org")
    backup = json.loads(dumps(export_assessments(engine)))
    engine.dispose()
    return backup


def mutate(backup: dict, data) -> None:
    """One change a hand, a script or a damaged disk might make to a backup."""
    kind = data.draw(st.sampled_from(["set-field", "drop-field", "drop-row", "copy-row", "set-table", "set-key"]))
    table = data.draw(st.sampled_from(["assessments", "history", "people"]))
    rows = backup.get(table)
    rows_ok = isinstance(rows, list) and rows and all(isinstance(row, dict) for row in rows)
    if kind in ("set-field", "drop-field", "drop-row", "copy-row") and rows_ok:
        index = data.draw(st.integers(0, len(rows) - 1))
        field = data.draw(st.sampled_from(sorted(rows[index]) + ["extra"]))
        if kind == "set-field":
            rows[index][field] = data.draw(VALUES)
        elif kind == "drop-field":
            rows[index].pop(field, None)
        elif kind == "drop-row":
            del rows[index]
        else:
            rows.append(copy.deepcopy(rows[index]))
    elif kind == "set-table":
        backup[table] = data.draw(VALUES)
    else:
        backup[data.draw(st.sampled_from(["format", "version", "assessments", "other"]))] = data.draw(VALUES)


def restore(engine, backup: dict):
    """("restored", counts) or ("refused", problem lines); the database is unchanged on refusal."""
    before = export_assessments(engine)
    try:
        return "restored", import_assessments(engine, backup, "backup.json")
    except RestoreRefused as refused:
        assert refused.problems and all(isinstance(p, BackupProblem) for p in refused.problems)
        assert export_assessments(engine) == before
        return "refused", [str(problem) for problem in refused.problems]


def reset(engine, fresh: dict) -> None:
    with engine.begin() as conn:
        for table in (P, E, A):
            conn.execute(delete(table))
    import_assessments(engine, fresh)


@HYPOTHESIS
@given(data=st.data())
def test_any_mutation_of_a_backup_is_restored_or_refused_alike_on_both_engines(engines, valid_backup, data):
    fresh = {kind: export_assessments(engine) for kind, engine in engines.items()}
    backup = copy.deepcopy(valid_backup)
    for _ in range(data.draw(st.integers(1, 3))):
        mutate(backup, data)
    backup = json.loads(json.dumps(backup))  # as it would be read from a file
    outcomes = {kind: restore(engine, copy.deepcopy(backup)) for kind, engine in engines.items()}
    assert outcomes["sqlite"] == outcomes["postgresql"]
    event(outcomes["sqlite"][0])
    if outcomes["sqlite"][0] == "restored":
        exported = {kind: export_assessments(engine) for kind, engine in engines.items()}
        assert exported["sqlite"] == exported["postgresql"]
        # what was accepted is itself a valid backup: restores do not create state the history contradicts
        assert check_backup("export", json.loads(dumps(exported["sqlite"])))[0] is not None
        for kind, engine in engines.items():
            reset(engine, fresh[kind])
