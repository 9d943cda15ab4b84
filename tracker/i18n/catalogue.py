"""The messages the code marks for translation, and how each language's catalogue covers them."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tracker.i18n.translator import DOMAIN, LOCALE_DIR

# The marker functions (see tracker/i18n/__init__.py); `tr_n` takes singular and plural.
KEYWORDS = {"tr": None, "tr_n": (1, 2), "N_": None}
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def marked_messages(root: Path) -> set[str]:
    """Every msgid marked in the code under `root`, as `pybabel extract -F babel.cfg` finds them."""
    with open(root / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            root, method_map, options_map, keywords=KEYWORDS):
        found.update(message if isinstance(message, tuple) else (message,))
    return found


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_problems(language: str, wanted: set[str]) -> list[str]:
    """One line per message the language's catalogue lacks, leaves fuzzy, or whose placeholders differ."""
    with open(po_path(language), "rb") as po:
        catalogue = read_po(po, locale=language)
    problems = []
    for msgid in sorted(wanted):
        entry = catalogue.get(msgid) or next((m for m in catalogue if isinstance(m.id, tuple) and msgid in m.id), None)
        if entry is None:
            problems.append(f"{po_path(language).name} ({language}): missing: {msgid!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            problems.append(f"{language}: untranslated or fuzzy: {msgid!r}")
        elif any(set(_PLACEHOLDER.findall(s)) != set(_PLACEHOLDER.findall(msgid)) for s in strings
                 if isinstance(entry.id, str)):
            problems.append(f"{language}: placeholders differ: {msgid!r}")
    return problems
