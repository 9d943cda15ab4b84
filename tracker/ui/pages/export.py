"""Export: the report tables for the current filters, as XLSX, Word, Markdown and CSV, and a printable briefing."""

import datetime as dt

import streamlit as st

from tracker import exports, reports
from tracker.ui import database, filters, identity, language
from tracker.ui.labels import no_match, plain

PREVIEW = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

t = language.current()
st.title(t.tr("Export"))
current = filters.current()
engine, data, settings = database.engine(), database.version(), database.settings()
role = identity.current_role()
st.caption(t.tr("Filters: {filters} Change them in the sidebar; every file below follows them.",
                filters=plain(reports.filters_in_words(current, database.choices()["actor_names"], t))))
today = dt.date.today()
state = reports.state_name(engine, t)
short_names = database.short_names()
if not database.matching_ids(current, data):
    st.info(no_match(current.text, t) + " " + t.tr("The files below would hold empty tables."))


def named(content: str, extension: str) -> str:
    return reports.file_name(state, content, current, today, extension, t, short_names)


# Files are built when a button is pressed, on their own thread, never on every visit to the page.
def _all(write):
    return lambda: write(reports.report_tables(engine, current, role, t))


sources = settings.sources_dir if settings.sources_available else None
columns = st.columns(4)
columns[0].download_button(t.tr("Report as Word"),
                           lambda: reports.word_report(engine, current, settings.report_author, role, t=t),
                           named("report", "docx"), DOCX, on_click="ignore", icon=":material/description:",
                           type="primary", help=t.tr("Title, scope, legend, method, the Overview's charts and every "
                                                     "table"))
columns[1].download_button(t.tr("All tables as XLSX"), _all(lambda tables: reports.workbook(tables, t)),
                           named("tables", "xlsx"), XLSX,
                           on_click="ignore", icon=":material/table:")
columns[2].download_button(t.tr("All tables as Markdown"), _all(exports.to_markdown), named("tables", "md"),
                           "text/markdown", on_click="ignore", icon=":material/article:")
columns[3].download_button(t.tr("Briefing as Word"), lambda: reports.briefing(engine, current, settings.report_author,
                                                                               sources, role, t=t),
                           named("briefing", "docx"), DOCX, on_click="ignore", icon=":material/print:",
                           help=t.tr("One page per item, with the cited paragraphs (at most {count})",
                                     count=t.number(reports.BRIEFING_MAX_ITEMS)))

for number, table in enumerate(database.coverage_exports(current, data)):
    with st.expander(t.tr_n("{title} ({count} row)", "{title} ({count} rows)", len(table.frame), title=table.title)):
        st.caption(plain(table.note))
        st.dataframe(table.frame, hide_index=True)
        st.download_button(t.tr("{title} as CSV", title=table.title), exports.to_csv(table),
                           named(exports.slug(table.title), "csv"), "text/csv", on_click="ignore", key=f"csv-{number}")

ids = database.matching_ids(current, data)
title = t.tr("Open items") if current.is_open_only else t.tr("Items")
with st.expander(t.tr_n("{title} ({count} row)", "{title} ({count} rows)", len(ids), title=title), expanded=True):
    st.caption(t.tr("The first {shown} shown; the files hold all {count}. Citations give the document symbol and "
                    "paragraph numbers (¶).", shown=t.number(min(PREVIEW, len(ids))), count=t.number(len(ids))))
    st.dataframe(reports.item_rows(engine, current, role, limit=PREVIEW, t=t), hide_index=True)
    st.download_button(t.tr("{title} as CSV", title=title),
                       lambda: exports.to_csv(reports.items_table(engine, current, role, t)),
                       named("items", "csv"), "text/csv", on_click="ignore", key="csv-items")
