"""Backup and restore of the monitors' work: a round trip loses and alters nothing."""

import copy
import json
import subprocess
import sys

import pytest

from sqlalchemy import delete

from tracker.accounts import list_people, remove_person
from tracker.backup import _TABLES as TABLES
from tracker.backup import RestoreRefused, dumps, export_assessments, import_assessments
from tracker.backup_check import ROW_MODELS, check_backup, read_backup
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.crud import Change, save_change
from tracker.store.models import AssessmentEvent

from tests.conftest import DB_KINDS, new_database


@pytest.fixture(params=DB_KINDS)
def second_engine(request, tmp_path, fixture_dir):
    """A second, fresh database holding only the curated record."""
    folder = tmp_path / "second"
    folder.mkdir()
    with new_database(request.param, folder, request) as url:
        engine = open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(fixture_dir)})).engine
        yield engine
        engine.dispose()


def work(engine, grant):
    grant(engine, "monitor", "ana@example.org", "ben@example.org")
    save_change(engine, Change("Q1", 1, "addressed", "¶ 1–5 answer it; “quoted” <b>text</b>."), "ana@example.org")
    save_change(engine, Change("Q1", 2, "partial", "No figures after all, see ¶ 4."), "ben@example.org")
    save_change(engine, Change("R94", 1, "deferred", "Related paragraphs promise more later."), "ana@example.org")


def test_round_trip_restores_everything_exactly(engine, second_engine, grant):
    work(engine, grant)
    backup = export_assessments(engine)
    counts = import_assessments(second_engine, json.loads(dumps(backup)))
    assert counts == {"assessments": 3, "history": 6, "people": 2}
    assert export_assessments(second_engine) == backup
    # The restored database goes on working: versions and the history sequence continue.
    assert save_change(second_engine, Change("Q1", 3, "addressed", "Annex 1 now received."), "ben@example.org") == 4


@pytest.mark.parametrize("keep", ["work-and-accounts", "accounts-only", "work-only"])
def test_restore_refuses_a_database_that_already_has_work(engine, grant, keep):
    work(engine, grant)
    backup = export_assessments(engine)
    if keep == "accounts-only":
        with engine.begin() as conn:
            conn.execute(delete(AssessmentEvent.__table__).where(AssessmentEvent.source != "curation"))
    elif keep == "work-only":
        for person in list_people(engine):
            remove_person(engine, person.name)
    before = export_assessments(engine)
    with pytest.raises(RestoreRefused) as refused:
        import_assessments(engine, backup, "backup.json")
    assert [str(p) for p in refused.value.problems] == [
        "backup.json: -: -: the database already holds monitors' work or accounts; restore into a fresh one"]
    assert export_assessments(engine) == before


def _unknown_items(backup: dict, count: int) -> None:
    """Add `count` consistent items GONE-0, GONE-1 … that no curated record holds."""
    for n in range(count):
        backup["assessments"].append(dict(backup["assessments"][1], recommendation_id=f"GONE-{n}"))
        backup["history"].append(dict(backup["history"][1], recommendation_id=f"GONE-{n}", id=100 + n))


@pytest.mark.parametrize("mutate, message", [
    (lambda b: b.update(format="other"), "not a"),
    (lambda b: _unknown_items(b, 12),
     r"^backup: assessments: recommendation_id: 12 item\(s\) are not in this database's curated record \(load data/ "
     r"first\): GONE-0, GONE-1, GONE-10, GONE-11, GONE-2, GONE-3, GONE-4, GONE-5, GONE-6, GONE-7 and 2 more"),
    (lambda b: b["history"][0].update(colour="red"), "unknown column"),
    (lambda b: _unknown_items(b, 10), r"GONE-8, GONE-9$"),
    (lambda b: _unknown_items(b, 11), r"GONE-8 and 1 more$"),
])
def test_restore_refuses_a_bad_file_and_writes_nothing(engine, second_engine, grant, mutate, message):
    work(engine, grant)
    backup = json.loads(dumps(export_assessments(engine)))
    mutate(backup)
    before = export_assessments(second_engine)
    with pytest.raises(RestoreRefused, match=message):
        import_assessments(second_engine, backup)
    assert export_assessments(second_engine) == before
    assert list_people(second_engine) == []


