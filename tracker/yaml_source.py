"""Read YAML files into records that remember the line of every field."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.errors import FileError, InvalidValue, Problem, YamlSyntaxError

MAX_FILE_BYTES = 5_000_000  # per file; TRACKER_MAX_FILE_BYTES raises it for larger records


def max_file_bytes() -> int:
    return int(os.environ.get("TRACKER_MAX_FILE_BYTES") or MAX_FILE_BYTES)


@dataclass
class LocatedRecord:
    """A mapping read from YAML, with the line it starts on and the line of each key."""

    file: str
    data: dict[str, Any]
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str | None:
        value = self.data.get("id", self.data.get("number"))
        return None if value is None else str(value)

    def line_of(self, name: str | None) -> int:
        return self.field_lines.get(name, self.line) if name else self.line


@dataclass
class ReadResult:
    records: list[LocatedRecord]
    problems: list[Problem]


def read_text(path: Path, label: str, limit: int | None = None) -> tuple[str | None, Problem | None]:
    """Return the file's text, or the reason it cannot be read."""
    limit = max_file_bytes() if limit is None else limit
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, FileError(label, None, None, None, f"cannot read file: {exc.strerror or exc}")
    if size > limit:
        return None, FileError(label, None, None, None, f"file is {size:,} bytes; the limit is {limit:,}")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, FileError(label, line, None, None, f"not UTF-8 (byte {exc.start}); save the file as UTF-8")


# libyaml parses about ten times faster than the pure-Python parser and gives the same node marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, label: str) -> tuple[yaml.Node | None, Problem | None]:
    try:
        return yaml.compose(text, Loader=_LOADER), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, YamlSyntaxError(label, line, None, None, f"YAML syntax: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        return None, YamlSyntaxError(label, None, None, None, f"YAML syntax: {exc}")


def _construct(node: yaml.Node) -> Any:
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def _record(node: yaml.Node, label: str, problems: list[Problem]) -> LocatedRecord | None:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        problems.append(InvalidValue(label, line, None, None, "each entry must be a mapping of field: value"))
        return None
    field_lines: dict[str, int] = {}
    record_id = next((value.value for key, value in node.value if isinstance(key, yaml.ScalarNode)
                      and key.value in ("id", "number") and isinstance(value, yaml.ScalarNode)), None)
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        if key in field_lines:
            problems.append(InvalidValue(label, key_node.start_mark.line + 1, record_id, key, "field given twice"))
        field_lines[key] = key_node.start_mark.line + 1
    try:
        data = _construct(node)
    except yaml.YAMLError as exc:
        problems.append(YamlSyntaxError(label, line, None, None, f"YAML value: {exc}"))
        return None
    if not all(isinstance(key, str) for key in data):
        problems.append(InvalidValue(label, line, None, None, "field names must be text"))
        return None
    return LocatedRecord(label, data, line, field_lines)


def _records_in(node: yaml.Node | None, label: str, problems: list[Problem]) -> list[LocatedRecord]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(InvalidValue(label, node.start_mark.line + 1, None, None, "expected a list of records"))
        return []
    return [rec for item in node.value if (rec := _record(item, label, problems)) is not None]


def read_records(path: Path, label: str) -> ReadResult:
    """Read a file that holds a list of records."""
    text, problem = read_text(path, label)
    if problem:
        return ReadResult([], [problem])
    node, problem = _compose(text, label)
    if problem:
        return ReadResult([], [problem])
    problems: list[Problem] = []
    return ReadResult(_records_in(node, label, problems), problems)


def read_sections(path: Path, label: str, sections: tuple[str, ...]) -> tuple[dict[str, list[LocatedRecord]], list[Problem]]:
    """Read a file that is a mapping of named lists of records (convention.yaml)."""
    found: dict[str, list[LocatedRecord]] = {name: [] for name in sections}
    text, problem = read_text(path, label)
    if problem:
        return found, [problem]
    node, problem = _compose(text, label)
    if problem:
        return found, [problem]
    problems: list[Problem] = []
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 1 if node else 1
        return found, [InvalidValue(label, line, None, None, f"expected a mapping with {', '.join(sections)}")]
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in found:
            problems.append(InvalidValue(label, key_node.start_mark.line + 1, None, str(key), "unknown section"))
            continue
        found[key] = _records_in(value_node, label, problems)
    for name in sections:
        if not found[name] and not any(p.field == name for p in problems):
            problems.append(InvalidValue(label, 1, None, name, f"section '{name}' is missing or empty"))
    return found, problems
