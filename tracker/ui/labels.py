"""How statuses, items and authors read on screen: an icon and a word, never colour alone; never an address."""

import re
import string
from collections.abc import Callable

from tracker import search
from tracker.i18n import N_
from tracker.privacy import ANONYMOUS_LABEL, display_names, who_label
from tracker.schema import STATUS_LABELS, THEME_LABELS
from tracker.store.sync import CURATION
from tracker.ui import database, language

# Material icons ship with Streamlit, so they render where no emoji font is installed.
STATUS_ICONS = {
    "addressed": ":green[:material/check_circle:]",
    "partial": ":orange[:material/incomplete_circle:]",
    "deferred": ":blue[:material/schedule:]",
    "not_addressed": ":red[:material/cancel:]",
}
SECTION_LABELS = {"general": N_("General information"), "new-measures": N_("New measures"), "data": N_("Data")}

# CommonMark lets a backslash escape any ASCII punctuation. Escaping all of it leaves no construct to build:
# no link, image, HTML, emphasis, `===` heading underline, and no bare URL or e-mail address that GFM autolinks.
_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in string.punctuation})


def status_label(status: str) -> str:
    """A status's label in the reader's language (an unknown value as it is)."""
    return language.current().tr(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def status_badge(status: str) -> str:
    """Icon and label, for Markdown contexts (labels, captions, metrics)."""
    return f"{STATUS_ICONS.get(status, '')} {status_label(status)}"


def theme_label(slug: str) -> str:
    """A theme slug as a reader names it (`labour-rights` → labour rights / derechos laborales)."""
    return language.current().tr(THEME_LABELS[slug]) if slug in THEME_LABELS else slug.replace("-", " ")


def section_label(section: str | None) -> str:
    t = language.current()
    if not section:
        return t.tr("not known")
    if section in SECTION_LABELS:
        return t.tr(SECTION_LABELS[section])
    return t.tr("Part {part}", part=section.removeprefix("part-")) if section.startswith("part-") else section


# GFM turns bare URLs and e-mail addresses into links after escapes are resolved, so escaping cannot stop it; an
# invisible word joiner before "://", after "www" and before "@" breaks the patterns and changes nothing shown.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]):(?=//)|(?<=www)(?=\.)|@")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Text to place inside Markdown so that it shows as written: no links, HTML or formatting."""
    return _AUTOLINK.sub(lambda match: WORD_JOINER + match.group(), text).translate(_MARKDOWN_SPECIAL)


def document_label(document) -> str:
    """A document as the page names it, its symbol or else its title, as plain text."""
    return plain(document["symbol"] or document["title"])


def plain_list(values, empty: str = "—") -> str:
    """Curated values joined with commas, each as plain text."""
    return ", ".join(plain(str(value)) for value in values) or empty


def author_labeller(role: str | None) -> Callable[[str], str]:
    """How the author of a change reads for a viewer with `role` (None: not signed in); see tracker.privacy."""
    names = display_names(database.engine()) if role is not None else {}
    t = language.current()
    # The labels that name a role or the system, not a person, are words of the interface.
    words = {ANONYMOUS_LABEL: t.tr(ANONYMOUS_LABEL), CURATION: t.tr("curation")}

    def label(name: str) -> str:
        shown = who_label(name, role, names)
        return words.get(shown, shown)
    return label


# How a date box writes its date, translated as one of the forms Streamlit knows (YYYY/MM/DD, DD/MM/YYYY or
# MM/DD/YYYY, with "/", "-" or "." between): Spanish readers write the day first.
DATE_INPUT_FORMAT = N_("YYYY-MM-DD")
NO_MATCH = N_("No item matches these filters. Widen the status or clear a filter in the sidebar.")


def search_problem(text: str, t) -> str | None:
    """Why the search `text` cannot run, in `t`'s language; None when it can."""
    if problem := search.problem(text):
        return t.tr("This search cannot run, so no item matches it. {reason}", reason=plain(problem.translated(t)))
    return None


def no_match(text: str, t) -> str:
    """Why no item shows, in `t`'s language: a search that cannot run, else filters that exclude everything."""
    return search_problem(text, t) or t.tr(NO_MATCH)
