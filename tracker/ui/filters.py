"""The filter widgets, bound to the URL, and the one Filters object built from them."""

import streamlit as st

from tracker.filters import PARAMS, YEARS, Filters
from tracker.schema import PARTS, STATUS_LABELS, STATUSES
from tracker.ui import database

URL = "query-params"


def _legend(names: dict, prefix: str = "") -> str:
    return "  \n".join(f"**{prefix}{key}**: {name}" for key, name in names.items())


def shared_panel() -> None:
    """Filters every page shares; rendered by the entrypoint so their URL parameters survive page switches."""
    choices = database.choices()
    names = choices["actor_names"]
    sidebar = st.sidebar
    sidebar.header("Filters")
    # Options show their raw values: the URL carries what the widget shows, so short values keep links short.
    sidebar.multiselect("Convention part", PARTS, key=PARAMS["parts"], bind=URL, placeholder="All parts",
                        help=_legend({p: choices["part_titles"].get(p, "") for p in PARTS}, "Part "))
    sidebar.multiselect("Article", list(range(1, 94)), key=PARAMS["articles"], bind=URL, placeholder="All articles",
                        help="Article numbers of the Convention; the Item page shows their titles.")
    sidebar.multiselect("Issuing mechanism", choices["mechanisms"], key=PARAMS["mechanisms"], bind=URL,
                        placeholder="All mechanisms", help=_legend({a: names.get(a, a) for a in choices["mechanisms"]}))
    sidebar.multiselect("State body named in the reply", choices["bodies"], key=PARAMS["bodies"], bind=URL,
                        placeholder="Any body", help=_legend({a: names.get(a, a) for a in choices["bodies"]}))
    low, high = choices["years"]
    if low is not None and low < high:
        sidebar.slider("Year of the request", low, high, (low, high), key=YEARS, bind=URL)
    sidebar.text_input("Search id, topic, summary", key=PARAMS["text"], bind=URL, max_chars=200,
                       placeholder="e.g. detention")


def status_filter(default: tuple[str, ...] = STATUSES) -> tuple[str, ...]:
    """The status filter; each page sets its own default (Open items: everything not addressed)."""
    chosen = st.sidebar.multiselect("Status", STATUSES, default=list(default), key=PARAMS["statuses"], bind=URL,
                                    format_func=STATUS_LABELS.get, placeholder="All statuses")
    return tuple(chosen)


def current(statuses: tuple[str, ...] = ()) -> Filters:
    """The Filters the widgets hold now."""
    state = st.session_state
    years = state.get(YEARS)
    full = database.choices()["years"]
    year_from, year_to = (years if years and tuple(years) != tuple(full) else (None, None))
    return Filters(
        statuses=() if set(statuses) == set(STATUSES) else statuses,
        parts=tuple(state.get(PARAMS["parts"]) or ()),
        articles=tuple(state.get(PARAMS["articles"]) or ()),
        mechanisms=tuple(state.get(PARAMS["mechanisms"]) or ()),
        bodies=tuple(state.get(PARAMS["bodies"]) or ()),
        year_from=year_from,
        year_to=year_to,
        text=(state.get(PARAMS["text"]) or "").strip(),
    )
