"""What the pages say about a save, a conflict and the history comes in the reader's language, not only the labels."""

import pytest
from streamlit.testing.v1.element_tree import TESTING_KEY

from tests.ui.test_languages import pseudo, untranslated  # noqa: F401 - pseudo is a fixture
from tests.ui.test_pages import open_page
from tests.ui.test_save_over_shown import errors_shown
from tests.ui.sqlite_only import sqlite_app_url  # noqa: F401 - its AppTests run on SQLite only
from tracker.i18n import PSEUDO
from tracker.schema import STATUSES
from tracker.store.crud import Change, save_change


def _save(app, status: str, note: str) -> None:
    # AppTest formats a radio's value with the page's format function outside the session, so in English, while
    # the options are in the page's language: format by position instead.
    for radio in app.radio:
        app.session_state[TESTING_KEY][radio.id] = lambda value, options=radio.options: options[STATUSES.index(value)]
    app.radio(key="status:Q1").set_value(status)
    app.text_area(key="note:Q1").input(note)
    next(b for b in app.button if b.proto.type == "primary").click().run()
    assert not app.exception, app.exception


def test_a_refused_note_is_explained_in_spanish(app):
    open_page(app, "assess", item="Q1", lang="es")
    _save(app, "addressed", "short")
    assert ("Escriba una nota que cite la evidencia (documento y párrafos) de este estado; al menos 10 caracteres."
            in errors_shown(app))
    assert app.text_area(key="note:Q1").value == "short"  # nothing the monitor typed is lost


def test_a_conflict_names_the_change_in_spanish(app, engine):
    open_page(app, "assess", item="Q1", lang="es")
    save_change(engine, Change("Q1", 1, "deferred", "Another monitor: paragraph 6 defers it."), "other@example.org")
    _save(app, "addressed", "Mi evidencia: los párrafos 1 a 5 lo atienden.")
    shown = errors_shown(app)
    assert "Q1 se modificó después de que usted lo abrió (usted vio la versión 1; ahora está en la versión 2)" in shown
    assert "versión 2): una persona monitora lo cambió de Atendido parcialmente a Diferido el " in shown
    assert "(hora de Ciudad de México): «Another monitor: paragraph 6 defers it.»" in shown  # their note as written
    assert "Diferido" in shown and "changed it" not in shown and "UTC" not in shown


def test_the_conflict_and_refusals_pass_through_the_translator(app, engine, pseudo):  # noqa: F811
    open_page(app, "assess", item="Q1", lang=PSEUDO)
    _save(app, "addressed", "short")
    assert [untranslated(e.value) for e in app.error] == [[]]
    save_change(engine, Change("Q1", 1, "deferred", "Another monitor: paragraph 6 defers it."), "other@example.org")
    _save(app, "addressed", "Long enough evidence: paragraphs 1-5.")
    leaks = [piece for e in app.error for piece in untranslated(e.value.replace("\\", ""))
             if "Another monitor" not in piece]
    assert leaks == []


def test_the_item_page_gives_the_curation_note_and_themes_in_spanish(app):
    open_page(app, "item", item="Q1", lang="es")
    texts = [t.value for t in app.text]
    assert "Estado según la curaduría, cargado de data/responses.yaml" in texts
    assert "Curated status loaded from data/responses.yaml" not in texts
    facts = "\n".join(m.value for m in app.markdown)
    assert "**Temas:** detención" in facts.replace("\\", "")
