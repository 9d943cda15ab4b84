"""Everything a curator or user meets is documented: statuses, parts, YAML fields, settings, commands."""

import re

import pytest

from tracker import schema
from tracker.cli import build_parser
from tracker.settings import PROJECT_ROOT

DATA_MODEL = (PROJECT_ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
SETTINGS = (PROJECT_ROOT / "tracker" / "settings.py").read_text(encoding="utf-8")


def documented(term: str, text: str = DATA_MODEL) -> bool:
    return f"`{term}`" in text


@pytest.mark.parametrize("term", [
    *schema.STATUSES, *schema.PARTS, *schema.SECTIONS, *schema.ACTOR_KINDS, *schema.TOPIC_BASES, *schema.RELATIONS,
])
def test_vocabulary_is_documented(term):
    if term.startswith("part-"):
        assert "`part-I` … `part-IX`" in DATA_MODEL
    else:
        assert documented(term), f"`{term}` is not in docs/data-model.md"


def _fields(model) -> set[str]:
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for arg in getattr(field.annotation, "__args__", ()) or (field.annotation,):
            if isinstance(arg, type) and issubclass(arg, schema.BaseModel):
                names |= _fields(arg)
    return names


@pytest.mark.parametrize("file, model", schema.RECORD_MODELS.items())
def test_every_yaml_field_is_documented(file, model):
    assert f"`data/{file}`" in DATA_MODEL
    missing = sorted(name for name in _fields(model) if not documented(name))
    assert missing == [], f"{file}: fields not in docs/data-model.md: {missing}"


@pytest.mark.parametrize("status", schema.STATUSES)
def test_readme_explains_each_status(status):
    assert documented(status, README)


def test_every_setting_is_in_the_readme():
    for variable in re.findall(r'env\.get\("([A-Z_]+)"\)', SETTINGS):
        assert documented(variable, README), variable


def test_every_command_is_in_the_readme():
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"`tracker {name}" in README, name
