"""The notes the tracker itself writes into the store (history notes, review reasons), and the same notes in a
reader's language.

They are stored in English, as written since the first release (backups and older databases hold them so), and
translated where they are shown by reading their values back out of the English text.
"""

import re
from functools import cache

from tracker.i18n import N_, Term, Words
from tracker.schema import STATUS_LABELS

CURATION = "curation"  # the history's author and source for what the curated record changes
CURATION_LOADED = N_("Curated status loaded from data/responses.yaml")
CURATION_CHANGED = N_("Curated status changed from {old} to {new} in data/responses.yaml")
CURATION_FLAGGED = N_("The curated status changed from {old} to {new}; the monitors' assessment ({kept}) was kept. "
                      "Review it.")
_TEMPLATES = (CURATION_LOADED, CURATION_CHANGED, CURATION_FLAGGED)
_STATUS_TERMS = {label: Term(label) for label in STATUS_LABELS.values()}


def note(template: str, **statuses: str) -> str:
    """The English note to store, with these statuses (codes) in it."""
    return str(Words(template, **{name: Term(STATUS_LABELS[code]) for name, code in statuses.items()}))


@cache
def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)  # text, name, text, name, …, text
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>{'|'.join(map(re.escape, _STATUS_TERMS))})"
                              for i, part in enumerate(parts)))


def in_language(stored: str | None, t) -> str | None:
    """A stored note in `t`'s language when the tracker wrote it; anyone else's words as they were written."""
    if not stored:
        return stored
    for template in _TEMPLATES:
        found = _pattern(template).fullmatch(stored)
        if found:
            return Words(template, **{name: _STATUS_TERMS[value] for name, value in found.groupdict().items()}
                         ).in_language(t)
    return stored


def history_note(stored: str, source: str, t) -> str:
    """A history row's note as the reader sees it: the curated record's notes translated, a monitor's as written."""
    return in_language(stored, t) if source == CURATION else stored
