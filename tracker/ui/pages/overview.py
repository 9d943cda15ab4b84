"""Overview: what is still open, and coverage by Convention part, article, year and actor; every count leads to
the items behind it on Open items."""

import datetime as dt
from functools import partial

import streamlit as st

from tracker.charts import CONFIG, WHOLE_CONVENTION
from tracker.coverage import NO_PART
from tracker.drilldown import narrowed, widget_values
from tracker.headline import start_of
from tracker.schema import STATUS_LABELS, STATUSES
from tracker.ui import database, filters, language
from tracker.ui.labels import DATE_INPUT_FORMAT, no_match, plain, status_badge

OPEN_ITEMS = "tracker/ui/pages/open_items.py"
SINCE = "since"  # the "changed since" date, bound to the address like the filters
t = language.current()
current = filters.current()
data = database.version()
settings = database.settings()
choices = database.choices()


# Set by a click's callback: switch to Open items in the run that follows. The switch carries no query
# parameters: the filters' are bound to their widgets (Streamlit refuses to set them), which now hold the click.
GO = "overview-go"


def _go(filters_shown) -> None:
    """Show `filters_shown` on Open items: set the filter widgets (a bound widget keeps its session value over a
    link's) and remember where to go; runs as a callback, before the sidebar draws the widgets."""
    st.session_state.update(widget_values(filters_shown, choices["years"]))
    st.session_state[GO] = True


def _link(label: str, filters_shown, help_text: str, key: str) -> None:
    st.button(label, key=key, on_click=_go, args=(filters_shown,), type="tertiary", icon=":material/arrow_forward:",
              help=help_text)


def _clicked(key: str, dimension: str) -> None:
    """A click on a bar: its category's key is the first value of the bar's customdata."""
    points = st.session_state[key]["selection"]["points"]
    clicked = next((point["customdata"][0] for point in points if point.get("customdata")), None)
    target = narrowed(current, dimension, clicked) if clicked is not None else None
    if target is not None:
        _go(target)


def _chart(figure: dict, dimension: str, key: str, alt: str) -> None:
    """A chart whose bars are ways in: a click opens Open items narrowed to the bar's part, article, year or
    actor."""
    st.plotly_chart(figure, key=key, on_select=partial(_clicked, key, dimension), selection_mode="points",
                    config=CONFIG, alt=alt)


def _headline(columns, since: dt.date, total: int) -> None:
    """The three headline figures, in their `columns` at the top, drawn last: their query is the page's slowest at
    scale, and the browser draws the charts sent before it while it runs."""
    still_open, review, changed = columns
    figures = database.headline(current, start_of(since, settings.time_zone), data)
    still_open.metric(t.tr("Still open"), t.number(figures.still_open),
                      help=t.tr("Items whose status is not Addressed: partial, deferred or not addressed."))
    still_open.caption(t.tr("{share} of {total}", share=t.percent(figures.open_share), total=t.number(total)))
    with still_open:
        open_filters = narrowed(current, "open", None)
        if open_filters is not None:
            _link(t.tr("List the open items"), open_filters, t.tr("Open items, with the filters of this page"),
                  "go-open")
    review.metric(t.tr("Need review"), t.number(figures.needs_review),
                  help=t.tr("Flagged when the curated status changed under a monitor's assessment, a monitor's status "
                            "that differs from the curated one, or a curated status of low confidence that no monitor "
                            "has assessed (docs/assessment-method.md, section 10)."))
    changed.metric(t.tr("Changed since {date}", date=t.date(since, "medium")), t.number(figures.changed_since),
                   help=t.tr("Items with a change recorded on or after that date (midnight, {zone} time).",
                             zone=settings.time_zone))


@st.fragment
def _by_actor() -> None:
    """The actor chart and its choice of actor: a new choice reruns this alone, not the whole page."""
    if st.session_state.get(GO):  # a click on this chart: only a run of the whole page switches to Open items
        st.rerun()
    st.subheader(t.tr("By actor"))
    actor_kinds = {"mechanism": t.tr("Issuing mechanism"), "body": t.tr("State body named in the replies")}
    actor_alts = {"mechanism": t.tr("Stacked bar chart: items per issuing mechanism, by status"),
                  "body": t.tr("Stacked bar chart: items per State body named in the replies, by status")}
    # Short choices: both fit side by side on a phone; the chart's hover and alt text name the actor in full.
    actor_choices = {"mechanism": t.tr("Mechanism"), "body": t.tr("State body")}
    actor = st.segmented_control(t.tr("Actor"), list(actor_choices), default="mechanism", key="actor",
                                 bind="query-params", format_func=actor_choices.get, label_visibility="collapsed",
                                 required=True)
    _chart(database.coverage_figure(current, actor, data, horizontal=True, t=t, title=actor_kinds[actor]), actor,
           "by_actor", actor_alts[actor])