def test_the_command_line_round_trip(tmp_path, fixture_dir):
    env = {"TRACKER_DATA_DIR": str(fixture_dir), "PATH": "/usr/bin:/bin"}

    def tracker(db: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tracker.cli", *args], input=stdin, text=True,
                              capture_output=True, env={**env, "DATABASE_URL": f"sqlite:///{tmp_path / db}"})

    assert tracker("a.db", "users", "add", "ana@example.org", "--role", "admin", "--password-stdin",
                   stdin="a long enough password\n").returncode == 0
    assert tracker("a.db", "export-assessments", str(tmp_path / "backup.json")).returncode == 0
    restored = tracker("b.db", "import-assessments", str(tmp_path / "backup.json"))
    assert restored.returncode == 0, restored.stderr
    assert "1 people" in restored.stdout
    again = tracker("b.db", "import-assessments", str(tmp_path / "backup.json"))
    assert again.returncode == 1 and "fresh one" in again.stderr


# --- tampered and broken backups -----------------------------------------------------------------------------
# The valid backup below (from `work`): assessments Q1, Q2, R94; history ids 1–3 (curation, version 1 of Q1,
# Q2, R94), 4 and 5 (Q1 versions 2 and 3), 6 (R94 version 2); people ana, ben.

@pytest.fixture(scope="module")
def valid_backup(tmp_path_factory, fixture_dir, grant) -> dict:
    folder = tmp_path_factory.mktemp("source")
    engine = open_database(load_settings({"DATABASE_URL": f"sqlite:///{folder / 'a.db'}",
                                          "TRACKER_DATA_DIR": str(fixture_dir)})).engine
    work(engine, grant)
    backup = json.loads(dumps(export_assessments(engine)))
    engine.dispose()
    return backup


FRESH: dict[str, dict] = {}  # each fresh database's own backup, to set it back after a test restores into it


@pytest.fixture(scope="module", params=DB_KINDS)
def fresh_engine(request, tmp_path_factory, fixture_dir):
    """A fresh database that tests may only try to restore into: each must leave it unchanged."""
    with new_database(request.param, tmp_path_factory.mktemp("fresh"), request) as url:
        engine = open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(fixture_dir)})).engine
        FRESH[engine.dialect.name] = export_assessments(engine)
        yield engine
        engine.dispose()


def _set(path: str, value):
    """A mutation setting `table[index].field` (or a top-level key) of the backup to value."""
    def mutate(backup):
        table, _, rest = path.partition("[")
        index, _, field = rest.partition("]")
        if not rest:
            backup[table] = value
        elif not field:
            backup[table][int(index)] = value
        else:
            backup[table][int(index)][field.lstrip(".")] = value
    return mutate


def _drop(path: str):
    def mutate(backup):
        table, _, rest = path.partition("[")
        index, _, field = rest.partition("]")
        if field:
            del backup[table][int(index)][field.lstrip(".")]
        elif rest:
            del backup[table][int(index)]
        else:
            del backup[table]
    return mutate


