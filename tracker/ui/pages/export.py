"""Export: coverage tables and the item list for the current filters, as CSV, XLSX, Markdown and Word."""

import datetime as dt

import streamlit as st

from tracker import exports
from tracker.ui import database, filters
from tracker.ui.labels import plain

PREVIEW = 200

st.title("Export")
current = filters.current()
engine, data = database.engine(), database.version()
st.caption(f"Filters: {plain(current.describe())}. Change them in the sidebar; every file below follows them.")
stamp = dt.date.today().isoformat()


# Files are built when a button is pressed, on their own thread, never on every visit to the page.
def _all(write):
    return lambda: write(exports.export_tables(engine, current))


columns = st.columns(3)
columns[0].download_button("All tables as XLSX", _all(exports.to_xlsx), f"coverage-{stamp}.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", icon=":material/table:", type="primary")
columns[1].download_button("All tables as Word", _all(lambda tables: exports.to_docx(tables, "ICRMW coverage",
                                                                                    current)),
                           f"coverage-{stamp}.docx",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           on_click="ignore", icon=":material/description:")
columns[2].download_button("All tables as Markdown", _all(exports.to_markdown), f"coverage-{stamp}.md",
                           "text/markdown", on_click="ignore", icon=":material/article:")

for number, table in enumerate(database.coverage_exports(current, data)):
    with st.expander(f"{table.title} ({len(table.frame)} rows)"):
        st.caption(plain(table.note))
        st.dataframe(table.frame, hide_index=True)
        st.download_button(f"{table.title} as CSV", exports.to_csv(table), f"{exports.slug(table.title)}-{stamp}.csv",
                           "text/csv", on_click="ignore", key=f"csv-{number}")

ids = database.matching_ids(current, data)
title = "Open items" if current.is_open_only else "Items"
with st.expander(f"{title} ({len(ids):,} rows)", expanded=True):
    st.caption(f"The first {min(PREVIEW, len(ids))} shown; the files hold all {len(ids):,}. "
               "Reply paragraphs cite the document symbol and paragraph numbers (¶).")
    st.dataframe(exports.readable_items(database.item_rows(tuple(ids[:PREVIEW]), data)), hide_index=True)
    st.download_button(f"{title} as CSV", lambda: exports.to_csv(exports.items_table(engine, current)),
                       f"{exports.slug(title)}-{stamp}.csv", "text/csv", on_click="ignore", key="csv-items")
