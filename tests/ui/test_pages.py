"""Every page under AppTest: renders, filters change what is shown, saves land in the history, stale saves fail."""

import re

import pytest

from tracker.coverage import status_counts
from tracker.filters import Filters
from tracker.i18n import PSEUDO, translator
from tracker.schema import STATUS_LABELS, STATUSES
from tracker.store.crud import Change, HistoryFilter, history_frame, save_change

TITLES = {"overview": "Overview", "open_items": "Open items", "item": "Item", "assess": "Assess",
          "history": "History", "export": "Export"}
PAGES = {
    "overview": "tracker/ui/pages/overview.py",
    "open_items": "tracker/ui/pages/open_items.py",
    "item": "tracker/ui/pages/item.py",
    "assess": "tracker/ui/pages/assess.py",
    "history": "tracker/ui/pages/history.py",
    "export": "tracker/ui/pages/export.py",
}


def open_page(app, name: str, **params):
    """Open a page as a browser would: a first visit (with the URL's parameters) lands on the Overview."""
    if not getattr(app, "visited", False):
        for key, value in params.items():
            app.query_params[key] = value
        app.run()
        app.visited = True
    if name != "overview":
        app.switch_page(PAGES[name])
        for key, value in params.items():
            app.query_params[key] = value
        app.run()
    assert not app.exception, app.exception
    # The title in the link's language, or in the pseudo language a test may put in its place.
    titles = [translator(code).tr(TITLES[name]) for code in (params.get("lang", "en"), PSEUDO)]
    assert app.title[0].value in (*titles, params.get("item"))
    return app


def captions(app) -> str:
    return shown_text(app.caption)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("params", [{}, {"item": "Q1"}], ids=["plain", "with-item"])
def test_every_page_renders(app, name, params):
    open_page(app, name, **params)


def test_overview_counts_match_the_store(app, engine):
    open_page(app, "overview")
    expected = status_counts(engine, Filters())
    metrics = {m.label: int(m.value) for m in app.metric}
    assert metrics["Items"] == int(expected.sum())
    for status in STATUSES:
        label = next(label for label in metrics if label.endswith(STATUS_LABELS[status]))
        assert metrics[label] == expected[status]


@pytest.mark.parametrize("params, expected", [
    ({"status": "Deferred"}, Filters(statuses=("deferred",))),
    ({"part": "III"}, Filters(parts=("III",))),
    ({"mechanism": "SR-MIGRANTS"}, Filters(mechanisms=("SR-MIGRANTS",))),
    ({"body": "INM"}, Filters(bodies=("INM",))),
    ({"q": "coordination"}, Filters(text="coordination")),
])
def test_overview_follows_filters_in_the_url(app, engine, params, expected):
    open_page(app, "overview", **params)
    metrics = {m.label: int(m.value) for m in app.metric}
    assert metrics["Items"] == int(status_counts(engine, expected).sum())
    assert metrics["Items"] < int(status_counts(engine, Filters()).sum())


def test_open_items_default_to_everything_not_addressed(app, engine):
    save_change(engine, Change("Q1", 1, "addressed", "Paragraphs 1-5 answer it in full."), "other@example.org")
    open_page(app, "open_items")
    shown = set(app.dataframe[0].value["link"].str.removeprefix("item?item="))
    assert shown == {"Q2", "R94"}
    app.multiselect(key="status").set_value(list(STATUSES)).run()
    assert set(app.dataframe[0].value["link"].str.removeprefix("item?item=")) == {"Q1", "Q2", "R94"}


def test_open_items_text_filter_narrows_the_list(app):
    open_page(app, "open_items")
    app.text_input(key="q").input("defers").run()
    assert list(app.dataframe[0].value["link"]) == ["item?item=Q2"]
    assert "mentioning “defers”" in captions(app)


def shown_text(elements) -> str:
    """What Markdown elements show: their text without the backslash escapes of curated fields."""
    text = "\n".join(element.value for element in elements)
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def test_item_shows_replies_and_history(app):
    open_page(app, "item", item="Q1")
    text = shown_text(app.markdown)
    assert "Describes detention standards" in text
    assert "CMW/C/TST/1 ¶ 1–5" in text
    assert "Curated status loaded" in "\n".join(t.value for t in app.text)


def test_item_with_unknown_id_in_the_url_asks_for_a_choice(app):
    open_page(app, "item", item="NOPE")
    assert app.selectbox(key="item").value is None
    assert app.info


def fill_assessment(app, status: str, note: str):
    app.radio(key="status:Q1").set_value(status)
    app.text_area(key="note:Q1").input(note)
    app.button[0].click().run()
    assert not app.exception, app.exception


def test_assess_saves_and_the_change_appears_in_the_history(app, engine):
    open_page(app, "assess", item="Q1")
    fill_assessment(app, "addressed", "CMW/C/TST/1 paragraphs 1-5 answer it in full.")
    assert any("Saved: Q1" in s.value for s in app.success)
    history = history_frame(engine, HistoryFilter(item_id="Q1"))
    assert list(history["new_status"][:1]) == ["addressed"]
    assert history["who"].iloc[0] == "monitor@example.org"
    open_page(app, "history")
    assert "addressed" in set(app.dataframe[0].value["new_status"].str.lower())


def test_assess_refuses_a_short_note_and_keeps_it(app, engine):
    open_page(app, "assess", item="Q1")
    fill_assessment(app, "addressed", "ok")
    assert any("cites the evidence" in e.value for e in app.error)
    assert app.text_area(key="note:Q1").value == "ok"
    assert len(history_frame(engine, HistoryFilter(item_id="Q1"))) == 1


def test_assess_refuses_a_stale_save_and_keeps_the_note(app, engine):
    open_page(app, "assess", item="Q1")
    save_change(engine, Change("Q1", 1, "deferred", "Another monitor: paragraph 6 defers it."), "other@example.org")
    note = "My evidence: paragraphs 1-5 answer it in full."
    fill_assessment(app, "addressed", note)
    errors = "\n".join(e.value for e in app.error).replace("\\", "")
    assert "Not saved" in errors and "a monitor changed it" in errors and "Deferred" in errors
    assert "other@example.org" not in errors  # a monitor sees the names people chose, never their accounts
    assert app.text_area(key="note:Q1").value == note
    history = history_frame(engine, HistoryFilter(item_id="Q1"))
    assert list(history["who"]) == ["other@example.org", "curation"]
    # After reading their change, the monitor may save over it.
    app.button[0].click().run()
    fill_assessment(app, "addressed", note)
    assert any("Saved: Q1" in s.value for s in app.success)


def test_history_filters_by_person(app, engine):
    save_change(engine, Change("Q2", 1, "not_addressed", "Paragraph 6 gives no answer at all."), "ana@example.org")
    open_page(app, "history")
    assert len(app.dataframe[0].value) == 4
    app.selectbox(key="who").set_value("a monitor").run()
    assert list(app.dataframe[0].value["who"]) == ["a monitor"]


def test_export_offers_every_format_for_the_current_filters(app):
    open_page(app, "export", status="Deferred")
    labels = [button.proto.label for button in app.get("download_button")]
    assert {"Report as Word", "All tables as XLSX", "All tables as Markdown", "Briefing as Word"} <= set(labels)
    assert any(label.endswith("as CSV") for label in labels)
    assert "Deferred" in app.dataframe[-1].value["Status"].tolist() and "Citation" in app.dataframe[-1].value
    assert "current status is Deferred" in captions(app)
