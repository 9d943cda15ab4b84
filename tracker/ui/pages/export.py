"""Export: the report tables for the current filters, as XLSX, Word, Markdown and CSV, and a printable briefing."""

import datetime as dt

import streamlit as st

from tracker import exports, reports
from tracker.ui import database, filters, identity
from tracker.ui.labels import NO_MATCH, plain

PREVIEW = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

st.title("Export")
current = filters.current()
engine, data, settings = database.engine(), database.version(), database.settings()
role = identity.current_role()
st.caption(f"Filters: {plain(current.describe())}. Change them in the sidebar; every file below follows them.")
today = dt.date.today()
state = reports.state_name(engine)
if not database.matching_ids(current, data):
    st.info(f"{NO_MATCH} The files below would hold empty tables.")


def named(content: str, extension: str) -> str:
    return reports.file_name(state, content, current, today, extension)


# Files are built when a button is pressed, on their own thread, never on every visit to the page.
def _all(write):
    return lambda: write(reports.report_tables(engine, current, role))


sources = settings.sources_dir if settings.sources_available else None
columns = st.columns(4)
columns[0].download_button("Report as Word", lambda: reports.word_report(engine, current, settings.report_author, role),
                           named("report", "docx"), DOCX, on_click="ignore", icon=":material/description:",
                           type="primary", help="Title, scope, legend, method, the Overview's charts and every table")
columns[1].download_button("All tables as XLSX", _all(reports.workbook), named("tables", "xlsx"), XLSX,
                           on_click="ignore", icon=":material/table:")
columns[2].download_button("All tables as Markdown", _all(exports.to_markdown), named("tables", "md"),
                           "text/markdown", on_click="ignore", icon=":material/article:")
columns[3].download_button("Briefing as Word", lambda: reports.briefing(engine, current, settings.report_author,
                                                                        sources, role),
                           named("briefing", "docx"), DOCX, on_click="ignore", icon=":material/print:",
                           help=f"One page per item, with the cited paragraphs (at most {reports.BRIEFING_MAX_ITEMS})")

for number, table in enumerate(database.coverage_exports(current, data)):
    with st.expander(f"{table.title} ({len(table.frame)} rows)"):
        st.caption(plain(table.note))
        st.dataframe(table.frame, hide_index=True)
        st.download_button(f"{table.title} as CSV", exports.to_csv(table), named(exports.slug(table.title), "csv"),
                           "text/csv", on_click="ignore", key=f"csv-{number}")

ids = database.matching_ids(current, data)
title = "Open items" if current.is_open_only else "Items"
with st.expander(f"{title} ({len(ids):,} rows)", expanded=True):
    st.caption(f"The first {min(PREVIEW, len(ids))} shown; the files hold all {len(ids):,}. "
               "Citations give the document symbol and paragraph numbers (¶).")
    st.dataframe(reports.item_rows(engine, current, role, limit=PREVIEW), hide_index=True)
    st.download_button(f"{title} as CSV", lambda: exports.to_csv(reports.items_table(engine, current, role)),
                       named("items", "csv"), "text/csv", on_click="ignore", key="csv-items")
