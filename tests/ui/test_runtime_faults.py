"""Faults while the app runs, made for real: a read-only or full SQLite file, a lock held by another process, a
file deleted under the app, a PostgreSQL database dropped or re-created, a server that stops answering.

Every page then says what happened in words, never with a traceback or SQL, the server's log holds the
details, and a failed save keeps the monitor's note and chosen status.
"""

import logging
import os
import sqlite3
import subprocess
from contextlib import contextmanager

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.engine import make_url
from sqlalchemy.pool import Pool

from tests.ui.conftest import signed_in_app
from tests.ui.relay import Proxy
from tests.ui.test_pages import PAGES, open_page
from tracker.store import faults
from tracker.store.crud import HistoryFilter, history_frame

NOTE = "CMW/C/TST/1 paragraphs 1-5 answer it in full, with figures."
LEAKS = ("Traceback", "SELECT", "INSERT", "UPDATE", "sqlite3", "psycopg", "sqlalchemy", "File \"")


def shown(app) -> str:
    return "\n".join(e.value for e in app.error).replace("\\", "")


def assert_said_in_words(app, kind: str) -> None:
    assert not app.exception, app.exception
    text = shown(app)
    assert faults.WORDS[kind] in text, text
    assert not any(leak in text for leak in LEAKS), text


def assert_logged(caplog) -> None:
    records = [r for r in caplog.records if r.name == "tracker.ui" and r.levelno == logging.ERROR]
    assert records and records[-1].exc_info, "the fault was not logged on the server with its traceback"


def visit(app, name: str):
    """Switch to a page of an app that has run before, with Q1 chosen where a page picks an item."""
    app.switch_page(PAGES[name])
    app.query_params["item"] = "Q1"
    app.run()
    assert not app.exception, app.exception
    return app


def type_assessment(app, note: str = NOTE):
    open_page(app, "assess", item="Q1")
    app.radio(key="status:Q1").set_value("addressed")
    app.text_area(key="note:Q1").input(note)
    return app


def save(app):
    next(b for b in app.button if b.label == "Save assessment").click().run()
    return app


def assert_kept_and_not_saved(app, engine, kind: str, note: str = NOTE) -> None:
    assert_said_in_words(app, kind)
    assert "Not saved" in shown(app)
    assert app.text_area(key="note:Q1").value == note
    assert app.radio(key="status:Q1").value == "addressed"
    assert list(history_frame(engine, HistoryFilter(item_id="Q1"))["source"]) == ["curation"]


def sqlite_file(url: str) -> str:
    return make_url(url).database


# --- SQLite -------------------------------------------------------------------------------------------------

@contextmanager
def read_only(path: str):
    """The file made read-only: chmod for an ordinary user; root ignores that, so the immutable attribute."""
    if os.geteuid() != 0:
        os.chmod(path, 0o444)
        try:
            yield
        finally:
            os.chmod(path, 0o644)
        return
    if subprocess.run(["chattr", "+i", path], capture_output=True).returncode != 0:
        pytest.skip("running as root and the file system refuses chattr +i: no way to make the file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", path], check=True)


@contextmanager
def reconnecting():
    """Every pooled connection replaced on its next use, as after a restart: a file's mode applies to the
    connections opened after it changed."""
    fresh = set()

    def opened(dbapi_connection, _record):
        fresh.add(id(dbapi_connection))

    def checkout(dbapi_connection, _record, _proxy):
        if id(dbapi_connection) not in fresh:
            raise DisconnectionError("replaced by the test")  # the pool opens a new connection and goes on

    event.listen(Pool, "connect", opened)
    event.listen(Pool, "checkout", checkout)
    try:
        yield
    finally:
        event.remove(Pool, "checkout", checkout)
        event.remove(Pool, "connect", opened)


@contextmanager
def full_database():
    """SQLite's own limit on the file's size set to the size it has: the next page it needs fails SQLITE_FULL.
    The limit holds for the connection's life; `reconnecting` lifts it."""
    def limit(dbapi_connection, _record, _proxy):
        if isinstance(dbapi_connection, sqlite3.Connection):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Pool, "checkout", limit)
    try:
        yield
    finally:
        event.remove(Pool, "checkout", limit)


@pytest.fixture
def sqlite_app(app_env, monkeypatch):
    if not app_env.startswith("sqlite"):
        pytest.skip("a SQLite file fault")
    monkeypatch.setenv("TRACKER_SQLITE_TIMEOUT", "0.2")
    return signed_in_app("monitor@example.org")


