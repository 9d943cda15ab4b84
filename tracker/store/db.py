"""Engine creation and schema migration (Alembic) for SQLite and PostgreSQL."""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# The newest migration; a test keeps it equal to Alembic's head. A database already there is opened without
# loading Alembic at all, which saves a start a good part of a second.
HEAD = "0011"


class DatabaseError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their folder, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        # Sessions in UTC whatever the server's or database's TimeZone: times read back, and so backups and
        # messages, then never carry a local offset.
        utc = {"options": "-c TimeZone=UTC"} if parsed.drivername == "postgresql+psycopg" else {}
        return create_engine(parsed, pool_pre_ping=True, connect_args=utc)
    is_uri = parsed.query.get("uri") == "true" or (parsed.database or "").startswith("file:")
    if parsed.database and parsed.database != ":memory:" and not is_uri:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # How long a writer waits for another's lock before giving up with "database is locked".
    timeout = float(os.environ.get("TRACKER_SQLITE_TIMEOUT", "15"))
    engine = create_engine(parsed, connect_args={"check_same_thread": False, "timeout": timeout})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
        except DBAPIError:
            return None  # no schema yet


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`; refuse a database from a newer or unknown schema."""
    if revision == "head" and current_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    current = current_revision(engine)
    if current is not None and current not in known:
        raise DatabaseError(
            f"The database is at schema revision {current!r}, which this version of the tracker does not know. "
            "It was probably written by a newer version: upgrade the tracker, or point DATABASE_URL elsewhere.")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
