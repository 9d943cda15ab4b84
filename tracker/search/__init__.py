"""Full-text search over the items: the query language, the index in the store, and the search itself.

    node = parse("detención -niños")           # QueryError with a plain message for a query that cannot run
    ids = search_ids(engine, "detención -niños")
"""

from sqlalchemy import Engine

from tracker.search.index import (
    TABLE,
    TABLES,
    add_note,
    indexed_count,
    item_texts,
    matching,
    matching_ids_clause,
    outside_index,
    refresh_items,
    reindex,
    write,
)
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


def search_ids(engine: Engine, query: str) -> list[str]:
    """Ids of the items the query matches, most relevant first; [] for an empty query."""
    node = parse(query)
    if node is None:
        return []
    with engine.connect() as conn:
        return [item for item, _rank in matching(conn, node)]


__all__ = ["HELP", "TABLE", "TABLES", "Pieces", "QueryError", "add_note", "indexed_count", "item_passages",
           "matched_ids", "matching_ids_clause", "write", "fold", "item_texts", "matching", "outside_index", "parse",
           "passage", "problem", "refresh_items", "reindex", "search_ids", "terms"]
