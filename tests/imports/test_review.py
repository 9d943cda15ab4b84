"""tracker/imports/review.py: a decision is taken only by an administrator (the stored role), and an accepted
proposal is in the database straight away; on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import text

from tracker.accounts import add_person
from tracker.imports import AcceptRefused, decide, queue_files, queue_replies, read_queue, read_reply, source_paragraphs
from tracker.startup import open_database

from .conftest import FIXTURES


@pytest.fixture
def opened(record, settings_for):
    engine = open_database(settings_for(record)).engine
    add_person(engine, "admin@example.org", "admin", None)
    add_person(engine, "monitor@example.org", "monitor", None)
    queue = queue_replies(record, read_reply(FIXTURES / "replies-es.txt", "CMW/C/MEX/QPR/4"))
    yield record, engine, queue
    engine.dispose()


@pytest.mark.parametrize("person", ["monitor@example.org", "nobody@example.org", None])
def test_only_an_administrator_decides(opened, person):
    record, engine, queue = opened
    before = (record / "responses.yaml").read_text(encoding="utf-8")
    with pytest.raises(AcceptRefused, match="only an administrator"):
        decide(engine, record, person, queue, 2, accept=True)
    assert (record / "responses.yaml").read_text(encoding="utf-8") == before
    assert read_queue(queue)["proposals"][1]["decision"] == "pending"


def test_an_accepted_reply_is_in_the_database_at_once(opened):
    record, engine, queue = opened
    message = decide(engine, record, "admin@example.org", queue, 2, accept=True)
    assert str(message).startswith("Accepted as CMW-2023-Q02, MEX-2024-Q02.")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM response WHERE id = 'MEX-2024-Q02'")).scalar_one() == "deferred"


def test_queue_files_and_source_paragraphs(opened):
    record, _, queue = opened
    assert queue_files(record) == [queue]
    paragraphs = source_paragraphs(FIXTURES, read_queue(queue))
    assert paragraphs[3] == "La información solicitada se proporcionará al Comité durante el examen del informe."
    assert source_paragraphs(record, read_queue(queue)) is None  # the document is not in that folder
