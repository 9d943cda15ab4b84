"""File names that say what a file holds: State, content, the filters in short, the date."""

import re
import unicodedata
from datetime import date

from tracker.filters import Filters
from tracker.schema import STATUS_LABELS

NAME_MAX = 120


def _short(text: str) -> str:
    # "México" gives "Mexico": accents are dropped, anything else outside A-Z and 0-9 becomes a hyphen.
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")


def filters_in_short(filters: Filters) -> list[str]:
    """`part-III`, `art-16-17`, `cmw`, `cycle-cmw-3`, `uhri-labels`, `2010-2017`, `search`: one piece per
    restricted dimension."""
    pieces = []
    if filters.statuses and not filters.is_open_only:
        pieces.append("-".join(_short(STATUS_LABELS[s]).lower() for s in filters.statuses))
    if filters.parts:
        pieces.append(("part-" if len(filters.parts) == 1 else "parts-") + "-".join(filters.parts))
    if filters.articles:
        pieces.append("art-" + "-".join(map(str, filters.articles)))
    pieces += [_short(value).lower() for value in (*filters.mechanisms, *filters.bodies)]
    if filters.cycles:
        pieces.append("cycle-" + "-".join(_short(key).lower() for key in filters.cycles))
    if filters.uhri_themes or filters.sdgs or filters.affected_persons:
        pieces.append("uhri-labels")  # the labels themselves are too long for a file name
    if filters.year_from is not None or filters.year_to is not None:
        pieces.append(f"{filters.year_from or ''}-{filters.year_to or ''}".strip("-"))
    if filters.text.strip():
        pieces.append("search")
    return [piece for piece in pieces if piece]


def file_name(state: str, content: str, filters: Filters, day: date, extension: str) -> str:
    """`mexico-open-items-part-III-2026-12-01.xlsx`; open-only filters make the content "open-items"."""
    if filters.is_open_only and content == "items":
        content = "open-items"
    stem = "-".join(piece for piece in [_short(state).lower() or "state", _short(content).lower(),
                                        *filters_in_short(filters)] if piece)
    stem = stem[:NAME_MAX].rstrip("-")
    return f"{stem}-{day.isoformat()}.{extension.lstrip('.')}"