TAMPERED = [
    ("version-text", _set("history[4].version", "abc"), "backup.json: history[4]: version: 'abc' is not an integer"),
    ("version-float", _set("history[4].version", 3.0), "backup.json: history[4]: version: 3.0 is not an integer"),
    ("version-boolean", _set("history[4].version", True), "backup.json: history[4]: version: True is not an integer"),
    ("version-beyond-32-bits", _set("assessments[0].version", 2**31),
     "backup.json: assessments[0]: version: Input should be less than or equal to 2147483647 (got 2147483648)"),
    ("version-zero", _set("history[0].version", 0),
     "backup.json: history[0]: version: Input should be greater than or equal to 1 (got 0)"),
    ("unknown-status", _set("assessments[1].status", "done"),
     "backup.json: assessments[1]: status: 'done' is not one of 'addressed', 'partial', 'deferred' or 'not_addressed'"),
    ("unknown-role", _set("people[0].role", "root"),
     "backup.json: people[0]: role: 'root' is not one of 'viewer', 'monitor' or 'admin'"),
    ("unknown-source", _set("history[3].source", "import"),
     "backup.json: history[3]: source: 'import' is not one of 'curation' or 'monitor'"),
    ("bad-timestamp", _set("history[0].at", "yesterday"),
     "backup.json: history[0]: at: 'yesterday' is not an ISO 8601 time"),
    ("timestamp-without-zone", _set("people[1].created_at", "2026-01-01T10:00:00"),
     "backup.json: people[1]: created_at: '2026-01-01T10:00:00' has no time zone "
     "(backups write UTC times such as 2026-01-31T12:00:00+00:00)"),
    ("timestamp-not-text", _set("assessments[2].updated_at", 1700000000),
     "backup.json: assessments[2]: updated_at: 1700000000 is not an ISO 8601 time"),
    ("missing-field", _drop("assessments[1].status"), "backup.json: assessments[1]: status: required field is missing"),
    ("unknown-column", _set("people[0].colour", "red"), "backup.json: people[0]: colour: unknown column"),
    ("flag-not-boolean", _set("assessments[0].needs_review", 0),
     "backup.json: assessments[0]: needs_review: 0 is not true or false"),
    ("nul-in-note", _set("history[3].note", "a\x00b"),
     "backup.json: history[3]: note: control character U+0000 at character 2"),
    ("id-too-long", _set("people[1].name", "x" * 201),
     f"backup.json: people[1]: name: String should have at most 200 characters (got '{'x' * 78}…)"),
    ("row-not-an-object", _set("history[2]", "R94"), "backup.json: history[2]: -: 'R94' is not an object"),
    ("table-not-a-list", _set("people", {"ana": "admin"}), "backup.json: people: -: {'ana': 'admin'} is not a list"),
    ("table-missing", _drop("people"), "backup.json: people: -: missing"),
    ("unknown-key", _set("comment", "hi"), "backup.json: -: comment: unknown key"),
    ("wrong-format", _set("format", "other"), "backup.json: -: format: not a icrmw-tracker-assessments file of version 1"),
    ("version-as-text", _set("version", "1"), "backup.json: -: format: not a icrmw-tracker-assessments file of version 1"),
    ("duplicate-person", lambda b: b["people"].append(dict(b["people"][0])),
     "backup.json: people[2]: name: 'ana@example.org' is given twice (first in people[0])"),
    ("duplicate-event-id", _set("history[5].id", 4), "backup.json: history[5]: id: 4 is given twice (first in history[3])"),
    ("gap-in-the-version-chain", _drop("history[3]"),
     "backup.json: history[3]: version: Q1: version 3 where the chain needs 2"),
    ("broken-status-chain", _set("history[4].old_status", "deferred"),
     "backup.json: history[4]: old_status: Q1: 'deferred' but version 2 left 'addressed'"),
    ("assessment-disagrees-with-history", _set("assessments[0].status", "deferred"),
     "backup.json: assessments[0]: version: Q1: version 3, deferred, but its last event is version 3, partial"),
    ("assessment-without-history", _drop("history[1]"),
     "backup.json: assessments[1]: version: Q2: version 1, deferred, but no history"),
    ("a-second-broken-chain-too", lambda b: _set("history[4].version", 7)(b) or _set("history[5].version", 9)(b),
     "backup.json: history[5]: version: R94: version 9 where the chain needs 2"),
    ("history-without-assessment", _drop("assessments[1]"),
     "backup.json: history[1]: recommendation_id: 'Q2' has history but no assessment"),
    ("not-an-object", lambda b: b.clear() or b.update(x=1) and None,
     "backup.json: -: format: not a icrmw-tracker-assessments file of version 1"),
]


@pytest.mark.parametrize("name, mutate, expected", TAMPERED, ids=[case[0] for case in TAMPERED])
def test_a_tampered_backup_is_refused_with_a_located_problem(fresh_engine, valid_backup, name, mutate, expected):
    backup = copy.deepcopy(valid_backup)
    mutate(backup)
    before = export_assessments(fresh_engine)
    with pytest.raises(RestoreRefused) as refused:
        import_assessments(fresh_engine, backup, "backup.json")
    assert expected in [str(problem) for problem in refused.value.problems], str(refused.value)
    assert export_assessments(fresh_engine) == before


def test_history_in_any_order_restores(fresh_engine, valid_backup):
    backup = copy.deepcopy(valid_backup)
    backup["history"].reverse()
    try:
        assert import_assessments(fresh_engine, backup)["history"] == len(backup["history"])
        assert export_assessments(fresh_engine)["history"] == valid_backup["history"]
    finally:  # leave the shared database fresh again
        with fresh_engine.begin() as conn:
            for table in (TABLES["people"], TABLES["history"], TABLES["assessments"]):
                conn.execute(delete(table))
        import_assessments(fresh_engine, FRESH[fresh_engine.dialect.name])