def test_a_save_to_a_read_only_file_says_so_and_keeps_the_note(sqlite_app, engine, caplog):
    app = type_assessment(sqlite_app)
    with read_only(sqlite_file(engine.url.render_as_string())), reconnecting():
        save(app)
        assert_kept_and_not_saved(app, engine, faults.READ_ONLY)
        assert_logged(caplog)
        for name in PAGES:  # reading still works
            assert not visit(app, name).error
    with reconnecting():
        save(visit(app, "assess"))
    assert any("Saved: Q1" in s.value for s in app.success)


def test_a_save_to_a_full_database_says_so_and_keeps_the_note(sqlite_app, engine, caplog):
    with sqlite3.connect(sqlite_file(engine.url.render_as_string())) as conn:
        conn.execute("VACUUM")  # no free page left inside the file: a note longer than a page needs a new one
    note = NOTE + " " + "More evidence. " * 300
    app = type_assessment(sqlite_app, note)
    with full_database():
        save(app)
        assert_kept_and_not_saved(app, engine, faults.FULL, note)
    assert_logged(caplog)
    with reconnecting():
        save(app)
    assert any("Saved: Q1" in s.value for s in app.success)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_explains_a_lock_held_by_another_process(sqlite_app, engine, caplog, name):
    app = open_page(sqlite_app, name, item="Q1")
    holder = sqlite3.connect(sqlite_file(engine.url.render_as_string()), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        app.run()
        assert_said_in_words(app, faults.LOCKED)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_logged(caplog)
    assert not app.run().error


def test_a_save_after_the_file_was_deleted_says_the_database_is_gone(sqlite_app, engine):
    app = type_assessment(sqlite_app)
    os.unlink(sqlite_file(engine.url.render_as_string()))
    save(app)
    assert_said_in_words(app, faults.GONE)
    assert app.text_area(key="note:Q1").value == NOTE


def test_a_save_during_a_lock_keeps_the_note(sqlite_app, engine):
    app = type_assessment(sqlite_app)
    holder = sqlite3.connect(sqlite_file(engine.url.render_as_string()), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # readers may read; nobody else may write
    try:
        save(app)
        assert_kept_and_not_saved(app, engine, faults.LOCKED)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --- PostgreSQL ---------------------------------------------------------------------------------------------

@pytest.fixture
def postgres_app(app_env, monkeypatch):
    if not app_env.startswith("postgresql"):
        pytest.skip("a PostgreSQL fault")
    return signed_in_app("monitor@example.org"), make_url(app_env)


def admin_connection(url):
    return psycopg.connect(host=url.host, port=url.port, user=url.username, dbname="test", autocommit=True)


@pytest.mark.parametrize("recreate", [False, True], ids=["dropped", "re-created"])
def test_every_page_explains_a_dropped_or_re_created_database(postgres_app, recreate, caplog):
    app, url = postgres_app
    open_page(app, "overview")
    with admin_connection(url) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(url.database)))
        if recreate:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(url.database)))
    for name in PAGES:
        visit(app, name)
        assert_said_in_words(app, faults.EMPTIED if recreate else faults.GONE)
    assert_logged(caplog)


def test_a_server_that_stops_answering_mid_session(postgres_app, engine, monkeypatch):
    _, url = postgres_app
    proxy = Proxy((url.host, url.port)).start()
    monkeypatch.setenv("DATABASE_URL", url.set(port=proxy.port).render_as_string(hide_password=False))
    app = type_assessment(signed_in_app("monitor@example.org"))
    proxy.stop()
    try:
        save(app)
        assert_said_in_words(app, faults.UNREACHABLE)
        for name in PAGES:
            visit(app, name)
            assert_said_in_words(app, faults.UNREACHABLE)
    finally:
        proxy.start()
    visit(app, "assess")  # the server is back: the typed note and status are still there
    assert_kept_and_not_saved(app, engine, faults.UNREACHABLE)
    save(app)
    assert any("Saved: Q1" in s.value for s in app.success)


# --- A bug --------------------------------------------------------------------------------------------------

def test_a_bug_in_a_page_shows_a_generic_message_and_logs_the_traceback(app, monkeypatch, caplog):
    from tracker import charts
    from tracker.ui import guard

    def broken(*_args, **_kwargs):
        raise KeyError("internal detail the visitor must not see")

    monkeypatch.setattr(charts, "stacked_by_status", broken)  # stands for any bug a page can hit
    open_page(app, "overview")
    assert shown(app) == guard.BUG
    assert_logged(caplog)
    assert "internal detail" in caplog.text
