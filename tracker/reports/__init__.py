"""Files for drafters and reviewers: tables, the workbook, the Word report, the briefing, their file names."""

from tracker.reports.briefing import BRIEFING_MAX_ITEMS, briefing
from tracker.reports.names import file_name
from tracker.reports.pdf import NoLibreOffice, docx_to_pdf, page_count
from tracker.reports.rows import ITEM_COLUMNS, citation, item_rows, who_shown
from tracker.reports.tables import (
    METHOD_NOTE,
    STATUS_MEANS,
    WHOLE_CONVENTION,
    COVERAGE_TITLES,
    Table,
    coverage_tables,
    filters_in_words,
    items_table,
    legend_table,
    report_tables,
)
from tracker.reports.word import state_name, tables_document, word_report
from tracker.reports.xlsx import workbook

__all__ = ["BRIEFING_MAX_ITEMS", "COVERAGE_TITLES", "ITEM_COLUMNS", "METHOD_NOTE", "STATUS_MEANS", "WHOLE_CONVENTION", "NoLibreOffice",
           "Table", "briefing", "citation", "coverage_tables", "docx_to_pdf", "file_name", "filters_in_words", "item_rows",
           "items_table",
           "legend_table", "page_count", "report_tables", "state_name", "tables_document", "who_shown", "word_report",
           "workbook"]
