"""The curated record's texts in a reader's language: the translation where the record has one, else English."""

from dataclasses import dataclass

from tracker.i18n.choose import DEFAULT_LANGUAGE


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
