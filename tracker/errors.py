"""Typed problems found in the curated record, each carrying its location."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one place: file, line, record id and field."""

    code = "problem"

    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

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


class IncompleteRecord(Problem):
    """Something the record as a whole lacks (an article never listed, an item with no response)."""

    code = "incomplete-record"


class RecordInvalid(Exception):
    """Raised when the curated record has problems; nothing has been loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the curated record:\n" + "\n".join(map(str, problems)))
