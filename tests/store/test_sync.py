"""tracker/store/sync.py: loading the curated record, on SQLite and PostgreSQL.

A first load creates one assessment and one history row per item; a re-load changes nothing; a changed
curated status is followed (with a history row) until a monitor has assessed the item, and flagged for
review afterwards; an item removed from the YAML is retired but keeps its history.
"""

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from tracker.filters import Filters
from tracker.startup import open_database
from tracker.store.crud import Change, HistoryFilter, history_frame, save_change
from tracker.store.db import make_engine, migrate
from tracker.store.models import (
    Assessment,
    AssessmentEvent,
    Meta,
    Recommendation,
    RecommendationArticle,
    RecommendationPart,
    Response,
    ResponseBody,
    metadata,
)
from tracker.store.queries import item_ids, items_frame
from tracker.store.sync import CURATION, DIGEST_KEY, sync_record
from tracker.validation import load_record

A, E, R = Assessment.__table__, AssessmentEvent.__table__, Recommendation.__table__


@pytest.fixture
def empty_engine(db_url, grant):
    """A migrated database with no record loaded; alice and bob may assess."""
    engine = make_engine(db_url)
    migrate(engine)
    grant(engine, "monitor", "alice", "bob")
    try:
        yield engine
    finally:
        engine.dispose()


def load(engine, data_dir: Path):
    return sync_record(engine, load_record(data_dir))


