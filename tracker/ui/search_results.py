"""A list under a search: most relevant first, and the passage that shows why each item matched."""

import streamlit as st

from tracker.filters import Filters
from tracker.search import Pieces
from tracker.ui import database, language
from tracker.ui.labels import plain

RELEVANCE = "relevance"  # the query parameter of the order; absent means most relevant first


def ranked(filters: Filters, ids: list[str], data: tuple) -> list[str]:
    """The listed ids, most relevant first while there is a search and the reader keeps that order."""
    if not filters.text:
        return ids
    t = language.current()
    if not st.checkbox(t.tr("Most relevant first"), value=True, key=RELEVANCE, bind="query-params",
                       help=t.tr("Untick to list the items by id.")):
        return ids
    return database.matching_ids(filters, data, by_relevance=True)


def highlighted(pieces: Pieces) -> str:
    """Markdown of a passage: the matching words in bold, every piece shown as written (no markup of its own)."""
    return "".join(f"**{plain(piece)}**" if is_match else plain(piece) for piece, is_match in pieces)


def passages(filters: Filters, shown: list[str], data: tuple) -> None:
    """Under the list, the passage of each shown item that matched the search, in the list's order."""
    if not filters.text:
        return
    found = database.passages(tuple(shown), filters.text, data)
    if not found:
        return
    t = language.current()
    with st.expander(t.tr("Where the search words appear"), expanded=True):
        st.markdown("\n".join(f"- **{plain(item)}**: {highlighted(found[item])}" for item in shown if item in found))
