"""tracker/coverage.py: status counts and coverage tables, on SQLite and PostgreSQL.

Every expected number is counted in the test from the YAML (see `read_expected_items` in conftest.py), for
the fixture record and for an enlarged copy of it that adds items spanning two parts, items with no part, an
item answered twice (the later reply wins), items with only related responses and a third mechanism.
"""

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import DB_KINDS, new_database

from tracker.coverage import DIMENSIONS, NO_PART, coverage_table, open_share, status_counts
from tracker.filters import Filters, from_params, to_params
from tracker.schema import ARTICLE_COUNT, OPEN_STATUSES, PARTS, STATUS_LABELS, STATUSES
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.validation import check_record

EXTRA_DOCUMENTS = [
    dict(id="REPLY2019", symbol="CMW/C/TST/2", title="Second reply (test)", date="2019", year=2019, author="MEX",
         paragraphs={"first": 1, "last": 50}, source_file=None),
    dict(id="GA-RES", symbol=None, title="Resolution (test)", date=None, year=2000, author="GA", paragraphs=None),
]
EXTRA_RECOMMENDATIONS = [
    dict(id="Q3", mechanism="CMW", document="QPR", paragraphs=[3], year=2016, section="general",
         topic="Labour inspection of farms", topic_basis="inferred-from-reply", articles=[25, 40], addressee="MEX"),
    dict(id="Q4", mechanism="CMW", document="QPR", paragraphs=["3(b)"], year=2016, section="data",
         topic="Official estimates", topic_basis="inferred-from-reply", addressee="MEX"),
    dict(id="R95", mechanism="SR-MIGRANTS", document="SR", paragraphs=[95], year=2009,
         topic="Training of border officials", topic_basis="source", articles=[64, 65], addressee="MEX"),
    dict(id="GA1", mechanism="GA", document="GA-RES", paragraphs=[4], year=2000, topic="Consider ratifying",
         topic_basis="source", addressee="MEX"),
]
EXTRA_RESPONSES = [
    dict(id="A4", recommendation="Q3", document="REPORT", relation="reply", paragraphs=[7, "8-9"],
         bodies=["STPS", "INM"], summary="Inspections on farms.", status="addressed", rationale="Gives the data (7).", confidence="high", method="1.0"),
    dict(id="A5", recommendation="Q4", document="REPORT", relation="reply", paragraphs=[10],
         summary="Some estimates.", status="partial", rationale="No official series (10).", confidence="high", method="1.0"),
    dict(id="A6", recommendation="Q4", document="REPLY2019", relation="reply", paragraphs=[5], bodies=["INM"],
         summary="The official series.", status="addressed", rationale="Answers it in 2019 (5).", confidence="high", method="1.0"),
    dict(id="A7", recommendation="R95", document="REPORT", relation="related", paragraphs=[11], bodies=["SRE"],
         summary="Training programmes.", status="partial", rationale="Bears on it in part (11).", confidence="high", method="1.0"),
    dict(id="A8", recommendation="R95", document="REPLY2019", relation="related", paragraphs=[6],
         summary="Training later.", status="deferred", rationale="Promises a report (6).", confidence="high", method="1.0"),
    dict(id="A9", recommendation="GA1", document="REPORT", relation="reply", paragraphs=[12],
         summary="Mentions the resolution.", status="not_addressed", rationale="Says nothing of ratification (12).", confidence="high", method="1.0"),
    dict(id="A10", recommendation="GA1", document="REPLY2019", relation="related", paragraphs=[7],
         summary="Ratification debate.", status="addressed", rationale="A related mention, not a reply (7).", confidence="high", method="1.0"),
]


def _extend(path: Path, records: list[dict]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(data + records, sort_keys=False, allow_unicode=True), encoding="utf-8")


