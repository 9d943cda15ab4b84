"""tracker/store/crud.py: saving an assessment, on SQLite and PostgreSQL.

A save writes the assessment and its history row together, guarded by the version the monitor saw; a refused
save writes nothing.
"""

import threading
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select, update

from tests.racing import in_thread, when_it_takes_the_counter

from tracker.accounts import set_role
from tracker.store.crud import (
    MAX_NOTE,
    MIN_NOTE,
    Change,
    HistoryFilter,
    InvalidChange,
    NotAllowed,
    StaleChange,
    UnknownItem,
    current_version,
    history_frame,
    history_people,
    save_change,
    write_change,
)
from tracker.store.db import make_engine
from tracker.store.models import Assessment, AssessmentEvent, metadata
from tracker.store.sync import CURATION

A, E = Assessment.__table__, AssessmentEvent.__table__
NOTE = "Report CMW/C/TST/1 ¶ 3 gives the outcome data."


@pytest.fixture(autouse=True)
def people(engine, grant):
    """alice and bob monitor, ada administers, victor only views; mallory has no account."""
    grant(engine, "monitor", "alice", "bob")
    grant(engine, "admin", "ada")
    grant(engine, "viewer", "victor")


def snapshot(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {table.name: sorted((tuple(map(repr, row)) for row in conn.execute(select(table))))
                for table in metadata.sorted_tables}


def assessment(engine, item_id: str) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(select(A).where(A.c.recommendation_id == item_id)).mappings().one())


def item_events(engine, item_id: str) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(E).where(E.c.recommendation_id == item_id)
                                              .order_by(E.c.id)).mappings()]


def test_save_writes_assessment_and_history_together(engine):
    assert current_version(engine, "Q1") == 1

    version = save_change(engine, Change("Q1", 1, "addressed", f"  {NOTE}  "), "alice")

    assert version == 2 == current_version(engine, "Q1")
    row = assessment(engine, "Q1")
    assert (row["status"], row["version"], row["updated_by"]) == ("addressed", 2, "alice")
    assert (row["assessed_by_monitor"], row["needs_review"]) == (True, False)
    assert row["curated_status"] == "partial"  # the curation is not the monitors' to change
    history = item_events(engine, "Q1")
    assert len(history) == 2
    latest = history[-1]
    assert (latest["who"], latest["old_status"], latest["new_status"], latest["source"], latest["version"]) == \
        ("alice", "partial", "addressed", "monitor", 2)
    assert latest["note"] == NOTE  # stored stripped
    assert latest["at"].replace(tzinfo=None) == row["updated_at"].replace(tzinfo=None)

    assert save_change(engine, Change("Q1", 2, "partial", "Second look: no outcome data after all."), "bob") == 3
    assert [ev["version"] for ev in item_events(engine, "Q1")] == [1, 2, 3]
    assert history_frame(engine, HistoryFilter(item_id="Q1"))["who"].iloc[0] == "bob"


def test_stale_save_raises_with_the_other_change_and_writes_nothing(engine):
    save_change(engine, Change("Q1", 1, "addressed", NOTE), "alice")
    before = snapshot(engine)

    with pytest.raises(StaleChange) as raised:
        save_change(engine, Change("Q1", 1, "deferred", "Bob read version 1 and disagrees."), "bob")

    stale = raised.value
    assert stale.current_version == 2
    assert (stale.latest.who, stale.latest.old_status, stale.latest.new_status, stale.latest.note) == \
        ("alice", "partial", "addressed", NOTE)
    assert stale.change.new_status == "deferred"
    assert "alice" in str(stale) and NOTE in str(stale) and "version 1" in str(stale) and "version 2" in str(stale)
    assert snapshot(engine) == before


def test_save_with_a_version_from_the_future_is_stale(engine):
    before = snapshot(engine)
    with pytest.raises(StaleChange) as raised:
        save_change(engine, Change("Q2", 5, "addressed", NOTE), "alice")
    assert raised.value.current_version == 1 and raised.value.latest.who == CURATION
    assert snapshot(engine) == before


