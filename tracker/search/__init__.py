"""Full-text search over the items: the query language, the index in the store, and the search itself.

    node = parse("detención -niños")           # QueryError with a plain message for a query that cannot run
    ids = search_ids(engine, "detención -niños")
"""

import numpy as np
from sqlalchemy import Engine

from tracker.search.index import (
    TABLE,
    TABLES,
    add_note,
    indexed_count,
    item_texts,
    keyed,
    matched_keys,
    matching,
    ranked_keys,
    matching_ids_clause,
    outside_index,
    refresh_items,
    reindex,
    write,
)
from tracker.search.keys import KeyPositions, SearchKeyCollision, search_key, search_keys
from tracker.search.query import HELP, QueryError, fold, parse, problem, terms
from tracker.search.snippet import Pieces, item_passages, passage


def matched_ids(engine: Engine, query: str) -> list[str]:
    """Ids of the items the query matches, in no particular order (a filter needs no ranking, which costs most
    of a query that matches many); [] for an empty query."""
    node = parse(query)
    if node is None:
        return []
    with engine.connect() as conn:
        return list(conn.execute(matching_ids_clause(conn.dialect.name, node)).scalars())


def matched_search_keys(engine: Engine, query: str) -> np.ndarray:
    """Search keys (tracker.search.keys) of the items the query matches, unranked, SQLite only; none for an
    empty query."""
    node = parse(query)
    if node is None:
        return np.array([], dtype=np.int64)
    with engine.connect() as conn:
        return matched_keys(conn, node)


def ranked_search_keys(engine: Engine, query: str) -> tuple[np.ndarray, np.ndarray]:
    """(search keys, relevance, higher is better) of the items the query matches, in no order, SQLite only."""
    node = parse(query)
    if node is None:
        return np.array([], dtype=np.int64), np.array([], dtype=np.float64)
    with engine.connect() as conn:
        return ranked_keys(conn, node)


def search_ids(engine: Engine, query: str) -> list[str]:
    """Ids of the items the query matches, most relevant first; [] for an empty query."""
    node = parse(query)
    if node is None:
        return []
    with engine.connect() as conn:
        return [item for item, _rank in matching(conn, node)]


__all__ = ["HELP", "TABLE", "TABLES", "KeyPositions", "Pieces", "QueryError", "SearchKeyCollision", "add_note",
           "indexed_count", "item_passages", "keyed", "matched_ids", "matched_keys", "matched_search_keys",
           "matching_ids_clause", "write", "fold", "item_texts", "matching", "outside_index", "parse", "passage",
           "problem", "ranked_keys", "ranked_search_keys", "refresh_items", "reindex", "search_ids", "search_key", "search_keys", "terms"]
