"""Back up the monitors' work (assessments, history, accounts) to JSON, and restore it into a fresh database."""

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from tracker import search
from tracker.backup_check import FORMAT, VERSION, check_backup
from tracker.errors import BackupProblem, Problems, report_lines
from tracker.store.changes import restored_history, take_seq
from tracker.store.models import Assessment, AssessmentEvent, Person, Recommendation

A, E, P, R = Assessment.__table__, AssessmentEvent.__table__, Person.__table__, Recommendation.__table__
_TABLES = {"assessments": A, "history": E, "people": P}
_ORDER = {"assessments": A.c.recommendation_id, "history": E.c.id, "people": P.c.name}
_LISTED = 10  # item ids named in a message; the rest are counted


class RestoreRefused(Exception):
    """The file cannot be restored here; `problems` says why, each located in the file."""

    def __init__(self, problems: list[BackupProblem]):
        self.problems = problems
        super().__init__("\n".join(report_lines(problems)))


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


def _listed(ids: list[str]) -> str:
    more = len(ids) - _LISTED
    return ", ".join(ids[:_LISTED]) + (f" and {more:,} more" if more > 0 else "")


def _refusals_here(conn: Connection, label: str, rows: dict[str, list[dict]]) -> Problems:
    """What stops this database taking these rows: earlier work, or items the two records do not share."""
    problems = Problems()
    monitored = conn.execute(select(func.count()).select_from(E).where(E.c.source != "curation")).scalar_one()
    people = conn.execute(select(func.count()).select_from(P)).scalar_one()
    if monitored or people:
        problems.append(BackupProblem(label, None, None, None,
                                      "the database already holds monitors' work or accounts; restore into a fresh one"))
        return problems
    items = dict(conn.execute(select(R.c.id, R.c.active)).all())
    restored = [row["recommendation_id"] for row in rows["assessments"]]
    unknown = sorted(set(restored) - set(items))
    if unknown:
        problems.append(BackupProblem(label, None, "assessments", "recommendation_id",
                                      f"{len(unknown)} item(s) are not in this database's curated record "
                                      f"(load data/ first): {_listed(unknown)}"))
    # Without an assessment an item would vanish from every page: refuse rather than hide it.
    missing = sorted({item for item, active in items.items() if active} - set(restored))
    if missing:
        problems.append(BackupProblem(label, None, "assessments", None,
                                      f"{len(missing)} item(s) of this database's record have no assessment in the "
                                      f"backup: {_listed(missing)}. Restore into a database loaded with the record "
                                      "the backup was made from, then load the current record"))
    return problems


def _write(conn: Connection, rows: dict[str, list[dict]]) -> None:
    conn.execute(delete(E))
    conn.execute(delete(A))
    for name, table in _TABLES.items():
        if rows[name]:
            conn.execute(insert(table), rows[name])
    if conn.dialect.name == "postgresql":
        # Explicit ids leave the serial sequence behind; move it past them.
        conn.execute(text("SELECT setval(pg_get_serial_sequence('assessment_event', 'id'), "
                          "COALESCE((SELECT max(id) FROM assessment_event), 0) + 1, false)"))


def import_assessments(engine: Engine, backup: Any, label: str = "backup",
                       sources_dir: Path | None = None) -> dict[str, int]:
    """Restore a backup into a database that holds the curated record but no monitor's work yet.

    Raise RestoreRefused, with every problem located in the file, before anything changes.
    """
    rows, problems = check_backup(label, backup)
    if rows is None:
        raise RestoreRefused(problems)
    with engine.begin() as conn:
        seq = take_seq(conn)  # first, as every writer of assessments
        problems = _refusals_here(conn, label, rows)
        if problems:
            raise RestoreRefused(problems)
        _write(conn, rows)
        restored_history(conn, seq)
        # the monitors' notes are searched: the index follows the restored history
        search.write(conn, search.item_texts(conn, sources_dir), replace_all=True)
    return {name: len(found) for name, found in rows.items()}
