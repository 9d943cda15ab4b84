"""Under AppTest on the fixture record with tests/fixtures/cycles.yaml added: the cycle and UHRI label filters are
in the sidebar, bound to the URL, and narrow the Overview and Open items; the Item page of the 2025 observation
shows the 2017 one it follows up side by side; in Spanish the new texts come from the catalogue."""

import shutil

import pytest

from tests.test_cycle_and_uhri_filters import add_cycles
from tests.ui.conftest import FIXTURE, signed_in_app
from tests.ui.test_pages import open_page
from tests.ui.sqlite_only import sqlite_app_url  # noqa: F401 - its AppTests run on SQLite only
from tracker.coverage import status_counts
from tracker.filters import Filters


@pytest.fixture
def cycles_app(app_url, monkeypatch, tmp_path):
    from tracker.settings import load_settings
    from tracker.startup import open_database

    record = tmp_path / "record"
    shutil.copytree(FIXTURE, record)
    add_cycles(record)
    monkeypatch.setenv("DATABASE_URL", app_url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(record))
    engine = open_database(load_settings()).engine
    yield signed_in_app(None), engine
    engine.dispose()


def test_the_sidebar_offers_the_cycles_and_labels_the_record_holds(cycles_app):
    app, _ = cycles_app
    open_page(app, "overview")
    cycle = app.multiselect(key="cycle")
    assert cycle.options == ["CMW-1", "CMW-2"]
    assert "Committee on Migrant Workers, cycle 2" in cycle.help.replace("\\", "")
    assert app.multiselect(key="theme").options == ["Deprivation of liberty", "Migrants"]
    assert app.multiselect(key="affected").options == ["Children", "Migrants", "Women"]
    assert len(app.multiselect(key="sdg").options) == 1


@pytest.mark.parametrize("params, filters", [
    ({"cycle": "CMW-2"}, Filters(cycles=("CMW-2",))),
    ({"theme": "Deprivation of liberty"}, Filters(uhri_themes=("Deprivation of liberty",))),
    ({"affected": "Women"}, Filters(affected_persons=("Women",))),
])
def test_the_overview_follows_the_new_filters_in_the_url(cycles_app, params, filters):
    app, engine = cycles_app
    open_page(app, "overview", **params)
    metrics = {m.label: int(m.value) for m in app.metric}
    assert metrics["Items"] == int(status_counts(engine, filters).sum()) == 1


def test_open_items_list_the_items_of_a_cycle(cycles_app):
    app, _ = cycles_app
    open_page(app, "open_items", cycle="CMW-1")
    assert list(app.dataframe[0].value["link"]) == ["item?item=CO17-P12"]


def test_the_item_page_shows_the_earlier_question_side_by_side(cycles_app):
    app, _ = cycles_app
    open_page(app, "item", item="CO25-P8")
    shown = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert "Earlier: what it takes up" in shown and "This item" in shown
    assert "Alternatives to the detention of migrant children" in shown  # the 2017 item's topic
    assert "Reporting cycle: Committee on Migrant Workers, cycle 2 · concluding observations" in shown.replace("\\", "")
    assert "cycle 1" in shown


def test_the_new_texts_are_translated(cycles_app):
    app, _ = cycles_app
    open_page(app, "item", item="CO25-P8", lang="es")
    shown = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert "Anterior: lo que retoma" in shown and "observaciones finales" in shown
    assert app.multiselect(key="cycle").label == "Ciclo de presentación de informes"
