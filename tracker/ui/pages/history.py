"""History: every status change, filterable by item, person and date."""

import datetime as dt

import streamlit as st

from tracker.store.crud import HistoryFilter, history_frame
from tracker.ui import database, filters, identity
from tracker.ui.labels import author_labeller
from tracker.schema import STATUS_LABELS

URL = "query-params"
engine = database.engine()
author = author_labeller(identity.current_role())
# The person filter lists authors as this viewer may see them, so neither its options nor the URL it writes hold
# an account a visitor may not see; one label can stand for several people ("a monitor").
authors_by_label: dict[str, list[str]] = {}
for name in database.people(database.version()):
    authors_by_label.setdefault(author(name), []).append(name)
st.title("History")
left, middle, right = st.columns(3)
with left:
    item = filters.item_picker("Item", key="h-item", placeholder="All items")
person = middle.selectbox("Person", sorted(authors_by_label), key="who", bind=URL, index=None,
                          placeholder="Everyone")
days = right.date_input("Dates", value=(), key="dates", max_value=dt.date.today(), format="YYYY-MM-DD",
                        help="Pick a first and a last day; leave empty for all dates")
since, until = (days[0], days[-1]) if days else (None, None)
LIMIT = 1000
chosen = HistoryFilter(item_id=item, authors=tuple(authors_by_label.get(person, ())), since=since, until=until)
history = history_frame(engine, chosen, limit=LIMIT + 1)
shown = f"the newest {LIMIT:,}" if len(history) > LIMIT else "newest first"
history = history.head(LIMIT)
st.caption(f"{len(history):,} change(s), {shown}. Narrow by item, person or dates to see older ones.")
if history.empty:
    st.info("No change matches these filters.")
    st.stop()
table = history.assign(
    who=history["who"].map(author),
    old_status=history["old_status"].map(STATUS_LABELS).fillna("—"),
    new_status=history["new_status"].map(STATUS_LABELS),
    link="item?item=" + history["recommendation_id"],
)[["at", "link", "who", "old_status", "new_status", "note", "source"]]
st.dataframe(table, hide_index=True, height=min(35 * len(table) + 38, 700), column_config={
    "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
    "link": st.column_config.LinkColumn("Item", display_text=r"item\?item=(.*)"),
    "who": st.column_config.TextColumn("Who", help="Visitors who are not signed in see a role; signed-in people "
                                                   "see the name each person chose; admins see accounts"),
    "old_status": "From", "new_status": "To",
    "note": st.column_config.TextColumn("Note", width="large"),
    "source": st.column_config.TextColumn("Source", help="curation: loaded from data/; monitor: saved in the app"),
})
