"""The passage of an item's text that shows why it matched, with the matching words marked."""

import re
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
    wanted = {fold(w) for w in words if w}
    if not wanted:
        return []
    wanted_stems = set(stems(sorted(wanted), "english")) | set(stems(sorted(wanted), "spanish"))
    found = [m for m in re.finditer(r"\w+", text) if _matches(fold(m.group()), wanted, wanted_stems)]
    if not found:
        return []
    start = max(0, found[0].start() - width // 3)
    end = min(len(text), start + width)
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


def _matches(word: str, wanted: set[str], wanted_stems: set[str]) -> bool:
    if word in wanted or any(word.startswith(w) for w in wanted if len(w) >= 3):
        return True
    return bool({*stems([word], "english"), *stems([word], "spanish")} & wanted_stems)


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
