"""Backup and restore of the monitors' work: a round trip loses and alters nothing."""

import json
import subprocess
import sys

import pytest

from tracker.accounts import list_people
from tracker.backup import RestoreRefused, dumps, export_assessments, import_assessments
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.crud import Change, save_change

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


def test_restore_refuses_a_database_that_already_has_work(engine, grant):
    work(engine, grant)
    backup = export_assessments(engine)
    with pytest.raises(RestoreRefused, match="already holds"):
        import_assessments(engine, backup)
    assert export_assessments(engine) == backup


@pytest.mark.parametrize("mutate, message", [
    (lambda b: b.update(format="other"), "not a"),
    (lambda b: b["assessments"][0].update(recommendation_id="GONE"), "not in this database"),
    (lambda b: b["history"][0].update(colour="red"), "unknown column"),
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