# Coverage only reads, so each (engine, record) database is loaded once for the whole module.
@pytest.fixture(scope="module", params=["fixture", "enlarged"])
def record_dir(request, fixture_dir, tmp_path_factory) -> Path:
    if request.param == "fixture":
        return fixture_dir
    target = tmp_path_factory.mktemp("enlarged") / "record"
    shutil.copytree(fixture_dir, target)
    _extend(target / "documents.yaml", EXTRA_DOCUMENTS)
    _extend(target / "recommendations.yaml", EXTRA_RECOMMENDATIONS)
    _extend(target / "responses.yaml", EXTRA_RESPONSES)
    assert check_record(target)[1] == []
    return target


@pytest.fixture(scope="module", params=DB_KINDS)
def loaded(request, record_dir, tmp_path_factory):
    with new_database(request.param, tmp_path_factory.mktemp("db"), request) as url:
        engine = open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(record_dir)})).engine
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def items(record_dir, expected_items):
    return expected_items(record_dir)


def _text_match(query: str):
    """Every word of the query is a word of one of the item's texts (case ignored): what the search promises
    for plain words; stemming and the operators are tested in tests/search."""
    wanted = set(re.findall(r"[^\W_]+", query.lower()))
    return lambda i: bool(wanted) and wanted <= {w for text in i.texts for w in re.findall(r"[^\W_]+", text.lower())}


# Each filter with the same selection written as a plain predicate over what the YAML says.
FILTER_CASES = [
    ("all", Filters(), lambda i: True),
    ("status-partial", Filters(statuses=("partial",)), lambda i: i.status == "partial"),
    ("status-open", Filters(statuses=OPEN_STATUSES), lambda i: i.status != "addressed"),
    ("part-III", Filters(parts=("III",)), lambda i: "III" in i.parts),
    ("parts-IV-VI", Filters(parts=("IV", "VI")), lambda i: bool(i.parts & {"IV", "VI"})),
    ("article-64", Filters(articles=(64,)), lambda i: 64 in i.articles),
    ("articles-16-40", Filters(articles=(16, 40)), lambda i: bool(i.articles & {16, 40})),
    ("mechanism-CMW", Filters(mechanisms=("CMW",)), lambda i: i.mechanism == "CMW"),
    ("mechanisms-SR-GA", Filters(mechanisms=("SR-MIGRANTS", "GA")), lambda i: i.mechanism in {"SR-MIGRANTS", "GA"}),
    ("body-INM", Filters(bodies=("INM",)), lambda i: "INM" in i.bodies),
    ("bodies-CNDH-SRE", Filters(bodies=("CNDH", "SRE")), lambda i: bool(i.bodies & {"CNDH", "SRE"})),
    ("years-2009-2016", Filters(year_from=2009, year_to=2016), lambda i: 2009 <= i.year <= 2016),
    ("years-2010-2016", Filters(year_from=2010, year_to=2016), lambda i: 2010 <= i.year <= 2016),
    ("years-2000-2009", Filters(year_from=2000, year_to=2009), lambda i: 2000 <= i.year <= 2009),
    ("years-from-2010", Filters(year_from=2010), lambda i: i.year >= 2010),
    ("years-none", Filters(year_from=2020, year_to=2030), lambda i: False),
    ("text-topic", Filters(text="detention"), _text_match("detention")),
    ("text-summary-any-case", Filters(text="DEFERS"), _text_match("defers")),
    ("text-rationale", Filters(text="UN system"), _text_match("un system")),
    ("text-id", Filters(text="r94"), _text_match("r94")),
    ("text-padded", Filters(text="  farms "), _text_match("farms")),
    ("text-nothing", Filters(text="no such words"), lambda i: False),
    ("open-in-part-III", Filters(statuses=OPEN_STATUSES, parts=("III",)),
     lambda i: i.status != "addressed" and "III" in i.parts),
    ("cmw-with-inm-in-2016", Filters(mechanisms=("CMW",), bodies=("INM",), year_from=2016, year_to=2016),
     lambda i: i.mechanism == "CMW" and "INM" in i.bodies and i.year == 2016),
    # punctuation alone is no search: it matches nothing (and the page says why)
    ("text-underscore", Filters(text="_"), lambda i: False),
    ("text-percent", Filters(text="%"), lambda i: False),
    ("text-backslash", Filters(text="\\"), lambda i: False),
]


