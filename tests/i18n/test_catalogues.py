"""Every message the code marks is translated in every language, and the compiled catalogues are current."""

import gettext

import pytest

from tracker.i18n import LANGUAGES
from tracker.i18n.catalogue import catalogue_problems, marked_messages, po_path
from tracker.i18n.translator import DOMAIN, LOCALE_DIR
from tracker.settings import PROJECT_ROOT

TRANSLATED = [language for language in LANGUAGES if language != "en"]


@pytest.fixture(scope="module")
def marked():
    return marked_messages(PROJECT_ROOT)


def test_the_code_marks_messages(marked):
    assert "{date}, {time} ({city} time)" in marked


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_message_is_translated(language, marked):
    problems = catalogue_problems(language, marked)
    assert problems == [], "run pybabel extract/update, translate, compile (README: Languages):\n" + "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_its_source(language):
    from babel.messages.pofile import read_po

    with open(po_path(language), "rb") as po:
        source = read_po(po, locale=language)
    compiled = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language])
    stale = [m.id for m in source if m.id and isinstance(m.id, str) and not m.fuzzy
             and compiled.gettext(m.id) != m.string]
    assert stale == [], f"{language}: the .mo is older than the .po; run pybabel compile: {stale[:5]}"


def test_a_missing_translation_is_reported(tmp_path):
    assert catalogue_problems("es", {"A message nobody translated"}) == [
        "tracker.po (es): missing: 'A message nobody translated'"]
