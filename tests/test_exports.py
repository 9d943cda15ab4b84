"""Exports against a real SQLite database loaded from the fixture record."""

from io import BytesIO
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from docx.enum.section import WD_ORIENT
from sqlalchemy import text

from tracker.coverage import coverage_table
from tracker.exports import (
    Table,
    export_tables,
    neutralise,
    slug,
    to_csv,
    to_docx,
    to_markdown,
    to_xlsx,
)
from tracker.filters import Filters
from tracker.schema import OPEN_STATUSES
from tracker.settings import load_settings
from tracker.startup import open_database

RECORD = Path(__file__).parent / "fixtures" / "record"
DIMENSIONS = ["part", "article", "year", "mechanism", "body"]
COUNT_COLUMNS = ["Addressed", "Partial", "Deferred", "Not addressed", "Total"]
ITEM_HEADER = ["Item", "Mechanism", "Year", "Topic", "Status", "Parts", "Articles", "Reply", "State bodies"]
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tX", "\rX"]


@pytest.fixture
def engine(tmp_path):
    settings = load_settings({"DATABASE_URL": f"sqlite:///{tmp_path}/t.db", "TRACKER_DATA_DIR": str(RECORD)})
    engine = open_database(settings).engine
    yield engine
    engine.dispose()


def set_topic(engine, item_id: str, topic: str) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE recommendation SET topic = :topic WHERE id = :id"), {"topic": topic, "id": item_id})


def by_title(tables: list[Table]) -> dict[str, Table]:
    return {table.title: table for table in tables}


def expected_coverage(engine, filters: Filters, dimension: str) -> pd.DataFrame:
    frame = coverage_table(engine, filters, dimension)
    return frame[frame["Total"] > 0] if dimension == "article" else frame


def sheet_rows(sheet) -> tuple[list, list[list]]:
    """The header and data rows of a sheet, found from its frozen pane."""
    header_row = sheet[sheet.freeze_panes].row - 1
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=header_row)]
    return rows[0], rows[1:]


def test_tables_titles_and_notes(engine):
    filters = Filters(year_from=2010)
    tables = export_tables(engine, filters)
    assert [t.title for t in tables] == [
        "Coverage by Convention part", "Coverage by article", "Coverage by year",
        "Coverage by issuing mechanism", "Coverage by State body named in the replies", "Items"]
    assert all(filters.describe() in t.note for t in tables)
    articles = by_title(tables)["Coverage by article"]
    assert articles.frame["Article"].tolist() == [16, 17]
    assert "91 of the 93 articles were never asked about" in articles.note
    items = by_title(tables)["Items"]
    assert list(items.frame.columns) == ITEM_HEADER
    assert "document symbol and paragraph numbers" in items.note
    assert items.frame.set_index("Item").loc["Q1", "Reply"] == "CMW/C/TST/1 ¶ 1–5"


@pytest.mark.parametrize("statuses, title, items, total", [
    ((), "Items", ["Q1", "Q2", "R94"], 3),
    (OPEN_STATUSES, "Open items", ["Q1", "Q2", "R94"], 3),
    (("partial",), "Items", ["Q1"], 1),
    (("deferred", "not_addressed"), "Items", ["Q2", "R94"], 2),
    (("addressed",), "Items", [], 0),
])
def test_status_filter_changes_items_and_counts(engine, statuses, title, items, total):
    tables = export_tables(engine, Filters(statuses=statuses))
    listed = tables[-1]
    assert listed.title == title
    assert listed.frame["Item"].tolist() == items
    assert by_title(tables)["Coverage by year"].frame["Total"].sum() == total
    assert by_title(tables)["Coverage by Convention part"].frame["Total"].sum() == total


@pytest.mark.parametrize("dimension", DIMENSIONS)
@pytest.mark.parametrize("filters", [Filters(), Filters(statuses=("partial",))])
def test_csv_round_trips_to_coverage_counts(engine, dimension, filters):
    table = export_tables(engine, filters)[DIMENSIONS.index(dimension)]
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    read = pd.read_csv(BytesIO(data), encoding="utf-8-sig")
    expected = expected_coverage(engine, filters, dimension)
    assert list(read.columns) == list(expected.columns)
    assert read[COUNT_COLUMNS].values.tolist() == expected[COUNT_COLUMNS].values.tolist()
    assert read.iloc[:, 0].astype(str).tolist() == expected.iloc[:, 0].astype(str).tolist()