if st.session_state.pop(GO, False):
    st.switch_page(OPEN_ITEMS, query_params={})  # None would try to clear the bound parameters, and fail
st.title(t.tr("Overview"))
counts = database.status_counts(current, data)
total = int(counts.sum())
st.caption(t.tr_n("{count} item · {filters}", "{count} items · {filters}", total, filters=plain(current.describe(t))))
# The headline: the question a reviewer opens the tracker with.
today = dt.date.today()
headline_columns = st.columns(3)  # still open, need review, changed since
with headline_columns[2]:  # the date beside the count it sets
    since = st.date_input(t.tr("Changed since"), value=today - dt.timedelta(days=30), max_value=today, key=SINCE,
                          bind="query-params", format=t.tr(DATE_INPUT_FORMAT),
                          help=t.tr("Counts the items whose status a monitor saved, or that followed a change of "
                                    "the curated record, on or after this date."))

st.subheader(t.tr("By status"))
# Each metric as wide as its label (the icon and help mark add four letters' room): Streamlit cuts a label
# that does not fit, and "Atendido parcialmente" is twice "Diferido".
columns = st.columns([max(len(label), 8) + 4 for label in
                      [t.tr("Items")] + [t.tr(STATUS_LABELS[status]) for status in STATUSES]])
columns[0].metric(t.tr("Items"), t.number(total))
for column, status in zip(columns[1:], STATUSES):
    with column:
        st.metric(status_badge(status), t.number(int(counts[status])),
                  help=t.tr("Items whose current status is “{status}”", status=t.tr(STATUS_LABELS[status])))
        _link(t.tr("List them"), narrowed(current, "status", status),
              t.tr("Open items with the status “{status}”", status=t.tr(STATUS_LABELS[status])), f"go-{status}")

if total == 0:
    _headline(headline_columns, since, total)
    st.info(no_match(current.text, t))
    st.stop()

by_part = database.coverage_table(current, "part", data)
# The table's row names are in the reader's language, its no-part row included.
part_names = {part: t.tr(WHOLE_CONVENTION) if part == t.tr(NO_PART) else t.tr("Part {part}", part=part)
              for part in by_part.iloc[:, 0]}
# Short ticks keep ten bars upright on a phone; hover names the part in full.
part_ticks = {part: t.tr("Whole") if part == t.tr(NO_PART) else part for part in by_part.iloc[:, 0]}
st.subheader(t.tr("Coverage by Convention part"))
st.caption(t.tr("Click a bar to list its items. “{whole}”: items that concern the Convention as a whole or no "
                "single part (they list no article).", whole=t.tr("Whole")))
_chart(database.coverage_figure(current, "part", data, t=t, part_names=part_names, ticks=part_ticks,
                                title=t.tr("Convention part")), "part", "by_part",
       t.tr("Stacked bar chart: items per Convention part, by status"))
with st.expander(t.tr("Table: items per part and status")):
    st.dataframe(by_part.assign(**{by_part.columns[0]: by_part.iloc[:, 0].map(part_names)}), hide_index=True)

by_article = database.coverage_table(current, "article", data)
never = int((by_article.iloc[:, -1] == 0).sum())
st.subheader(t.tr("All 93 articles"))
st.caption(t.tr_n("Bars show the items that concern each article, by status; hover names the article, a click lists "
                  "its items. Grey stubs below the axis mark the {count} article never asked about under the "
                  "current filters.",
                  "Bars show the items that concern each article, by status; hover names the article, a click lists "
                  "its items. Grey stubs below the axis mark the {count} articles never asked about under the "
                  "current filters.", never))
_chart(database.coverage_figure(current, "article", data, t=t), "article", "by_article",
       t.tr("Bar chart of all 93 articles by status; grey marks articles never asked about"))
with st.expander(t.tr("Table: items per article and status")):
    st.dataframe(by_article[by_article.iloc[:, -1] > 0], hide_index=True)

left, right = st.columns(2)
with left:
    st.subheader(t.tr("By year of the request"))
    _chart(database.coverage_figure(current, "year", data, t=t, title=t.tr("Year")), "year", "by_year",
           t.tr("Stacked bar chart: items per year, by status"))
with right:
    _by_actor()
_headline(headline_columns, since, total)
