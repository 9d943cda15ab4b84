"""The layout of the exported files, exactly: notes, sheet names, the XLSX header block, column widths, the
Markdown alignment row, the Word headings, header rows and page orientation. Written out in full here so that
a changed word or number in tracker/exports.py shows up."""

import datetime as dt
from io import BytesIO

import docx
import openpyxl
import pandas as pd
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from tests.test_exports import engine, loaded_file  # noqa: F401 (fixtures)
from tracker.exports import Table, export_tables, to_csv, to_docx, to_markdown, to_xlsx
from tracker.filters import Filters

STATED = "Filters: years: 2010–…."
NOTES = {
    "Coverage by Convention part": f"Items by current status. {STATED} An item that concerns several parts is "
                                   "counted under each.",
    "Coverage by article": f"Items by current status. {STATED} An item that concerns several articles is counted "
                           "under each. 91 of the 93 articles were never asked about under these filters and are "
                           "left out.",
    "Coverage by year": f"Items by current status. {STATED}",
    "Coverage by issuing mechanism": f"Items by current status. {STATED}",
    "Coverage by State body named in the replies": f"Items by current status. {STATED} An item whose replies name "
                                                   "several State bodies is counted under each.",
    "Items": f"{STATED} Reply paragraphs cite the document symbol and paragraph numbers (¶).",
}


def test_every_note_word_for_word(engine):  # noqa: F811
    assert {t.title: t.note for t in export_tables(engine, Filters(year_from=2010))} == NOTES


@pytest.mark.parametrize("titles, names", [
    (["Same title", "Same title", "SAME TITLE"], ["Same title", "Same title (2)", "SAME TITLE (3)"]),
    (["A very long title that will not fit in a sheet name"] * 2,
     ["A very long title that will not", "A very long title that will (2)"]),
    (["x" * 40], ["x" * 31]),
    (["'Odd: [chars]/?*\\'"] * 2, ["Odd   chars", "Odd   chars (2)"]),
    (["[]"], ["Sheet"]),
    (["X marks the spot X"], ["X marks the spot X"]),
    # cut at the last space within 31 characters, never inside a word, never leaving a space at the end
    (["Coverage by issuing mechanism and year"], ["Coverage by issuing mechanism"]),
    (["a " + "b" * 30 + " c"], ["a"]),
    (["abc  " + "d" * 30], ["abc"]),
    (["Thirty-one characters, no more."], ["Thirty-one characters, no more."]),
])
def test_sheet_names(titles, names):
    book = openpyxl.load_workbook(BytesIO(to_xlsx([Table(t, pd.DataFrame({"A": [1]}), "n") for t in titles])))
    assert book.sheetnames == names


def test_xlsx_header_block_widths_and_wrapping():
    long_text = "word " * 20  # 100 characters: wider than a column may be
    frame = pd.DataFrame({"Item": ["Q1", "Q22"], "Topic": ["short", long_text], "Total": [1, 22]})
    sheet = openpyxl.load_workbook(BytesIO(to_xlsx([Table("Items", frame, "the note")]))).active
    assert [[c.value for c in row] for row in sheet.iter_rows(max_row=4)] == [
        ["Items", None, None], ["the note", None, None], [None, None, None], ["Item", "Topic", "Total"]]
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 14 and not sheet["A2"].font.b
    assert all(cell.font.b for cell in sheet[4]) and not any(cell.font.b for cell in sheet[5])
    assert sheet.freeze_panes == "A5" and sheet.auto_filter.ref == "A4:C6"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABC"}
    assert widths == {"A": len("Item") + 2, "B": 60, "C": len("Total") + 2}
    assert [cell.alignment.wrap_text for cell in sheet["B"]] == [None] * 4 + [True, True]
    assert sheet["B6"].alignment.vertical == "top" and not sheet["A6"].alignment.wrap_text


def test_csv_lines_end_in_crlf_and_the_header_is_neutralised_too():
    frame = pd.DataFrame({"=HYPERLINK(1)": ["a"], "Total": [1]})
    data = to_csv(Table("t", frame, "n"))
    assert data == "\ufeff'=HYPERLINK(1),Total\r\na,1\r\n".encode("utf-8")


def test_markdown_layout():
    tables = [Table("One", pd.DataFrame({"Name": ["a"], "Total": [1]}), "note one"),
              Table("Two", pd.DataFrame({"Name": ["b"]}), "note two")]
    assert to_markdown(tables).decode("utf-8") == (
        "## One\n\nnote one\n\n| Name | Total |\n| --- | ---: |\n| a | 1 |\n"
        "\n## Two\n\nnote two\n\n| Name |\n| --- |\n| b |\n")


def wide(columns: int) -> Table:
    return Table(f"{columns} columns", pd.DataFrame({f"C{i}": [i] for i in range(columns)}), "n")


def test_docx_headings_header_rows_and_orientation():
    document = docx.Document(BytesIO(to_docx([wide(6), wide(7), wide(7), wide(2)], "Report")))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert styles == [("Title", "Report"), ("Heading 1", "6 columns"), ("Heading 1", "7 columns"),
                      ("Heading 1", "7 columns"), ("Heading 1", "2 columns")]
    assert document.paragraphs[1].text == f"Generated on {dt.date.today().isoformat()}."
    # Six columns fit a portrait page; the seventh needs landscape, and the page turns back after it.
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE,
                                                          WD_ORIENT.PORTRAIT]
    portrait, landscape, back = document.sections
    assert (landscape.page_width, landscape.page_height) == (portrait.page_height, portrait.page_width)
    assert (back.page_width, back.page_height) == (portrait.page_width, portrait.page_height)
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
        assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
        assert [c.text for c in table.rows[1].cells] == [str(i) for i in range(len(table.columns))]


def test_control_characters_are_dropped_from_word_and_xlsx_text():
    # Titles are the module's own; notes and cells carry the filter text and the record's text.
    table = Table("Title", pd.DataFrame({"Topic": ["bell\x07 inside"]}), "no\x0bte")
    document = docx.Document(BytesIO(to_docx([table], "Rep\x00ort")))
    assert [p.text for p in document.paragraphs][:1] == ["Report"]
    assert {"Title", "note"} <= {p.text for p in document.paragraphs}
    assert document.tables[0].rows[1].cells[0].text == "bell inside"
    sheet = openpyxl.load_workbook(BytesIO(to_xlsx([table]))).active
    assert (sheet["A1"].value, sheet["A2"].value, sheet["A5"].value) == ("Title", "note", "bell inside")


@pytest.mark.parametrize("length, wraps", [(60, None), (61, True)])
def test_xlsx_wraps_only_text_longer_than_a_column_may_be(length, wraps):
    sheet = openpyxl.load_workbook(BytesIO(to_xlsx([Table("T", pd.DataFrame({"A": ["a" * length]}), "n")]))).active
    assert sheet.column_dimensions["A"].width == min(length + 2, 60)
    assert sheet["A5"].alignment.wrap_text is wraps