def test_csv_keeps_accents_and_marks(engine):
    set_topic(engine, "Q1", "Detención de niñas y niños")
    read = pd.read_csv(BytesIO(to_csv(export_tables(engine, Filters())[-1])), encoding="utf-8-sig")
    row = read.set_index("Item").loc["Q1"]
    assert (row["Topic"], row["Reply"]) == ("Detención de niñas y niños", "CMW/C/TST/1 ¶ 1–5")


def test_xlsx_one_sheet_per_table_with_header_and_counts(engine):
    tables = export_tables(engine, Filters())
    book = openpyxl.load_workbook(BytesIO(to_xlsx(tables)))
    assert len(book.worksheets) == len(tables)
    names = book.sheetnames
    assert all(len(name) <= 31 for name in names) and len(set(names)) == len(names)
    for sheet, table, dimension in zip(book.worksheets, tables, DIMENSIONS):
        header, rows = sheet_rows(sheet)
        expected = expected_coverage(engine, Filters(), dimension)
        assert header == list(expected.columns)
        assert [row[1:] for row in rows] == expected[COUNT_COLUMNS].values.tolist()
        assert all(isinstance(v, int) for row in rows for v in row[1:])
        assert all(cell.font.b for cell in sheet[sheet[sheet.freeze_panes].row - 1])
        assert table.note in [cell.value for cell in sheet["A"]]
    header, rows = sheet_rows(book.worksheets[-1])
    assert header == ITEM_HEADER
    assert [row[0] for row in rows] == ["Q1", "Q2", "R94"]


@pytest.mark.parametrize("title, count", [("Same title", 3), ("A very long title that will not fit in a sheet name", 3),
                                          ("Odd: [chars]/?*\\", 2)])
def test_xlsx_sheet_names_fit_and_stay_unique(title, count):
    tables = [Table(title, pd.DataFrame({"A": [1]}), "note")] * count
    names = openpyxl.load_workbook(BytesIO(to_xlsx(tables))).sheetnames
    assert len(names) == count and len({n.lower() for n in names}) == count
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


