"""Export: coverage tables and the item list for the current filters, as CSV, XLSX, Markdown and Word."""

import datetime as dt

import streamlit as st

from tracker import exports
from tracker.ui import database, filters

st.title("Export")
current = filters.current(filters.status_filter())
tables = exports.export_tables(database.engine(), current)
st.caption(f"Filters: {current.describe()}. Change them in the sidebar; every file below follows them.")
stamp = dt.date.today().isoformat()

columns = st.columns(3)
columns[0].download_button("All tables as XLSX", lambda: exports.to_xlsx(tables), f"coverage-{stamp}.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", icon=":material/table:", type="primary")
columns[1].download_button("All tables as Word", lambda: exports.to_docx(tables, "ICRMW coverage", current),
                           f"coverage-{stamp}.docx",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           on_click="ignore", icon=":material/description:")
columns[2].download_button("All tables as Markdown", lambda: exports.to_markdown(tables), f"coverage-{stamp}.md",
                           "text/markdown", on_click="ignore", icon=":material/article:")

for number, table in enumerate(tables):
    with st.expander(f"{table.title} ({len(table.frame)} rows)", expanded=number == len(tables) - 1):
        st.caption(table.note)
        st.dataframe(table.frame, hide_index=True)
        st.download_button(f"{table.title} as CSV", exports.to_csv(table), f"{exports.slug(table.title)}-{stamp}.csv",
                           "text/csv", on_click="ignore", key=f"csv-{number}")
