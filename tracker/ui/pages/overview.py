"""Overview: counts per status and coverage by Convention part, article, year and actor."""

import streamlit as st

from tracker.coverage import DIMENSIONS
from tracker.schema import STATUS_LABELS, STATUSES
from tracker.ui import database, filters
from tracker.ui.labels import NO_MATCH, plain, status_badge

st.title("Overview")
current = filters.current()
data = database.version()
counts = database.status_counts(current, data)
total = int(counts.sum())
st.caption(f"{total} item(s) · {plain(current.describe())}")

columns = st.columns(len(STATUSES) + 1)
columns[0].metric("Items", total)
for column, status in zip(columns[1:], STATUSES):
    column.metric(status_badge(status), int(counts[status]),
                  help=f"Items whose current status is “{STATUS_LABELS[status]}”")
if total == 0:
    st.info(NO_MATCH)
    st.stop()

by_part = database.coverage_table(current, "part", data)
st.subheader("Coverage by Convention part")
st.plotly_chart(database.coverage_figure(current, "part", data), key="by_part",
                alt="Stacked bar chart: items per Convention part, by status")
with st.expander("Table: items per part and status"):
    st.dataframe(by_part, hide_index=True)

by_article = database.coverage_table(current, "article", data)
never = int((by_article["Total"] == 0).sum())
st.subheader("All 93 articles")
st.caption(f"Bars show the items that concern each article, by status; grey stubs below the axis mark the "
           f"{never} article(s) never asked about under the current filters.")
st.plotly_chart(database.coverage_figure(current, "article", data), key="by_article",
                alt="Bar chart of all 93 articles by status; grey marks articles never asked about")
with st.expander("Table: items per article and status"):
    st.dataframe(by_article[by_article["Total"] > 0], hide_index=True)

left, right = st.columns(2)
with left:
    st.subheader("By year of the request")
    st.plotly_chart(database.coverage_figure(current, "year", data), key="by_year",
                    alt="Stacked bar chart: items per year, by status")
with right:
    st.subheader("By actor")
    actor = st.segmented_control("Actor", ["mechanism", "body"], default="mechanism", key="actor", bind="query-params",
                                 format_func=DIMENSIONS.get, label_visibility="collapsed", required=True)
    st.plotly_chart(database.coverage_figure(current, actor, data, horizontal=True), key="by_actor",
                    alt=f"Stacked bar chart: items per {DIMENSIONS[actor].lower()}, by status")
