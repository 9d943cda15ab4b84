"""Back up the monitors' work (assessments, history, accounts) to JSON, and restore it into a fresh database."""

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, text

from tracker.store.changes import restored_history, take_seq
from tracker.store.models import Assessment, AssessmentEvent, Person, Recommendation

FORMAT = "icrmw-tracker-assessments"
VERSION = 1
A, E, P, R = Assessment.__table__, AssessmentEvent.__table__, Person.__table__, Recommendation.__table__
_TABLES = {"assessments": A, "history": E, "people": P}
_ORDER = {"assessments": A.c.recommendation_id, "history": E.c.id, "people": P.c.name}


class RestoreRefused(Exception):
    """The file cannot be restored here; the message says why."""


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        # SQLite hands back naive datetimes; every stored time is UTC, so say so and compare equal across engines.
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()
    return value


def export_assessments(engine: Engine) -> dict:
    """Everything monitors and administrators wrote, in a form `import_assessments` restores exactly."""
    with engine.connect() as conn:
        tables = {name: [{key: _json_value(value) for key, value in row.items()}
                         for row in conn.execute(select(table).order_by(_ORDER[name])).mappings()]
                  for name, table in _TABLES.items()}
    return {"format": FORMAT, "version": VERSION, **tables}


def dumps(backup: dict) -> str:
    return json.dumps(backup, ensure_ascii=False, indent=1, sort_keys=True)


def _rows(backup: dict, name: str) -> list[dict]:
    table = _TABLES[name]
    rows = []
    for row in backup.get(name, []):
        unknown = set(row) - set(table.c.keys())
        if unknown:
            raise RestoreRefused(f"{name}: unknown column(s) {', '.join(sorted(unknown))}")
        rows.append({key: datetime.fromisoformat(value) if value and table.c[key].type.python_type is datetime
                     else value for key, value in row.items()})
    return rows


def import_assessments(engine: Engine, backup: dict) -> dict[str, int]:
    """Restore a backup into a database that holds the curated record but no monitor's work yet."""
    if backup.get("format") != FORMAT or backup.get("version") != VERSION:
        raise RestoreRefused(f"not a {FORMAT} file of version {VERSION}")
    rows = {name: _rows(backup, name) for name in _TABLES}
    with engine.begin() as conn:
        seq = take_seq(conn)  # first, as every writer of assessments
        monitored = conn.execute(select(func.count()).select_from(E).where(E.c.source != "curation")).scalar_one()
        people = conn.execute(select(func.count()).select_from(P)).scalar_one()
        if monitored or people:
            raise RestoreRefused("the database already holds monitors' work or accounts; restore into a fresh one")
        known = set(conn.execute(select(R.c.id)).scalars())
        missing = sorted({row["recommendation_id"] for row in rows["assessments"]} - known)
        if missing:
            raise RestoreRefused(f"{len(missing)} item(s) are not in this database's curated record "
                                 f"(load data/ first): {', '.join(missing[:10])}")
        conn.execute(delete(E))
        conn.execute(delete(A))
        for name, table in _TABLES.items():
            if rows[name]:
                conn.execute(insert(table), rows[name])
        restored_history(conn, seq)
        if conn.dialect.name == "postgresql":
            # Explicit ids leave the serial sequence behind; move it past them.
            conn.execute(text("SELECT setval(pg_get_serial_sequence('assessment_event', 'id'), "
                              "COALESCE((SELECT max(id) FROM assessment_event), 0) + 1, false)"))
    return {name: len(found) for name, found in rows.items()}
