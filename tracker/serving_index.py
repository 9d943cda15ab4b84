"""Which item index serves a database: the one in memory, kept current; else its disk copy, checked; else a build.

One index per database address is shared by every session. A copy on disk lets a restarted server skip the
build; it is keyed on the database's instance and restore generation and used only once it agrees with the
database (tracker.item_index says how that is checked).
"""

import hashlib
import logging
from functools import lru_cache
from pathlib import Path

import numpy as np
from sqlalchemy import Engine

from tracker import search
from tracker.filters import Filters
from tracker.item_index import ItemIndex
from tracker.settings import load_settings
from tracker.store.changes import DataVersion, data_version

log = logging.getLogger(__name__)

_INDEXES: dict[str, ItemIndex] = {}  # per database address: the index of the database there now


def filtered(engine: Engine, filters: Filters) -> tuple[ItemIndex, np.ndarray]:
    """The current index and the mask of the items the filters select."""
    index = item_index(engine)
    text = filters.text.strip()
    return index, index.mask(filters, _text_matches(engine, index, text) if text else None)


def _text_matches(engine: Engine, index: ItemIndex, text: str) -> np.ndarray:
    """Which of the index's items the search text matches; one text change asks this once per chart, so the
    answer is kept with the index (a refreshed index starts afresh)."""
    found = index.text_matches.get(text)
    if found is None:
        if len(index.text_matches) >= _TEXTS_KEPT:
            index.text_matches.clear()
        if engine.dialect.name == "postgresql":
            found = index.among(_matched_ids(engine, index.version, text))
        else:  # the FTS rowids alone, which are the items' search keys (tracker.search.keys)
            found = index.among_keys(_matched_keys(engine, index.version, text))
        index.text_matches[text] = found
    return found


_TEXTS_KEPT = 64


@lru_cache(maxsize=_TEXTS_KEPT)
def _matched_ids(engine: Engine, version: DataVersion, text: str) -> list[str]:
    # Monitors' notes are searched too, so an answer holds for one data version; a query that cannot run
    # matches nothing (the page says why). A filter needs which items match, not how well: no ranking.
    try:
        return search.matched_ids(engine, text)
    except search.QueryError:
        return []


@lru_cache(maxsize=_TEXTS_KEPT)
def _matched_keys(engine: Engine, version: DataVersion, text: str) -> np.ndarray:
    try:
        return search.matched_search_keys(engine, text)
    except search.QueryError:
        return np.array([], dtype=np.int64)


def matching_ids(engine: Engine, filters: Filters, by_relevance: bool = False) -> list[str]:
    """The ids the filters select, in id order or, with a search, most relevant to it first."""
    index, mask = filtered(engine, filters)
    text = filters.text.strip()
    if not (by_relevance and text):
        return index.ids[mask].tolist()
    selected = set(index.ids[mask].tolist())  # the search's ranking, kept to the items the other filters select
    return [item for item in _ranked_ids(engine, index.version, text) if item in selected]


@lru_cache(maxsize=_TEXTS_KEPT)
def _ranked_ids(engine: Engine, version: DataVersion, text: str) -> list[str]:
    try:
        return search.search_ids(engine, text)
    except search.QueryError:
        return []


def _cache_file(url: str, version: DataVersion) -> Path:
    key = f"{url}#{version.instance}#{version.generation}"
    return load_settings().cache_dir / f"items-{hashlib.sha256(key.encode()).hexdigest()[:16]}.npz"


def _from_disk(engine: Engine, path: Path, version: DataVersion) -> ItemIndex:
    """The saved index brought up to date if it agrees with the database, else a fresh build (saved)."""
    if path.is_file():
        try:
            stored = ItemIndex.load(path)
        except Exception as exc:  # noqa: BLE001 - whatever is wrong with derived data, the database rebuilds it
            log.warning("The item index in %s is damaged (%s: %s); rebuilding it from the database.",
                        path, type(exc).__name__, exc)
        else:
            if stored.reflects(version):
                index = stored.refresh(engine, version)
                problem = index.disagreement(engine)
                if problem is None:
                    return index
                log.warning("The item index in %s disagrees with the database (%s); rebuilding it.", path, problem)
    index = ItemIndex.build(engine)
    try:
        index.save(path)
    except OSError as exc:
        log.warning("Cannot save the item index to %s (%s); the next start rebuilds it.", path, exc)
    return index


def item_index(engine: Engine) -> ItemIndex:
    """The index for this database, built once and then kept current (shared by every session)."""
    version = data_version(engine)
    url = engine.url.render_as_string(hide_password=False)
    current = _INDEXES.get(url)
    if current is not None and current.reflects(version):
        index = current.refresh(engine, version)
    else:  # first use, another database at this address, a restore, or a new record
        index = _from_disk(engine, _cache_file(url, version), version)
    _INDEXES[url] = index
    return index
