"""The workbook: Contents sheet, typed cells, frozen headers and filters, formulas never run, no visible apostrophe."""

import zipfile
from datetime import date, datetime
from io import BytesIO

import openpyxl
import pandas as pd
import pytest

from tracker.filters import Filters
from tracker.reports import Table, report_tables, workbook
from tracker.reports.xlsx import HEADER_ROW
from tests.reports.conftest import set_column

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tX", "\rX", "=1+1"]
ORDINARY = ["Detention", "a=b", "Niñas y niños", "'quoted'", "1 + 1", "CMW/C/MEX/3 ¶ 92–95"]


def book_of(tables):
    return openpyxl.load_workbook(BytesIO(workbook(tables)))


def data_rows(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]


def test_contents_sheet_maps_short_names_to_titles(engine):
    tables = report_tables(engine, Filters())
    book = book_of(tables)
    assert book.sheetnames[0] == "Contents" and len(book.sheetnames) == len(tables) + 1
    contents = [[cell.value for cell in row] for row in book["Contents"].iter_rows()]
    assert contents[0] == ["Sheet", "Table", "Rows"]
    assert [row[0] for row in contents[1:]] == book.sheetnames[1:]
    assert [row[1:] for row in contents[1:]] == [[t.title, len(t.frame)] for t in tables]
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_each_sheet_has_frozen_header_filter_and_typed_cells(engine, assess):
    assess("Q1", "addressed", "Outcome data found in CMW/C/TST/1 ¶ 4.")
    tables = report_tables(engine, Filters())
    book = book_of(tables)
    for table, sheet in zip(tables, book.worksheets[1:]):
        header = [cell.value for cell in sheet[HEADER_ROW]]
        assert header == list(table.frame.columns)
        assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
        assert sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:") and sheet.auto_filter.ref.endswith(
            str(HEADER_ROW + len(table.frame)))
        assert all(cell.font.b for cell in sheet[HEADER_ROW])
        assert (sheet["A1"].value, sheet["A2"].value) == (table.title, table.note)
        for letter, name in zip("ABCDEFGHIJKLMNOP", table.frame.columns):
            assert 8 <= sheet.column_dimensions[letter].width <= 60
            assert sheet.column_dimensions[letter].width >= min(len(str(name)) + 2, 60)
        if "Total" in header:
            totals = [row[header.index("Total")] for row in data_rows(sheet)]
            assert totals == table.frame["Total"].tolist() and all(type(v) is int for v in totals)
    items = book.worksheets[-1]
    header = [cell.value for cell in items[HEADER_ROW]]
    rows = data_rows(items)
    assert [row[header.index("Year")] for row in rows] == [2016, 2016, 2009]
    assessed = items.cell(HEADER_ROW + 1, header.index("Last assessed") + 1)
    assert isinstance(assessed.value, (date, datetime)) and assessed.number_format == "yyyy-mm-dd"


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_stays_text_without_a_visible_apostrophe(engine, payload):
    set_column(engine, "recommendation", "topic", payload, "id", "Q1")
    data = workbook(report_tables(engine, Filters()))
    sheet = openpyxl.load_workbook(BytesIO(data)).worksheets[-1]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    topic = sheet.cell(HEADER_ROW + 1, header.index("Topic") + 1)
    # Excel and openpyxl may turn a lone carriage return into a newline.
    assert topic.data_type == "s" and topic.value.replace("\n", "\r") == payload
    assert topic.quotePrefix
    with zipfile.ZipFile(BytesIO(data)) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/")]
        assert all(b"<f>" not in package.read(name) and b"<f " not in package.read(name) for name in sheets)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_written_as_it_is(text):
    sheet = book_of([Table("T", pd.DataFrame({"Topic": [text], "Count": [3]}), "note")]).worksheets[1]
    cell = sheet.cell(HEADER_ROW + 1, 1)
    assert cell.value == text and not cell.quotePrefix
    assert sheet.cell(HEADER_ROW + 1, 2).value == 3


@pytest.mark.parametrize("title, count", [("Same title", 3), ("A very long title that will not fit in a sheet name", 3),
                                          ("Odd: [chars]/?*\\", 2), ("Contents", 2),
                                          ("Coverage by State body named in the replies", 1)])
def test_sheet_names_fit_and_stay_unique(title, count):
    tables = [Table(title, pd.DataFrame({"A": [1]}), "note")] * count
    book = book_of(tables)
    names = book.sheetnames[1:]
    assert len(names) == count and len({n.lower() for n in book.sheetnames}) == count + 1
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert [row[1].value for row in book["Contents"].iter_rows(min_row=2)] == [title] * count


def test_empty_table_and_control_characters_are_written():
    tables = [Table("Empty", pd.DataFrame({"A": pd.Series([], dtype=object)}), "bell\x07 note")]
    sheet = book_of(tables).worksheets[1]
    assert sheet["A2"].value == "bell note" and data_rows(sheet) == []
