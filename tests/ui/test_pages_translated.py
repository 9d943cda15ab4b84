"""The Overview, Open items, Item and Assess pass what a person reads through the translator (pseudo-language)."""

import pytest

from tests.ui.test_pages import PAGES
from tracker.i18n import PSEUDO, translator
from tracker.i18n.translator import PSEUDO_CLOSE, PSEUDO_OPEN


@pytest.fixture
def pseudo(monkeypatch):
    from tracker.ui import language

    monkeypatch.setattr(language, "current", lambda: translator(PSEUDO))


def marked(text: str) -> bool:
    return PSEUDO_OPEN in text and PSEUDO_CLOSE in text


@pytest.mark.parametrize("page", ["overview", "open_items", "item", "assess"])
def test_every_heading_label_and_button_is_translated(app, pseudo, page):
    app.query_params["item"] = "Q1"
    app.run()
    if page != "overview":
        app.switch_page(PAGES[page]).run()
    assert not app.exception, app.exception
    main = app.main
    texts = ([e.value for e in main.title] + [e.value for e in main.subheader] + [b.label for b in main.button]
             + [m.label for m in main.metric if not m.label.startswith(":")]  # status badges: tracker.ui.labels
             + [w.label for w in (*main.radio, *main.text_area, *main.date_input)])
    assert texts, "the page shows nothing to check"
    assert [text for text in texts if not marked(text)] == []
