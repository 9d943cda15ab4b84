"""History: every status change, filterable by item, person and date."""

import datetime as dt

import streamlit as st

from tracker.store.crud import HistoryFilter, history_frame
from tracker.ui import database, filters
from tracker.schema import STATUS_LABELS

URL = "query-params"
engine = database.engine()
st.title("History")
left, middle, right = st.columns(3)
with left:
    item = filters.item_picker("Item", key="h-item", placeholder="All items")
person = middle.selectbox("Person", database.people(database.version()), key="who", bind=URL, index=None, placeholder="Everyone")
days = right.date_input("Dates", value=(), key="dates", max_value=dt.date.today(), format="YYYY-MM-DD",
                        help="Pick a first and a last day; leave empty for all dates")
since, until = (days[0], days[-1]) if days else (None, None)
LIMIT = 1000
history = history_frame(engine, HistoryFilter(item_id=item, who=person, since=since, until=until), limit=LIMIT + 1)
shown = f"the newest {LIMIT:,}" if len(history) > LIMIT else "newest first"
history = history.head(LIMIT)
st.caption(f"{len(history):,} change(s), {shown}. Narrow by item, person or dates to see older ones.")
if history.empty:
    st.info("No change matches these filters.")
    st.stop()
table = history.assign(
    old_status=history["old_status"].map(STATUS_LABELS).fillna("—"),
    new_status=history["new_status"].map(STATUS_LABELS),
    link="item?item=" + history["recommendation_id"],
)[["at", "link", "who", "old_status", "new_status", "note", "source"]]
st.dataframe(table, hide_index=True, height=min(35 * len(table) + 38, 700), column_config={
    "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
    "link": st.column_config.LinkColumn("Item", display_text=r"item\?item=(.*)"),
    "who": "Who", "old_status": "From", "new_status": "To",
    "note": st.column_config.TextColumn("Note", width="large"),
    "source": st.column_config.TextColumn("Source", help="curation: loaded from data/; monitor: saved in the app"),
})
