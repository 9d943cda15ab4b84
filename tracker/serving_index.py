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
            found = index.among(_asked(engine, index.version, search.matched_ids, text))
        else:  # the FTS rowids alone, which are the items' search keys (tracker.search.keys)
            found = index.among_keys(_asked(engine, index.version, search.matched_search_keys, text))
        index.text_matches[text] = found
    return found


_TEXTS_KEPT = 64
_NO_KEYS = np.array([], dtype=np.int64)
# The tracker.search functions whose answers the filters use, each with what it answers for a query that
# cannot run: nothing (the page says why).
_NOTHING = {search.matched_ids: [], search.matched_search_keys: _NO_KEYS, search.search_ids: [],
            search.ranked_search_keys: (_NO_KEYS, np.array([], dtype=np.float64))}


@lru_cache(maxsize=2 * _TEXTS_KEPT)
def _asked(engine: Engine, version: DataVersion, ask, text: str):
    # Monitors' notes are searched too, so an answer holds for one data version. A filter needs which items
    # match, not how well: only a list by relevance asks for the ranking.
    try:
        return ask(engine, text)
    except search.QueryError:
        return _NOTHING[ask]


def matching_ids(engine: Engine, filters: Filters, by_relevance: bool = False) -> list[str]:
    """The ids the filters select, in id order or, with a search, most relevant to it first."""
    index, mask = filtered(engine, filters)
    text = filters.text.strip()
    if not (by_relevance and text):
        return index.ids[mask].tolist()
    if engine.dialect.name != "postgresql":  # the FTS rowids and their bm25, which are the items' search keys
        return index.ranked(*_asked(engine, index.version, search.ranked_search_keys, text), mask)
    selected = set(index.ids[mask].tolist())  # the search's ranking, kept to the items the other filters select
    return [item for item in _asked(engine, index.version, search.search_ids, text) if item in selected]


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
