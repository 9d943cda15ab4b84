"""Languages of the interface: the per-session translator, how a language is chosen, and local formats.

Strings in the code are English and marked for extraction with `tr`, `tr_n` (plurals) and `N_` (a constant
translated later, where it is shown). Catalogues live in `locale/<lang>/LC_MESSAGES/tracker.po`, compiled to
`.mo` with `pybabel compile`. Nothing here is process-global: each session asks for its own `Translator`.
"""

from tracker.i18n.choose import DEFAULT_LANGUAGE, LANGUAGES, resolve_language
from tracker.i18n.record import Localized, localized, marked_english
from tracker.i18n.refusal import Either, Refusal, Term, Words
from tracker.i18n.translator import PSEUDO, Translator, translator


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated where it is shown."""
    return message


__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Either", "Localized", "N_", "PSEUDO", "Refusal", "Term", "Translator", "Words",
           "localized", "marked_english", "resolve_language", "translator"]
