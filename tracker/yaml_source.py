"""Read YAML files into records that remember the line of every field.

The record is plain data, so the reader refuses what YAML allows but the record never needs: anchors and
aliases (an alias bomb expands a kilobyte into gigabytes), tags, a key given twice at any depth, nesting
deeper than the schema, and control characters in any text.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tracker.errors import ControlCharacter, FileError, InvalidValue, Problem, YamlSyntaxError, quote

MAX_FILE_BYTES = 5_000_000  # per file; TRACKER_MAX_FILE_BYTES raises it for larger records
MAX_DEPTH = 8  # the schema nests three levels (recommendation → seen_in → paragraphs); leave room, refuse abuse

# Outside line breaks (LF, and the CR of a CRLF a browser sends) and tabs, no control character, DEL, C1
# control or lone surrogate belongs in a text (PostgreSQL refuses NUL outright; SQLite would store it).
_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_FILE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# An anchor or alias token starts after a line break, a blank or a flow indicator; text without one has none,
# and only text that might is read a second time, event by event, to find it exactly.
_MAYBE_ANCHOR = re.compile(r"(?:\A|[\s\[{,])[&*][^\s\[\]{},]")

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INT = "tag:yaml.org,2002:int"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def max_file_bytes() -> int:
    return int(os.environ.get("TRACKER_MAX_FILE_BYTES") or MAX_FILE_BYTES)


def control_character(text: str) -> str | None:
    """A description of the first control character in `text` (tab and line breaks excepted), or None."""
    found = _CONTROL_IN_VALUE.search(text)
    return None if found is None else f"U+{ord(found.group()):04X} at character {found.start() + 1}"


@dataclass
class LocatedRecord:
    """A mapping read from YAML, with the line it starts on and the line of each key."""

    file: str
    data: dict[str, Any]
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)
    refused: bool = False  # the reader refused part of it (and said so): checking its schema would only echo that

    @property
    def id(self) -> str | None:
        value = self.data.get("id", self.data.get("number"))
        return None if value is None else str(value)

    def line_of(self, name: str | None) -> int:
        return self.field_lines.get(name, self.line) if name else self.line


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


_IMPLICIT_TAGS = yaml.resolver.Resolver.yaml_implicit_resolvers


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml (ten times faster than the pure-Python parser, same node marks) with a lean tag resolver.

    The record uses no path resolvers, so the resolver only needs the implicit scalar tags, found by first
    character exactly as PyYAML's own; this halves the time to compose a large file.
    """

    def descend_resolver(self, current_node, current_index) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind, value, implicit) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in _IMPLICIT_TAGS.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_LOADER = _Loader


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _refused_markup(text: str, label: str) -> Problem | None:
    """A problem for the first control character, anchor or alias in the text, before anything is built."""
    found = _CONTROL_IN_FILE.search(text)
    if found:
        return ControlCharacter(label, _line(text, found.start()), None, None,
                                f"control character U+{ord(found.group()):04X}; remove it")
    if ("&" not in text and "*" not in text) or not _MAYBE_ANCHOR.search(text):  # `in` is 100× faster
        return None
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return InvalidValue(label, event.start_mark.line + 1, None, None,
                                    "YAML anchors and aliases (&name, *name) are not allowed; write the value out")
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its line
    return None


