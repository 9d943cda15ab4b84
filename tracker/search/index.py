"""The full-text index of the items, in the store: what it holds, how it is rebuilt, and how it is asked.

SQLite keeps an FTS5 table of folded words and their English and Spanish stems; PostgreSQL keeps one tsvector
per item over the `simple`, `english` and `spanish` configurations with `unaccent`. Both hold the same text
per item: its id, topic and notes, its UHRI themes, SDGs and affected persons (for an imported UHRI record), the
summaries and rationales of its responses, each in English and in every language the record translates it into,
the monitors' notes and, where the source documents are at hand, the text of the reply paragraphs it cites.
"""

from collections import defaultdict
from pathlib import Path

import numpy as np
from sqlalchemy import Connection, Engine, String, bindparam, select, text

from tracker.schema import parse_paragraph_ref
from tracker.search.keys import KeyPositions, SearchKeyCollision, search_key, search_keys
from tracker.search.match import PG_DOCUMENT, fts5_columns, fts5_match, pg_tsquery
from tracker.search.query import Node
from tracker.sources import cited_texts
from tracker.store.models import AssessmentEvent, Document, Recommendation, RecommendationLabel, Response

R, RS, D, E = Recommendation.__table__, Response.__table__, Document.__table__, AssessmentEvent.__table__
RL = RecommendationLabel.__table__
TABLE = "item_search"
# Tables the index's engine keeps beside it (FTS5 shadow tables); not SQLModel tables, so Alembic's
# comparison with the models leaves them alone.
TABLES = frozenset({TABLE, *(f"{TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config"))})


def outside_index(name: str, type_: str, _parents=None) -> bool:
    """Alembic's `include_name`: compare every table but the index's own with the models."""
    return not (type_ == "table" and name in TABLES)


def item_texts(conn: Connection, sources_dir: Path | None, ids: list[str] | None = None) -> dict[str, str]:
    """The searchable text of each active item (or of `ids`), as one string per item."""
    where = R.c.active if ids is None else R.c.id.in_(bindparam("ids", expanding=True))
    params = {} if ids is None else {"ids": list(ids)}
    parts: dict[str, list[str]] = defaultdict(list)
    # An item's notes for readers hold what an imported UHRI record adds to its first sentence, the topic.
    for row in conn.execute(select(R.c.id, R.c.topic, R.c.notes, R.c.translations).where(where), params):
        parts[row.id].extend([row.id, row.topic or "", *(row.notes or []), *_translated(row.translations, ("topic",))])
    # The UHRI's themes, SDGs and affected persons, as OHCHR writes them.
    for row in conn.execute(select(RL.c.recommendation_id, RL.c.label)
                            .select_from(RL.join(R, R.c.id == RL.c.recommendation_id)).where(where), params):
        parts[row.recommendation_id].append(row.label)
    sources = {row.id: row.source_file for row in conn.execute(select(D.c.id, D.c.source_file))}
    for row in conn.execute(select(RS.c.recommendation_id, RS.c.summary, RS.c.rationale, RS.c.translations,
                                   RS.c.document_id, RS.c.paragraphs)
                            .select_from(RS.join(R, R.c.id == RS.c.recommendation_id)).where(where), params):
        parts[row.recommendation_id].extend([row.summary, row.rationale,
                                             *_translated(row.translations, ("summary", "rationale"))])
        source = sources.get(row.document_id)
        if sources_dir is not None and source and (sources_dir / source).is_file():
            refs = [parse_paragraph_ref(p) for p in row.paragraphs or []]
            parts[row.recommendation_id].extend(t for _, t in cited_texts(sources_dir / source, refs) if t)
    for row in conn.execute(select(E.c.recommendation_id, E.c.note).select_from(E.join(R, R.c.id == E.c.recommendation_id))
                            .where(where, E.c.source == "monitor"), params):
        parts[row.recommendation_id].append(row.note)
    return {item: "\n".join(p for p in texts if p) for item, texts in parts.items()}


def _translated(translations: dict | None, fields: tuple[str, ...]) -> list[str]:
    """The record's translations of these fields, every language (a reader searches in any of them)."""
    return [texts[field] for _, texts in sorted((translations or {}).items()) for field in fields
            if (texts or {}).get(field)]


def write(conn: Connection, texts: dict[str, str], replace_all: bool = False) -> None:
    """Store the texts of these items in the index, replacing what it held for them (or everything).

    On SQLite each row's rowid is the item's search key (tracker.search.keys); raises SearchKeyCollision, and
    writes nothing, for two items whose keys are equal.
    """
    if conn.dialect.name == "postgresql":
        if replace_all:
            conn.execute(text(f"DELETE FROM {TABLE}"))
        elif texts:
            conn.execute(text(f"DELETE FROM {TABLE} WHERE item_id IN :ids").bindparams(bindparam("ids", expanding=True)),
                         {"ids": list(texts)})
        if texts:
            conn.execute(text(f"INSERT INTO {TABLE} (item_id, doc) VALUES (:item, {PG_DOCUMENT})"),
                         [{"item": item, "text": body} for item, body in texts.items()])
        return
    items = list(texts)
    item_keys = search_keys(items)
    collision = KeyPositions.of(items, item_keys).collision
    if collision is not None:
        raise SearchKeyCollision(*collision)
    keys = dict(zip(item_keys.tolist(), items))
    if replace_all:
        conn.execute(text(f"DELETE FROM {TABLE}"))
    elif keys:
        held = conn.execute(text(f"SELECT rowid, item_id FROM {TABLE} WHERE rowid IN :keys")
                            .bindparams(bindparam("keys", expanding=True)), {"keys": list(keys)}).all()
        other = next(((keys[key], item) for key, item in held if keys[key] != item), None)
        if other is not None:  # another item's row under one of these keys: replacing it would lose that item
            raise SearchKeyCollision(*other)
        conn.execute(text(f"DELETE FROM {TABLE} WHERE rowid IN :keys").bindparams(bindparam("keys", expanding=True)),
                     {"keys": list(keys)})
    if keys:
        conn.execute(text(f"INSERT INTO {TABLE} (rowid, item_id, raw, en, es) VALUES (:key, :item, :raw, :en, :es)"),
                     [{"key": key, "item": item, **fts5_columns(texts[item])} for key, item in keys.items()])


