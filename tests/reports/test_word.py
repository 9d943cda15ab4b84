"""The Word report: scope in words, legend, method, charts (real Chromium), fitted tables, properties, the PDF."""

import shutil
from datetime import date
from io import BytesIO

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from tracker.filters import Filters
from tracker.reports import METHOD_NOTE, STATUS_MEANS, docx_to_pdf, page_count, tables_document, word_report
from tracker.reports.images import FIGURES, NO_BROWSER
from tracker.reports.pdf import soffice_path
from tracker.schema import OPEN_STATUSES, STATUS_LABELS

AUTHOR = "Test NHRI"
DAY = date(2026, 12, 1)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def report(engine, filters=Filters(), **kwargs):
    kwargs.setdefault("charts", False)
    return docx.Document(BytesIO(word_report(engine, filters, AUTHOR, today=DAY, **kwargs)))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def table_with_header(document, first: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first)


def test_title_scope_date_and_filters_in_words(engine, actor_names):
    document = report(engine, Filters(statuses=OPEN_STATUSES, parts=("III",)))
    paragraphs = texts(document)
    assert paragraphs[0].startswith("Mexico: ")
    assert actor_names["CMW"] in paragraphs and "CMW/C/TST/QPR/1, List of issues (test)" in paragraphs
    assert "CMW/C/TST/1, Report (test)" in paragraphs
    scope = next(p for p in paragraphs if p.startswith("Prepared on"))
    assert scope.startswith(f"Prepared on December 1, 2026 by {AUTHOR}.")  # Babel's English date
    assert "whose current status is Partial, Deferred, or Not addressed; concerning Part III" in scope
    assert "1 item: Addressed: 0; Partial: 1; Deferred: 0; Not addressed: 0. Still open: 1 (100%)." in scope
    properties = document.core_properties
    assert (properties.title, properties.author, properties.language) == (paragraphs[0], AUTHOR, "en-GB")


def test_legend_and_method(engine):
    document = report(engine)
    legend = table_with_header(document, "Term")
    rows = {row.cells[0].text: row.cells[1].text for row in legend.rows[1:]}
    assert all(rows[STATUS_LABELS[s]] == means for s, means in STATUS_MEANS.items())
    assert METHOD_NOTE in texts(document) and "docs/assessment-method.md" in METHOD_NOTE


def test_tables_fit_their_content_repeat_headers_and_turn_the_page_when_wide(engine, assess):
    assess("Q1", "addressed", "Outcome data found in CMW/C/TST/1 ¶ 4.", "bob.monitor@example.org")
    document = report(engine)
    items = table_with_header(document, "Citation")
    header = [cell.text for cell in items.rows[0].cells]
    assert header[:4] == ["Citation", "Topic", "Status", "Rationale"] and "Latest assessment" in header
    widths = dict(zip(header, (cell.width for cell in items.rows[0].cells)))
    # The long texts share what the short columns leave, the longest getting most: the rows are as short as they
    # can be, and a status never wraps.
    assert max(widths.values()) == widths["Rationale"] and widths["Topic"] > widths["Status"]
    section = document.sections[-1]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert sum(widths.values()) <= section.page_width - section.left_margin - section.right_margin
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    cells = [cell.text for row in items.rows[1:] for cell in row.cells]
    assert "CMW/C/TST/QPR/1\u00a0¶\u00a01" in cells and any(c.startswith("Describes the detention standards (1-5) but gives no data on outcomes. (confidence: medium")
                                                         for c in cells)
    latest = next(cell for cell in cells if "Outcome data found" in cell)
    assert latest.endswith("a monitor: Outcome data found in CMW/C/TST/1 ¶ 4.") and "bob" not in " ".join(cells)
    assert not {"INM", "CNDH", "CMW", "SR-MIGRANTS"} & {part for cell in cells for part in cell.split("; ")}


def test_coverage_tables_under_a_filter_list_no_empty_part(engine):
    document = report(engine, Filters(parts=("III",)))
    parts = table_with_header(document, "Convention part")
    assert [row.cells[0].text.split(":")[0] for row in parts.rows[1:]] == ["Part III"]


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium for plotly's static export")
def test_charts_are_the_overviews_figures_as_images(engine):
    document = report(engine, charts=True)
    figures = [p for p in texts(document) if p.startswith("Figure ")]
    # The fixture names bodies in one reply only, and every figure has data.
    assert len(figures) == len(FIGURES) == len(document.inline_shapes)
    assert NO_BROWSER not in texts(document)


def test_without_chromium_the_charts_are_left_out_with_a_line(engine, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    document = report(engine, charts=True)
    assert NO_BROWSER in texts(document) and len(document.inline_shapes) == 0


def test_tables_document_keeps_the_old_export(engine):
    from tracker.reports import report_tables

    tables = report_tables(engine, Filters())
    document = docx.Document(BytesIO(tables_document(tables, "Coverage report", "all items")))
    assert texts(document)[0] == "Coverage report" and "Filters: all items." in texts(document)[1]
    assert len(document.tables) == len(tables)


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_report_prints_to_pdf(engine):
    pdf = docx_to_pdf(word_report(engine, Filters(), AUTHOR, charts=False))
    assert pdf.startswith(b"%PDF") and page_count(pdf) >= 3


def test_a_long_item_list_is_cut_with_a_note(engine):
    document = report(engine, items_max=2)
    items = table_with_header(document, "Citation")
    assert len(items.rows) == 1 + 2
    assert any("The first 2 of 3 items are listed; the workbook (XLSX) holds them all" in p for p in texts(document))
