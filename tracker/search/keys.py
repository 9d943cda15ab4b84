"""Search keys: the rowid of an item's row in SQLite's full-text index, derived from the item's id alone.

A filter then reads only the rowids of the matches (`SELECT rowid … MATCH`), which spares FTS5 a lookup of
the item id in its content table per match (most of a query that matches tens of thousands), and the item
index maps them to its positions with `KeyPositions`. Because the key is a function of the id, re-indexing an
item gives its row the same rowid, so the mapping cannot drift from what the index holds.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

KEY_BYTES = 8  # a signed 64-bit integer: SQLite's rowid


def search_keys(ids: Sequence[str]) -> np.ndarray:
    """Each id's key: the first 8 bytes of its BLAKE2b digest, read as a big-endian signed 64-bit integer."""
    digests = b"".join(hashlib.blake2b(item.encode(), digest_size=KEY_BYTES).digest() for item in ids)
    return np.frombuffer(digests, dtype=">i8").astype(np.int64)


def search_key(item: str) -> int:
    return int(search_keys([item])[0])


class SearchKeyCollision(ValueError):
    """Two item ids with the same search key: the full-text index cannot tell them apart."""

    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"The items {first!r} and {second!r} have the same search key, so the full-text search "
                         "cannot tell them apart; rename one of them in the record.")
        self.items = (first, second)




@dataclass(frozen=True)
class KeyPositions:
    """Where each search key's item sits in an id array: its keys sorted, with their positions."""

    sorted_keys: np.ndarray
    positions: np.ndarray
    collision: tuple[str, str] | None  # two ids of the array with one key; `mask` refuses to answer then

    @classmethod
    def of(cls, ids: Sequence[str], keys: np.ndarray | None = None) -> "KeyPositions":
        """The positions of `ids` (whose keys, if given, are `keys`)."""
        keys = search_keys(ids) if keys is None else keys
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        same = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1])
        collision = (ids[order[same[0]]], ids[order[same[0] + 1]]) if len(same) else None
        return cls(sorted_keys, order, collision)

    def positions_of(self, keys: np.ndarray) -> np.ndarray:
        """The position of each key's item, -1 for a key of no item here."""
        if self.collision is not None:
            raise SearchKeyCollision(*self.collision)
        if len(self.sorted_keys) == 0:
            return np.full(len(keys), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.sorted_keys, keys), len(self.sorted_keys) - 1)
        return np.where(self.sorted_keys[at] == keys, self.positions[at], -1)

    def mask(self, keys: np.ndarray) -> np.ndarray:
        """True at the positions of the items these keys belong to; a key of no item here is left out."""
        found = self.positions_of(keys)
        mask = np.zeros(len(self.positions), dtype=bool)
        mask[found[found >= 0]] = True
        return mask
