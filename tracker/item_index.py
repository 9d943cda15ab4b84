"""An in-memory columnar index of the items: filters and coverage in milliseconds at hundreds of thousands.

The curated part (years, mechanisms, parts, articles, bodies) is read once per curated digest with a handful
of set-based queries; statuses follow the append-only history by its commit-ordered change number (`seq`, see
tracker.store.changes), so a save costs one small query for the changes committed since, not a rebuild.
Free-text search stays in SQL, which the index then intersects (on SQLite through the matches' search keys,
tracker.search.keys).

The index is derived data and is never trusted blindly: it is keyed on the database's instance and restore
generation, and a copy read back from disk must pass its checksum and then agree with the database's statuses
before it is used; anything else is logged and rebuilt from the database (tracker.serving_index decides
which index serves a database, and keeps its disk copy).
"""

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine, case, select

from tracker.filters import LABEL_FILTERS, Filters
from tracker.schema import ARTICLE_COUNT, CONFIDENCES, PARTS, STATUSES, UHRI_LABELS
from tracker.search.keys import KeyPositions
from tracker.store.changes import DataVersion, data_version, read_version
from tracker.store.models import AssessmentEvent
from tracker.store.queries import CYCLE_KEY, RA, RB, RL, RP, RS, A, D, R, addressed_to_state

_STATUS_CODE = {status: code for code, status in enumerate(STATUSES)}
_STATUS_IN_SQL = case(_STATUS_CODE, value=A.c.status, else_=-1)  # a status the schema does not know differs
_PART_BIT = {part: 1 << n for n, part in enumerate(PARTS)}
E = AssessmentEvent.__table__


def _columns(conn, stmt, width: int) -> list[np.ndarray]:
    # The driver's own rows: the columns read here are text and integers, which need no conversion, and
    # SQLAlchemy's Row objects cost a third of a build at hundreds of thousands of rows.
    rows = conn.execute(stmt).cursor.fetchall()
    if not rows:
        return [np.array([], dtype=object) for _ in range(width)]
    return [np.array(column, dtype=object) for column in zip(*rows)]


def _codes(values: np.ndarray) -> tuple[np.ndarray, list]:
    codes, names = pd.factorize(values, sort=True)
    return codes.astype(np.int32), list(names)


def _curated_confidence(ids: pd.Index, replies: list[np.ndarray]) -> np.ndarray:
    """Per item, the confidence code of the response its curated status comes from (the latest reply by
    document year, else the latest related response); -1 where none is recorded."""
    frame = pd.DataFrame({"item": replies[0], "is_reply": replies[1] == "reply", "year": replies[2],
                          "id": replies[3], "confidence": replies[4]})
    latest = frame.sort_values(["is_reply", "year", "id"]).drop_duplicates("item", keep="last")
    codes = np.full(len(ids), -1, dtype=np.int8)
    positions = ids.get_indexer(latest["item"])
    known = (positions >= 0) & latest["confidence"].isin(CONFIDENCES).to_numpy()
    codes[positions[known]] = [CONFIDENCES.index(c) for c in latest["confidence"][known]]
    return codes


