"""Reporting cycles and UHRI labels (themes, SDGs, affected persons) as filters: what the SQL filter and the item
index select equals an independent SQL query over the loaded tables and the YAML read without the tracker's
code, on SQLite and PostgreSQL; they travel in the URL, appear in the filter choices and the export's
description, and are validated with located messages."""

import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from conftest import DB_KINDS, engine_on
from tracker.filters import Filters, from_params, to_params
from tracker.serving_index import matching_ids
from tracker.store.queries import filter_choices, item_detail, item_ids
from tracker.validation import check_record

ADDITIONS = Path(__file__).resolve().parent / "fixtures" / "cycles.yaml"


def add_cycles(record_dir: Path) -> None:
    """Append tests/fixtures/cycles.yaml's documents, items and responses to a copy of the fixture record."""
    additions = yaml.safe_load(ADDITIONS.read_text(encoding="utf-8"))
    for name, entries in additions.items():
        path = record_dir / f"{name}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(data + entries, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def record_dir(fixture_dir, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("cycles") / "record"
    shutil.copytree(fixture_dir, target)
    add_cycles(target)
    assert check_record(target)[1] == []
    return target


@pytest.fixture(scope="module", params=DB_KINDS)
def engine(request, record_dir, tmp_path_factory):
    with engine_on(request.param, tmp_path_factory.mktemp("db"), request, record_dir) as engine:
        yield engine


def _yaml(record_dir: Path, name: str):
    return yaml.safe_load((record_dir / name).read_text(encoding="utf-8"))


def yaml_truth(record_dir: Path, filters: Filters) -> list[str]:
    """The items the filters' cycles and labels select, read from the YAML by docs/data-model.md's rules."""
    cycle_of = {d["id"]: f"{d['cycle']['mechanism']}-{d['cycle']['number']}" if d.get("cycle") else None
                for d in _yaml(record_dir, "documents.yaml")}
    wanted_labels = ((filters.uhri_themes, "themes"), (filters.sdgs, "sdgs"),
                     (filters.affected_persons, "affected_persons"))
    chosen = []
    for item in _yaml(record_dir, "recommendations.yaml"):
        uhri = item.get("uhri") or {}
        labelled = all(not wanted or set(wanted) & set(uhri.get(kind) or []) for wanted, kind in wanted_labels)
        if labelled and (not filters.cycles or cycle_of[item["document"]] in filters.cycles):
            chosen.append(item["id"])
    return sorted(chosen)


def sql_truth(engine, filters: Filters) -> list[str]:
    """The same selection written by hand in SQL over the loaded tables (intersection of one query per filter)."""
    with engine.connect() as conn:
        chosen = set(conn.execute(text("SELECT id FROM recommendation WHERE active")).scalars())
        for wanted, kind in ((filters.uhri_themes, "themes"), (filters.sdgs, "sdgs"),
                             (filters.affected_persons, "affected_persons")):
            if wanted:
                chosen &= {row for label in wanted for row in conn.execute(
                    text("SELECT recommendation_id FROM recommendation_label WHERE kind = :kind AND label = :label"),
                    {"kind": kind, "label": label}).scalars()}
        if filters.cycles:
            pairs = [(key.rsplit("-", 1)[0], int(key.rsplit("-", 1)[1])) for key in filters.cycles]
            chosen &= {row for mechanism, number in pairs for row in conn.execute(
                text("SELECT r.id FROM recommendation r JOIN document d ON d.id = r.document_id "
                     "WHERE d.cycle_mechanism = :mechanism AND d.cycle_number = :number"),
                {"mechanism": mechanism, "number": number}).scalars()}
    return sorted(chosen)


