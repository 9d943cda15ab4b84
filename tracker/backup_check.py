"""Check a backup file before a restore touches anything: typed, located problems, the same on every engine.

Whatever SQLite would store but PostgreSQL would refuse (a NUL, a version that is not an integer, a number
beyond 32 bits, a string longer than its column, a time without a zone) is refused here, so a backup taken on
one engine restores on the other. The history must also tell the same story as the assessments, so a restore
cannot create a state whose figures disagree with its own history.
"""

import json
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainValidator, ValidationError

from tracker.errors import BackupProblem, Problems, quote
from tracker.schema import ROLES, Status
from tracker.yaml_source import control_character

FORMAT = "icrmw-tracker-assessments"
VERSION = 1
MAX_INT = 2**31 - 1  # PostgreSQL's integer; SQLite would take more
TABLES = ("assessments", "history", "people")
SOURCES = ("curation", "monitor")


def _text(value: str) -> str:
    found = control_character(value)
    if found:
        raise ValueError(f"control character {found}")
    return value


def _timestamp(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{quote(value)} is not an ISO 8601 time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{quote(value)} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError(f"{quote(value)} has no time zone (backups write UTC times such as 2026-01-31T12:00:00+00:00)")
    return moment.astimezone(timezone.utc)


Text = Annotated[str, AfterValidator(_text)]
Id = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_text)]
Count = Annotated[int, Field(ge=1, le=MAX_INT)]
Timestamp = Annotated[datetime, PlainValidator(_timestamp)]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class AssessmentRow(_Row):
    recommendation_id: Id
    status: Status
    curated_status: Status
    version: Count
    assessed_by_monitor: bool
    needs_review: bool
    review_reason: Text | None
    updated_by: Text
    updated_at: Timestamp


class EventRow(_Row):
    id: Count
    recommendation_id: Id
    at: Timestamp
    who: Text
    old_status: Status | None
    new_status: Status
    note: Text
    source: Literal[SOURCES]
    version: Count
    # the change number (tracker.store.changes); backups written before it existed have none and restore as 0
    seq: Annotated[int, Field(ge=0, le=MAX_INT)] = 0


class PersonRow(_Row):
    name: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_text)]
    role: Literal[ROLES]
    password_hash: Text | None
    created_at: Timestamp
    display_name: Annotated[str, Field(min_length=1, max_length=80), AfterValidator(_text)] | None = None


ROW_MODELS: dict[str, type[_Row]] = {"assessments": AssessmentRow, "history": EventRow, "people": PersonRow}
ROW_KEYS = {"assessments": "recommendation_id", "history": "id", "people": "name"}

_MESSAGES = {
    "int_type": "is not an integer", "int_from_float": "is not an integer", "bool_type": "is not true or false",
    "string_type": "is not text", "literal_error": "is not one of {expected}", "dict_type": "is not an object",
    "list_type": "is not a list", "model_type": "is not an object",
}


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown column"
    if kind in _MESSAGES:
        return f"{quote(error['input'])} " + _MESSAGES[kind].format(**error.get("ctx", {}))
    return error["msg"].removeprefix("Value error, ") + ("" if kind == "value_error" else f" (got {quote(error['input'])})")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        repeated = next(key for key in keys if keys.count(key) > 1)
        raise ValueError(f"key {quote(repeated)} is given twice in one object")
    return dict(pairs)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def read_backup(path: Path) -> tuple[Any, list[BackupProblem]]:
    """The parsed JSON of a backup file, or the problem that stops it being read."""
    label = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [BackupProblem(label, None, None, None, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [BackupProblem(label, line, None, None, f"not UTF-8 (byte {exc.start})")]
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant), []
    except json.JSONDecodeError as exc:
        return None, [BackupProblem(label, exc.lineno, None, None, f"not valid JSON: {exc.msg} (column {exc.colno})")]
    except (ValueError, RecursionError) as exc:  # a duplicate key, NaN, an integer of thousands of digits, deep nesting
        message = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        return None, [BackupProblem(label, None, None, None, f"not a usable backup: {message}")]


def _parse_rows(label: str, name: str, entries: Any, problems: Problems) -> list[tuple[int, _Row]]:
    if not isinstance(entries, list):
        problems.append(BackupProblem(label, None, name, None, f"{quote(entries)} is not a list"))
        return []
    rows = []
    for index, entry in enumerate(entries):
        where = f"{name}[{index}]"
        if not isinstance(entry, dict):
            problems.append(BackupProblem(label, None, where, None, f"{quote(entry)} is not an object"))
            continue
        try:
            rows.append((index, ROW_MODELS[name].model_validate(entry)))
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(part) for part in error["loc"]) or None
                problems.append(BackupProblem(label, None, where, field, _message(error)))
    return rows


