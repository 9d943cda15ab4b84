"""The filter widgets, bound to the URL, and the one Filters object built from them."""

import streamlit as st

from tracker import search
from tracker.filters import LABEL_FILTERS, PARAMS, YEARS, Filters
from tracker.i18n import N_
from tracker.schema import CONFIDENCE_LABELS, CONFIDENCES, OPEN_STATUSES, PARTS, STATUSES
from tracker.store.queries import item_detail
from tracker.ui import database, language
from tracker.ui.labels import plain, search_problem, status_label

URL = "query-params"
# The bound widgets whose options show words of the interface (so the address holds them in the reader's language).
PERSON = "who"  # the History page's person filter
WORDED = (PARAMS["statuses"], PERSON)


def _legend(names: dict) -> str:
    return "  \n".join(f"**{plain(key)}**: {plain(name)}" for key, name in names.items())


# The pages that filter by status, by url path (the Overview, the default page, has the empty one), and what an
# empty status filter means on each.
STATUS_PAGES = {"": (), "open-items": OPEN_STATUSES, "export": ()}
_PAGE_DEFAULT = "status-page-default"


def _multiselect(label: str, options, param: str, **details):
    """A sidebar filter bound to the address under `param`, without Streamlit's "Select all" (written in English
    only, and picking every option is the same as picking none)."""
    return st.sidebar.multiselect(label, options, key=param, bind=URL, select_all=False, **details)


def shared_panel(page: str) -> None:
    """The filters pages share, rendered by the entrypoint for the page at url path `page`.

    Every filter widget lives here, bound to the address: Streamlit keeps entrypoint-bound parameters across page
    switches and restores them on Back and Forward, so the address always holds what the widgets hold. No value is
    copied between pages or set from code: a copy set from code does not reach the address. An empty status filter
    is left out of the address and means the page's own default, so an address opened anew shows the same.
    """
    _note_page(page)
    choices, t = database.choices(), language.current()
    names = choices["actor_names"]
    sidebar = st.sidebar
    sidebar.header(t.tr("Filters"))
    # Rendered on every page so that it never unmounts, which would drop the pick (and Streamlit restores a
    # persisted value over the address on Back). Pages that do not filter by status show it disabled.
    default = STATUS_PAGES.get(page, ())
    st.session_state[_PAGE_DEFAULT] = default
    # The status options show their labels in the reader's language, and the URL carries what the widget shows.
    _multiselect(t.tr("Status"), STATUSES, PARAMS["statuses"], format_func=status_label,
                 disabled=page not in STATUS_PAGES,
                 placeholder=t.tr("All open statuses (default)") if default else t.tr("All statuses"),
                 help=(t.tr("Empty: everything not addressed, this page's default.") if default else
                       t.tr("Empty: all statuses.") if page in STATUS_PAGES else
                       t.tr("This page does not filter by status; the pick is kept for the Overview, Open "
                            "items and Export.")))
    # The other options show their raw values, the same in every language, so links stay short and work in any
    # language; the help names each value.
    _multiselect(t.tr("Convention part"), PARTS, PARAMS["parts"], placeholder=t.tr("All parts"),
                 help=_legend({t.tr("Part {part}", part=p): choices["part_titles"].get(p, "") for p in PARTS}))
    _multiselect(t.tr("Article"), list(range(1, 94)), PARAMS["articles"],
                 placeholder=t.tr("All articles"),
                 help=t.tr("Article numbers of the Convention; the Item page shows their titles."))
    _multiselect(t.tr("Issuing mechanism"), choices["mechanisms"], PARAMS["mechanisms"],
                 placeholder=t.tr("All mechanisms"),
                 help=_legend({a: names.get(a, a) for a in choices["mechanisms"]}))
    _multiselect(t.tr("State body named in the reply"), choices["bodies"], PARAMS["bodies"],
                 placeholder=t.tr("Any body"), help=_legend({a: names.get(a, a) for a in choices["bodies"]}))
    low, high = choices["years"]
    if low is not None and low < high:
        sidebar.slider(t.tr("Year of the request"), low, high, (low, high), key=YEARS, bind=URL)
    _multiselect(t.tr("Confidence of the curated status"), CONFIDENCES, PARAMS["confidences"],
                 placeholder=t.tr("Any confidence"),
                 help=t.tr("How sure the curators are of the status they recorded (see the assessment "
                           "method).") + "  \n" + _legend({c: t.tr(CONFIDENCE_LABELS[c]) for c in CONFIDENCES}))
    sidebar.text_input(t.tr("Search id, topic, summary"), key=PARAMS["text"], bind=URL, max_chars=200,
                       placeholder=t.tr("e.g. detention"))
    search_notes(sidebar)
    _cycle_and_uhri_filters(choices)