@dataclass
class ItemIndex:
    """Columns over the active items, in id order; link arrays pair an item position with a value."""

    ids: pd.Index
    status: np.ndarray
    year: np.ndarray
    mechanism: np.ndarray
    mechanisms: list[str]
    part_mask: np.ndarray
    article_item: np.ndarray
    article: np.ndarray
    body_item: np.ndarray
    body: np.ndarray
    bodies: list[str]
    confidence: np.ndarray  # code in CONFIDENCES of the curated status's confidence; -1 when not recorded
    cycle: np.ndarray  # code in `cycles` of the item's document's cycle; -1 outside any cycle
    cycles: list[str]
    label_item: np.ndarray  # UHRI labels: the item's position, the kind (index in UHRI_LABELS), the code in `labels`
    label_kind: np.ndarray
    label: np.ndarray
    labels: list[str]
    version: DataVersion  # the database state it reflects: every change up to version.seq applied
    # where each item's search key sits (SQLite's full-text rows are keyed so, tracker.search.keys); from the ids
    search_positions: KeyPositions = field(repr=False, compare=False)
    # search text -> which items it matches, filled by tracker.serving_index; a refreshed index starts empty
    text_matches: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def digest(self) -> str | None:
        return self.version.digest

    def reflects(self, version: DataVersion) -> bool:
        """True when only changes after our own separate us from `version` (same database, restore, record)."""
        return version[:3] == self.version[:3] and version.seq >= self.version.seq

    @classmethod
    def build(cls, engine: Engine) -> "ItemIndex":
        with engine.connect() as conn:
            # Read first: rows committed after it are in the arrays too, and replaying them later is harmless.
            version = read_version(conn)
            # Plain tuples into numpy: building DataFrames from 10^5 SQLAlchemy rows costs seconds.
            items = _columns(conn, select(R.c.id, A.c.status, R.c.year, R.c.mechanism, CYCLE_KEY)
                             .select_from(R.join(A, A.c.recommendation_id == R.c.id)
                                          .join(D, D.c.id == R.c.document_id)).where(R.c.active)
                             .order_by(R.c.id), 5)
            labels = _columns(conn, select(RL.c.recommendation_id, RL.c.kind, RL.c.label), 3)
            parts = _columns(conn, select(RP.c.recommendation_id, RP.c.part_id), 2)
            articles = _columns(conn, select(RA.c.recommendation_id, RA.c.article), 2)
            bodies = _columns(conn, select(RS.c.recommendation_id, RB.c.actor_id).distinct()
                              .select_from(RB.join(RS, RS.c.id == RB.c.response_id)
                                           .join(R, R.c.id == RS.c.recommendation_id))
                              .where(addressed_to_state()), 2)
            replies = _columns(conn, select(RS.c.recommendation_id, RS.c.relation, D.c.year, RS.c.id, RS.c.confidence)
                               .select_from(RS.join(D, D.c.id == RS.c.document_id)), 5)
        ids = pd.Index(items[0], dtype=object)
        part_pos = ids.get_indexer(parts[0])
        part_mask = np.zeros(len(ids), dtype=np.uint16)
        known = part_pos >= 0
        np.bitwise_or.at(part_mask, part_pos[known],
                          np.array([_PART_BIT[p] for p in parts[1]], dtype=np.uint16)[known])
        article_item = ids.get_indexer(articles[0])
        body_item = ids.get_indexer(bodies[0])
        body_codes, body_names = _codes(bodies[1])
        mechanism_codes, mechanism_names = _codes(items[3])
        cycle_codes, cycle_names = _codes(items[4])  # factorize gives a missing cycle the code -1
        label_item = ids.get_indexer(labels[0])
        label_codes, label_names = _codes(labels[2])
        label_kinds = np.array([UHRI_LABELS.index(kind) for kind in labels[1]], dtype=np.int8)
        return cls(
            ids=ids, status=np.array([_STATUS_CODE[s] for s in items[1]], dtype=np.int8),
            year=np.array(items[2], dtype=np.int32), mechanism=mechanism_codes, mechanisms=mechanism_names,
            part_mask=part_mask,
            article_item=article_item[article_item >= 0].astype(np.int32),
            article=np.array(articles[1], dtype=np.int32)[article_item >= 0],
            body_item=body_item[body_item >= 0].astype(np.int32), body=body_codes[body_item >= 0],
            bodies=body_names, confidence=_curated_confidence(ids, replies),
            cycle=cycle_codes.astype(np.int16), cycles=cycle_names,
            label_item=label_item[label_item >= 0].astype(np.int32), label_kind=label_kinds[label_item >= 0],
            label=label_codes[label_item >= 0],
            labels=label_names, version=version, search_positions=KeyPositions.of(items[0]),
        )

    def refresh(self, engine: Engine, version: DataVersion | None = None) -> "ItemIndex":
        """The index at `version` (default: now): changes committed since applied, or rebuilt when it is not
        the same database, restore and record any more."""
        version = version or data_version(engine)
        if not self.reflects(version):
            return ItemIndex.build(engine)
        if version.seq == self.version.seq:
            return self
        with engine.connect() as conn:
            # Every change numbered up to version.seq has committed (the counter is taken in commit order).
            changes = _columns(conn, select(E.c.recommendation_id, E.c.new_status)
                               .where(E.c.seq > self.version.seq, E.c.seq <= version.seq)
                               .order_by(E.c.seq, E.c.id), 2)
        status = self.status.copy()
        positions = self.ids.get_indexer(changes[0])
        known = positions >= 0
        # Later events come later in the arrays, and numpy assigns in order: the last status wins.
        status[positions[known]] = np.array([_STATUS_CODE[s] for s in changes[1]], dtype=np.int8)[known]
        return replace(self, status=status, version=version)

    def _stored(self) -> dict[str, np.ndarray]:
        meta = {"mechanisms": self.mechanisms, "bodies": self.bodies, "cycles": self.cycles, "labels": self.labels,
                "version": list(self.version)}
        return {"ids": np.array(self.ids, dtype=str), "meta": np.array(json.dumps(meta)),
                **{name: getattr(self, name) for name in _ARRAYS}}

    def save(self, path: Path) -> None:
        """Write the index with its data version and a checksum, so that a restarted server need not rebuild it."""
        stored = self._stored()
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp.npz")
        np.savez(partial, checksum=np.array(_checksum(stored)), **stored)
        partial.replace(path)

    @classmethod
    def load(cls, path: Path) -> "ItemIndex":
        """The index saved at `path`; raises CacheDamaged (or whatever numpy raises) for a damaged file."""
        with np.load(path, allow_pickle=False) as npz:
            stored = {name: npz[name] for name in ("ids", "meta", *_ARRAYS)}
            if str(npz["checksum"]) != _checksum(stored):
                raise CacheDamaged("its checksum does not match its contents")
        meta = json.loads(str(stored["meta"]))
        ids = stored["ids"].astype(object)
        index = cls(ids=pd.Index(ids, dtype=object), mechanisms=meta["mechanisms"],
                    bodies=meta["bodies"], cycles=meta["cycles"], labels=meta["labels"],
                    version=DataVersion(*meta["version"]), search_positions=KeyPositions.of(ids),
                    **{name: stored[name] for name in _ARRAYS})
        index._check_shape()
        return index

    def _check_shape(self) -> None:
        count = len(self.ids)
        if not (self.ids.is_unique and all(len(getattr(self, name)) == count for name in _ARRAYS[:6])
                and len(self.article) == len(self.article_item) and len(self.body) == len(self.body_item)
                and len(self.label) == len(self.label_item) == len(self.label_kind)
                and all(len(items) == 0 or 0 <= items.min() <= items.max() < count
                        for items in (self.article_item, self.body_item, self.label_item))):
            raise CacheDamaged("its arrays do not fit together")

    def disagreement(self, engine: Engine) -> str | None:
        """Why this index is not the database's, in words, or None when every active item's status agrees.

        Reads the statuses between two reads of the change counter, so that they are the state at one counter
        value, and compares them with the index brought to exactly that value. It is the first visit's largest
        cost after a load or a restart, so the database sends them in the index's own order (by id, as `build`
        reads them) and as codes: the ids then compare as two lists and the statuses as two arrays, with no
        lookup of each id (half the time at 270,000 items).
        """
        with engine.connect() as conn:
            before = read_version(conn)
            rows = conn.execute(select(R.c.id, _STATUS_IN_SQL).select_from(R.join(A, A.c.recommendation_id == R.c.id))
                                .where(R.c.active).order_by(R.c.id)).cursor.fetchall()
            after = read_version(conn)
        if after != before:
            return "the database changed while it was being checked"
        if not self.reflects(before):
            return f"it is for {self.version}, the database is at {before}"
        current = self.refresh(engine, before)
        if [row[0] for row in rows] != current.ids.tolist():
            return "its items are not the database's active items"
        statuses = np.fromiter((row[1] for row in rows), dtype=np.int8, count=len(rows))
        wrong = np.flatnonzero(current.status != statuses)
        if len(wrong):
            return f"{len(wrong)} status(es) differ from the database's, e.g. {rows[wrong[0]][0]}"
        return None

    def _linked(self, items: np.ndarray, values: np.ndarray, wanted) -> np.ndarray:
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[items[np.isin(values, wanted)]] = True
        return mask

    def mask(self, filters: Filters, text_matches: np.ndarray | None = None) -> np.ndarray:
        """True for the items the filters select; a text search needs `text_matches`, the `among` of the ids the
        database found for it."""
        mask = np.ones(len(self.ids), dtype=bool)
        if filters.statuses:
            mask &= np.isin(self.status, [_STATUS_CODE[s] for s in filters.statuses])
        if filters.parts:
            mask &= (self.part_mask & sum(_PART_BIT[p] for p in filters.parts)) != 0
        if filters.articles:
            mask &= self._linked(self.article_item, self.article, list(filters.articles))
        if filters.mechanisms:
            mask &= np.isin(self.mechanism, [self.mechanisms.index(m) for m in filters.mechanisms
                                             if m in self.mechanisms])
        if filters.bodies:
            mask &= self._linked(self.body_item, self.body, [self.bodies.index(b) for b in filters.bodies
                                                              if b in self.bodies])
        if filters.confidences:
            mask &= np.isin(self.confidence, [CONFIDENCES.index(c) for c in filters.confidences])
        for name, kind in LABEL_FILTERS.items():
            if getattr(filters, name):
                of_kind = self.label_kind == UHRI_LABELS.index(kind)
                wanted = [self.labels.index(label) for label in getattr(filters, name) if label in self.labels]
                mask &= self._linked(self.label_item[of_kind], self.label[of_kind], wanted)
        if filters.cycles:
            mask &= np.isin(self.cycle, [self.cycles.index(c) for c in filters.cycles if c in self.cycles])
        if filters.year_from is not None:
            mask &= self.year >= filters.year_from
        if filters.year_to is not None:
            mask &= self.year <= filters.year_to
        if filters.text.strip():
            mask &= text_matches if text_matches is not None else False
        return mask

    def among(self, ids: list[str]) -> np.ndarray:
        """True for the items whose id is in `ids`."""
        return self.ids.isin(ids)

    def among_keys(self, keys: np.ndarray) -> np.ndarray:
        """True for the items whose search key is in `keys`; raises SearchKeyCollision if two items share one."""
        return self.search_positions.mask(keys)

    def ranked(self, keys: np.ndarray, relevance: np.ndarray, mask: np.ndarray) -> list[str]:
        """The ids of the masked items among these search keys, most relevant first, then by id."""
        positions = self.search_positions.positions_of(keys)
        kept = positions >= 0
        kept[kept] = mask[positions[kept]]
        # Positions follow the ids' order in the database, so they break ties as `ORDER BY rank DESC, item_id`.
        order = np.lexsort((positions[kept], -relevance[kept]))
        return self.ids[positions[kept][order]].tolist()

    def status_counts(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.status[mask], minlength=len(STATUSES))

    def counts_by(self, dimension: str, mask: np.ndarray) -> tuple[list, np.ndarray]:
        """(category labels, counts[category, status]) for the masked items; parts end with the no-part row."""
        if dimension == "part":
            rows = [self.status_counts(mask & ((self.part_mask & bit) != 0)) for bit in _PART_BIT.values()]
            rows.append(self.status_counts(mask & (self.part_mask == 0)))
            return [*PARTS, None], np.array(rows)
        if dimension == "year":
            labels, codes = np.unique(self.year, return_inverse=True)
            return labels.tolist(), self._grid(codes[mask], self.status[mask], len(labels))
        if dimension == "mechanism":
            return self.mechanisms, self._grid(self.mechanism[mask], self.status[mask], len(self.mechanisms))
        items, values, labels = ((self.article_item, self.article, list(range(ARTICLE_COUNT + 1)))
                                 if dimension == "article" else (self.body_item, self.body, self.bodies))
        chosen = mask[items]
        return labels, self._grid(values[chosen], self.status[items[chosen]], len(labels))

    @staticmethod
    def _grid(categories: np.ndarray, statuses: np.ndarray, size: int) -> np.ndarray:
        width = len(STATUSES)
        return np.bincount(categories * width + statuses, minlength=size * width).reshape(size, width)


class CacheDamaged(ValueError):
    """A saved index that cannot be trusted; it is rebuilt from the database."""


def _checksum(stored: dict[str, np.ndarray]) -> str:
    digest = hashlib.sha256()
    for name in sorted(stored):
        array = np.ascontiguousarray(stored[name])
        digest.update(f"{name}:{array.dtype.str}:{array.shape}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


# The first six hold one value per item; the rest are the article, body and label links.
_ARRAYS = ("status", "year", "mechanism", "part_mask", "confidence", "cycle", "article_item", "article", "body_item",
           "body", "label_item", "label_kind", "label")
