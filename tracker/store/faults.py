"""Database faults in plain words: what went wrong and what to do, never the driver's text or the SQL."""

import sqlite3

from sqlalchemy.exc import SQLAlchemyError

from tracker.i18n import N_

READ_ONLY, FULL, LOCKED, UNREACHABLE, GONE, EMPTIED, DAMAGED, DISK, UNKNOWN = (
    "read-only", "full", "locked", "unreachable", "gone", "emptied", "damaged", "disk", "unknown")

WORDS = {
    READ_ONLY: N_("The database is read-only, so nothing can be saved. Ask the administrator to give the tracker "
                  "write access to it."),
    FULL: N_("The disk is full: the database has no room to grow, so nothing can be saved. Ask the administrator "
             "to free some space."),
    LOCKED: N_("The database is locked by another process. Wait a moment and try again."),
    UNREACHABLE: N_("The database server does not answer. It may be restarting or out of reach; try again in a "
                    "moment, and tell the administrator if it goes on."),
    GONE: N_("The database is gone: it was dropped, moved or deleted while the tracker was running. Ask the "
             "administrator to restore it from a backup."),
    EMPTIED: N_("The database no longer holds the tracker's tables: it was re-created or emptied while the tracker "
                "was running. Ask the administrator to restore it from a backup."),
    DAMAGED: N_("The database file is damaged or is not a database. Ask the administrator to restore it from a "
                "backup."),
    DISK: N_("The disk failed to read or write the database. Ask the administrator to check the disk."),
    UNKNOWN: N_("The database reported an unexpected error. It has been logged on the server; try again, and tell "
                "the administrator if it goes on."),
}

# SQLite result codes by name (extended codes such as SQLITE_READONLY_DBMOVED start with the primary name).
_SQLITE = {"SQLITE_READONLY_DBMOVED": GONE, "SQLITE_READONLY": READ_ONLY, "SQLITE_FULL": FULL,
           "SQLITE_BUSY": LOCKED, "SQLITE_LOCKED": LOCKED, "SQLITE_CANTOPEN": GONE, "SQLITE_CORRUPT": DAMAGED,
           "SQLITE_NOTADB": DAMAGED, "SQLITE_IOERR": DISK}
# PostgreSQL SQLSTATE codes (or their two-character class).
_POSTGRES = {"53100": FULL, "25006": READ_ONLY, "3D000": GONE, "42P01": EMPTIED, "55P03": LOCKED,
             "57P01": UNREACHABLE, "57P02": UNREACHABLE, "57P03": UNREACHABLE, "08": UNREACHABLE,
             "53300": UNREACHABLE, "58030": DISK, "XX001": DAMAGED, "XX002": DAMAGED}


def _is_psycopg(error: BaseException) -> bool:
    # Checked by module, so that a SQLite installation never imports the PostgreSQL driver.
    return type(error).__module__.split(".")[0] == "psycopg"


def _driver_error(exc: BaseException) -> BaseException | None:
    """The database driver's exception behind `exc`, or `exc` itself when SQLAlchemy raised it alone."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sqlite3.Error) or _is_psycopg(exc):
            return exc
        if isinstance(exc, SQLAlchemyError):
            return getattr(exc, "orig", None) or exc
        exc = exc.__cause__ or exc.__context__
    return None


def kind_of(exc: BaseException) -> str | None:
    """Which fault `exc` is (READ_ONLY, FULL, ...); None when it did not come from the database."""
    error = _driver_error(exc)
    if error is None:
        return None
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", "") or ""
        if "no such table" in str(error):
            return EMPTIED
        return next((kind for prefix, kind in _SQLITE.items() if name.startswith(prefix)), UNKNOWN)
    if _is_psycopg(error):
        state = getattr(error, "sqlstate", None) or ""
        if not state and type(error).__name__ == "OperationalError":
            # A failed connection carries no SQLSTATE, only libpq's text: the server may have answered.
            if "database" in str(error) and "does not exist" in str(error):
                return GONE
            return UNREACHABLE  # refused, timed out or cut off before the server could say why
        return _POSTGRES.get(state) or _POSTGRES.get(state[:2]) or UNKNOWN
    if getattr(error, "connection_invalidated", False):
        return UNREACHABLE
    return UNKNOWN


def describe(exc: BaseException) -> str | None:
    """Plain words for a database fault behind `exc`; None when it did not come from the database."""
    kind = kind_of(exc)
    return WORDS[kind] if kind else None