def search_notes(sidebar) -> None:
    """Under the search box: why a search cannot run (it then matches nothing, everywhere), and how to write one."""
    t = language.current()
    if problem := search_problem(st.session_state.get(PARAMS["text"]) or "", t):
        sidebar.warning(problem, icon=":material/search_off:")
    with sidebar.expander(t.tr("How to search")):
        st.markdown(t.tr(search.HELP))


# Each UHRI label filter: its label and its placeholder.
_UHRI_FILTERS = {"uhri_themes": (N_("UHRI theme"), N_("Any theme")),
                 "sdgs": (N_("Sustainable Development Goal"), N_("Any goal")),
                 "affected_persons": (N_("Affected persons"), N_("Anyone"))}


def _cycle_and_uhri_filters(choices: dict) -> None:
    """The reporting cycle and the UHRI labels, each shown only when the record holds such values."""
    t = language.current()
    names = choices["actor_names"]
    cycles = {key: t.tr("{mechanism}, cycle {number}", mechanism=names.get(mechanism, mechanism), number=number)
              for key, mechanism, number in choices["cycles"]}
    if cycles:
        # The options are the cycles' keys, as the URL carries them (a label would tie a link to one language).
        _multiselect(t.tr("Reporting cycle"), list(cycles), PARAMS["cycles"],
                     placeholder=t.tr("All cycles"),
                     help=t.tr("The reporting cycle of the document that raised the item.") + "  \n"
                     + _legend(cycles))
    for name, (label, placeholder) in _UHRI_FILTERS.items():
        if choices[name]:
            _multiselect(t.tr(label), choices[name], PARAMS[name], placeholder=t.tr(placeholder),
                         help=t.tr("As the Universal Human Rights Index labels the items it lists."))


def current() -> Filters:
    """The Filters the widgets hold now; an empty status filter means the page's default."""
    state = st.session_state
    years = state.get(YEARS)
    full = database.choices()["years"]
    year_from, year_to = (years if years and tuple(years) != tuple(full) else (None, None))
    statuses = tuple(state.get(PARAMS["statuses"]) or state.get(_PAGE_DEFAULT, ()))
    return Filters(
        statuses=() if set(statuses) == set(STATUSES) else statuses,
        parts=tuple(state.get(PARAMS["parts"]) or ()),
        articles=tuple(state.get(PARAMS["articles"]) or ()),
        mechanisms=tuple(state.get(PARAMS["mechanisms"]) or ()),
        bodies=tuple(state.get(PARAMS["bodies"]) or ()),
        year_from=year_from,
        year_to=year_to,
        text=(state.get(PARAMS["text"]) or "").strip(),
        confidences=tuple(state.get(PARAMS["confidences"]) or ()),
        **{name: tuple(state.get(PARAMS[name]) or ()) for name in (*LABEL_FILTERS, "cycles")},
    )


SELECT_LIMIT = 5000
# What the page before this run was, and this one (url paths): a picker tells a page switch, which drops its
# parameter from the address, from Back or Forward to an address without one.
_RUN_PAGES = "run-pages"
# Long labels end in an ellipsis where the box ends, at any width, and keep their full text for typing to find.
_ELLIPSIS = """<style>
[data-testid="stSelectboxVirtualDropdown"] [data-item-hl] {display: block; align-content: center;
  text-overflow: ellipsis}
[data-testid="stSelectbox"] input {text-overflow: ellipsis}
</style>"""


