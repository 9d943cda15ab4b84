"""Open items: the filtered list reviewers work through, with the reply paragraphs each cites."""

import datetime as dt

import streamlit as st

from tracker.schema import OPEN_STATUSES, STATUS_LABELS
from tracker.ui import database, filters, search_results
from tracker.ui.labels import NO_MATCH, plain

PAGE_SIZE = 200

st.title("Open items")
current = filters.current()
data = database.version()
ids = database.matching_ids(current, data)
st.caption(f"{len(ids):,} item(s) · {plain(current.describe())}. Status defaults to everything not addressed; "
           "the filters are in the page address, so a copied link shows the same list.")

if not ids:
    st.info(NO_MATCH)
    st.stop()
ids = search_results.ranked(current, ids, data)  # search: most relevant first (passages under the table)
pages = -(-len(ids) // PAGE_SIZE)
page = st.pagination(pages, key="page", bind="query-params") if pages > 1 else 1
items = database.item_rows(tuple(ids[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]), data)

table = items.assign(
    link="item?item=" + items["id"],
    status=items["status"].map(STATUS_LABELS),
    review=items["needs_review"].map({True: "⚠ review", False: ""}),
)[["link", "topic", "status", "review", "parts", "articles", "reply_paragraphs", "bodies", "mechanism", "year"]]
st.dataframe(
    table,
    hide_index=True,
    height=min(35 * len(table) + 38, 700),
    column_config={
        "link": st.column_config.LinkColumn("Item", display_text=r"item\?item=(.*)", width="medium",
                                            help="Open the item with its reply paragraphs and history"),
        "topic": st.column_config.TextColumn("Topic", width="large"),
        "status": st.column_config.TextColumn("Status"),
        "review": st.column_config.TextColumn("Review", help="The curated status changed under a monitor's assessment"),
        "parts": st.column_config.TextColumn("Parts"),
        "articles": st.column_config.TextColumn("Articles"),
        "reply_paragraphs": st.column_config.TextColumn("Reply paragraphs", width="medium"),
        "bodies": st.column_config.TextColumn("State bodies named"),
        "mechanism": st.column_config.TextColumn("Mechanism"),
        "year": st.column_config.NumberColumn("Year", format="%d"),
    },
)
search_results.passages(current, items["id"].tolist(), data)


# The list is downloaded here, under the filters this page applies; the Export page applies its own status filter.
def _this_list(write):
    def build():
        from tracker import exports  # openpyxl loads only when someone downloads

        return write(exports)(exports.items_table(database.engine(), current))
    return build


stamp = dt.date.today().isoformat()
csv_column, xlsx_column = st.columns(2)
csv_column.download_button("Download this list as CSV", _this_list(lambda e: e.to_csv), f"open-items-{stamp}.csv",
                           "text/csv", on_click="ignore", icon=":material/download:")
xlsx_column.download_button("Download this list as XLSX", _this_list(lambda e: lambda table: e.to_xlsx([table])),
                            f"open-items-{stamp}.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                            icon=":material/table:")
st.page_link("tracker/ui/pages/export.py", label="Coverage tables, Word and Markdown: the Export page",
             icon=":material/description:")
