"""tracker/migrations and tracker/store/db.py: the migrations build exactly the models' schema, on SQLite and
PostgreSQL, go down and up again, and a database from an unknown schema is refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from tracker.search import TABLES as SEARCH_TABLES
from tracker.search import outside_index
from tracker.settings import PROJECT_ROOT
from tracker.store.db import (
    DatabaseError,
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    migrate,
)
from tracker.store.models import metadata
from tracker.store.sync import sync_record
from tracker.validation import load_record


@pytest.fixture
def fresh_engine(db_url):
    engine = make_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()


def differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": outside_index})
        return compare_metadata(context, metadata)


def tables(engine) -> set[str]:
    """The SQLModel tables and Alembic's (the full-text index's own tables are checked in tests/search)."""
    return set(inspect(engine).get_table_names()) - SEARCH_TABLES


def test_upgrade_head_builds_the_models_schema(fresh_engine):
    with fresh_engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")

    assert current_revision(fresh_engine) == head_revision()
    assert tables(fresh_engine) == {t.name for t in metadata.sorted_tables} | {"alembic_version"}
    assert differences(fresh_engine) == []


def test_downgrade_to_base_then_upgrade_again(fresh_engine, fixture_dir):
    migrate(fresh_engine)
    sync_record(fresh_engine, load_record(fixture_dir))

    downgrade(fresh_engine, "base")
    assert current_revision(fresh_engine) is None
    assert tables(fresh_engine) <= {"alembic_version"}

    migrate(fresh_engine)
    assert current_revision(fresh_engine) == head_revision()
    assert differences(fresh_engine) == []
    report = sync_record(fresh_engine, load_record(fixture_dir))
    assert report.created == ["Q1", "Q2", "R94"]  # the downgrade really emptied it


def test_migrate_twice_is_harmless(fresh_engine, fixture_dir):
    migrate(fresh_engine)
    sync_record(fresh_engine, load_record(fixture_dir))
    migrate(fresh_engine)
    with fresh_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM assessment")).scalar_one() == 3


def test_unknown_revision_is_refused_with_a_clear_message(fresh_engine, fixture_dir):
    migrate(fresh_engine)
    sync_record(fresh_engine, load_record(fixture_dir))
    with fresh_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))

    with pytest.raises(DatabaseError) as raised:
        migrate(fresh_engine)

    message = str(raised.value)
    assert "'9999_from_the_future'" in message and "does not know" in message and "DATABASE_URL" in message
    assert current_revision(fresh_engine) == "9999_from_the_future"  # left as it was
    with fresh_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM assessment")).scalar_one() == 3


def test_alembic_command_line_upgrade_head(db_url, tmp_path: Path):
    """`alembic upgrade head` with only DATABASE_URL set: migrations/env.py's own engine path."""
    ini = tmp_path / "alembic.ini"
    ini.write_text(f"[alembic]\nscript_location = {PROJECT_ROOT / 'tracker' / 'migrations'}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "alembic", "-c", str(ini), "upgrade", "head"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120,
                            env={**os.environ, "DATABASE_URL": db_url})
    assert result.returncode == 0, result.stderr

    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        assert differences(engine) == []
    finally:
        engine.dispose()


def test_tracker_migrate_command(db_url):
    result = subprocess.run([sys.executable, "-m", "tracker.cli", "migrate"], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=120, env={**os.environ, "DATABASE_URL": db_url})
    assert (result.returncode, result.stdout.strip()) == (0, "database at head"), result.stderr
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_the_fast_path_head_is_alembics_head():
    from tracker.store.db import HEAD, head_revision

    assert HEAD == head_revision()
