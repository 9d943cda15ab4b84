"""Search as a reviewer meets it: Open items most relevant first with the passage that matched, the query language
explained under the search box, and a malformed query answered in plain words, in the reader's language."""

import re

import pytest

from tests.ui.test_pages import open_page, shown_text
from tests.ui.sqlite_only import sqlite_app_url  # noqa: F401 - its AppTests run on SQLite only
from tracker.i18n import PSEUDO, translator
from tracker.search import write
from tracker.ui import language
from tracker.ui.search_results import highlighted

# Four, two and one mentions of the word in texts of about the same length: the order relevance must give.
TEXTS = {"Q1": "detention and other matters of review", "Q2": "detention detention detention detention",
         "R94": "detention review detention"}


def _listed(app) -> list[str]:
    return app.dataframe[0].value["link"].str.removeprefix("item?item=").tolist()


def test_open_items_list_the_most_relevant_first_and_show_why(app, engine):
    with engine.begin() as conn:
        write(conn, TEXTS)
    open_page(app, "open_items", q="detention")
    assert _listed(app) == ["Q2", "R94", "Q1"]
    passages = shown_text(app.main.expander[-1].markdown)
    assert app.main.expander[-1].label == "Where the search words appear"
    # from the item's own text (the record's, not the test's index), the words in bold
    assert "- **Q1**: Q1 **Detention** conditions Describes **detention** standards." in passages
    app.checkbox(key="relevance").uncheck().run()
    assert _listed(app) == ["Q1", "Q2", "R94"]


def test_a_link_can_ask_for_the_id_order(app, engine):
    with engine.begin() as conn:
        write(conn, TEXTS)
    open_page(app, "open_items", q="detention", relevance="false")
    assert _listed(app) == ["Q1", "Q2", "R94"] and not app.checkbox(key="relevance").value


def test_without_a_search_there_is_no_order_to_choose(app):
    open_page(app, "open_items")
    assert not [box for box in app.checkbox if box.key == "relevance"] and _listed(app) == ["Q1", "Q2", "R94"]


@pytest.mark.parametrize("lang, query, message", [
    ("en", 'detention "open', "A quotation mark is not closed"),
    ("en", "-children", "A word left out (-word or NOT word) needs a word to look for beside it"),
    ("es", "detention OR", "OR necesita una palabra a cada lado"),
    ("es", "(" * 8 + "a" + ")" * 8, "La búsqueda anida demasiados paréntesis"),
])
def test_a_malformed_search_says_why_and_matches_nothing(app, lang, query, message):
    open_page(app, "open_items", q=query, lang=lang)
    assert not app.exception
    warning = shown_text(app.sidebar.warning)
    assert message in warning
    assert "Traceback" not in warning and "SELECT" not in warning
    assert not app.dataframe and app.info  # nothing matches, and the page says so; the rest still shows
    # the page names the search as the reason, not the filters
    said = shown_text(app.info)
    assert message in said and "Widen" not in said and "Amplíe" not in said
    assert app.sidebar.expander[-1].label == ("Cómo buscar" if lang == "es" else "How to search")


def test_every_search_text_goes_through_the_translator(app, engine, monkeypatch):
    monkeypatch.setattr(language, "current", lambda: translator(PSEUDO))  # a link cannot ask for the pseudo language
    with engine.begin() as conn:
        write(conn, TEXTS)
    open_page(app, "open_items", q="detention")
    texts = [app.main.expander[-1].label, app.sidebar.expander[-1].label, app.checkbox(key="relevance").label]
    assert all(text.startswith("⟦") and text.endswith("⟧") for text in texts), texts
    app.text_input(key="q").input("detention)").run()
    assert "⟦" in shown_text(app.sidebar.warning)


@pytest.mark.parametrize("text", ["<img src=x onerror=alert(1)>", "[link](javascript:alert(1))", "**bold** _x_",
                                  "# heading", "https://example.org a@b.org", "`code` | table |", "\\*"])
def test_a_passage_shows_record_text_as_written(text):
    markdown = highlighted([(text + " ", False), ("detention", True)])
    assert markdown.endswith("**detention**")
    body = markdown.removesuffix("**detention**")
    assert re.sub(r"\\(.)", r"\1", body).replace("\u2060", "") == text + " "  # only escapes added
    assert not re.search(r"(?<!\\)[<>\[\]*_`#|]", body)  # no markup character left unescaped