def snapshot(engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two equal snapshots mean nothing was written in between.

    The change counter is left out: every load takes a number from it, whether or not it changes anything."""
    with engine.connect() as conn:
        return {table.name: sorted((tuple(map(repr, row)) for row in conn.execute(select(table))))
                for table in metadata.sorted_tables if table.name != "change_counter"}


def assessments(engine) -> dict[str, dict]:
    with engine.connect() as conn:
        return {row["recommendation_id"]: dict(row) for row in conn.execute(select(A)).mappings()}


def events(engine, item_id: str | None = None) -> list[dict]:
    stmt = select(E).order_by(E.c.id)
    if item_id:
        stmt = stmt.where(E.c.recommendation_id == item_id)
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(stmt).mappings()]


def edit_yaml(path: Path, record_id: str, **fields) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (target,) = [r for r in data if r["id"] == record_id]
    target.update(fields)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def drop_yaml(path: Path, record_id: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump([r for r in data if r["id"] != record_id], sort_keys=False), encoding="utf-8")


def test_first_load_creates_assessments_and_one_history_row_each(empty_engine, fixture_dir, expected_items):
    expected = expected_items(fixture_dir)
    record = load_record(fixture_dir)

    report = sync_record(empty_engine, record)

    assert report.created == list(expected)
    assert (report.followed_curation, report.flagged, report.retired) == ([], [], [])
    rows = assessments(empty_engine)
    assert set(rows) == set(expected)
    for item in expected.values():
        row = rows[item.id]
        assert (row["status"], row["curated_status"], row["version"]) == (item.status, item.status, 1)
        assert (row["assessed_by_monitor"], row["needs_review"], row["review_reason"]) == (False, False, None)
        assert row["updated_by"] == CURATION
    history = events(empty_engine)
    assert sorted(ev["recommendation_id"] for ev in history) == sorted(expected)
    for ev in history:
        assert (ev["source"], ev["who"], ev["old_status"], ev["version"]) == (CURATION, CURATION, None, 1)
        assert ev["new_status"] == expected[ev["recommendation_id"]].status
    with empty_engine.connect() as conn:
        assert conn.execute(select(Meta.value).where(Meta.key == DIGEST_KEY)).scalar_one() == record.digest
        parts = conn.execute(select(RecommendationPart.recommendation_id, RecommendationPart.part_id)).all()
        articles = conn.execute(select(RecommendationArticle.recommendation_id, RecommendationArticle.article)).all()
        bodies = conn.execute(select(Response.recommendation_id, ResponseBody.actor_id)
                              .join(Response, Response.id == ResponseBody.response_id)).all()
    assert set(parts) == {(i.id, p) for i in expected.values() for p in i.parts}
    assert set(articles) == {(i.id, n) for i in expected.values() for n in i.articles}
    assert set(bodies) == {(i.id, b) for i in expected.values() for b in i.bodies}


def test_reload_is_idempotent(empty_engine, fixture_dir):
    record = load_record(fixture_dir)
    sync_record(empty_engine, record)
    before = snapshot(empty_engine)

    report = sync_record(empty_engine, record)

    assert (report.created, report.followed_curation, report.flagged, report.retired) == ([], [], [], [])
    assert snapshot(empty_engine) == before


def test_open_database_loads_only_when_the_record_changed(settings_for, record_copy):
    first = open_database(settings_for(record_copy))
    second = open_database(settings_for(record_copy))
    edit_yaml(record_copy / "recommendations.yaml", "Q1", topic="Detention conditions, revised")
    third = open_database(settings_for(record_copy))
    try:
        assert first.loaded is not None and first.loaded.created
        assert second.loaded is None
        assert third.loaded is not None and third.loaded.created == []
    finally:
        for opened in (first, second, third):
            opened.engine.dispose()


def test_changed_curated_status_is_followed_when_no_monitor_assessed(empty_engine, record_copy):
    load(empty_engine, record_copy)
    edit_yaml(record_copy / "responses.yaml", "A1", status="addressed")

    report = load(empty_engine, record_copy)

    assert report.followed_curation == ["Q1"]
    assert report.flagged == [] and report.created == []
    row = assessments(empty_engine)["Q1"]
    assert (row["status"], row["curated_status"], row["version"]) == ("addressed", "addressed", 2)
    assert (row["needs_review"], row["assessed_by_monitor"]) == (False, False)
    history = events(empty_engine, "Q1")
    assert [(ev["old_status"], ev["new_status"], ev["version"], ev["source"]) for ev in history] == [
        (None, "partial", 1, CURATION), ("partial", "addressed", 2, CURATION)]
    assert "Partial" in history[-1]["note"] and "Addressed" in history[-1]["note"]
    # the other items are untouched
    assert [len(events(empty_engine, item)) for item in ("Q2", "R94")] == [1, 1]


def test_changed_curated_status_is_flagged_after_a_monitor_assessed(empty_engine, record_copy):
    load(empty_engine, record_copy)
    save_change(empty_engine, Change("Q1", 1, "deferred", "Report ¶ 3 says the data will follow."), "alice")
    edit_yaml(record_copy / "responses.yaml", "A1", status="addressed")

    report = load(empty_engine, record_copy)

    assert report.flagged == ["Q1"] and report.followed_curation == []
    row = assessments(empty_engine)["Q1"]
    assert (row["status"], row["version"], row["updated_by"]) == ("deferred", 2, "alice")
    assert row["curated_status"] == "addressed"
    assert row["needs_review"] is True
    for word in ("Partial", "Addressed", "Deferred"):
        assert word in row["review_reason"]
    assert len(events(empty_engine, "Q1")) == 2  # curation + alice; the flag writes no status change

    # loading the same record again flags nothing new; the next monitor save clears the flag
    assert load(empty_engine, record_copy).flagged == []
    save_change(empty_engine, Change("Q1", 2, "addressed", "Agrees with the new curation of A1."), "bob")
    row = assessments(empty_engine)["Q1"]
    assert (row["status"], row["needs_review"], row["review_reason"], row["version"]) == ("addressed", False, None, 3)


def test_removed_recommendation_is_retired_and_keeps_its_history(empty_engine, record_copy):
    load(empty_engine, record_copy)
    save_change(empty_engine, Change("R94", 1, "partial", "The 2017 report ¶ 9 bears on it."), "alice")
    drop_yaml(record_copy / "recommendations.yaml", "R94")
    drop_yaml(record_copy / "responses.yaml", "A3")

    report = load(empty_engine, record_copy)

    assert report.retired == ["R94"]
    with empty_engine.connect() as conn:
        assert conn.execute(select(R.c.active).where(R.c.id == "R94")).scalar_one() is False
        assert conn.execute(select(R.c.active).where(R.c.id == "Q1")).scalar_one() is True
        assert conn.execute(select(func.count()).select_from(Response.__table__)
                            .where(Response.recommendation_id == "R94")).scalar_one() == 0
    assert "R94" not in set(items_frame(empty_engine, Filters())["id"])
    assert item_ids(empty_engine) == ["Q1", "Q2"]
    history = history_frame(empty_engine, HistoryFilter(item_id="R94"))
    assert list(history["who"]) == ["alice", CURATION]
    assert assessments(empty_engine)["R94"]["status"] == "partial"
    # retiring happens once
    assert load(empty_engine, record_copy).retired == []


def test_recommendation_put_back_is_active_again_with_its_assessment(empty_engine, record_copy, fixture_dir):
    load(empty_engine, record_copy)
    drop_yaml(record_copy / "recommendations.yaml", "R94")
    drop_yaml(record_copy / "responses.yaml", "A3")
    load(empty_engine, record_copy)

    report = load(empty_engine, fixture_dir)

    assert report.created == [] and report.retired == []
    assert item_ids(empty_engine) == ["Q1", "Q2", "R94"]
    assert len(events(empty_engine, "R94")) == 1
    assert assessments(empty_engine)["R94"]["version"] == 1


def test_curated_fields_follow_the_yaml(empty_engine, record_copy):
    load(empty_engine, record_copy)
    before = assessments(empty_engine)
    edit_yaml(record_copy / "recommendations.yaml", "Q1", topic="Conditions in migration stations",
              articles=[17], themes=["detention", "children"])
    edit_yaml(record_copy / "responses.yaml", "A1", bodies=["COMAR"], summary="A new summary.")

    report = load(empty_engine, record_copy)

    assert (report.created, report.followed_curation, report.flagged) == ([], [], [])
    with empty_engine.connect() as conn:
        rec = conn.execute(select(R).where(R.c.id == "Q1")).mappings().one()
        articles = conn.execute(select(RecommendationArticle.article)
                                .where(RecommendationArticle.recommendation_id == "Q1")).scalars().all()
        bodies = conn.execute(select(ResponseBody.actor_id).where(ResponseBody.response_id == "A1")).scalars().all()
        summary = conn.execute(select(Response.summary).where(Response.id == "A1")).scalar_one()
    assert rec["topic"] == "Conditions in migration stations"
    assert rec["themes"] == ["detention", "children"]
    assert articles == [17] and bodies == ["COMAR"] and summary == "A new summary."
    frame = items_frame(empty_engine, Filters()).set_index("id")
    assert frame.loc["Q1", "topic"] == "Conditions in migration stations"
    assert frame.loc["Q1", "bodies"] == "Mexican Commission for Aid to Refugees"  # the store's reads name bodies
    assert assessments(empty_engine) == before  # curated edits that keep the status leave assessments alone
