"""File names that say what a file holds: State, content, the filters in short, the date."""

import re
import unicodedata
from datetime import date

from tracker.coverage import ENGLISH
from tracker.filters import Filters
from tracker.i18n import N_, Translator
from tracker.schema import STATUS_LABELS

NAME_MAX = 120
# What a file holds, as its name says it in each language (`mexico-pendientes-…`, `mexico-informe-…`).
CONTENTS = {"report": N_("report"), "tables": N_("tables"), "briefing": N_("briefing"), "items": N_("items"),
            "open-items": N_("open-items")}


def ascii_name(text: str) -> str:
    """ASCII letters, digits and hyphens only."""
    # "México" gives "Mexico": accents are dropped, anything else outside A-Z and 0-9 becomes a hyphen.
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")


def filters_in_short(filters: Filters, t: Translator = ENGLISH, short_names: dict[str, str] | None = None) -> list[str]:
    """`part-III`, `art-16-17`, `cmw`, `cycle-cmw-3`, `uhri-labels`, `2010-2017`, `search`: one piece per restricted
    dimension, in `t`'s language.

    Mechanisms and bodies go by `short_names` (their acronyms: tracker.store.queries.actor_short_names), else by id.
    """
    pieces = []
    if filters.statuses and not filters.is_open_only:
        pieces.append("-".join(ascii_name(t.tr(STATUS_LABELS[s])).lower() for s in filters.statuses))
    if filters.parts:
        joined = "-".join(filters.parts)
        pieces.append(t.tr("part-{parts}", parts=joined) if len(filters.parts) == 1 else
                      t.tr("parts-{parts}", parts=joined))
    if filters.articles:
        pieces.append(t.tr("art-{articles}", articles="-".join(map(str, filters.articles))))
    pieces += [ascii_name((short_names or {}).get(actor, actor)).lower() for actor in (*filters.mechanisms, *filters.bodies)]
    if filters.cycles:
        pieces.append(t.tr("cycle-{cycles}", cycles="-".join(ascii_name(key).lower() for key in filters.cycles)))
    if filters.uhri_themes or filters.sdgs or filters.affected_persons:
        pieces.append(t.tr("uhri-labels"))  # the labels themselves are too long for a file name
    if filters.year_from is not None or filters.year_to is not None:
        pieces.append(f"{filters.year_from or ''}-{filters.year_to or ''}".strip("-"))
    if filters.text.strip():
        pieces.append(t.tr("search"))
    return [ascii_name(piece) for piece in pieces if piece]


def file_name(state: str, content: str, filters: Filters, day: date, extension: str, t: Translator = ENGLISH,
              short_names: dict[str, str] | None = None) -> str:
    """`mexico-open-items-part-III-2026-12-01.xlsx` / `mexico-pendientes-parte-III-2026-12-01.xlsx`.

    Open-only filters make the content "open-items"; a content of CONTENTS is named in `t`'s language, any other
    (a table's title) as given. Accents are dropped: the name is ASCII.
    """
    if filters.is_open_only and content == "items":
        content = "open-items"
    content = t.tr(CONTENTS[content]) if content in CONTENTS else content
    stem = "-".join(piece for piece in [ascii_name(state).lower() or "state", ascii_name(content).lower(),
                                        *filters_in_short(filters, t, short_names)] if piece)
    stem = stem[:NAME_MAX].rstrip("-")
    return f"{stem}-{day.isoformat()}.{extension.lstrip('.')}"