SDG = "16.2 - Protect children from abuse, exploitation, trafficking and violence"
CASES = {
    "no-filter": Filters(),
    "theme-both": Filters(uhri_themes=("Migrants",)),
    "theme-one": Filters(uhri_themes=("Deprivation of liberty",)),
    "theme-either": Filters(uhri_themes=("Deprivation of liberty", "Migrants")),
    "theme-unknown": Filters(uhri_themes=("No such theme",)),
    "sdg": Filters(sdgs=(SDG,)),
    "persons-women": Filters(affected_persons=("Women",)),
    "persons-and-theme": Filters(affected_persons=("Children",), uhri_themes=("Migrants",)),
    "persons-and-sdg-none": Filters(affected_persons=("Women",), sdgs=(SDG,)),
    "cycle-1": Filters(cycles=("CMW-1",)),
    "cycle-2": Filters(cycles=("CMW-2",)),
    "cycles-both": Filters(cycles=("CMW-2", "CMW-1")),
    "cycle-unknown": Filters(cycles=("CMW-9",)),
    "cycle-and-theme": Filters(cycles=("CMW-2",), uhri_themes=("Deprivation of liberty",)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_sql_and_index_select_what_an_independent_query_and_the_yaml_say(engine, record_dir, case):
    filters = CASES[case]
    expected = sql_truth(engine, filters)
    assert expected == yaml_truth(record_dir, filters)
    assert sorted(item_ids(engine, filters)) == expected
    assert sorted(matching_ids(engine, filters)) == expected


def test_the_cases_are_what_their_names_say(engine):
    picked = {case: sql_truth(engine, CASES[case]) for case in ("theme-both", "cycle-1", "cycles-both",
                                                                  "persons-and-sdg-none", "cycle-unknown")}
    assert picked == {"theme-both": ["CO17-P12", "CO25-P8"], "cycle-1": ["CO17-P12"],
                      "cycles-both": ["CO17-P12", "CO25-P8"], "persons-and-sdg-none": [], "cycle-unknown": []}


def test_new_filters_combine_with_the_others(engine):
    assert item_ids(engine, Filters(cycles=("CMW-2",), articles=(17,))) == ["CO25-P8"]
    assert item_ids(engine, Filters(cycles=("CMW-1",), articles=(17,))) == []
    assert matching_ids(engine, Filters(uhri_themes=("Migrants",), year_from=2020, year_to=2030)) == ["CO25-P8"]


def test_filter_choices_hold_the_labels_and_cycles_of_the_record(engine):
    choices = filter_choices(engine)
    assert choices["uhri_themes"] == ["Deprivation of liberty", "Migrants"]
    assert choices["sdgs"] == [SDG]
    assert choices["affected_persons"] == ["Children", "Migrants", "Women"]
    assert choices["cycles"] == [("CMW-1", "CMW", 1), ("CMW-2", "CMW", 2)]


def test_an_item_shows_its_cycle_and_the_item_it_takes_up(engine):
    later = item_detail(engine, "CO25-P8")
    assert (later["document"]["cycle_mechanism"], later["document"]["cycle_number"],
            later["document"]["cycle_stage"]) == ("CMW", 2, "concluding-observations")
    assert [link["takes_up_id"] for link in later["takes_up"]] == ["CO17-P12"]
    earlier = item_detail(engine, "CO17-P12")
    assert earlier["year"] == 2017 and earlier["document"]["cycle_number"] == 1


@pytest.mark.parametrize("filters, params", [
    (Filters(uhri_themes=("Migrants", "Deprivation of liberty")), {"theme": ["Migrants", "Deprivation of liberty"]}),
    (Filters(sdgs=(SDG,)), {"sdg": [SDG]}),
    (Filters(affected_persons=("Women",)), {"affected": ["Women"]}),
    (Filters(cycles=("CMW-3",)), {"cycle": ["CMW-3"]}),
])
def test_the_new_filters_travel_in_the_url(filters, params):
    assert to_params(filters) == params
    assert from_params(params) == filters


def test_the_export_description_names_the_new_filters():
    described = Filters(cycles=("CMW-3",), uhri_themes=("Migrants",), sdgs=("16.2",),
                        affected_persons=("Women", "Children")).describe()
    assert described == "UHRI theme: Migrants; SDG: 16.2; affected persons: Women, Children; cycle: CMW-3"


BAD_CYCLE = [
    ({"mechanism": "NOBODY", "number": 1, "stage": "state-report"}, "cycle", "actor 'NOBODY' is not in actors.yaml"),
    ({"mechanism": "MEX", "number": 1, "stage": "state-report"}, "cycle", "actor 'MEX' is a state, not a mechanism"),
    ({"mechanism": "CMW", "number": 1, "stage": "review"}, "cycle.stage", "'review' is not one of"),
    ({"mechanism": "CMW", "number": 0, "stage": "dialogue"}, "cycle.number", "greater than or equal to 1"),
]


@pytest.mark.parametrize("cycle, field, message", BAD_CYCLE, ids=[c[2][:24] for c in BAD_CYCLE])
def test_a_bad_cycle_is_reported_where_it_is(record_copy, cycle, field, message):
    path = record_copy / "documents.yaml"
    documents = yaml.safe_load(path.read_text(encoding="utf-8"))
    documents[0]["cycle"] = cycle
    path.write_text(yaml.safe_dump(documents, sort_keys=False), encoding="utf-8")
    record, problems = check_record(record_copy)
    assert record is None
    (problem,) = problems
    assert (problem.file, problem.record, problem.field) == ("documents.yaml", "QPR", field)
    assert message in problem.message and problem.line is not None


def test_uhri_labels_need_a_uuid(record_copy):
    path = record_copy / "recommendations.yaml"
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    items[0]["uhri"] = {"annotation_id": "not-a-uuid", "themes": ["Migrants"]}
    path.write_text(yaml.safe_dump(items, sort_keys=False), encoding="utf-8")
    _, problems = check_record(record_copy)
    assert [(p.record, p.field) for p in problems] == [("Q1", "uhri.annotation_id")]
