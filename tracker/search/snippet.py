"""The passage of an item's text that shows why it matched, with the matching words marked."""

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine

from tracker.search.index import item_texts
from tracker.search.match import stems
from tracker.search.query import QueryError, fold, parse, terms

Pieces = list[tuple[str, bool]]


def passage(text: str, words: list[str], width: int = 160) -> Pieces:
    """(piece, is_match) pieces of the `width` characters around the first match; [] when nothing matches.

    A word matches when it equals a query word, begins with it (a prefix), or shares its English or Spanish
    stem, compared without case or accents, as the index compares them.
    """
    is_match = _matcher(frozenset(fold(w) for w in words if w))
    if is_match is None:
        return []
    found, end = [], len(text)
    for match in _WORD.finditer(text):
        if found and match.start() >= end:
            break  # the rest of the text is outside the passage: a reply's paragraphs can run to pages
        if is_match(match.group()):
            if not found:
                start = max(0, match.start() - width // 3)
                end = min(len(text), start + width)
            found.append(match)
    if not found:
        return []
    pieces, cursor = [], start
    if start > 0:
        pieces.append(("…", False))
    for match in found:
        if match.start() < cursor or match.end() > end:
            continue
        pieces += [(text[cursor:match.start()], False), (match.group(), True)]
        cursor = match.end()
    pieces.append((text[cursor:end], False))
    if end < len(text):
        pieces.append(("…", False))
    return [(piece, marked) for piece, marked in pieces if piece]


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=64)
def _matcher(wanted: frozenset[str]) -> Callable[[str], bool] | None:
    """Whether a word of a text matches one of the (folded) query words; None when there are none. Remembered
    per word, as the texts of a page of results repeat most of their words."""
    if not wanted:
        return None
    wanted_stems = set(stems(sorted(wanted), "english")) | set(stems(sorted(wanted), "spanish"))

    @lru_cache(maxsize=100_000)
    def is_match(word: str) -> bool:
        folded = fold(word)
        if folded in wanted or any(folded.startswith(w) for w in wanted if len(w) >= 3):
            return True
        return bool({*stems([folded], "english"), *stems([folded], "spanish")} & wanted_stems)

    return is_match


def item_passages(engine: Engine, sources_dir: Path | None, ids: list[str], query: str) -> dict[str, Pieces]:
    """For each of these items whose indexed text shows a word of the query, the passage that shows it.

    The text is the one the index holds (tracker.search.index.item_texts), on one line; a query that cannot
    run shows no passage.
    """
    try:
        words = terms(parse(query))
    except QueryError:
        return {}
    if not words or not ids:
        return {}
    with engine.connect() as conn:
        texts = item_texts(conn, sources_dir, list(ids))
    found = {item: passage(re.sub(r"\s+", " ", texts.get(item, "")), words) for item in ids}
    return {item: pieces for item, pieces in found.items() if pieces}
