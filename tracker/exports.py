"""CSV and Markdown of the report tables; XLSX and Word delegate to tracker.reports (which builds the tables)."""

import re

import pandas as pd
from sqlalchemy import Engine

from tracker import reports
from tracker.coverage import ENGLISH
from tracker.filters import Filters
from tracker.i18n import Translator
from tracker.reports import Table
from tracker.reports.names import ascii_name
from tracker.reports.xlsx import FORMULA_START, formula_like

__all__ = ["FORMULA_START", "Table", "coverage_tables", "export_tables", "items_table", "neutralise", "slug",
           "to_csv", "to_docx", "to_markdown", "to_xlsx"]


def export_tables(engine: Engine, filters: Filters, viewer_role: str | None = None,
                  t: Translator = ENGLISH) -> list[Table]:
    """The legend, the coverage tables by part, article, year, mechanism and State body, then the items list."""
    return reports.report_tables(engine, filters, viewer_role, t)


def coverage_tables(engine: Engine, filters: Filters, t: Translator = ENGLISH) -> list[Table]:
    """The coverage tables by part, article, year, mechanism and State body."""
    return reports.coverage_tables(engine, filters, t=t)


def items_table(engine: Engine, filters: Filters, viewer_role: str | None = None, t: Translator = ENGLISH) -> Table:
    """Every filtered item as a drafter cites it."""
    return reports.items_table(engine, filters, viewer_role, t)


def neutralise(value):
    """Prefix an apostrophe to text a spreadsheet would run as a formula; leave anything else alone."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def slug(title: str) -> str:
    """A lower-case, ASCII, file-name-safe form of a title: `Cobertura por año` gives `cobertura-por-ano`."""
    return ascii_name(title).lower() or "table"


def to_csv(table: Table) -> bytes:
    """The table as CSV: UTF-8 with a byte-order mark, which Excel needs to read accents right."""
    frame = table.frame.map(neutralise)
    frame.columns = [neutralise(str(name)) for name in frame.columns]
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(tables: list[Table], t: Translator = ENGLISH) -> bytes:
    """A workbook: a Contents sheet, then one sheet per table (tracker.reports.workbook)."""
    return reports.workbook(tables, t)


def to_markdown(tables: list[Table]) -> bytes:
    """Each table as a heading, its note and a pipe table, in UTF-8."""
    blocks = []
    for table in tables:
        frame = table.frame
        align = ["---:" if pd.api.types.is_numeric_dtype(frame[name]) else "---" for name in frame.columns]
        lines = [_md_row(frame.columns), _md_row(align, escape=False)]
        lines += [_md_row(row) for row in frame.itertuples(index=False)]
        blocks.append(f"## {_md_text(table.title)}\n\n{_md_text(table.note)}\n\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks).encode("utf-8")


def _md_row(values, escape: bool = True) -> str:
    return "| " + " | ".join(_md_cell(v) if escape else v for v in values) + " |"


# Backslash first, so that a value's own backslash cannot undo an escape after it. HTML becomes entities, and
# the characters of images, links, code and emphasis are escaped: a curated value shows as written.
_MD_ESCAPES = {"\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;",
               **{char: "\\" + char for char in "|[]!`*_~"}}
_MD_ESCAPE = re.compile("|".join(re.escape(char) for char in _MD_ESCAPES))


def _md_text(value) -> str:
    """Text for a Markdown file that shows as written: no HTML, image, link or emphasis."""
    return _MD_ESCAPE.sub(lambda match: _MD_ESCAPES[match.group()], str(value))


def _md_cell(value) -> str:
    missing = value is None or (isinstance(value, float) and pd.isna(value))
    return re.sub(r"\r\n|\r|\n", "<br>", "" if missing else _md_text(value))


def to_docx(tables: list[Table], title: str, filters: Filters | None = None, t: Translator = ENGLISH) -> bytes:
    """The tables alone as Word, each under its heading and note; the full report is tracker.reports.word_report.

    The filters are stated in English only (Filters.describe); in another language each table's note states them.
    """
    stated = filters.describe() if filters is not None and t.language == ENGLISH.language else None
    return reports.tables_document(tables, title, stated, t=t)
