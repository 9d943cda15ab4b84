"""History: every status change, filterable by item, person and date."""

import datetime as dt

import streamlit as st

from tracker.schema import STATUS_LABELS
from tracker.store import own_notes
from tracker.store.crud import HistoryFilter, history_frame
from tracker.ui import database, filters, identity, language
from tracker.ui.labels import DATE_INPUT_FORMAT, author_labeller, status_label

URL = "query-params"
engine, t = database.engine(), language.current()
zone = database.settings().time_zone
author = author_labeller(identity.current_role())
# The person filter lists authors as this viewer may see them, so neither its options nor the URL it writes hold
# an account a visitor may not see; one label can stand for several people ("a monitor").
authors_by_label: dict[str, list[str]] = {}
for name in database.people(database.version()):
    authors_by_label.setdefault(author(name), []).append(name)
st.title(t.tr("History"))
left, middle, right = st.columns(3)
with left:
    item = filters.item_picker(t.tr("Item"), key="h-item", placeholder=t.tr("All items"))
person = middle.selectbox(t.tr("Person"), sorted(authors_by_label), key=filters.PERSON, bind=URL, index=None,
                          placeholder=t.tr("Everyone"))
days = right.date_input(t.tr("Dates"), value=(), key="dates", max_value=dt.date.today(), format=t.tr(DATE_INPUT_FORMAT),
                        help=t.tr("Pick a first and a last day; leave empty for all dates"))
since, until = (days[0], days[-1]) if days else (None, None)
LIMIT = 1000
chosen = HistoryFilter(item_id=item, authors=tuple(authors_by_label.get(person, ())), since=since, until=until)
history = history_frame(engine, chosen, limit=LIMIT + 1)
more = len(history) > LIMIT
history = history.head(LIMIT)
st.caption(t.tr_n("{count} change, newest first.", "{count} changes, newest first.", len(history)) if not more else
           t.tr("The newest {count} changes. Narrow by item, person or dates to see older ones.",
                count=t.number(LIMIT)))
if history.empty:
    st.info(t.tr("No change matches these filters."))
    st.stop()
# Statuses in the reader's words; a label the record does not know stays as stored.
labels = {status: status_label(status) for status in STATUS_LABELS}
table = history.assign(
    at=[t.datetime(moment.to_pydatetime(), zone, named=False) for moment in history["at"]],  # the header names it
    who=history["who"].map(author),
    old_status=history["old_status"].map(labels).fillna("—"),
    new_status=history["new_status"].map(labels),
    source=history["source"].map({"curation": t.tr("curation"), "monitor": t.tr("monitor")}).fillna(history["source"]),
    link="item?item=" + history["recommendation_id"],
    note=[own_notes.history_note(note, source, t) for note, source in zip(history["note"], history["source"])],
)[["at", "link", "who", "old_status", "new_status", "note", "source"]]
st.dataframe(table, hide_index=True, height=min(35 * len(table) + 38, 700), column_config={
    "at": st.column_config.TextColumn(t.tr("When ({city} time)", city=t.zone_city(zone))),
    "link": st.column_config.LinkColumn(t.tr("Item"), display_text=r"item\?item=(.*)"),
    "who": st.column_config.TextColumn(t.tr("Who"), help=t.tr("Visitors who are not signed in see a role; signed-in "
                                                              "people see the name each person chose; admins see "
                                                              "accounts")),
    "old_status": t.tr("From"), "new_status": t.tr("To"),
    "note": st.column_config.TextColumn(t.tr("Note"), width="large"),
    "source": st.column_config.TextColumn(t.tr("Source"), help=t.tr("curation: loaded from data/; monitor: saved "
                                                                    "in the app")),
})