def _compose(text: str, label: str) -> tuple[yaml.Node | None, Problem | None]:
    problem = _refused_markup(text, label)
    if problem:
        return None, problem
    try:
        return yaml.compose(text, Loader=_LOADER), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, YamlSyntaxError(label, line, None, None, f"YAML syntax: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        return None, YamlSyntaxError(label, None, None, None, f"YAML syntax: {exc}")


class _Builder:
    """Builds the plain value of a node, reporting each refused construct where it stands.

    A text can hold a control character only when the file holds it as it is (refused before anything is built,
    NEL aside) or writes it as an escape, which only a double-quoted scalar allows: with `escapes_only`, only
    those are searched. A sequence item's place (`where[index]`) is spelt out only when it is refused.
    """

    def __init__(self, label: str, record_id: str | None, problems: list[Problem], escapes_only: bool = False):
        self.label, self.record_id, self.problems = label, record_id, problems
        self.escapes_only = escapes_only
        self.refused = False

    def refuse(self, node: yaml.Node, where: str | None, message: str, kind: type[Problem] = InvalidValue) -> None:
        self.refused = True
        self.problems.append(kind(self.label, node.start_mark.line + 1, self.record_id, where, message))

    def text(self, node: yaml.ScalarNode, where: str | None, index: int | None = None) -> str:
        value = node.value
        if self.escapes_only and node.style != '"':
            return value
        found = control_character(value)
        if found:
            self.refuse(node, _item(where, index), f"control character {found}; remove it", ControlCharacter)
        return value

    def value(self, node: yaml.Node, where: str | None, depth: int = 0, index: int | None = None) -> Any:
        """The node's value; with `index`, the node is item `index` of the sequence at `where`."""
        if depth > MAX_DEPTH:
            self.refuse(node, _item(where, index), f"nested more than {MAX_DEPTH} levels deep")
            return None
        tag = node.tag
        if tag == _STR:
            return self.text(node, where, index)
        if tag == _INT and node.value.isdecimal() and node.value[0] != "0":  # the constructor's int(), directly
            return int(node.value)
        where = _item(where, index)
        if tag == _SEQ:
            return [self.value(item, where, depth + 1, number) for number, item in enumerate(node.value)]
        if tag == _MAP:
            return self.mapping(node, where, depth)[0]
        if tag in _SCALAR_TAGS:
            try:
                return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
            except (ValueError, OverflowError, yaml.YAMLError):
                self.refuse(node, where, f"{quote(node.value)} is not a valid {tag.rsplit(':', 1)[-1]}")
                return None
        self.refuse(node, where, f"YAML tag {quote(tag)} is not allowed")
        return None

    def mapping(self, node: yaml.MappingNode, where: str | None, depth: int) -> tuple[dict, dict[str, int]]:
        data: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag != _STR:
                self.refuse(key_node, where, f"field names must be text (got {quote(key_node.value)})")
                continue
            key = self.text(key_node, where)
            path = f"{where}.{key}" if where else key
            if key in lines:
                self.refuse(key_node, path, f"field given twice (first on line {lines[key]})")
                continue
            lines[key] = line
            data[key] = self.value(value_node, path, depth + 1)
        return data, lines


def _item(where: str | None, index: int | None) -> str | None:
    return where if index is None else f"{where}[{index}]"


def _record(node: yaml.Node, label: str, problems: list[Problem], escapes_only: bool) -> LocatedRecord | None:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        problems.append(InvalidValue(label, line, None, None, "each entry must be a mapping of field: value"))
        return None
    record_id = next((value.value for key, value in node.value if isinstance(key, yaml.ScalarNode)
                      and key.value in ("id", "number") and isinstance(value, yaml.ScalarNode)), None)
    builder = _Builder(label, record_id, problems, escapes_only)
    data, field_lines = builder.mapping(node, None, 0)
    return LocatedRecord(label, data, line, field_lines, builder.refused)


def _records_in(node: yaml.Node | None, label: str, problems: list[Problem], text: str) -> list[LocatedRecord]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(InvalidValue(label, node.start_mark.line + 1, None, None, "expected a list of records"))
        return []
    records, items, escapes_only = [], node.value, "\x85" not in text
    for index, item in enumerate(items):
        items[index] = None  # let each entry's nodes go once read: the records alone stay in memory
        if (rec := _record(item, label, problems, escapes_only)) is not None:
            records.append(rec)
    return records


def read_records(path: Path, label: str, problems: list[Problem]) -> list[LocatedRecord]:
    """Read a file that holds a list of records, adding what is wrong with it to `problems`."""
    text, problem = read_text(path, label)
    if not problem:
        node, problem = _compose(text, label)
    if problem:
        problems.append(problem)
        return []
    return _records_in(node, label, problems, text)


def read_sections(path: Path, label: str, sections: tuple[str, ...],
                  problems: list[Problem]) -> dict[str, list[LocatedRecord]]:
    """Read a file that is a mapping of named lists of records (convention.yaml)."""
    found: dict[str, list[LocatedRecord]] = {name: [] for name in sections}
    text, problem = read_text(path, label)
    if not problem:
        node, problem = _compose(text, label)
    if problem:
        problems.append(problem)
        return found
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 1 if node else 1
        problems.append(InvalidValue(label, line, None, None, f"expected a mapping with {', '.join(sections)}"))
        return found
    seen: dict[str, int] = {}
    reported = set()
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if key_node.tag == _STR else None
        if key not in found:
            problems.append(InvalidValue(label, line, None, None, f"unknown section {quote(key_node.value)}"))
        elif key in seen:
            problems.append(InvalidValue(label, line, None, key, f"section given twice (first on line {seen[key]})"))
            reported.add(key)
        else:
            seen[key] = line
            found[key] = _records_in(value_node, label, problems, text)
    for name in sections:
        if not found[name] and name not in reported:
            problems.append(InvalidValue(label, 1, None, name, f"section '{name}' is missing or empty"))
    return found