def _note_page(page: str) -> None:
    before = st.session_state.get(_RUN_PAGES, (None, None))[1]
    st.session_state[_RUN_PAGES] = (before, page)


def item_label(item_id: str, topic: str) -> str:
    """`CMW-2016-Q01 — How the Migration Act …`: how an item reads in a list to pick from."""
    topic = " ".join(topic.split())
    return f"{item_id} — {topic}" if topic else item_id


def _chosen_key(key: str) -> str:
    return f"{key}:chosen"


def _address_key(key: str) -> str:
    return f"{key}:in-address"


def show_item(item_id: str, key: str = "item") -> None:
    """The picker `key` holds `item_id` from the next run on, and the address says so (a callback, or before the
    picker is drawn)."""
    st.session_state[_chosen_key(key)] = item_id


def _picked(key: str) -> None:
    show_item(st.session_state[key], key)


def _follow_address(key: str) -> str | None:
    """The item picker `key` holds: the address's `?key=` when it changed under the picker (a link, Back, Forward,
    an address typed or opened anew), else the one this session chose. A page switch drops the parameter (it is
    not bound to a widget), and the chosen item then stays."""
    state, address = st.session_state, st.query_params.get(key) or None
    before, now = state.get(_RUN_PAGES, (None, None))
    if address != state.get(_address_key(key)) and (address is not None or before == now):
        state[_chosen_key(key)] = address
    return state.get(_chosen_key(key))


def _to_address(key: str, item_id: str | None) -> None:
    if item_id is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != item_id:
        st.query_params[key] = item_id
    st.session_state[_address_key(key)] = item_id


def item_picker(label: str, key: str = "item", placeholder: str = "") -> str | None:
    """Choose one item: a searchable list of "id — topic" for a record of ordinary size, a typed id for a very
    large one. None when no item is chosen, or when the address names one the record does not hold (said so).

    The list is not bound to the address: a bound widget writes its label there. As the language picker does, it
    keeps the pick in this session and writes only `?key=<id>` into the address, which it follows when the address
    changes under it."""
    count, t = database.choices()["item_count"], language.current()
    if count > SELECT_LIMIT:
        typed = st.text_input(label, key=key, bind=URL,
                              placeholder=t.tr_n("Type an item id ({count} item)", "Type an item id ({count} items)",
                                                 count)).strip()
        return typed or None
    topics, state = database.topics(), st.session_state
    chosen = _follow_address(key)
    shown = chosen if chosen in topics else None
    # Set on every run: after a page switch the state can still hold the value while the new page's widget
    # starts empty.
    state[key] = shown
    st.html(_ELLIPSIS)
    # Typing finds the typed text anywhere in the label: over long topics Streamlit's default fuzzy match ranks
    # first items that merely hold the typed letters, scattered.
    st.selectbox(label, list(topics), key=key, index=None, format_func=lambda item: item_label(item, topics[item]),
                 on_change=_picked, args=(key,), filter_mode="contains",
                 placeholder=placeholder or t.tr_n("Choose the one item", "Choose one of {count} items", count))
    _to_address(key, chosen)
    if chosen is not None and shown is None:
        _no_such_item(chosen)
    return shown


def _no_such_item(item_id: str) -> None:
    st.error(language.current().tr("There is no item {item}. It may have been removed from the curated record.",
                                   item=plain(repr(item_id))))


def chosen_item(label: str, prompt: str) -> dict | None:
    """The picked item with its details; None, after saying why, when there is none to show."""
    item_id = item_picker(label)
    if item_id is None:
        st.info(prompt)
        return None
    item = item_detail(database.engine(), item_id, language.current().language)
    if item is None:
        _no_such_item(item_id)
    return item
