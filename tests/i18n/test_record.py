"""Record texts in the reader's language, English where a translation is missing, and marked as such."""

import pytest

from tracker.i18n import localized
from tracker.settings import PROJECT_ROOT
from tracker.validation import load_record

ES = {"es": {"name": "Instituto Nacional de Migración", "acronym": "INM"}}


@pytest.mark.parametrize("english, translations, language, field, text, shown_in", [
    ("National Institute for Migration", ES, "es", "name", "Instituto Nacional de Migración", "es"),
    ("National Institute for Migration", ES, "en", "name", "National Institute for Migration", "en"),
    ("National Institute for Migration", None, "es", "name", "National Institute for Migration", "en"),
    ("National Institute for Migration", {"es": {}}, "es", "name", "National Institute for Migration", "en"),
    ("National Institute for Migration", {"es": {"name": ""}}, "es", "name", "National Institute for Migration", "en"),
    (None, None, "es", "topic", None, "en"),
])
def test_localized(english, translations, language, field, text, shown_in):
    found = localized(english, translations, language, field)
    assert (found.text, found.language) == (text, shown_in)
    assert found.is_fallback(language) == (text is not None and shown_in != language)


# Left in English on purpose: the English report names this body (paragraph 217) but not its official Spanish
# title, and a translated guess would read as an official name.
UNTRANSLATED = {"SHELTER-DIRECTORATE"}


def test_the_mexico_record_is_whole_in_spanish():
    """Every text a Mexican monitor reads has its Spanish version (no slug or English left)."""
    record = load_record(PROJECT_ROOT / "data")
    missing = [f"part {p.id}" for p in record.parts if "es" not in p.translations]
    missing += [f"article {a.number}" for a in record.articles if "es" not in a.translations]
    missing += [a.id for a in record.actors if "es" not in a.translations]
    missing += [r.id for r in record.recommendations if r.topic and "es" not in r.translations]
    missing += [s.id for s in record.responses if "es" not in s.translations
                or bool(s.confidence_reason) != bool(s.translations["es"].confidence_reason)]
    assert set(missing) == UNTRANSLATED


# --- The store's reads in the reader's language, on both engines, against the YAML the record was written from.

import yaml  # noqa: E402
from sqlalchemy import text  # noqa: E402

from tests.conftest import DB_KINDS, engine_on  # noqa: E402
from tests.spanish_record import ARTICLES, FALLBACK, PARTS, SPANISH, add_spanish  # noqa: E402
from tracker.filters import Filters  # noqa: E402
from tracker.store.queries import filter_choices, item_detail, items_frame  # noqa: E402


@pytest.fixture(params=DB_KINDS)
def es_engine(request, tmp_path, record_copy):
    with engine_on(request.param, tmp_path, request, add_spanish(record_copy)) as engine:
        yield engine


def _english(record_dir, name: str) -> dict:
    return {r["id"]: r for r in yaml.safe_load((record_dir / name).read_text(encoding="utf-8"))}


@pytest.mark.parametrize("key, value, spanish", [
    ("actor_names", "INM", "Instituto Nacional de Migración (INM)"),
    ("actor_names", "MEX", "México"),
    ("actor_names", "CNDH", FALLBACK["CNDH"]),
    ("part_titles", "III", PARTS["III"]),
    ("part_titles", "IV", "Further rights of documented migrant workers and families (en inglés)"),
    ("article_titles", 16, ARTICLES[16]),
])
def test_filter_choices_name_in_spanish_and_mark_english(es_engine, key, value, spanish):
    assert filter_choices(es_engine, "es")[key][value] == spanish


def test_filter_choices_in_english_are_the_curated_english(es_engine, fixture_dir):
    actors = _english(fixture_dir, "actors.yaml")
    names = filter_choices(es_engine, "en")["actor_names"]
    assert names["INM"] == f"{actors['INM']['name']} (INM)"  # the acronym is the body's own, in any language
    assert names["CNDH"] == actors["CNDH"]["name"]


def test_no_actor_name_is_an_id(es_engine):
    """Every actor a reader can see has a name that is not its id, in both languages."""
    with es_engine.connect() as conn:
        ids = set(conn.execute(text("SELECT id FROM actor")).scalars())
    for language in ("en", "es"):
        names = filter_choices(es_engine, language)["actor_names"]
        assert set(names) == ids and not ids & set(names.values())


def test_items_frame_in_spanish(es_engine):
    items = items_frame(es_engine, Filters(), "es").set_index("id")
    assert items.loc["Q1", "topic"] == SPANISH["recommendations.yaml"]["Q1"]["topic"]
    assert items.loc["Q2", "topic"] == "Desconocido (la respuesta no lo indica)"
    assert items.loc["Q1", "rationale"] == SPANISH["responses.yaml"]["A1"]["rationale"]
    assert items.loc["R94", "rationale"] == "Addressed to the UN system. (en inglés)"
    assert items.loc["Q1", "bodies"] == f"Instituto Nacional de Migración (INM), {FALLBACK['CNDH']}"
    assert items.loc["Q1", "issued_by"].startswith("Comité de Protección")
    assert items.loc["R94", "reply_paragraphs"].endswith("(relacionada)")


def test_items_frame_in_english_is_unchanged(es_engine, fixture_dir):
    items = items_frame(es_engine, Filters(), "en").set_index("id")
    responses = _english(fixture_dir, "responses.yaml")
    assert items.loc["Q1", "topic"] == _english(fixture_dir, "recommendations.yaml")["Q1"]["topic"]
    assert items.loc["Q1", "rationale"] == responses["A1"]["rationale"]
    assert items.loc["Q1", "bodies"] == "National Human Rights Commission, National Institute for Migration (INM)"


def test_item_detail_in_spanish(es_engine):
    item = item_detail(es_engine, "Q1", "es")
    spanish = SPANISH["responses.yaml"]["A1"]
    assert item["topic"] == SPANISH["recommendations.yaml"]["Q1"]["topic"]
    assert item["mechanism_name"].startswith("Comité de Protección") and item["addressee_name"] == "México"
    assert item["article_titles"] == {16: ARTICLES[16], 17: "Humane treatment of persons in detention (en inglés)"}
    assert item["part_titles"] == {"III": PARTS["III"]}
    (response,) = item["responses"]
    assert {field: response[field] for field in spanish} == spanish
    assert response["bodies"] == ["CNDH", "INM"]  # ids stay, for links and filters
    assert response["body_names"] == ["Instituto Nacional de Migración (INM)", FALLBACK["CNDH"]]
