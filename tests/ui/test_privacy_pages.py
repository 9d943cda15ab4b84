"""Who each role sees as the author of a change, on the History and Item pages and in the exports."""

import re

import pytest

from tests.ui.conftest import signed_in_app
from tests.ui.test_pages import open_page
from tracker import exports
from tracker.filters import Filters
from tracker.privacy import set_display_name
from tracker.store.crud import Change, save_change

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# Who each viewer sees for ana (who chose a display name), other (who did not) and the curated record.
SEEN = {
    None: {"a monitor", "curation"},
    "viewer@example.org": {"Ana R.", "a monitor", "curation"},
    "monitor@example.org": {"Ana R.", "a monitor", "curation"},
    "admin@example.org": {"ana@example.org (Ana R.)", "other@example.org", "curation"},
}


@pytest.fixture
def changes(engine):
    set_display_name(engine, "ana@example.org", "Ana R.", by="ana@example.org")
    save_change(engine, Change("Q1", 1, "addressed", "Paragraphs 1-5 answer it in full."), "ana@example.org")
    save_change(engine, Change("Q1", 2, "partial", "No figures after all, see paragraph 4."), "other@example.org")
    return engine


def page_text(app) -> str:
    texts = [e.value for kind in ("markdown", "caption", "text", "info", "error") for e in getattr(app, kind)]
    texts += [str(box.options) for box in app.selectbox]
    texts += [frame.value.to_csv() for frame in app.dataframe]
    # Unescaped, and without the invisible joiners that keep addresses from being linked: what a reader sees.
    return re.sub(r"\\(.)", r"\1", "\n".join(texts)).replace("\u2060", "")


@pytest.mark.parametrize("viewer", SEEN, ids=lambda v: v or "anonymous")
def test_history_names_authors_as_the_viewer_may_see_them(app_env, changes, viewer):
    app = open_page(signed_in_app(viewer), "history")
    assert set(app.dataframe[0].value["who"]) == SEEN[viewer]
    assert set(app.selectbox(key="who").options) == SEEN[viewer]
    if viewer != "admin@example.org":
        assert not EMAIL.search(page_text(app))


@pytest.mark.parametrize("viewer", SEEN, ids=lambda v: v or "anonymous")
def test_item_history_names_authors_as_the_viewer_may_see_them(app_env, changes, viewer):
    app = open_page(signed_in_app(viewer), "item", item="Q1")
    lines = [m.value.replace("\\", "").replace("\u2060", "") for m in app.markdown if " → " in m.value]
    shown = {line.split(" · ")[1] for line in lines}
    assert shown == SEEN[viewer]
    if viewer != "admin@example.org":
        assert not EMAIL.search(page_text(app))


def test_a_signed_in_viewer_filters_the_history_by_display_name(app_env, changes):
    app = open_page(signed_in_app("viewer@example.org"), "history")
    app.selectbox(key="who").set_value("Ana R.").run()
    assert list(app.dataframe[0].value["new_status"]) == ["Addressed"]
    app.selectbox(key="who").set_value("a monitor").run()
    assert list(app.dataframe[0].value["new_status"]) == ["Partial"]


def test_a_visitor_reads_no_email_address_on_any_page_or_export(app_env, changes):
    app = signed_in_app(None)
    for name in ("overview", "open_items", "item", "history", "export"):
        open_page(app, name, **({"item": "Q1"} if name == "item" else {}))
        assert not EMAIL.search(page_text(app)), name
    tables = exports.export_tables(changes, Filters())
    files = [exports.to_markdown(tables).decode(), exports.to_csv(tables[-1]).decode("utf-8-sig")]
    assert not any(EMAIL.search(text) for text in files)


def test_the_account_page_sets_the_display_name_others_see(app_env, changes):
    app = signed_in_app("other@example.org")
    app.run()
    app.switch_page("tracker/ui/pages/account.py").run()
    app.text_input(key="display-name").input("ana@example.org")
    next(b for b in app.button if b.label == "Save display name").click().run()
    assert any("e-mail" in e.value.replace("\\", "") for e in app.error)
    assert app.text_input(key="display-name").value == "ana@example.org"  # what was typed is kept
    app.text_input(key="display-name").input("Otto (NGO)")
    next(b for b in app.button if b.label == "Save display name").click().run()
    assert any("Otto" in s.value for s in app.success)
    history = open_page(signed_in_app("viewer@example.org"), "history")
    assert "Otto (NGO)" in set(history.dataframe[0].value["who"])
