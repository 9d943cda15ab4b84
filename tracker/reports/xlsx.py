"""The workbook: a Contents sheet, then one sheet per table with typed cells, frozen header and filter."""

import re
import unicodedata
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tracker.coverage import ENGLISH
from tracker.i18n import Translator
from tracker.reports.tables import Table

# OWASP CSV-injection guidance: spreadsheets treat text starting with these as a formula, skip leading
# whitespace (no-break spaces too) and read full-width and small forms (＝, ﹦, ＋, ﹣, ＠) as the ASCII signs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """True for text a spreadsheet would run as a formula, looking through leading spaces and wide signs."""
    for char in text:
        if char in "\t\r":
            return True  # OWASP counts a leading tab or carriage return itself as a formula start
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            continue
        return unicodedata.normalize("NFKC", char).startswith(FORMULA_START)
    return False
SHEET_NAME_MAX = 31
HEADER_ROW = 4
WIDTH_MIN, WIDTH_MAX = 8, 60
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


def workbook(tables: list[Table], t: Translator = ENGLISH) -> bytes:
    """A Contents sheet mapping each sheet's short name to its full title, then the tables (titles in `t`'s language)."""
    book = Workbook()
    contents = book.active
    contents.title = _fit(t.tr("Contents"), SHEET_NAME_MAX)
    taken = {contents.title.lower()}
    names = [_sheet_name(table.title, taken, t) for table in tables]
    contents.append([t.tr("Sheet"), t.tr("Table"), t.tr("Rows")])
    for cell in contents[1]:
        cell.font = Font(bold=True)
    for name, table in zip(names, tables):
        contents.append([_text(name), _text(table.title), len(table.frame)])
        contents.cell(contents.max_row, 1).hyperlink = f"#'{name}'!A1"
    _widths(contents, [[row[i].value for row in contents.iter_rows()] for i in range(3)])
    for name, table in zip(names, tables):
        _write_table(book.create_sheet(name), table)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _write_table(sheet, table: Table) -> None:
    frame = table.frame
    _put(sheet.cell(1, 1), table.title).font = Font(bold=True, size=14)
    _put(sheet.cell(2, 1), table.note)
    for column, name in enumerate(frame.columns, start=1):
        cell = _put(sheet.cell(HEADER_ROW, column), str(name))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row, values in enumerate(frame.itertuples(index=False), start=HEADER_ROW + 1):
        for column, value in enumerate(values, start=1):
            _put(sheet.cell(row, column), value)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    last = get_column_letter(max(1, len(frame.columns)))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(frame)}"
    _widths(sheet, [[name, *frame[name].tolist()] for name in frame.columns], first_row=HEADER_ROW)


def _put(cell, value):
    """Write a typed value; text a spreadsheet would run as a formula stays text, marked by quotePrefix."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
    if isinstance(value, str):
        cell.value = _text(value)
        if formula_like(cell.value):
            # openpyxl takes a leading "=" as a formula; store it as a string, and let quotePrefix keep a
            # spreadsheet from re-reading it as one when the cell is edited.
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
        if isinstance(value, (date, datetime)):
            cell.number_format = "yyyy-mm-dd"
    return cell


def _text(value: str) -> str:
    # openpyxl refuses control characters that XML cannot hold; a pasted filter text can carry them.
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _widths(sheet, columns: list[list], first_row: int = 1) -> None:
    for index, values in enumerate(columns, start=1):
        longest = max(len(str(v)) if v is not None else 0 for v in values)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(WIDTH_MIN, min(longest + 2, WIDTH_MAX))
        if longest > WIDTH_MAX:
            for cell in sheet[letter][first_row:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet_name(title: str, taken: set[str], t: Translator) -> str:
    base = re.sub(r"[][:*?/\\]", " ", title).strip(" '") or t.tr("Sheet")
    # "Coverage by year" is "By year" on its tab (`Por año`): the tab's row says what it covers.
    coverage_by = t.tr("Coverage by")
    base = re.sub(f"^{re.escape(coverage_by)} ", t.tr("By") + " ", base)
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
