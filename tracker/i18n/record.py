"""The curated record's texts in a reader's language: the translation where the record has one, else English.

English read in place of a missing translation is marked, in the reader's language, with a trailing
"(in English)" (`Oficina de albergues (en inglés)`): the reader knows the record lacks the text, not the page.
"""

from dataclasses import dataclass

from tracker.i18n.choose import DEFAULT_LANGUAGE
from tracker.i18n.translator import Translator


@dataclass(frozen=True)
class Localized:
    text: str | None
    language: str  # the language `text` is in: the reader's, or English where no translation exists

    def is_fallback(self, wanted: str) -> bool:
        """True when the reader asked for another language and reads English instead."""
        return self.text is not None and self.language != wanted


def localized(english: str | None, translations: dict | None, language: str, field: str) -> Localized:
    """A field of a record in `language`, falling back to the curated English text."""
    if language != DEFAULT_LANGUAGE:
        translated = ((translations or {}).get(language) or {}).get(field)
        if translated:
            return Localized(translated, language)
    return Localized(english, DEFAULT_LANGUAGE)


def shown(english: str | None, translations: dict | None, t: Translator, field: str) -> str | None:
    """The field as a reader of `t.language` sees it: translated, else the English marked as English."""
    found = localized(english, translations, t.language, field)
    return marked_english(found.text, t) if found.is_fallback(t.language) else found.text


def marked_english(text: str, t: Translator) -> str:
    """An English text as a reader of `t.language` sees it: marked as English in any other language. Also for the
    texts the record keeps in English only (curators' notes and boundaries)."""
    return text if t.language == DEFAULT_LANGUAGE else t.tr("{text} (in English)", text=text)


def actor_label(name: str, acronym: str | None, translations: dict | None, t: Translator) -> str:
    """`Instituto Nacional de Migración (INM)`: the body's name in the reader's language, with its acronym.

    An acronym is the body's own (Mexico's bodies keep INM, COMAR in English texts too), so where the reader's
    language has none, the one another language gives is shown.
    """
    label = shown(name, translations, t, "name")
    short = actor_acronym(acronym, translations, t.language)
    return f"{label} ({short})" if short and short != label else label


def actor_acronym(acronym: str | None, translations: dict | None, language: str) -> str | None:
    """The body's acronym in `language`, else the one another language gives, else None."""
    return localized(acronym, translations, language, "acronym").text or next(
        (texts["acronym"] for texts in (translations or {}).values() if (texts or {}).get("acronym")), None)
