"""Open the database the settings name: migrate it, and load the curated record when it changed."""

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from tracker import search, serving_index
from tracker.errors import RecordInvalid
from tracker.settings import Settings
from tracker.store import faults
from tracker.store.db import DatabaseError, make_engine, migrate
from tracker.store.models import Recommendation
from tracker.store.sync import SyncReport, read_digest, sync_record
from tracker.validation import load_record, record_digest


log = logging.getLogger(__name__)


@dataclass
class Opened:
    engine: Engine
    loaded: SyncReport | None
    search_rebuilt: bool = False  # the full-text index was rebuilt (or written by the load) while opening


def open_database(settings: Settings) -> Opened:
    """A ready database; raise DatabaseError or RecordInvalid with a message meant for people."""
    try:
        engine = make_engine(settings.database_url)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(f"Cannot use the database at {_redact(settings.database_url)}: it is not an address "
                            f"the tracker can use ({exc}). Set DATABASE_URL to sqlite:///path/to/file.db or "
                            "postgresql://user@host:5432/database.") from exc
    except OSError as exc:
        raise DatabaseError(f"Cannot use the database at {_redact(settings.database_url)}: its folder cannot be "
                            f"created ({exc.strerror or exc}). Set DATABASE_URL to a writable place.") from exc
    try:
        migrate(engine)
        with engine.connect() as conn:
            stored = read_digest(conn)
        # The record in the database was validated when it was loaded; unchanged files need no second look.
        if stored == record_digest(settings.data_dir):
            return Opened(engine, None, _check_search_index(engine, settings))
        loaded = sync_record(engine, load_record(settings.data_dir), search_sources(settings))
        # Build the item index now and leave its disk copy, so that the first visit after `tracker load` reads
        # it instead of building it.
        serving_index.item_index(engine)
        return Opened(engine, loaded, search_rebuilt=True)
    except (DatabaseError, RecordInvalid):
        raise
    except SQLAlchemyError as exc:
        raise DatabaseError(_explain(exc, settings)) from exc


def search_sources(settings: Settings) -> Path | None:
    """Where the search finds the cited reply paragraphs' text, when the source documents are at hand."""
    return settings.sources_dir if settings.sources_dir.is_dir() else None


def _check_search_index(engine: Engine, settings: Settings) -> bool:
    """Rebuild the full-text index when it does not hold one entry per active item or its rows are not keyed by
    item (derived state is checked); True when it was rebuilt."""
    with engine.connect() as conn:
        indexed = search.indexed_count(conn)
        active = conn.execute(select(func.count()).select_from(Recommendation).where(Recommendation.active)).scalar_one()
        keyed = search.keyed(conn)
    if indexed == active and keyed:
        return False
    if keyed:
        log.warning("the search index holds %d items, the record %d: rebuilding it", indexed, active)
    else:
        log.warning("the search index's rows are not keyed by item: rebuilding it")
    search.reindex(engine, search_sources(settings))
    return True


def _redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the configured DATABASE_URL"


# What to do about a fault met while opening; the driver's own text stays in the exception chain (it can hold SQL).
_HINTS = {
    faults.READ_ONLY: "The database file or its folder is read-only: give the tracker write access or set "
                      "DATABASE_URL.",
    faults.LOCKED: "Another process holds a lock on the database; wait for it to finish and try again.",
    faults.UNREACHABLE: "No database server answers there: start it, or check DATABASE_URL.",
    faults.FULL: "The disk is full: free some space and start again.",
    faults.DAMAGED: "The file is damaged or is not a database: restore it from a backup, or set DATABASE_URL.",
    faults.DISK: "The disk failed to read or write the database: check the disk.",
}


def _explain(exc: SQLAlchemyError, settings: Settings) -> str:
    kind, where = faults.kind_of(exc), _redact(settings.database_url)
    if kind == faults.GONE and make_url(settings.database_url).get_backend_name() == "sqlite":
        hint = "The database file cannot be opened or created there: check the path and its permissions."
    elif kind == faults.GONE:
        hint = "That server has no such database: create it (createdb NAME), or check DATABASE_URL."
    else:
        hint = _HINTS.get(kind, f"Check DATABASE_URL and that the database is reachable ({exc.__class__.__name__}).")
    return f"Cannot use the database at {where}. {hint}"
