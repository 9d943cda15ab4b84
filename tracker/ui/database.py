"""The app's one database handle and cached reads keyed on what the data last changed."""

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from tracker import charts, coverage, serving_index
from tracker.errors import RecordInvalid
from tracker.filters import Filters
from tracker.settings import Settings, load_settings
from tracker.startup import open_database
from tracker.store.crud import history_people
from tracker.store.db import DatabaseError
from tracker.store.changes import data_version
from tracker.store.queries import filter_choices, item_ids, items_by_id
from tracker.ui import guard


@st.cache_resource(show_spinner="Opening the database…")
def _opened(settings: Settings):
    return open_database(settings)


def settings() -> Settings:
    return load_settings()


def engine() -> Engine:
    """The engine, or a clear message and a stopped page when the database or record cannot be used."""
    try:
        return _opened(settings()).engine
    except DatabaseError as exc:
        guard.log.error("Opening the database failed: %s", exc, exc_info=exc)
        st.error(f"**The database cannot be used.** {exc}")
    except RecordInvalid as exc:
        st.error("**The curated record in data/ has problems; nothing was loaded.** "
                 "Run `tracker validate` for the full list.")
        st.code("\n".join(str(p) for p in exc.problems[:20]), language=None)
    st.stop()


VERSION = "data-version"


def begin_run() -> None:
    """Read the data version once per script run; every cached read below is keyed on it."""
    st.session_state[VERSION] = (settings().database_url, *data_version(engine()))


def version() -> tuple:
    """Changes whenever the database, the record or an assessment changes."""
    if VERSION not in st.session_state:
        begin_run()
    return st.session_state[VERSION]


# Reads keyed on (filters, data version): a rerun with unchanged data and filters costs a dictionary lookup.
# Filters hash by their repr: cheaper than Streamlit's generic hashing of a dataclass.
CHEAP = {Filters: repr}


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs=CHEAP)
def status_counts(filters: Filters, data: tuple) -> pd.Series:
    return coverage.status_counts(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=CHEAP)
def coverage_table(filters: Filters, dimension: str, data: tuple) -> pd.DataFrame:
    return coverage.coverage_table(engine(), filters, dimension)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=CHEAP)
def coverage_exports(filters: Filters, data: tuple) -> list:
    from tracker import exports  # openpyxl and python-docx load only when someone exports

    return exports.coverage_tables(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=4)
def _choices(data: tuple) -> dict:
    return filter_choices(engine())


def choices() -> dict:
    """Values the filters can take, plus names and titles to show them with."""
    return _choices(version())


@st.cache_data(show_spinner=False, max_entries=4)
def people(data: tuple) -> list[str]:
    """Everyone who appears in the history."""
    return history_people(engine())


@st.cache_data(show_spinner=False, max_entries=4)
def all_ids(data: tuple) -> list[str]:
    return item_ids(engine())


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=CHEAP)
def matching_ids(filters: Filters, data: tuple) -> list[str]:
    return serving_index.matching_ids(engine(), filters)


@st.cache_data(show_spinner=False, max_entries=256)
def item_rows(ids: tuple[str, ...], data: tuple) -> pd.DataFrame:
    return items_by_id(engine(), list(ids))


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs=CHEAP)
def coverage_figure(filters: Filters, dimension: str, data: tuple, horizontal: bool = False) -> dict:
    """The chart spec of a coverage table, built once per filters and data version."""
    return charts.coverage_figure(coverage_table(filters, dimension, data), dimension, choices()["actor_names"],
                                  choices()["article_parts"], horizontal)
