"""Record texts in the reader's language, English where a translation is missing, and marked as such."""

import pytest

from tracker.i18n import localized
from tracker.settings import PROJECT_ROOT
from tracker.validation import load_record

ES = {"es": {"name": "Instituto Nacional de Migración", "acronym": "INM"}}


@pytest.mark.parametrize("english, translations, language, field, text, shown_in", [
    ("National Institute for Migration", ES, "es", "name", "Instituto Nacional de Migración", "es"),
    ("National Institute for Migration", ES, "en", "name", "National Institute for Migration", "en"),
    ("National Institute for Migration", None, "es", "name", "National Institute for Migration", "en"),
    ("National Institute for Migration", {"es": {}}, "es", "name", "National Institute for Migration", "en"),
    ("National Institute for Migration", {"es": {"name": ""}}, "es", "name", "National Institute for Migration", "en"),
    (None, None, "es", "topic", None, "en"),
])
def test_localized(english, translations, language, field, text, shown_in):
    found = localized(english, translations, language, field)
    assert (found.text, found.language) == (text, shown_in)
    assert found.is_fallback(language) == (text is not None and shown_in != language)


# Left in English on purpose: the English report names this body (paragraph 217) but not its official Spanish
# title, and a translated guess would read as an official name.
UNTRANSLATED = {"SHELTER-DIRECTORATE"}


def test_the_mexico_record_is_whole_in_spanish():
    """Every text a Mexican monitor reads has its Spanish version (no slug or English left)."""
    record = load_record(PROJECT_ROOT / "data")
    missing = [f"part {p.id}" for p in record.parts if "es" not in p.translations]
    missing += [f"article {a.number}" for a in record.articles if "es" not in a.translations]
    missing += [a.id for a in record.actors if "es" not in a.translations]
    missing += [r.id for r in record.recommendations if r.topic and "es" not in r.translations]
    missing += [s.id for s in record.responses if "es" not in s.translations
                or bool(s.confidence_reason) != bool(s.translations["es"].confidence_reason)]
    assert set(missing) == UNTRANSLATED
