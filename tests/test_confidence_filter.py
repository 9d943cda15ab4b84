"""The confidence filter selects items by the confidence of the response their curated status comes from, in the
in-memory index and in SQL alike, on both engines, compared with the YAML read without the tracker's code."""

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import DB_KINDS, engine_on
from tracker.filters import Filters, from_params, to_params
from tracker.serving_index import matching_ids
from tracker.store.queries import item_ids
from tracker.validation import check_record

LATER = dict(id="LATER", symbol="CMW/C/TST/2", title="Second reply (test)", date="2019", year=2019, author="MEX",
             paragraphs={"first": 1, "last": 50}, source_file=None)
# Q1: a later reply (low) overrides the 2017 one (medium). Q2: a later related passage (high) does not override
# its reply (high in the fixture, so give the related passage low to tell them apart).
EXTRA = [
    dict(id="B1", recommendation="Q1", document="LATER", relation="reply", paragraphs=[4], summary="Later data.",
         status="addressed", rationale="Gives the data at last (4).", confidence="low",
         confidence_reason="Only a summary table.", method="1.0"),
    dict(id="B2", recommendation="Q2", document="LATER", relation="related", paragraphs=[9], summary="Mentions it.",
         status="partial", rationale="Touches the subject in passing (9).", confidence="low",
         confidence_reason="A passing mention.", method="1.0"),
]


def _add(path: Path, records: list[dict]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(data + records, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def record_dir(fixture_dir, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("confidence") / "record"
    shutil.copytree(fixture_dir, target)
    _add(target / "documents.yaml", [LATER])
    _add(target / "responses.yaml", EXTRA)
    assert check_record(target)[1] == []
    return target


@pytest.fixture(scope="module", params=DB_KINDS)
def engine(request, record_dir, tmp_path_factory):
    with engine_on(request.param, tmp_path_factory.mktemp("db"), request, record_dir) as engine:
        yield engine


def expected_confidence(record_dir: Path) -> dict[str, str]:
    """Item -> confidence of its latest reply by document year, else of its latest related response."""
    load = lambda name: yaml.safe_load((record_dir / name).read_text(encoding="utf-8"))  # noqa: E731
    year = {d["id"]: d["year"] for d in load("documents.yaml")}
    responses = load("responses.yaml")
    chosen = {}
    for rec in load("recommendations.yaml"):
        mine = [r for r in responses if r["recommendation"] == rec["id"]]
        pool = [r for r in mine if r["relation"] == "reply"] or mine
        chosen[rec["id"]] = max(pool, key=lambda r: (year[r["document"]], r["id"]))["confidence"]
    return chosen


def test_the_cases_are_what_the_comments_say(record_dir):
    assert expected_confidence(record_dir) == {"Q1": "low", "Q2": "high", "R94": "medium"}


@pytest.mark.parametrize("confidences", [("high",), ("medium",), ("low",), ("high", "low"), ()])
def test_index_and_sql_select_the_items_the_yaml_says(engine, record_dir, confidences):
    expected = sorted(i for i, c in expected_confidence(record_dir).items() if not confidences or c in confidences)
    filters = Filters(confidences=confidences)
    assert sorted(matching_ids(engine, filters)) == expected
    assert sorted(item_ids(engine, filters)) == expected


def test_confidence_filter_combines_with_status(engine):
    assert matching_ids(engine, Filters(confidences=("low",), statuses=("addressed",))) == ["Q1"]
    assert matching_ids(engine, Filters(confidences=("low",), statuses=("partial",))) == []


def test_confidence_travels_in_the_url_and_bad_values_are_dropped():
    filters = Filters(confidences=("medium", "low"))
    assert from_params(to_params(filters)) == filters
    assert from_params({"confidence": ["certain", "low", ""]}) == Filters(confidences=("low",))
    assert filters.describe() == "confidence: medium, low"
