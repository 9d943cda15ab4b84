"""The Review page (AppTest): only administrators see it; accepting writes the record and loads it, a
refusal says why and keeps what was typed; UHRI items filter by theme, SDG and affected persons."""

import shutil

import pytest
import yaml
from sqlalchemy import text

from tests.imports.conftest import FIXTURES as IMPORT_FIXTURES, NEW_CYCLE
from tests.ui.conftest import FIXTURE, signed_in_app
from tests.ui.test_roles import PROMPT, land_on
from tests.ui.sqlite_only import sqlite_app_url  # noqa: F401 - its AppTests run on SQLite only
from tracker.imports import Choice, queue_replies, queue_uhri, read_reply, read_uhri

REVIEW = "tracker/ui/pages/review.py"


@pytest.fixture
def review_env(app_url, tmp_path, monkeypatch):
    """A copy of the fixture record with the next cycle's documents, a reply queue and a UHRI queue."""
    from tracker.accounts import add_person
    from tracker.settings import load_settings
    from tracker.startup import open_database

    record = tmp_path / "record"
    shutil.copytree(FIXTURE, record)
    with (record / "documents.yaml").open("a", encoding="utf-8") as out:
        out.write(NEW_CYCLE)
    monkeypatch.setenv("DATABASE_URL", app_url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(record))
    monkeypatch.setenv("TRACKER_SOURCES_DIR", str(IMPORT_FIXTURES))
    engine = open_database(load_settings()).engine
    add_person(engine, "admin@example.org", "admin", None)
    add_person(engine, "monitor@example.org", "monitor", None)
    queue_replies(record, read_reply(IMPORT_FIXTURES / "replies-es.txt", "CMW/C/MEX/QPR/4"))
    queue_uhri(record, read_uhri(IMPORT_FIXTURES / "uhri-sample.json", Choice("Mexico", "CMW")))
    yield record, engine
    engine.dispose()


def _review(queue_name: str):
    app = signed_in_app("admin@example.org")
    app.run()
    app.switch_page(REVIEW).run()
    queue = app.selectbox[0]
    queue.select_index([o for o in queue.options].index(queue_name)).run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("person, expected", [("admin@example.org", "Review"), ("monitor@example.org", PROMPT)])
def test_only_administrators_see_the_review_page(review_env, person, expected):
    assert land_on(signed_in_app(person), REVIEW) == expected


def test_a_proposal_is_shown_beside_its_source_text(review_env):
    app = _review("replies-CMW-C-MEX-QPR-4.yaml")
    app.selectbox[1].select_index(1).run()  # question 2
    shown = [element.value for element in app.text]
    assert shown == ["3. La información solicitada se proporcionará al Comité durante el examen del informe."]
    assert any("Defers:" in m.value for m in app.markdown)


def test_accepting_a_deferral_writes_the_record_and_loads_it(review_env):
    record, engine = review_env
    app = _review("replies-CMW-C-MEX-QPR-4.yaml")
    app.selectbox[1].select_index(1).run()
    next(b for b in app.button if b.label == "Accept").click().run()

    assert not app.exception, app.exception
    assert app.success[0].value.startswith("Accepted as CMW-2023-Q02, MEX-2024-Q02.")
    responses = yaml.safe_load((record / "responses.yaml").read_text(encoding="utf-8"))
    assert responses[-1]["id"] == "MEX-2024-Q02" and responses[-1]["status"] == "deferred"
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT status FROM response WHERE id = 'MEX-2024-Q02'")).scalar_one()
    assert stored == "deferred"


def test_a_refused_accept_says_why_and_keeps_what_was_typed(review_env):
    record, _ = review_env
    before = (record / "responses.yaml").read_text(encoding="utf-8")
    app = _review("replies-CMW-C-MEX-QPR-4.yaml")
    app.text_area[1].input("Lists the decree's guarantees.")  # a rationale, but no summary
    next(b for b in app.button if b.label == "Accept").click().run()

    assert [e.value for e in app.error] == [
        "Not saved: a reply that does not defer needs a status and a summary written by the reviewer"]
    assert app.text_area[1].value == "Lists the decree's guarantees."
    assert (record / "responses.yaml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("field, index, value, ids", [
    (0, 0, "Access to justice & remedy", ["CMW-C-MEX-CO-4-P25"]),
    (2, 0, "Migrants", ["CMW-C-MEX-CO-4-P25", "CMW-C-MEX-CO-4-P27", "CMW-C-MEX-CO-4-P29", "CMW-C-MEX-CO-4-P45"]),
    (2, 1, "Women & girls", ["CMW-C-MEX-CO-4-P25"]),
])
def test_uhri_items_filter_by_theme_sdg_and_affected_persons(review_env, field, index, value, ids):
    app = _review("uhri-CMW-Mexico.yaml")
    chooser = app.multiselect[field]
    assert chooser.options[index] == value
    chooser.select(value).run()
    assert list(app.dataframe[0].value["Id"]) == ids