@pytest.mark.parametrize("value, expected", [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tX", "'\tX"), ("\rX", "'\rX"),
    ("Detention", "Detention"), ("a=b", "a=b"), ("", ""),
    # Spreadsheets skip leading whitespace and read full-width and small signs as the ASCII ones.
    (" =1+1", "' =1+1"), ("\n=1+1", "'\n=1+1"), ("\u00a0=1+1", "'\u00a0=1+1"), ("\u202f\u2007+1", "'\u202f\u2007+1"),
    ("\ufeff@SUM(A1)", "'\ufeff@SUM(A1)"), ("\u3000-2", "'\u3000-2"), ("\uff1d1+1", "'\uff1d1+1"),
    ("\ufe661+1", "'\ufe661+1"), ("\uff0b1", "'\uff0b1"), ("\uff201", "'\uff201"), ("\ufe631", "'\ufe631"),
    ("  Detention", "  Detention"), ("\u00a0", "\u00a0"), ("a\n=b", "a\n=b"),
    (-2, -2), (3, 3), (1.5, 1.5), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_injection_neutralised_in_csv_and_xlsx(engine, payload):
    set_topic(engine, "Q1", payload)
    tables = export_tables(engine, Filters())
    read = pd.read_csv(BytesIO(to_csv(tables[-1])), encoding="utf-8-sig", keep_default_na=False)
    # Excel and the CSV reader may turn a lone carriage return into a newline; the apostrophe must lead.
    assert read.set_index("Item").loc["Q1", "Topic"].replace("\n", "\r") == "'" + payload
    book = openpyxl.load_workbook(BytesIO(to_xlsx(tables)))
    header, rows = sheet_rows(book.worksheets[-1])
    sheet = book.worksheets[-1]
    topic = sheet.cell(row=sheet[sheet.freeze_panes].row, column=header.index("Topic") + 1)
    assert topic.data_type == "s" and topic.value.replace("\n", "\r") == "'" + payload
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert [row[header.index("Year")] for row in rows] == [2016, 2016, 2009]
    _, counts = sheet_rows(book.worksheets[2])
    assert all(isinstance(v, int) for row in counts for v in row)


@pytest.mark.parametrize("topic, expected", [
    ("Detention | removal", "Detention \\| removal"),
    ("Line one\nline two", "Line one<br>line two"),
    ("Ends in \\| pipe", "Ends in \\\\\\| pipe"),
])
def test_markdown_escapes_pipes_and_newlines(engine, topic, expected):
    set_topic(engine, "Q1", topic)
    tables = export_tables(engine, Filters())
    markdown = to_markdown(tables).decode("utf-8")
    q1 = next(line for line in markdown.splitlines() if line.startswith("| Q1 |"))
    assert expected in q1
    # Every unescaped pipe is a cell border: the row keeps the header's nine cells.
    assert q1.replace("\\\\", "").replace("\\|", "").count("|") == len(ITEM_HEADER) + 1
    assert all(f"## {t.title}\n\n{t.note}\n" in markdown for t in tables)


@pytest.mark.parametrize("topic, expected", [
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("![pixel](http://evil.example/p.png)", "\\!\\[pixel\\](http://evil.example/p.png)"),
    ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
    ("<script>x</script> & more", "&lt;script&gt;x&lt;/script&gt; &amp; more"),
    ("**bold** `code` _em_ ~~gone~~", "\\*\\*bold\\*\\* \\`code\\` \\_em\\_ \\~\\~gone\\~\\~"),
])
def test_markdown_escapes_html_and_image_syntax(engine, topic, expected):
    set_topic(engine, "Q1", topic)
    markdown = to_markdown(export_tables(engine, Filters())).decode("utf-8")
    q1 = next(line for line in markdown.splitlines() if line.startswith("| Q1 |"))
    assert f"| {expected} |" in q1


def test_markdown_escapes_the_filter_text_in_notes(engine):
    markdown = to_markdown(export_tables(engine, Filters(text="<b>x</b>"))).decode("utf-8")
    assert "<b>" not in markdown and "&lt;b&gt;x&lt;/b&gt;" in markdown


def test_markdown_does_not_neutralise(engine):
    set_topic(engine, "Q1", "=1+1")
    assert "| Q1 | CMW | 2016 | =1+1 |" in to_markdown(export_tables(engine, Filters())).decode("utf-8")


def test_docx_report(engine):
    filters = Filters(statuses=OPEN_STATUSES)
    tables = export_tables(engine, filters)
    document = docx.Document(BytesIO(to_docx(tables, "Coverage report", filters)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Coverage report"
    assert paragraphs[1].startswith("Generated on ") and filters.describe() in paragraphs[1]
    assert all(t.title in paragraphs and t.note in paragraphs for t in tables)
    assert len(document.tables) == len(tables)
    items = document.tables[-1]
    assert [cell.text for cell in items.rows[0].cells] == ITEM_HEADER
    assert all(run.bold for cell in items.rows[0].cells for run in cell.paragraphs[0].runs)
    assert items.style.name == "Table Grid"
    cells = [cell.text for row in items.rows[1:] for cell in row.cells]
    assert "CMW/C/TST/1 ¶ 1–5" in cells and "CMW/C/TST/1 ¶ 6" in cells
    # The coverage tables fit a portrait page; the nine-column items list gets a landscape one.
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert document.sections[-1].page_width > document.sections[-1].page_height


@pytest.mark.parametrize("writer", [
    lambda tables: to_xlsx(tables), lambda tables: to_docx(tables, "Report"), lambda tables: to_markdown(tables)])
def test_writers_accept_empty_tables_and_control_characters(engine, writer):
    set_topic(engine, "Q1", "bell\x07 inside")
    tables = export_tables(engine, Filters(statuses=("addressed",))) + export_tables(engine, Filters())[-1:]
    assert writer(tables)


@pytest.mark.parametrize("filters", [Filters(text="detention"), Filters(bodies=("INM",)), Filters(parts=("III",)),
                                     Filters(articles=(16,))])
def test_every_kind_of_filter_exports(engine, filters):
    tables = export_tables(engine, filters)
    assert tables[-1].frame["Item"].tolist() == ["Q1"]
    assert [int(t.frame["Total"].sum()) for t in tables[:-1]] == [1, 2, 1, 1, 2]


@pytest.mark.parametrize("title, expected", [("Coverage by year", "coverage-by-year"), ("Open items", "open-items"),
                                             ("Coverage by State body named in the replies",
                                              "coverage-by-state-body-named-in-the-replies"), ("¶ —", "table")])
def test_slug(title, expected):
    assert slug(title) == expected
