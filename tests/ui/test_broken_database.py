"""A database the app cannot use gives a message in the page and on the command line, never a traceback."""

import sqlite3
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from tests.e2e.server import ROOT
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.db import DatabaseError

FIXTURE = ROOT / "tests" / "fixtures" / "record"


def make_database(path) -> str:
    url = f"sqlite:///{path}"
    open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(FIXTURE)})).engine.dispose()
    return url


def stamp_unknown_revision(path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")


@pytest.fixture
def locked(tmp_path, monkeypatch):
    """A database another process holds an exclusive lock on."""
    url = make_database(tmp_path / "locked.db")
    monkeypatch.setenv("TRACKER_SQLITE_TIMEOUT", "0.2")
    holder = sqlite3.connect(tmp_path / "locked.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield url
    holder.execute("ROLLBACK")
    holder.close()


CASES = {
    "unreachable server": lambda tmp: "postgresql://nobody@127.0.0.1:1/tracker",
    "unknown schema revision": lambda tmp: (make_database(tmp / "future.db"),
                                            stamp_unknown_revision(tmp / "future.db"))[0],
    "missing folder that cannot be created": lambda tmp: "sqlite:////proc/no-such-folder/tracker.db",
}
MESSAGES = {"unreachable server": "No database server answers", "unknown schema revision": "does not know",
            "missing folder that cannot be created": "cannot be", "locked": "lock"}


def app_message(url: str, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(FIXTURE))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return "\n".join(e.value for e in app.error)


def cli_message(url: str) -> subprocess.CompletedProcess:
    import os
    return subprocess.run([sys.executable, "-m", "tracker.cli", "load"], capture_output=True, text=True,
                          env={**os.environ, "DATABASE_URL": url, "TRACKER_DATA_DIR": str(FIXTURE)})


@pytest.mark.parametrize("case", CASES)
def test_the_app_and_the_cli_explain_an_unusable_database(case, tmp_path, monkeypatch):
    url = CASES[case](tmp_path)
    message = app_message(url, monkeypatch)
    assert "The database cannot be used" in message and MESSAGES[case] in message
    result = cli_message(url)
    assert result.returncode == 2 and MESSAGES[case] in result.stderr and "Traceback" not in result.stderr


def test_a_locked_database_is_explained(locked, monkeypatch):
    with pytest.raises(DatabaseError, match="lock"):
        open_database(load_settings({"DATABASE_URL": locked, "TRACKER_DATA_DIR": str(FIXTURE)}))
    result = cli_message(locked)
    assert result.returncode == 2 and "lock" in result.stderr and "Traceback" not in result.stderr