def test_concurrent_saves_of_the_same_version_let_exactly_one_through(engine):
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(who: str, status: str) -> None:
        barrier.wait()
        try:
            outcomes[who] = save_change(engine, Change("Q2", 1, status, f"{who} read version 1 of Q2."), who)
        except Exception as exc:  # noqa: BLE001 - recorded and asserted below
            outcomes[who] = exc

    threads = [threading.Thread(target=save, args=args) for args in (("alice", "addressed"), ("bob", "partial"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    wins = [who for who, outcome in outcomes.items() if outcome == 2]
    stale = [who for who, outcome in outcomes.items() if isinstance(outcome, StaleChange)]
    assert len(wins) == 1 and len(stale) == 1, outcomes
    history = item_events(engine, "Q2")
    assert [(ev["who"], ev["version"]) for ev in history] == [(CURATION, 1), (wins[0], 2)]
    assert assessment(engine, "Q2")["updated_by"] == wins[0]


def test_a_save_that_waited_for_another_names_the_version_it_lost_to(engine, db_url):
    other = make_engine(db_url)
    taking = when_it_takes_the_counter(other)
    with engine.begin() as conn:
        write_change(conn, Change("Q2", 1, "addressed", NOTE), "alice")
        bob, outcome = in_thread(lambda: save_change(other, Change("Q2", 1, "partial", "Bob read version 1."), "bob"))
        assert taking.wait(30)
    bob.join(60)
    other.dispose()
    stale = outcome["error"]
    assert isinstance(stale, StaleChange) and stale.current_version == 2 and stale.latest.who == "alice"
    assert "you saw version 1, it is now at version 2" in str(stale)


@pytest.mark.parametrize("item_id", ["Q9", "", "q1"])
def test_unknown_item(engine, item_id):
    before = snapshot(engine)
    with pytest.raises(UnknownItem):
        save_change(engine, Change(item_id, 1, "addressed", NOTE), "alice")
    assert snapshot(engine) == before


@pytest.mark.parametrize("status, note, message", [
    ("done", NOTE, "not a status"),
    ("Addressed", NOTE, "not a status"),
    ("", NOTE, "not a status"),
    ("addressed", "", f"at least {MIN_NOTE} characters"),
    ("addressed", "x" * (MIN_NOTE - 1), f"at least {MIN_NOTE} characters"),
    ("addressed", "   short     ", f"at least {MIN_NOTE} characters"),
    ("addressed", "x" * (MAX_NOTE + 1), "limit"),
], ids=["unknown", "label-not-id", "empty", "no-note", "one-short", "short-after-strip", "too-long"])
def test_invalid_change_writes_nothing(engine, status, note, message):
    before = snapshot(engine)
    with pytest.raises(InvalidChange, match=message):
        save_change(engine, Change("Q1", 1, status, note), "alice")
    assert snapshot(engine) == before


@pytest.mark.parametrize("note", ["x" * MIN_NOTE, "x" * MAX_NOTE])
def test_notes_at_the_limits_are_accepted(engine, note):
    assert save_change(engine, Change("Q1", 1, "addressed", note), "alice") == 2


@pytest.fixture
def dated_history(engine):
    """Q1 saved by alice on 10 March 2024, Q2 by bob on 12 March, Q1 again by bob on 12 March."""
    save_change(engine, Change("Q1", 1, "addressed", "alice on the tenth, ¶ 3."), "alice")
    save_change(engine, Change("Q2", 1, "partial", "bob on the twelfth, ¶ 6."), "bob")
    save_change(engine, Change("Q1", 2, "partial", "bob on the twelfth, ¶ 4."), "bob")
    dates = {"alice": datetime(2024, 3, 10, 23, 59, tzinfo=timezone.utc),
             "bob": datetime(2024, 3, 12, 0, 1, tzinfo=timezone.utc),
             CURATION: datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)}
    with engine.begin() as conn:
        for who, at in dates.items():
            conn.execute(update(E).where(E.c.who == who).values(at=at))
    return engine


@pytest.mark.parametrize("query, expected", [
    (HistoryFilter(), {("Q1", "alice", 2), ("Q2", "bob", 2), ("Q1", "bob", 3),
                       ("Q1", CURATION, 1), ("Q2", CURATION, 1), ("R94", CURATION, 1)}),
    (HistoryFilter(item_id="Q1"), {("Q1", "alice", 2), ("Q1", "bob", 3), ("Q1", CURATION, 1)}),
    (HistoryFilter(who="bob"), {("Q2", "bob", 2), ("Q1", "bob", 3)}),
    (HistoryFilter(item_id="Q1", who="bob"), {("Q1", "bob", 3)}),
    (HistoryFilter(since=date(2024, 3, 11)), {("Q2", "bob", 2), ("Q1", "bob", 3)}),
    (HistoryFilter(since=date(2024, 3, 10)), {("Q1", "alice", 2), ("Q2", "bob", 2), ("Q1", "bob", 3)}),
    (HistoryFilter(until=date(2024, 3, 10)), {("Q1", "alice", 2), ("Q1", CURATION, 1), ("Q2", CURATION, 1),
                                              ("R94", CURATION, 1)}),
    (HistoryFilter(since=date(2024, 3, 10), until=date(2024, 3, 11)), {("Q1", "alice", 2)}),
    (HistoryFilter(since=date(2024, 3, 12), until=date(2024, 3, 12)), {("Q2", "bob", 2), ("Q1", "bob", 3)}),
    (HistoryFilter(since=date(2024, 3, 13)), set()),
    (HistoryFilter(who="nobody"), set()),
], ids=lambda value: repr(value) if isinstance(value, HistoryFilter) else f"{len(value)}-events")
def test_history_frame_filters(dated_history, query, expected):
    frame = history_frame(dated_history, query)
    assert set(zip(frame["recommendation_id"], frame["who"], frame["version"])) == expected
    assert len(frame) == len(expected)
    assert list(frame["at"]) == sorted(frame["at"], reverse=True)  # newest first


def test_history_frame_limit_and_people(dated_history):
    newest = history_frame(dated_history, limit=2)
    assert len(newest) == 2 and set(newest["who"]) == {"bob"}
    assert history_people(dated_history) == sorted(["alice", "bob", CURATION])


@pytest.mark.parametrize("who", ["mallory", "victor", "", "   "])
def test_only_monitors_and_admins_may_save(engine, who):
    before = snapshot(engine)
    with pytest.raises(NotAllowed, match="monitor or admin"):
        save_change(engine, Change("Q1", 1, "addressed", NOTE), who)
    assert snapshot(engine) == before


def test_admin_may_save_and_names_are_normalised(engine):
    assert save_change(engine, Change("Q1", 1, "addressed", NOTE), "ada") == 2
    assert save_change(engine, Change("Q1", 2, "partial", NOTE), "  Alice ") == 3
    assert assessment(engine, "Q1")["updated_by"] == "alice"
    assert [ev["who"] for ev in item_events(engine, "Q1")] == [CURATION, "ada", "alice"]


def test_a_demoted_monitor_can_no_longer_save(engine):
    save_change(engine, Change("Q1", 1, "addressed", NOTE), "bob")
    set_role(engine, "bob", "viewer")
    before = snapshot(engine)
    with pytest.raises(NotAllowed):
        save_change(engine, Change("Q1", 2, "partial", NOTE), "bob")
    assert snapshot(engine) == before
