"""Exports against a real SQLite database loaded from the fixture record."""

import shutil
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

from tests.test_filters import ascii_id
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
ITEM_HEADER = ["Citation", "Status", "Topic", "Issued by", "Year", "Articles", "Reply", "State bodies", "Rationale",
               "Confidence", "Why this confidence",
               "Last assessed", "Assessment note", "Assessed by", "Tracker item"]
ITEM = "Tracker item"
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tX", "\rX"]


def _open(path: Path):
    return open_database(load_settings({"DATABASE_URL": f"sqlite:///{path}", "TRACKER_DATA_DIR": str(RECORD)})).engine


@pytest.fixture(scope="module")
def loaded_file(tmp_path_factory) -> Path:
    """A SQLite file holding the fixture record, loaded once; each test works on a copy of it."""
    path = tmp_path_factory.mktemp("exports") / "loaded.db"
    _open(path).dispose()
    return path


@pytest.fixture
def engine(tmp_path, loaded_file):
    shutil.copyfile(loaded_file, tmp_path / "t.db")
    engine = _open(tmp_path / "t.db")
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
    assert listed.frame[ITEM].tolist() == items
    assert by_title(tables)["Coverage by year"].frame["Total"].sum() == total
    assert by_title(tables)["Coverage by Convention part"].frame["Total"].sum() == total


@pytest.mark.parametrize("dimension", DIMENSIONS)
@pytest.mark.parametrize("filters", [Filters(), Filters(statuses=("partial",))])
def test_csv_round_trips_to_coverage_counts(engine, dimension, filters):
    table = export_tables(engine, filters)[1 + DIMENSIONS.index(dimension)]
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    read = pd.read_csv(BytesIO(data), encoding="utf-8-sig")
    expected = expected_coverage(engine, filters, dimension)
    expected = expected[expected["Total"] > 0]
    assert list(read.columns[-len(COUNT_COLUMNS):]) == COUNT_COLUMNS
    assert read[COUNT_COLUMNS].values.tolist() == expected[COUNT_COLUMNS].values.tolist()


def test_csv_keeps_accents_and_marks(engine):
    set_topic(engine, "Q1", "Detención de niñas y niños")
    read = pd.read_csv(BytesIO(to_csv(export_tables(engine, Filters())[-1])), encoding="utf-8-sig")
    row = read.set_index(ITEM).loc["Q1"]
    assert (row["Topic"], row["Reply"]) == ("Detención de niñas y niños", "CMW/C/TST/1 ¶ 1–5")


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
], ids=ascii_id)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize("payload", PAYLOADS, ids=ascii_id)
def test_formula_injection_neutralised_in_csv_and_xlsx(engine, payload):
    set_topic(engine, "Q1", payload)
    tables = export_tables(engine, Filters())
    read = pd.read_csv(BytesIO(to_csv(tables[-1])), encoding="utf-8-sig", keep_default_na=False)
    # Excel and the CSV reader may turn a lone carriage return into a newline; the apostrophe must lead.
    assert read.set_index(ITEM).loc["Q1", "Topic"].replace("\n", "\r") == "'" + payload


@pytest.mark.parametrize("topic, expected", [
    ("Detention | removal", "Detention \\| removal"),
    ("Line one\nline two", "Line one<br>line two"),
    ("Ends in \\| pipe", "Ends in \\\\\\| pipe"),
], ids=ascii_id)
def test_markdown_escapes_pipes_and_newlines(engine, topic, expected):
    set_topic(engine, "Q1", topic)
    tables = export_tables(engine, Filters())
    markdown = to_markdown(tables).decode("utf-8")
    q1 = next(line for line in markdown.splitlines() if line.endswith("| Q1 |"))
    assert expected in q1
    # Every unescaped pipe is a cell border: the row keeps the header's cells.
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
    q1 = next(line for line in markdown.splitlines() if line.endswith("| Q1 |"))
    assert f"| {expected} |" in q1


def test_markdown_escapes_the_filter_text_in_notes(engine):
    markdown = to_markdown(export_tables(engine, Filters(text="<b>x</b>"))).decode("utf-8")
    assert "<b>" not in markdown and "&lt;b&gt;x&lt;/b&gt;" in markdown


def test_markdown_does_not_neutralise(engine):
    set_topic(engine, "Q1", "=1+1")
    assert "| CMW/C/TST/QPR/1 ¶ 1 | Partial | =1+1 | Committee on Migrant Workers |" in to_markdown(export_tables(engine, Filters())).decode("utf-8")


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
    assert tables[-1].frame[ITEM].tolist() == ["Q1"]
    assert [int(t.frame["Total"].sum()) for t in tables[1:-1]] == [1, 2, 1, 1, 2]


@pytest.mark.parametrize("title, expected", [("Coverage by year", "coverage-by-year"), ("Open items", "open-items"),
                                             ("Coverage by State body named in the replies",
                                              "coverage-by-state-body-named-in-the-replies"), ("¶ —", "table")], ids=ascii_id)
def test_slug(title, expected):
    assert slug(title) == expected
