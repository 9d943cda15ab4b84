"""The filter widgets, bound to the URL, and the one Filters object built from them."""

import streamlit as st

from tracker.filters import PARAMS, YEARS, Filters
from tracker.schema import PARTS, STATUS_LABELS, STATUSES
from tracker.store.queries import item_detail
from tracker.ui import database
from tracker.ui.labels import plain

URL = "query-params"
STATUS_PICK = "status-pick"


def _legend(names: dict, prefix: str = "") -> str:
    return "  \n".join(f"**{plain(prefix + key)}**: {plain(name)}" for key, name in names.items())


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


def _remember_status() -> None:
    st.session_state[STATUS_PICK] = st.session_state[PARAMS["statuses"]]


def status_filter(default: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The status filter, shared by the pages that show it.

    Until the user (or a shared link) picks statuses, each page shows its own default: everything on the
    Overview, everything not addressed on Open items. A pick then follows the user across pages. The pick is
    kept under its own key because Streamlit drops a widget's state when the page that rendered it changes.
    """
    state, key = st.session_state, PARAMS["statuses"]
    from_link = STATUS_PICK not in state and key in st.query_params
    if not from_link:
        state[key] = list(state.get(STATUS_PICK, default))
    chosen = st.sidebar.multiselect("Status", STATUSES, key=key, bind=URL, format_func=STATUS_LABELS.get,
                                    placeholder="All statuses", on_change=_remember_status)
    if from_link:
        state[STATUS_PICK] = chosen
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


SELECT_LIMIT = 5000


def item_picker(label: str, key: str = "item", placeholder: str = "") -> str | None:
    """Choose one item: a searchable list for a record of ordinary size, a typed id for a very large one."""
    count = database.choices()["item_count"]
    if count <= SELECT_LIMIT:
        return st.selectbox(label, database.all_ids(database.version()), key=key, bind=URL, index=None,
                            placeholder=placeholder or f"Choose one of {count} item(s)")
    typed = st.text_input(label, key=key, bind=URL, placeholder=f"Type an item id ({count:,} items)").strip()
    return typed or None


def chosen_item(label: str, prompt: str) -> dict | None:
    """The picked item with its details; None, after saying why, when there is none to show."""
    item_id = item_picker(label)
    if item_id is None:
        st.info(prompt)
        return None
    item = item_detail(database.engine(), item_id)
    if item is None:
        st.error(f"There is no item {item_id!r}. It may have been removed from the curated record.")
    return item