def reindex(engine: Engine, sources_dir: Path | None) -> int:
    """Rebuild the whole index from the store; return the number of items indexed."""
    with engine.begin() as conn:
        texts = item_texts(conn, sources_dir)
        write(conn, texts, replace_all=True)
    return len(texts)


def refresh_items(conn: Connection, sources_dir: Path | None, ids: list[str]) -> None:
    """Re-index these items inside the caller's transaction (after a save adds a note, say)."""
    write(conn, item_texts(conn, sources_dir, ids))


def add_note(conn: Connection, item_id: str, note: str) -> None:
    """Add a monitor's new note to the item's indexed text, inside the saving transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"UPDATE {TABLE} SET doc = doc || {PG_DOCUMENT} WHERE item_id = :item"),
                     {"item": item_id, "text": note})
        return
    columns = fts5_columns(note)
    conn.execute(text(f"UPDATE {TABLE} SET raw = raw || ' ' || :raw, en = en || ' ' || :en, es = es || ' ' || :es "
                      "WHERE rowid = :key"), {"key": search_key(item_id), **columns})


def indexed_count(conn: Connection) -> int:
    return conn.execute(text(f"SELECT count(*) FROM {TABLE}")).scalar_one()


def keyed(conn: Connection) -> bool:
    """False when the index's rows are not keyed by `search_key` (SQLite): an index written before rows were
    keyed (rowids 1, 2, …), or by a version of the tracker that derived keys otherwise. Its first and last rows
    are checked: every row is written by `write`, so one wrong key means the whole index was written otherwise."""
    if conn.dialect.name == "postgresql":
        return True
    rows = [conn.execute(text(f"SELECT rowid, item_id FROM {TABLE} ORDER BY rowid {order} LIMIT 1")).first()
            for order in ("ASC", "DESC")]
    return all(row is None or row.rowid == search_key(row.item_id) for row in rows)


def matching_ids_clause(dialect: str, node: Node):
    """SELECT item_id of the items the query matches, to use in `id IN (…)`."""
    if dialect == "postgresql":
        params: dict = {}
        query = pg_tsquery(node, params)
        clause = text(f"SELECT item_id FROM {TABLE} WHERE doc @@ {query}").bindparams(**params)
    else:
        clause = text(f"SELECT item_id FROM {TABLE} WHERE {TABLE} MATCH :match").bindparams(match=fts5_match(node))
    return clause.columns(item_id=String)


def matched_keys(conn: Connection, node: Node) -> np.ndarray:
    """The search keys of the items the query matches, SQLite only: the rowids alone, with no lookup of each
    match's item id in the index's content table (tracker.search.keys)."""
    rows = conn.exec_driver_sql(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH ?", (fts5_match(node),)).fetchall()
    return np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))


def ranked_keys(conn: Connection, node: Node) -> tuple[np.ndarray, np.ndarray]:
    """(search keys, relevance) of the items the query matches, in no order, SQLite only: `matching`'s
    relevance without its item ids (the caller orders the matches it keeps, by relevance then id)."""
    rows = conn.exec_driver_sql(f"SELECT rowid, -bm25({TABLE}) FROM {TABLE} WHERE {TABLE} MATCH ?",
                                (fts5_match(node),)).fetchall()
    return (np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)),
            np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows)))


def matching(conn: Connection, node: Node) -> list[tuple[str, float]]:
    """(item id, relevance) of the items the query matches, most relevant first, then by id."""
    if conn.dialect.name == "postgresql":
        params: dict = {}
        query = pg_tsquery(node, params)
        stmt = text(f"SELECT item_id, ts_rank(doc, q) AS rank FROM {TABLE}, ({'SELECT ' + query} AS q) AS query "
                    "WHERE doc @@ q ORDER BY rank DESC, item_id")
        return [(row.item_id, float(row.rank)) for row in conn.execute(stmt, params)]
    # bm25 is lower for better matches; negate it so that, on both engines, higher is more relevant.
    stmt = text(f"SELECT item_id, -bm25({TABLE}) AS rank FROM {TABLE} WHERE {TABLE} MATCH :match "
                "ORDER BY rank DESC, item_id")
    return [(row.item_id, float(row.rank)) for row in conn.execute(stmt, {"match": fts5_match(node)})]
