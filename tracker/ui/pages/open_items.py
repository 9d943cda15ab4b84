"""Open items: the filtered list reviewers work through, with the reply paragraphs each cites."""

import streamlit as st

from tracker.schema import OPEN_STATUSES, STATUS_LABELS
from tracker.ui import database, filters
from tracker.ui.labels import NO_MATCH

PAGE_SIZE = 200

st.title("Open items")
current = filters.current(filters.status_filter(default=OPEN_STATUSES))
data = database.version()
ids = database.matching_ids(current, data)
st.caption(f"{len(ids):,} item(s) · {current.describe()}. Status defaults to everything not addressed; "
           "the filters are in the page address, so a copied link shows the same list.")

if not ids:
    st.info(NO_MATCH)
    st.stop()
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
st.page_link("tracker/ui/pages/export.py", label="Export this list and its coverage tables", icon=":material/download:")
