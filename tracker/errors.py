"""Typed problems found in the curated record, each carrying its location."""

import reprlib
from dataclasses import dataclass

QUOTE_CHARS = 80  # a value quoted in a message is cut to this many characters
MAX_PROBLEMS = 200  # problems kept (and printed); the rest are only counted

# Bounded at every level, so quoting a huge or deeply nested value costs no more than quoting a small one.
_REPR = reprlib.Repr()  # Python 3.11 takes no keyword arguments here
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxtuple, _REPR.maxset = 3, 4, 6, 6, 6
_REPR.maxstring = _REPR.maxother = QUOTE_CHARS
_REPR.maxlong = 40


def quote(value: object) -> str:
    """The repr of `value` for a message, at most QUOTE_CHARS characters (an ellipsis marks a cut)."""
    text = repr(value[:QUOTE_CHARS]) if isinstance(value, str) else _REPR.repr(value)
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def _one_line(text: str) -> str:
    """Whitespace runs become one space; other unprintable characters become escapes such as \\x00."""
    flat = " ".join(text.split())
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode() for char in flat)


@dataclass(frozen=True)
class Problem:
    """One problem in one place: file, line, record id and field."""

    code = "problem"

    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __post_init__(self) -> None:
        # One problem, one line: a message quoting a parser's report must not spill onto a second line.
        for name in ("record", "field", "message"):
            value = getattr(self, name)
            if value is not None and not value.isprintable():
                object.__setattr__(self, name, _one_line(value))

    def __str__(self) -> str:
        line = self.line if self.line is not None else "?"
        return f"{self.file}:{line}: {self.record or '-'}: {self.field or '-'}: {self.message}"


class YamlSyntaxError(Problem):
    code = "yaml-syntax"


class FileError(Problem):
    """A file that is missing, unreadable, not UTF-8 or too large."""

    code = "file"


class MissingField(Problem):
    code = "missing-field"


class InvalidValue(Problem):
    """A value of the wrong type or shape, or a field the schema does not know."""

    code = "invalid-value"


class UnknownStatus(Problem):
    code = "unknown-status"


class UnknownArticle(Problem):
    code = "unknown-article"


class UnknownPart(Problem):
    code = "unknown-part"


class ArticleOutsidePart(Problem):
    code = "article-outside-part"


class UnknownRecommendation(Problem):
    code = "unknown-recommendation"


class UnknownDocument(Problem):
    code = "unknown-document"


class UnknownActor(Problem):
    code = "unknown-actor"


class DuplicateId(Problem):
    code = "duplicate-id"


class ParagraphOutOfRange(Problem):
    code = "paragraph-out-of-range"


class RationaleNotSpecific(Problem):
    """A rationale that repeats another one or cites no paragraph of the reply it rates."""

    code = "rationale-not-specific"


class LineageCycle(Problem):
    """Recommendations that take each other up in a circle."""

    code = "lineage-cycle"


class ControlCharacter(Problem):
    """A NUL or other control character in a text (PostgreSQL refuses NUL; none belongs in the record)."""

    code = "control-character"


class IncompleteRecord(Problem):
    """Something the record as a whole lacks (an article never listed, an item with no response)."""

    code = "incomplete-record"


class BackupProblem(Problem):
    """A problem in a backup file: `file: where: field: message`, where is a row such as history[12]."""

    code = "backup"

    def __str__(self) -> str:
        line = f":{self.line}" if self.line is not None else ""
        return f"{self.file}{line}: {self.record or '-'}: {self.field or '-'}: {self.message}"


class Problems(list):
    """The problems found so far: the first MAX_PROBLEMS kept, the rest only counted (memory stays bounded)."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        super().__init__()
        self.limit, self.total, self.files = limit, 0, set()

    def append(self, problem: Problem) -> None:
        self.total += 1
        self.files.add(problem.file)
        if len(self) < self.limit:
            super().append(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self.append(problem)

    @property
    def full(self) -> bool:
        return len(self) >= self.limit

    def count(self, file: str, number: int) -> None:
        """Count `number` problems in `file` without building them."""
        self.total += number
        self.files.add(file)

    @property
    def more(self) -> int:
        """How many problems were counted but not kept."""
        return self.total - len(self)


def report_lines(problems: list[Problem]) -> list[str]:
    """One line per kept problem, then one saying how many more there are."""
    lines = [str(problem) for problem in problems]
    more = getattr(problems, "more", 0)
    if more:
        lines.append(f"... and {more:,} more problem{'s' if more > 1 else ''}")
    return lines


class RecordInvalid(Exception):
    """Raised when the curated record has problems; nothing has been loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        total = getattr(problems, "total", len(problems))
        super().__init__(f"{total} problem(s) in the curated record:\n" + "\n".join(report_lines(problems)))
