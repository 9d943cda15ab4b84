"""Whatever a file holds, validation ends in a clean record or located problems: never a traceback."""

import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.errors import MAX_PROBLEMS, Problem
from tracker.validation import FILES, check_record
from tracker.yaml_source import MAX_FILE_BYTES

from tests.conftest import FIXTURE_RECORD

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                      max_leaves=12)
FIELDS = {name: list(yaml.safe_load((FIXTURE_RECORD / name).read_text())[0])
          for name in FILES if name != "convention.yaml"}
HYPOTHESIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def check_with(folder, name: str, content: bytes):
    """Validate the fixture record with one file replaced by `content`."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FIXTURE_RECORD, folder)
    (folder / name).write_bytes(content)
    record, problems = check_record(folder)
    assert (record is None) == bool(problems), "a record was returned alongside problems"
    assert len(problems) <= MAX_PROBLEMS
    for problem in problems:
        assert isinstance(problem, Problem) and problem.file in FILES
        assert problem.line is None or problem.line >= 1
        line = str(problem)
        assert line.startswith(f"{problem.file}:") and line.isprintable(), line
        assert len(line) < 400, "a quoted value must be cut short"
    return record, problems


@HYPOTHESIS
@given(name=st.sampled_from(FILES), text=st.text(max_size=400))
def test_any_text(folder, name, text):
    check_with(folder, name, text.encode("utf-8"))


@HYPOTHESIS
@given(name=st.sampled_from(FILES), data=values)
def test_any_yaml_structure(folder, name, data):
    check_with(folder, name, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@HYPOTHESIS
@given(name=st.sampled_from(sorted(FIELDS)), data=st.data())
def test_any_value_in_any_field_of_a_valid_record(folder, name, data):
    records = yaml.safe_load((FIXTURE_RECORD / name).read_text())
    index = data.draw(st.integers(0, len(records) - 1))
    field = data.draw(st.sampled_from(FIELDS[name] + ["unexpected"]))
    records[index][field] = data.draw(values)
    check_with(folder, name, yaml.safe_dump(records, allow_unicode=True).encode("utf-8"))


@HYPOTHESIS
@given(name=st.sampled_from(FILES), raw=st.binary(min_size=1, max_size=200))
def test_any_bytes(folder, name, raw):
    record, problems = check_with(folder, name, raw)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert [p.code for p in problems if p.file == name] == ["file"]
        assert "UTF-8" in str(problems[0])


def test_an_oversized_file_is_refused_with_the_limit(folder):
    record, problems = check_with(folder, "responses.yaml", b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    assert [p.code for p in problems] == ["file"]
    assert f"{MAX_FILE_BYTES:,}" in problems[0].message


def test_an_oversized_field_is_refused_with_the_limit(folder):
    records = yaml.safe_load((FIXTURE_RECORD / "responses.yaml").read_text())
    records[0]["summary"] = "x" * 6000
    _, problems = check_with(folder, "responses.yaml", yaml.safe_dump(records).encode())
    assert [(p.record, p.field) for p in problems] == [("A1", "summary")]
    assert "5000" in problems[0].message


# Fragments of YAML that hostile or careless files contain: anchors, aliases, merge keys, tags, escapes,
# YAML 1.1 booleans, repeated keys, deep flow collections.
FRAGMENTS = st.sampled_from([
    "- ", "  ", "\n", ": ", "id: A1", "id: Q1", "&a ", "*a", "<<: *a", "!!binary ", "!!python/object ", "!x ",
    '"\\0"', '"\\x07"', "yes", "no", "on", "~", "0x1F", "1_000", "1:30", "2017-02-30", ".inf", "[", "]", "{", "}",
    ", ", "? ", "status: partial", "status: partial", "paragraphs: [1-999999999]", "articles: [yes, '22', 22.0]",
    "parts:", "articles:", "lineage: [{takes_up: Q1, note: x}]", "'", '"', "#", "---", "...", "\t", "x" * 90,
])


@HYPOTHESIS
@given(name=st.sampled_from(FILES), fragments=st.lists(FRAGMENTS, max_size=40))
def test_any_hostile_yaml(folder, name, fragments):
    check_with(folder, name, "".join(fragments).encode("utf-8"))


def _paths(value, prefix=()):
    """Every place inside a parsed value: dictionary keys and list positions, at any depth."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*prefix, index))


@HYPOTHESIS
@given(name=st.sampled_from(FILES), data=st.data())
def test_any_value_at_any_depth_of_a_valid_record(folder, name, data):
    content = yaml.safe_load((FIXTURE_RECORD / name).read_text())
    path = data.draw(st.sampled_from([p for p in _paths(content) if p]))
    target = content
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = data.draw(values)
    check_with(folder, name, yaml.safe_dump(content, allow_unicode=True).encode("utf-8"))
