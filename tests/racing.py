"""Helpers for tests that race two writers deterministically: hold one transaction open, start the other."""

import threading

from sqlalchemy import event


def when_it_takes_the_counter(engine) -> threading.Event:
    """Set when `engine` sends the statement that takes the change counter (it may then wait for the lock)."""
    reached = threading.Event()

    @event.listens_for(engine, "before_cursor_execute")
    def _taking(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("UPDATE change_counter SET seq"):
            reached.set()
    return reached


def in_thread(work) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = work()
        except Exception as exc:  # noqa: BLE001 - handed to the test to assert on
            outcome["error"] = exc
    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome
