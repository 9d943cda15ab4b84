"""An item addressed to someone other than the State never counts under a State body (assessment method,
section 5): not in the State-body chart, not in the State-body filter, not in the item list's body column; the
Item page still shows the bodies its related passage names. Checked on both engines against the YAML."""

import shutil
from pathlib import Path

import pytest
import yaml

from tracker.coverage import coverage_table
from tracker.filters import Filters
from tracker.serving_index import matching_ids
from tracker.schema import STATUS_LABELS
from tracker.store.queries import item_detail, items_frame

from conftest import DB_KINDS, engine_on

UN_ITEM = "R94"  # addressed to the United Nations in the fixture record; its only response is A3


@pytest.fixture(scope="module")
def record_dir(fixture_dir, tmp_path_factory) -> Path:
    """The fixture record, with the UN-addressed item's related passage naming two State bodies."""
    target = tmp_path_factory.mktemp("un-bodies") / "record"
    shutil.copytree(fixture_dir, target)
    path = target / "responses.yaml"
    responses = yaml.safe_load(path.read_text(encoding="utf-8"))
    for response in responses:
        if response["recommendation"] == UN_ITEM:
            response["bodies"] = ["INM", "CNDH"]
    path.write_text(yaml.safe_dump(responses, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture(scope="module", params=DB_KINDS)
def engine(request, record_dir, tmp_path_factory):
    with engine_on(request.param, tmp_path_factory.mktemp("db"), request, record_dir) as engine:
        yield engine


def test_the_un_item_really_names_bodies_and_is_not_put_to_the_state(record_dir):
    load = lambda name: yaml.safe_load((record_dir / name).read_text(encoding="utf-8"))  # noqa: E731
    kinds = {a["id"]: a["kind"] for a in load("actors.yaml")}
    addressee = next(r["addressee"] for r in load("recommendations.yaml") if r["id"] == UN_ITEM)
    assert kinds[addressee] == "international"
    assert any(r.get("bodies") for r in load("responses.yaml") if r["recommendation"] == UN_ITEM)


def test_the_state_body_chart_counts_only_items_put_to_the_state(engine, record_dir, expected_items):
    items = expected_items(record_dir)  # the YAML read by the rule, without the tracker's code
    table = coverage_table(engine, Filters(), "body").set_index("State body named in the replies")
    expected = {body for item in items.values() for body in item.bodies}
    assert set(table.index) == expected
    for body in expected:
        chosen = [i for i in items.values() if body in i.bodies]
        for status, label in STATUS_LABELS.items():
            assert table.loc[body, label] == sum(1 for i in chosen if i.status == status), (body, status)
    # the UN item is not_addressed; no State body may carry that status because of it
    assert table[STATUS_LABELS["not_addressed"]].sum() == 0


@pytest.mark.parametrize("body", ["INM", "CNDH"])
def test_the_state_body_filter_leaves_the_un_item_out(engine, body):
    assert UN_ITEM not in matching_ids(engine, Filters(bodies=(body,)))
    listed = items_frame(engine, Filters(bodies=(body,)))
    assert UN_ITEM not in set(listed["id"])


def test_the_item_list_and_the_item_page(engine):
    row = items_frame(engine, Filters()).set_index("id").loc[UN_ITEM]
    assert row["bodies"] == ""
    detail = item_detail(engine, UN_ITEM)
    assert [sorted(r["bodies"]) for r in detail["responses"]] == [["CNDH", "INM"]]