@pytest.mark.parametrize("backup, expected", [
    ({"assessments": [], "history": []},
     "backup.json: assessments: -: 3 item(s) of this database's record have no assessment in the backup: Q1, Q2, R94. "
     "Restore into a database loaded with the record the backup was made from, then load the current record"),
    ({"assessments": ["Q1", "Q2"]}, "backup.json: assessments: -: 1 item(s) of this database's record have no "
     "assessment in the backup: R94."),
], ids=["no-assessments", "older-record"])
def test_a_backup_missing_items_of_the_record_is_refused(fresh_engine, valid_backup, backup, expected):
    """A backup from an older record, or an emptied one, would hide items from every page."""
    tampered = copy.deepcopy(valid_backup)
    keep = set(backup["assessments"])
    tampered["people"] = []
    for table in ("assessments", "history"):
        tampered[table] = [row for row in tampered[table] if row["recommendation_id"] in keep]
    before = export_assessments(fresh_engine)
    with pytest.raises(RestoreRefused) as refused:
        import_assessments(fresh_engine, tampered, "backup.json")
    assert [str(p) for p in refused.value.problems][0].startswith(expected)
    assert export_assessments(fresh_engine) == before


@pytest.mark.parametrize("content, expected", [
    (b'{"format": "icrmw-tracker-assessments",\n "version": 1,,}', "backup.json:2: -: -: not valid JSON: "
     "Expecting property name enclosed in double quotes (column 15)"),
    (b"", "backup.json:1: -: -: not valid JSON: Expecting value (column 1)"),
    ('{\n"note": "caf\u00e9"}'.encode("latin-1"), "backup.json:2: -: -: not UTF-8 (byte 14)"),
    (b'{"a": 1, "version": 1, "version": 2}',
     "backup.json: -: -: not a usable backup: key 'version' is given twice in one object"),
    (None, "backup.json: -: -: cannot read file: No such file or directory"),
    (b'{"version": NaN}', "backup.json: -: -: not a usable backup: NaN is not a number JSON allows"),
    (b"[" * 100_000 + b"]" * 100_000, "backup.json: -: -: not a usable backup: nested too deeply"),
    (b'{"version": ' + b"9" * 5000 + b"}", "backup.json: -: -: not a usable backup: Exceeds the limit (4300 digits) "
     "for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"),
], ids=["malformed", "empty", "latin-1", "duplicate-key", "missing", "nan", "deep", "huge-integer"])
def test_an_unreadable_backup_is_refused_with_its_place(tmp_path, content, expected):
    path = tmp_path / "backup.json"
    if content is not None:
        path.write_bytes(content)
    backup, problems = read_backup(path)
    assert backup is None and [str(problem) for problem in problems] == [expected]


def test_the_command_line_refuses_a_tampered_backup_without_a_traceback(tmp_path, fixture_dir, valid_backup):
    backup = copy.deepcopy(valid_backup)
    backup["history"][4]["version"] = "abc"
    (tmp_path / "backup.json").write_text(json.dumps(backup), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tracker.cli", "import-assessments", str(tmp_path / "backup.json")],
                            capture_output=True, text=True, env={"TRACKER_DATA_DIR": str(fixture_dir),
                                                                 "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"tracker: cannot restore {tmp_path / 'backup.json'}; nothing was changed:",
                                          "backup.json: history[4]: version: 'abc' is not an integer"]


def test_backup_rows_name_every_column_of_their_table():
    """A column added to a table must be added to the backup check too, or restores would refuse it."""
    for name, model in ROW_MODELS.items():
        assert set(model.model_fields) == set(TABLES[name].c.keys()), name


def test_a_written_backup_reads_back_unchanged(tmp_path, valid_backup):
    path = tmp_path / "backup.json"
    path.write_text(dumps(valid_backup), encoding="utf-8")
    assert read_backup(path) == (valid_backup, [])


@pytest.mark.parametrize("backup, expected", [
    ([], "backup.json: -: -: [] is not a backup object"),
    ("x", "backup.json: -: -: 'x' is not a backup object"),
    ({"format": "icrmw-tracker-assessments", "version": 1, "assessments": [], "people": [],
      "history": ["R94", {"id": "abc"}]}, "backup.json: history[1]: id: 'abc' is not an integer"),
], ids=["list", "text", "a-bad-row-after-a-non-object"])
def test_every_malformed_part_is_reported(backup, expected):
    rows, problems = check_backup("backup.json", backup)
    assert rows is None and expected in [str(problem) for problem in problems]
