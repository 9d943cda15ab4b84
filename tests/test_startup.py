"""tracker/startup.py: open_database fails with messages meant for people, and an invalid record loads nothing."""

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.errors import RecordInvalid
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.db import DatabaseError, make_engine
from tracker.store.models import metadata


def settings(url: str, data_dir: Path):
    return load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(data_dir)})


def _can_create_in(folder: Path) -> bool:
    probe = folder / ".write-probe"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink()
    return True


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder the tracker cannot write in: a chmod 555 folder, or /sys when running as root."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if not _can_create_in(folder):
            yield folder
            return
        if Path("/sys").is_dir() and not _can_create_in(Path("/sys")):  # root ignores permissions
            yield Path("/sys")
            return
        pytest.skip("no read-only folder available: this user can write everywhere")
    finally:
        folder.chmod(0o755)


def assert_clear(error: Exception, *fragments: str) -> None:
    message = str(error)
    assert "Traceback" not in message and "\n  File " not in message
    for fragment in fragments:
        assert fragment in message, message


def test_read_only_folder(read_only_folder, fixture_dir):
    url = f"sqlite:///{read_only_folder / 'tracker.db'}"
    with pytest.raises(DatabaseError) as raised:
        open_database(settings(url, fixture_dir))
    assert_clear(raised.value, "Cannot use the database at sqlite:///", "cannot be opened or created")


def test_folder_that_cannot_be_created(read_only_folder, fixture_dir):
    url = f"sqlite:///{read_only_folder / 'tracker-sub' / 'tracker.db'}"
    with pytest.raises(DatabaseError) as raised:
        open_database(settings(url, fixture_dir))
    assert_clear(raised.value, "Cannot use the database at sqlite:///")


def test_read_only_database_file(tmp_path, record_copy, monkeypatch):
    monkeypatch.chdir(tmp_path)  # see test_sqlite_uri_filename_creates_no_stray_folder
    path = tmp_path / "tracker.db"
    open_database(settings(f"sqlite:///{path}", record_copy)).engine.dispose()
    responses = record_copy / "responses.yaml"
    responses.write_text(responses.read_text(encoding="utf-8").replace("status: deferred", "status: addressed"),
                         encoding="utf-8")

    with pytest.raises(DatabaseError) as raised:
        open_database(settings(f"sqlite:///file:{path}?mode=ro&uri=true", record_copy))

    assert_clear(raised.value, "read-only")


def test_sqlite_uri_filename_creates_no_stray_folder(tmp_path, monkeypatch):
    workdir = tmp_path / "workdir"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    sqlite3.connect(tmp_path / "x.db").close()
    make_engine(f"sqlite:///file:{tmp_path / 'x.db'}?mode=ro&uri=true").dispose()
    assert list(workdir.iterdir()) == []




@pytest.mark.parametrize("url, fragments", [
    ("postgresql+psycopg://nobody@127.0.0.1:1/tracker",
     ["Cannot use the database at postgresql+psycopg://nobody@127.0.0.1:1/tracker", "No database server answers"]),
    ("postgresql+nosuchdriver://nobody@localhost/tracker", ["postgresql+nosuchdriver://nobody@localhost/tracker"]),
    ("nonsense", ["the configured DATABASE_URL", "not an address the tracker can use"]),
    ("sqlite//missing-colon.db", ["the configured DATABASE_URL", "not an address the tracker can use"]),
    ("mysql://nobody@localhost/tracker", ["mysql://nobody@localhost/tracker", "not an address"]),
], ids=repr)
def test_unusable_url(url, fragments, fixture_dir):
    with pytest.raises(DatabaseError) as raised:
        open_database(settings(url, fixture_dir))
    assert_clear(raised.value, *fragments)


def test_password_is_not_shown(fixture_dir):
    with pytest.raises(DatabaseError) as raised:
        open_database(settings("postgresql+psycopg://monitor:s3cret-pw@127.0.0.1:1/tracker", fixture_dir))
    assert "s3cret-pw" not in str(raised.value)
    assert_clear(raised.value, "monitor:***@127.0.0.1:1")


def snapshot(engine) -> dict[str, list[tuple]]:
    """Every row of every table but the change counter (the migration writes its one row)."""
    with engine.connect() as conn:
        return {table.name: sorted((tuple(map(repr, row)) for row in conn.execute(select(table))))
                for table in metadata.sorted_tables if table.name != "change_counter"}


def break_record(record_dir: Path) -> None:
    responses = record_dir / "responses.yaml"
    responses.write_text(responses.read_text(encoding="utf-8").replace("status: deferred", "status: someday"),
                         encoding="utf-8")


def test_invalid_record_raises_and_loads_nothing(db_url, record_copy):
    break_record(record_copy)

    with pytest.raises(RecordInvalid) as raised:
        open_database(settings(db_url, record_copy))

    assert [p.code for p in raised.value.problems if p.record == "A2"] == ["unknown-status"]
    engine = make_engine(db_url)
    try:
        assert all(rows == [] for name, rows in snapshot(engine).items()), snapshot(engine)
    finally:
        engine.dispose()


def test_invalid_record_leaves_a_loaded_database_as_it_was(db_url, record_copy):
    open_database(settings(db_url, record_copy)).engine.dispose()
    engine = make_engine(db_url)
    try:
        before = snapshot(engine)
        assert before["assessment"]
        break_record(record_copy)

        with pytest.raises(RecordInvalid):
            open_database(settings(db_url, record_copy))

        assert snapshot(engine) == before
    finally:
        engine.dispose()


def test_settings_defaults_and_flags(tmp_path):
    env = {"DATABASE_URL": "sqlite:///x.db", "TRACKER_DATA_DIR": str(tmp_path),
           "TRACKER_SOURCES_DIR": str(tmp_path), "TRACKER_SHOW_SOURCE_TEXT": "off"}
    loaded = load_settings(env)
    assert (loaded.database_url, loaded.data_dir, loaded.show_source_text) == ("sqlite:///x.db", tmp_path, False)
    assert loaded.sources_available is False
    assert load_settings({**env, "TRACKER_SHOW_SOURCE_TEXT": "yes"}).sources_available is True
    default = load_settings({})
    assert default.database_url.startswith("sqlite:///") and default.database_url.endswith(os.path.join("var", "tracker.db"))


def test_a_file_that_is_not_a_database(tmp_path, fixture_dir):
    path = tmp_path / "tracker.db"
    path.write_bytes(b"not a database, just bytes " * 200)
    with pytest.raises(DatabaseError) as raised:
        open_database(settings(f"sqlite:///{path}", fixture_dir))
    assert_clear(raised.value, f"Cannot use the database at sqlite:///{path}.", "damaged or is not a database")


def test_a_postgresql_database_that_does_not_exist(pg_user, fixture_dir):
    url = f"postgresql+psycopg://{pg_user}@127.0.0.1:5432/tracker_no_such_database"
    with pytest.raises(DatabaseError) as raised:
        open_database(settings(url, fixture_dir))
    assert_clear(raised.value, "That server has no such database: create it")
    assert "FATAL" not in str(raised.value)