@pytest.fixture(params=[pytest.param(case, id=case[0]) for case in FILTER_CASES])
def filter_case(request):
    return request.param


def _labels() -> list[str]:
    return [STATUS_LABELS[s] for s in STATUSES]


def test_status_counts(loaded, items, filter_case):
    _, filters, selects = filter_case
    chosen = [i for i in items.values() if selects(i)]

    counts = status_counts(loaded, filters)

    assert list(counts.index) == list(STATUSES)
    assert counts.to_dict() == {s: Counter(i.status for i in chosen)[s] for s in STATUSES}


def _expected_table(chosen, dimension: str) -> dict:
    """{category: {status: count}} from the YAML, with the categories the table must show."""
    def values_of(item):
        return {"part": item.parts or {NO_PART}, "article": item.articles, "year": {item.year},
                "mechanism": {item.mechanism}, "body": item.bodies}[dimension]

    found = sorted({v for i in chosen for v in values_of(i)}, key=str)
    if dimension == "part":
        categories = [*PARTS, NO_PART] if NO_PART in found else list(PARTS)
    elif dimension == "article":
        categories = list(range(1, ARTICLE_COUNT + 1))
    else:
        categories = sorted(found)
    return {c: {s: sum(1 for i in chosen if c in values_of(i) and i.status == s) for s in STATUSES}
            for c in categories}


@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_coverage_table(loaded, items, filter_case, dimension):
    _, filters, selects = filter_case
    chosen = [i for i in items.values() if selects(i)]
    expected = _expected_table(chosen, dimension)

    table = coverage_table(loaded, filters, dimension)

    assert list(table.columns) == [DIMENSIONS[dimension], *_labels(), "Total"]
    assert list(table[DIMENSIONS[dimension]]) == list(expected)
    for _, row in table.iterrows():
        counts = expected[row[DIMENSIONS[dimension]]]
        assert [row[STATUS_LABELS[s]] for s in STATUSES] == [counts[s] for s in STATUSES], row.to_dict()
        assert row["Total"] == sum(counts.values())


def test_every_part_and_article_appears_even_when_empty(loaded):
    for filters in (Filters(), Filters(year_from=2020, year_to=2030)):
        parts = coverage_table(loaded, filters, "part")[DIMENSIONS["part"]].tolist()
        assert parts[:9] == list(PARTS) and set(parts) <= {*PARTS, NO_PART}
        assert coverage_table(loaded, filters, "article")[DIMENSIONS["article"]].tolist() == \
            list(range(1, ARTICLE_COUNT + 1))


def test_no_part_row_only_when_an_item_has_no_part(loaded, items):
    parts = coverage_table(loaded, Filters(), "part")[DIMENSIONS["part"]].tolist()
    assert (NO_PART in parts) == any(not i.parts for i in items.values())


def test_unknown_dimension(loaded):
    with pytest.raises(ValueError, match="unknown dimension"):
        coverage_table(loaded, Filters(), "theme")


def test_open_share(loaded, items):
    table = coverage_table(loaded, Filters(), "mechanism").set_index(DIMENSIONS["mechanism"])
    share = open_share(table.reset_index()).set_axis(table.index)
    for mechanism in table.index:
        mine = [i for i in items.values() if i.mechanism == mechanism]
        assert share[mechanism] == pytest.approx(sum(i.status != "addressed" for i in mine) / len(mine))


def test_a_year_range_from_the_url_never_breaks_the_query(loaded, items):
    filters = from_params(to_params(Filters(year_from=1, year_to=10**20)))
    assert status_counts(loaded, filters).sum() == len(items)
