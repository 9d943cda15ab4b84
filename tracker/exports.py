"""Coverage tables and the items list, as CSV, XLSX, Markdown and Word, honouring the current filters."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from io import BytesIO

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import Engine

from tracker.coverage import coverage_table
from tracker.filters import Filters
from tracker.schema import ARTICLE_COUNT, STATUS_LABELS
from tracker.store.queries import items_frame

COVERAGE_TITLES = {
    "part": "Coverage by Convention part",
    "article": "Coverage by article",
    "year": "Coverage by year",
    "mechanism": "Coverage by issuing mechanism",
    "body": "Coverage by State body named in the replies",
}
# Where one item can sit in several rows, the rows do not add up to the number of items; say so.
SEVERAL = {"part": "An item that concerns several parts is counted under each.",
           "article": "An item that concerns several articles is counted under each.",
           "body": "An item whose replies name several State bodies is counted under each."}
ITEM_COLUMNS = {"id": "Item", "mechanism": "Mechanism", "year": "Year", "topic": "Topic", "status": "Status",
                "parts": "Parts", "articles": "Articles", "reply_paragraphs": "Reply", "bodies": "State bodies"}
# OWASP CSV-injection guidance: spreadsheets treat text starting with these as a formula, and skip leading
# whitespace (tabs, newlines, no-break spaces) and read full-width and small forms (＝, ﹦, ＋, ﹣, ＠) as the
# ASCII signs, so both are looked through.
FORMULA_START = ("=", "+", "-", "@")
SHEET_NAME_MAX = 31
XLSX_HEADER_ROW = 4
XLSX_WIDTH_MAX = 60
DOCX_PORTRAIT_MAX_COLUMNS = 6


@dataclass(frozen=True)
class Table:
    """A titled table with a note on what it shows and under which filters."""

    title: str
    frame: pd.DataFrame
    note: str


def export_tables(engine: Engine, filters: Filters) -> list[Table]:
    """The coverage tables by part, article, year, mechanism and State body, then the items list."""
    return [*coverage_tables(engine, filters), items_table(engine, filters)]


def coverage_tables(engine: Engine, filters: Filters) -> list[Table]:
    """The coverage tables by part, article, year, mechanism and State body."""
    stated = f"Filters: {filters.describe()}."
    tables = []
    for dimension, title in COVERAGE_TITLES.items():
        frame = coverage_table(engine, filters, dimension).rename_axis(columns=None)
        note = f"Items by current status. {stated}"
        if dimension in SEVERAL:
            note += f" {SEVERAL[dimension]}"
        if dimension == "article":
            frame = frame[frame["Total"] > 0].reset_index(drop=True)
            note += (f" {ARTICLE_COUNT - len(frame)} of the {ARTICLE_COUNT} articles were never asked about"
                     " under these filters and are left out.")
        tables.append(Table(title, frame, note))
    return tables


def items_table(engine: Engine, filters: Filters) -> Table:
    """Every filtered item with its status, articles and the reply paragraphs it cites."""
    items = readable_items(items_frame(engine, filters))
    return Table("Open items" if filters.is_open_only else "Items", items,
                 f"Filters: {filters.describe()}. Reply paragraphs cite the document symbol and paragraph numbers (¶).")


def readable_items(items: pd.DataFrame) -> pd.DataFrame:
    """Item rows with the columns and status words a report shows."""
    items = items.assign(status=items["status"].map(STATUS_LABELS))
    return items[list(ITEM_COLUMNS)].rename(columns=ITEM_COLUMNS)


def neutralise(value):
    """Prefix an apostrophe to text a spreadsheet would run as a formula; leave anything else alone."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def _formula_like(text: str) -> bool:
    for char in text:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            if char in "\t\r":
                return True  # OWASP counts a leading tab or carriage return itself as a formula start
            continue
        return unicodedata.normalize("NFKC", char).startswith(FORMULA_START)
    return False


