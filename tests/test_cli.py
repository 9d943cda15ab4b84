"""tracker/cli.py: `tracker validate` as a process (exit status, one line per problem), and `tracker load`."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.settings import PROJECT_ROOT
from tracker.validation import check_record

LINE = re.compile(r"^[\w.-]+\.yaml:(\d+|\?): \S+: \S+: \S.*$")


def tracker(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracker.cli", *args], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, env={**os.environ, **(env or {})}, timeout=120)


def test_validate_valid_record_exits_0(fixture_dir: Path):
    result = tracker("validate", "--data-dir", str(fixture_dir))

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "3 recommendations, 3 responses: valid" in result.stderr


def test_validate_uses_tracker_data_dir(fixture_dir: Path):
    result = tracker("validate", env={"TRACKER_DATA_DIR": str(fixture_dir)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(fixture_dir) in result.stderr


def test_validate_broken_record_exits_1_with_one_line_per_problem(record_copy: Path):
    responses = record_copy / "responses.yaml"
    text = responses.read_text(encoding="utf-8")
    responses.write_text(text.replace("bodies: [INM, CNDH]", "bodies: [INM, NOBODY]")
                         .replace("paragraphs: [6]", "paragraphs: [99]"), encoding="utf-8")
    recommendations = record_copy / "recommendations.yaml"
    recommendations.write_text(recommendations.read_text(encoding="utf-8").replace("themes: [detention]",
                                                                                   "themes: [Detention]"),
                               encoding="utf-8")
    _, problems = check_record(record_copy)
    assert len(problems) == 3

    result = tracker("validate", "--data-dir", str(record_copy))

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [str(problem) for problem in problems]
    for line in lines:
        assert LINE.match(line), line
    assert any(line.startswith("responses.yaml:") and ": A1: bodies: " in line and "NOBODY" in line
               for line in lines)
    assert any(line.startswith("responses.yaml:") and ": A2: paragraphs: " in line for line in lines)
    assert any(line.startswith("recommendations.yaml:") and ": Q1: themes[0]: " in line for line in lines)
    assert "3 problem(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_missing_folder_exits_1(tmp_path: Path):
    result = tracker("validate", "--data-dir", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("convention.yaml:?: -: -: cannot read file")
    assert "Traceback" not in result.stderr


def test_load_refuses_an_invalid_record(record_copy: Path, tmp_path: Path):
    responses = record_copy / "responses.yaml"
    responses.write_text(responses.read_text(encoding="utf-8").replace("status: deferred", "status: done"),
                         encoding="utf-8")
    result = tracker("load", env={"TRACKER_DATA_DIR": str(record_copy),
                                  "DATABASE_URL": f"sqlite:///{tmp_path / 'db' / 'tracker.db'}"})
    assert result.returncode == 1
    assert any(": A2: status: " in line for line in result.stdout.splitlines())


def test_load_reports_an_unreachable_database_without_traceback(fixture_dir: Path):
    result = tracker("load", env={"TRACKER_DATA_DIR": str(fixture_dir),
                                  "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/tracker"})
    assert result.returncode == 2
    assert result.stderr.startswith("tracker: Cannot use the database at postgresql+psycopg://nobody@127.0.0.1:1/")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("runs", [1, 2])
def test_load_then_reload(fixture_dir: Path, tmp_path: Path, runs: int):
    env = {"TRACKER_DATA_DIR": str(fixture_dir), "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}"}
    for _ in range(runs):
        result = tracker("load", env=env)
        assert result.returncode == 0, result.stderr
    expected_new = 3 if runs == 1 else 0
    assert result.stdout.startswith(f"{expected_new} new item(s), 0 status(es) updated from the curation")


def test_validate_caps_the_problems_it_prints(record_copy: Path):
    (record_copy / "responses.yaml").write_text("- {}\n" * 5000, encoding="utf-8")
    result = tracker("validate", "--data-dir", str(record_copy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    total = int(result.stderr.split(" problem(s)")[0])
    assert len(lines) == 201 and total > 5000 * 5
    assert lines[-1] == f"... and {total - 200:,} more problems"
    assert all(LINE.match(line) for line in lines[:-1])


def test_validate_refuses_an_alias_bomb_with_one_located_line(record_copy: Path):
    bomb = "- &a1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"- &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(2, 10))
    (record_copy / "recommendations.yaml").write_text(bomb * 3, encoding="utf-8")  # a 1.4 KB file
    result = tracker("validate", "--data-dir", str(record_copy))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "recommendations.yaml:1: -: -: YAML anchors and aliases (&name, *name) are not allowed; write the value out"]


def test_load_refuses_empty_item_files_and_changes_nothing(record_copy: Path, tmp_path: Path):
    env = {"TRACKER_DATA_DIR": str(record_copy), "DATABASE_URL": f"sqlite:///{tmp_path / 'tracker.db'}"}
    assert tracker("load", env=env).returncode == 0
    for name in ("recommendations.yaml", "responses.yaml"):
        (record_copy / name).write_text("", encoding="utf-8")
    result = tracker("load", env=env)
    assert result.returncode == 1
    assert [line.split(": ", 1)[0] for line in result.stdout.splitlines()] == ["recommendations.yaml:1",
                                                                              "responses.yaml:1"]
    assert "would retire every item" in result.stdout
    with sqlite3.connect(tmp_path / "tracker.db") as conn:
        assert conn.execute("SELECT count(*) FROM recommendation WHERE active").fetchone() == (3,)
