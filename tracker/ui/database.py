"""The app's one database handle and cached reads keyed on what the data last changed."""

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from tracker import charts, coverage, search, serving_index
from tracker.errors import RecordInvalid
from tracker.filters import Filters
from tracker.headline import Headline, headline as headline_figures
from tracker.i18n import Translator, translator
from tracker.settings import Settings, load_settings
from tracker.startup import open_database, search_sources
from tracker.store.crud import history_people
from tracker.store.db import DatabaseError
from tracker.store.changes import data_version
from tracker.store.queries import actor_short_names, filter_choices, item_topics, items_by_id
from tracker.ui import guard, language


@st.cache_resource(show_spinner="Opening the database…")
def _opened(settings: Settings):
    return open_database(settings)


def settings() -> Settings:
    return load_settings()


_WARMED = threading.Event()  # clear while the server's warm-up runs
_WARMED.set()


@asynccontextmanager
async def warm_up(_app) -> AsyncIterator[None]:
    """As the server starts, open the database and its item index in the background (st.App's lifespan).

    A visitor who comes later finds both ready; one who comes sooner waits for what is left (engine() waits)
    rather than doing it a second time. The index is checked against the database as on any first use.
    """
    _WARMED.clear()
    threading.Thread(target=_warm, name="tracker-warm-up", daemon=True).start()
    yield


def _warm() -> None:
    try:
        serving_index.item_index(_opened(settings()).engine)
    except Exception as exc:  # noqa: BLE001 - the first visit opens the database itself and says what is wrong
        guard.log.warning("Opening the database as the server started failed (%s); the first visit tries again.",
                          exc.__class__.__name__, exc_info=exc)
    finally:
        _WARMED.set()


def engine() -> Engine:
    """The engine, or a clear message and a stopped page when the database or record cannot be used."""
    _WARMED.wait()
    try:
        return _opened(settings()).engine
    except DatabaseError as exc:
        guard.log.error("Opening the database failed: %s", exc, exc_info=exc)
        st.error(language.current().tr("**The database cannot be used.** {reason}", reason=exc))
    except RecordInvalid as exc:
        st.error(language.current().tr("**The curated record in data/ has problems; nothing was loaded.** "
                                       "Run `tracker validate` for the full list."))
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


def reading() -> str:
    """The session's language, which every read of text a person reads is keyed on as well."""
    from tracker.ui import language  # it reads the settings through this module

    return language.current().language


# Reads keyed on (filters, data version): a rerun with unchanged data and filters costs a dictionary lookup.
# Filters hash by their repr: cheaper than Streamlit's generic hashing of a dataclass.
CHEAP = {Filters: repr}


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs=CHEAP)
def status_counts(filters: Filters, data: tuple) -> pd.Series:
    return coverage.status_counts(engine(), filters)


def coverage_table(filters: Filters, dimension: str, data: tuple, language: str | None = None) -> pd.DataFrame:
    """The coverage table with its headers and row names in `language` (the session's when None)."""
    return _coverage_table(filters, dimension, data, language or reading())


@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=CHEAP)
def _coverage_table(filters: Filters, dimension: str, data: tuple, language: str) -> pd.DataFrame:
    return coverage.coverage_table(engine(), filters, dimension, translator(language))


def coverage_exports(filters: Filters, data: tuple, language: str | None = None) -> list:
    return _coverage_exports(filters, data, language or reading())


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=CHEAP)
def _coverage_exports(filters: Filters, data: tuple, language: str) -> list:
    from tracker import exports  # openpyxl and python-docx load only when someone exports

    return exports.coverage_tables(engine(), filters, translator(language))


@st.cache_data(show_spinner=False, max_entries=8)
def _choices(data: tuple, language: str) -> dict:
    return filter_choices(engine(), language)


def choices(language: str | None = None) -> dict:
    """Values the filters can take, plus names and titles to show them with, in `language` (the session's)."""
    return _choices(version(), language or reading())


def short_names(language: str | None = None) -> dict[str, str]:
    """Each actor's acronym in the session's language, else its id: for file names."""
    return _short_names(version(), language or reading())


@st.cache_data(show_spinner=False, max_entries=4)
def _short_names(data: tuple, language: str) -> dict[str, str]:
    return actor_short_names(engine(), language)


@st.cache_data(show_spinner=False, max_entries=4)
def people(data: tuple) -> list[str]:
    """Everyone who appears in the history."""
    return history_people(engine())


def topics(language: str | None = None) -> dict[str, str]:
    """Every item's topic in `language` (the session's), by id in id order: what the item pickers show."""
    return _topics(version(), language or reading())


@st.cache_data(show_spinner=False, max_entries=8)
def _topics(data: tuple, language: str) -> dict[str, str]:
    return item_topics(engine(), language)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=CHEAP)
def matching_ids(filters: Filters, data: tuple, by_relevance: bool = False) -> list[str]:
    return serving_index.matching_ids(engine(), filters, by_relevance)


@st.cache_data(show_spinner=False, max_entries=64)
def passages(ids: tuple[str, ...], query: str, data: tuple) -> dict:
    """The passage that shows why each of these items matched the search (tracker.search.item_passages)."""
    return search.item_passages(engine(), search_sources(settings()), list(ids), query)


def item_rows(ids: tuple[str, ...], data: tuple, language: str | None = None) -> pd.DataFrame:
    return _item_rows(ids, data, language or reading())


@st.cache_data(show_spinner=False, max_entries=256)
def _item_rows(ids: tuple[str, ...], data: tuple, language: str) -> pd.DataFrame:
    return items_by_id(engine(), list(ids), language)


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs={**CHEAP, Translator: lambda t: t.language})
def coverage_figure(filters: Filters, dimension: str, data: tuple, horizontal: bool = False, *,
                    t: Translator = charts.ENGLISH, part_names: dict | None = None, ticks: dict | None = None,
                    title: str | None = None) -> dict:
    """The chart spec of a coverage table, built once per filters, data version and language."""
    return charts.coverage_figure(coverage_table(filters, dimension, data, t.language), dimension, choices()["actor_names"],
                                  choices()["article_parts"], horizontal, t=t, part_names=part_names, ticks=ticks,
                                  title=title, article_titles=choices()["article_titles"])


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=CHEAP)
def headline(filters: Filters, since: datetime, data: tuple) -> Headline:
    """The Overview's headline figures (tracker.headline), once per filters, date and data version."""
    return headline_figures(engine(), filters, since)