def _check_unique(label: str, name: str, rows: list[tuple[int, _Row]], problems: Problems) -> None:
    key, first_at = ROW_KEYS[name], {}
    for index, row in rows:
        value = getattr(row, key)
        if value in first_at:
            problems.append(BackupProblem(label, None, f"{name}[{index}]", key,
                                          f"{quote(value)} is given twice (first in {name}[{first_at[value]}])"))
        else:
            first_at[value] = index


def _check_history(label: str, assessments: list[tuple[int, AssessmentRow]], history: list[tuple[int, EventRow]],
                   problems: Problems) -> None:
    """Each item's history runs version 1, 2, 3 … without a gap, and its last event is its assessment."""
    events: dict[str, list[tuple[int, EventRow]]] = defaultdict(list)
    for index, event in history:
        events[event.recommendation_id].append((index, event))
    assessed = {row.recommendation_id for _, row in assessments}
    for item, item_events in events.items():
        if item not in assessed:
            index = item_events[0][0]
            problems.append(BackupProblem(label, None, f"history[{index}]", "recommendation_id",
                                          f"{quote(item)} has history but no assessment"))
        item_events.sort(key=lambda pair: pair[1].version)
        previous = None
        for expected, (index, event) in enumerate(item_events, start=1):
            if event.version != expected:
                problems.append(BackupProblem(label, None, f"history[{index}]", "version",
                                              f"{item}: version {event.version} where the chain needs {expected}"))
                break
            if previous is not None and event.old_status != previous.new_status:
                problems.append(BackupProblem(label, None, f"history[{index}]", "old_status",
                                              f"{item}: {quote(event.old_status)} but version {expected - 1} left "
                                              f"{quote(previous.new_status)}"))
            previous = event
    for index, row in assessments:
        chain = events.get(row.recommendation_id)
        last = chain[-1][1] if chain else None
        if last is None or (last.version, last.new_status) != (row.version, row.status):
            seen = "no history" if last is None else f"its last event is version {last.version}, {last.new_status}"
            problems.append(BackupProblem(label, None, f"assessments[{index}]", "version",
                                          f"{row.recommendation_id}: version {row.version}, {row.status}, but {seen}"))


def check_backup(label: str, backup: Any) -> tuple[dict[str, list[dict]] | None, Problems]:
    """The rows to restore, by table, or every problem found (capped like the record's)."""
    problems = Problems()
    if not isinstance(backup, dict):
        problems.append(BackupProblem(label, None, None, None, f"{quote(backup)} is not a backup object"))
        return None, problems
    if backup.get("format") != FORMAT or type(backup.get("version")) is not int or backup["version"] != VERSION:
        problems.append(BackupProblem(label, None, None, "format", f"not a {FORMAT} file of version {VERSION}"))
        return None, problems
    for key in sorted(set(backup) - {"format", "version", *TABLES}):
        problems.append(BackupProblem(label, None, None, key, "unknown key"))
    for name in TABLES:
        if name not in backup:
            problems.append(BackupProblem(label, None, name, None, "missing"))
    parsed = {name: _parse_rows(label, name, backup.get(name, []), problems) for name in TABLES}
    for name in TABLES:
        _check_unique(label, name, parsed[name], problems)
    if not problems.total:  # a chain with a row left out would only echo the problem already found
        _check_history(label, parsed["assessments"], parsed["history"], problems)
    if problems.total:
        return None, problems
    return {name: [row.model_dump() for _, row in rows] for name, rows in parsed.items()}, problems
