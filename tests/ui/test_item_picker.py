"""The item pickers read "id — topic" in the reader's language and write only the id into the address, which they
follow on Back and Forward; a page switch keeps the item, an unknown id is named."""

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.ui.test_pages import open_page
from tests.ui.sqlite_only import sqlite_app_url  # noqa: F401 - its AppTests run on SQLite only
from tracker.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
ITEM, ASSESS, OVERVIEW = "tracker/ui/pages/item.py", "tracker/ui/pages/assess.py", "tracker/ui/pages/overview.py"


def yaml_topics(language: str) -> dict[str, str]:
    """Each curated item's topic written in `language`, read straight from the YAML (items without one left out)."""
    records = yaml.safe_load((DATA / "recommendations.yaml").read_text(encoding="utf-8"))
    if language == "en":
        topics = {r["id"]: r.get("topic") for r in records}
    else:
        topics = {r["id"]: ((r.get("translations") or {}).get(language) or {}).get("topic") for r in records}
    return {item: " ".join(topic.split()) for item, topic in topics.items() if topic}


@pytest.fixture
def record_app(tmp_path, monkeypatch):
    """The app over the curated Mexico record (its topics have Spanish translations)."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'real.db'}")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(DATA))
    return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)


def switch_page(app, page: str):
    """A page switch as the browser makes it: a parameter bound to no widget is left out of the new address."""
    app.query_params.pop("item", None)
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_options_read_id_and_topic_in_the_readers_language(record_app, language):
    record_app.query_params["lang"] = language
    record_app.run()
    switch_page(record_app, ITEM)
    options = record_app.selectbox(key="item").options
    topics = yaml_topics(language)
    assert len(options) == len(yaml.safe_load((DATA / "recommendations.yaml").read_text(encoding="utf-8")))
    assert len(topics) > 30
    for item, topic in topics.items():
        assert f"{item} — {topic}" in options


def test_the_address_holds_only_the_id_and_keeps_the_other_filters(record_app):
    record_app.query_params["part"] = "III"
    record_app.run()
    switch_page(record_app, ITEM)
    record_app.selectbox(key="item").set_value("CMW-2016-Q23").run()
    assert not record_app.exception
    assert record_app.query_params == {"part": "III", "item": "CMW-2016-Q23"}
    assert record_app.multiselect(key="part").value == ["III"]
    assert record_app.header[0].value == "CMW\\-2016\\-Q23"


def test_an_unknown_id_in_the_address_is_named_and_stays_there(app):
    open_page(app, "item", item="NOPE")
    assert app.selectbox(key="item").value is None
    assert ["There is no item \\'NOPE\\'. It may have been removed from the curated record."] == [
        e.value for e in app.error]
    assert app.query_params["item"] == "NOPE"  # so the address, opened anew, shows the same
    app.selectbox(key="item").set_value("Q1").run()
    assert not app.error and app.query_params["item"] == "Q1"


def test_page_switches_keep_the_item(app):
    open_page(app, "item", item="Q1")
    switch_page(app, ASSESS)
    assert app.selectbox(key="item").value == "Q1" and app.query_params["item"] == "Q1"
    app.selectbox(key="item").set_value("R94").run()
    switch_page(app, OVERVIEW)
    assert "item" not in app.query_params
    switch_page(app, ITEM)
    assert app.selectbox(key="item").value == "R94" and app.query_params["item"] == "R94"


def test_back_and_forward_follow_the_address(app):
    open_page(app, "item")
    assert app.selectbox(key="item").value is None
    app.selectbox(key="item").set_value("Q1").run()
    app.selectbox(key="item").set_value("R94").run()
    app.query_params["item"] = "Q1"  # Back
    app.run()
    assert app.selectbox(key="item").value == "Q1"
    del app.query_params["item"]  # Back again, to the page before any pick
    app.run()
    assert app.selectbox(key="item").value is None and "item" not in app.query_params
    app.query_params["item"] = "Q1"  # Forward
    app.run()
    assert app.selectbox(key="item").value == "Q1" and app.query_params["item"] == "Q1"


def test_previous_and_next_write_the_id(app):
    open_page(app, "item", item="Q1")
    app.button(key="item-next").click().run()
    following = app.selectbox(key="item").value
    assert following != "Q1" and app.query_params["item"] == following


def test_the_history_filter_is_the_same_picker(app):
    open_page(app, "history")
    picker = app.selectbox(key="h-item")
    assert "Q1 — Detention conditions" in picker.options
    picker.set_value("Q1").run()
    assert app.query_params["h-item"] == "Q1"
    assert set(app.dataframe[0].value["link"]) == {"item?item=Q1"}
