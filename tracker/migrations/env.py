"""Alembic environment: runs on the connection the tracker hands over, or on DATABASE_URL."""

from alembic import context
from sqlalchemy import create_engine

from tracker.search import outside_index
from tracker.settings import load_settings
from tracker.store.models import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(load_settings().database_url)
    with engine.begin() as conn:
        _run(conn)


def _run(connection) -> None:
    # render_as_batch: SQLite cannot ALTER most things in place; batch mode copies the table.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True, include_name=outside_index)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run `tracker migrate`.")
run_migrations_online()
