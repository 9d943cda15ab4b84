"""tracker/store/bulk.py: a bulk assessment is N single saves, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import select, update

from tests.conftest import DB_KINDS, FIXTURE_RECORD, engine_on
from tracker.store.bulk import save_changes
from tracker.store.crud import Change, InvalidChange, NotAllowed, StaleChange, current_version, save_change
from tracker.store.models import Assessment, AssessmentEvent

A, E = Assessment.__table__, AssessmentEvent.__table__
NOTE = "Report CMW/C/TST/1 ¶ 3 gives the outcome data."
ITEMS = ["Q1", "Q2", "R94"]


@pytest.fixture(params=DB_KINDS)
def twin(request, tmp_path, grant):
    """Two databases of one engine kind holding the fixture record, alice a monitor and victor a viewer in both."""
    with engine_on(request.param, tmp_path / "a", request, FIXTURE_RECORD) as first, \
            engine_on(request.param, tmp_path / "b", request, FIXTURE_RECORD) as second:
        for engine in (first, second):
            grant(engine, "monitor", "alice")
            grant(engine, "viewer", "victor")
        yield first, second


@pytest.fixture(autouse=True)
def folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()


def changes(engine, status: str = "deferred") -> list[Change]:
    return [Change(item, current_version(engine, item), status, NOTE) for item in ITEMS]


def written(engine) -> tuple[list, list]:
    """The assessments and history as a save leaves them, without ids and times (the two runs differ there)."""
    with engine.connect() as conn:
        assessments = conn.execute(select(A.c.recommendation_id, A.c.status, A.c.version, A.c.assessed_by_monitor,
                                          A.c.needs_review, A.c.updated_by).order_by(A.c.recommendation_id)).all()
        events = conn.execute(select(E.c.recommendation_id, E.c.who, E.c.old_status, E.c.new_status, E.c.note,
                                     E.c.source, E.c.version).order_by(E.c.recommendation_id, E.c.version)).all()
    return assessments, events


def test_a_bulk_save_writes_what_the_single_saves_write(twin):
    bulk, single = twin
    outcome = save_changes(bulk, changes(bulk), "alice")
    for change in changes(single):
        save_change(single, change, "alice")
    assert outcome.saved == {item: 2 for item in ITEMS} and not outcome.refused and outcome.fault is None
    assert written(bulk) == written(single)
    assert sum(1 for event in written(bulk)[1] if event.source == "monitor") == len(ITEMS)


def test_a_stale_item_is_refused_and_the_others_are_saved(twin):
    bulk, _ = twin
    seen = changes(bulk)
    save_change(bulk, Change("Q2", 1, "addressed", NOTE), "alice")  # someone saves Q2 after the list was shown
    outcome = save_changes(bulk, seen, "alice")
    assert set(outcome.saved) == {"Q1", "R94"}
    assert list(outcome.refused) == ["Q2"] and isinstance(outcome.refused["Q2"], StaleChange)
    assert outcome.refused["Q2"].latest.new_status == "addressed"  # the page shows their change
    with bulk.connect() as conn:
        assert conn.execute(select(A.c.status).where(A.c.recommendation_id == "Q2")).scalar_one() == "addressed"


def test_a_viewer_is_refused_for_every_item_and_nothing_is_written(twin):
    bulk, _ = twin
    before = written(bulk)
    outcome = save_changes(bulk, changes(bulk), "victor")
    assert not outcome.saved and set(outcome.refused) == set(ITEMS)
    assert all(isinstance(reason, NotAllowed) for reason in outcome.refused.values())
    assert written(bulk) == before


def test_a_note_too_short_is_refused_before_any_save(twin):
    bulk, _ = twin
    before = written(bulk)
    with pytest.raises(InvalidChange):
        save_changes(bulk, [Change(item, 1, "deferred", "too short") for item in ITEMS], "alice")
    assert written(bulk) == before


def test_a_database_fault_stops_the_run_and_names_what_was_not_tried(twin, monkeypatch):
    bulk, _ = twin
    from tracker.store import bulk as module

    real, calls = module.save_change, []

    def failing_second(engine, change, who):
        calls.append(change.item_id)
        if len(calls) == 2:
            raise OSError("the disk is full")
        return real(engine, change, who)

    monkeypatch.setattr(module, "save_change", failing_second)
    outcome = save_changes(bulk, changes(bulk), "alice")
    assert list(outcome.saved) == ["Q1"] and outcome.not_tried == ["Q2", "R94"]
    assert isinstance(outcome.fault, OSError)


def test_an_item_flagged_for_review_is_cleared_as_by_a_single_save(twin):
    bulk, single = twin
    for engine in twin:
        with engine.begin() as conn:
            conn.execute(update(A).where(A.c.recommendation_id == "Q1").values(needs_review=True, review_reason="x"))
    save_changes(bulk, changes(bulk)[:1], "alice")
    save_change(single, changes(single)[0], "alice")
    assert written(bulk) == written(single)