def slug(title: str) -> str:
    """A lower-case, file-name-safe form of a title: `Coverage by year` gives `coverage-by-year`."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "table"


def to_csv(table: Table) -> bytes:
    """The table as CSV: UTF-8 with a byte-order mark, which Excel needs to read accents right."""
    frame = table.frame.map(neutralise)
    frame.columns = [neutralise(str(name)) for name in frame.columns]
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(tables: list[Table]) -> bytes:
    """A workbook with one sheet per table: title, note, then a bold frozen header over the data."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title, taken))
        sheet.append([_xlsx_value(table.title)])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([_xlsx_value(table.note)])
        sheet.append([])
        sheet.append([_xlsx_value(str(name)) for name in table.frame.columns])
        for cell in sheet[XLSX_HEADER_ROW]:
            cell.font = Font(bold=True)
        for row in table.frame.itertuples(index=False):
            sheet.append([_xlsx_value(value) for value in row])
        sheet.freeze_panes = f"A{XLSX_HEADER_ROW + 1}"
        sheet.auto_filter.ref = (f"A{XLSX_HEADER_ROW}:{get_column_letter(len(table.frame.columns))}"
                                 f"{XLSX_HEADER_ROW + len(table.frame)}")
        _fit_columns(sheet, table.frame)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value):
    value = neutralise(value)
    # openpyxl refuses control characters that XML cannot hold; a pasted filter text can carry them.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _sheet_name(title: str, taken: set[str]) -> str:
    base = re.sub(r"[][:*?/\\]", " ", title).strip(" '") or "Sheet"
    name, number = _fit(base, SHEET_NAME_MAX), 1
    # Excel compares sheet names without regard to case.
    while name.lower() in taken:
        number += 1
        suffix = f" ({number})"
        name = _fit(base, SHEET_NAME_MAX - len(suffix)) + suffix
    taken.add(name.lower())
    return name


def _fit(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    return (head.rsplit(" ", 1)[0] if " " in head else text[:limit]).rstrip()


def _fit_columns(sheet, frame: pd.DataFrame) -> None:
    for index, name in enumerate(frame.columns, start=1):
        longest = max([len(str(name)), *(len(str(value)) for value in frame[name])])
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(longest + 2, XLSX_WIDTH_MAX)
        if longest > XLSX_WIDTH_MAX:
            for cell in sheet[letter][XLSX_HEADER_ROW:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


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
    return re.sub(r"\r\n|\r|\n", "<br>", _md_text(value))


def to_docx(tables: list[Table], title: str, filters: Filters | None = None) -> bytes:
    """A Word report: title, generation date and filters, then each table with its heading and note."""
    doc = Document()
    doc.add_heading(_docx_text(title), level=0)
    stated = f" Filters: {filters.describe()}." if filters is not None else ""
    doc.add_paragraph(_docx_text(f"Generated on {date.today().isoformat()}.{stated}"))
    for table in tables:
        _orient(doc, landscape=len(table.frame.columns) > DOCX_PORTRAIT_MAX_COLUMNS)
        doc.add_heading(_docx_text(table.title), level=1)
        doc.add_paragraph(_docx_text(table.note))
        grid = doc.add_table(rows=1, cols=len(table.frame.columns))
        grid.style = "Table Grid"
        # Repeat the header row on every page a long table runs over.
        grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, name in zip(grid.rows[0].cells, table.frame.columns):
            cell.paragraphs[0].add_run(_docx_text(str(name))).bold = True
        for row in table.frame.itertuples(index=False):
            for cell, value in zip(grid.add_row().cells, row):
                cell.text = _docx_text(str(value))
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_text(text: str) -> str:
    # python-docx refuses control characters that XML cannot hold.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _orient(doc, landscape: bool) -> None:
    section = doc.sections[-1]
    if (section.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    width, height = section.page_width, section.page_height
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = height, width
