"""Record texts in the reader's language, English where a translation is missing, and marked as such."""

import re
import subprocess
import sys

import pytest
import yaml
from sqlalchemy import text

from tests.conftest import DB_KINDS, engine_on
from tests.spanish_record import ARTICLES, FALLBACK, PARTS, SPANISH, add_spanish
from tracker.filters import Filters
from tracker.i18n import localized, marked_english, translator
from tracker.settings import PROJECT_ROOT
from tracker.store.queries import filter_choices, item_detail, items_frame
from tracker.validation import check_record, check_record_and_translations, load_record, translation_gaps

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
    missing += [d.id for d in record.documents if "es" not in d.translations]
    missing += [r.id for r in record.recommendations if r.topic and "es" not in r.translations]
    missing += [s.id for s in record.responses if "es" not in s.translations
                or bool(s.confidence_reason) != bool(s.translations["es"].confidence_reason)]
    assert set(missing) == UNTRANSLATED


# --- The store's reads in the reader's language, on both engines, against the YAML the record was written from.


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
    assert item["document"]["title"] == SPANISH["documents.yaml"]["QPR"]["title"]
    assert response["document"]["title"] == FALLBACK["REPORT"]


# --- `tracker validate` reports each missing translation with its place, and still accepts the record.


def _line(path, record_id, key: str | None = None) -> int:
    """The line of `- id: record_id` (or of its `key:` below it) in a YAML list, found by reading the text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines, 1) if re.fullmatch(rf"\s*- (id|number): '?{re.escape(str(record_id))}'?", line))
    if key is None:
        return start
    return next(n for n, line in enumerate(lines[start:], start + 1) if line.strip().startswith(f"{key}:"))


def _drop(path, record_id, language_field: str, english: str | None = None) -> None:
    """Remove a field from the record's Spanish translation (giving the English record the field, if `english`)."""
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = next(r for r in records if r["id"] == record_id)
    del record["translations"]["es"][language_field]
    if english:
        record[language_field] = english
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("edit, file, record, field, wanted, at_key", [
    # A record with no Spanish at all: located at the record, naming every field English has.
    (None, "actors.yaml", "SR-MIGRANTS", "translations.es", "name", None),
    (None, "responses.yaml", "A3", "translations.es", "summary, rationale, confidence_reason", None),
    (None, "recommendations.yaml", "Q2", None, None, None),  # no English topic: nothing to translate
    (None, "convention.yaml", "IV", "translations.es", "title", None),
    (None, "documents.yaml", "REPORT", "translations.es", "title", None),
    # A translation lacking one field the English has: located at its translations.
    (("responses.yaml", "A1", "confidence_reason"), "responses.yaml", "A1", "translations.es.confidence_reason",
     "confidence_reason", "translations"),
    # An acronym the English record gives and the Spanish leaves out.
    (("actors.yaml", "INM", "acronym", "INM"), "actors.yaml", "INM", "translations.es.acronym", "acronym",
     "translations"),
], ids=["actor-untranslated", "response-untranslated", "no-english-topic", "part-untranslated", "document-untranslated",
        "response-field-missing", "acronym-missing"])
def test_missing_translation_is_located(record_copy, edit, file, record, field, wanted, at_key):
    add_spanish(record_copy)
    if edit:
        _drop(record_copy / edit[0], *edit[1:])
    gaps = {(gap.file, gap.record): gap for gap in translation_gaps(record_copy)}
    if field is None:
        assert (file, record) not in gaps
        return
    gap = gaps[(file, record)]
    assert (gap.field, gap.message, gap.code) == (field, f"no 'es' translation of {wanted}", "missing-translation")
    assert gap.line == _line(record_copy / file, record, at_key)
    assert check_record(record_copy)[0] is not None  # a gap never refuses the record


def test_validate_reads_the_files_once_and_finds_what_the_two_checks_find(record_copy):
    """`tracker validate` checks the record and lists its gaps from one reading: the same as each alone."""
    add_spanish(record_copy)
    _drop(record_copy / "responses.yaml", "A1", "confidence_reason")
    record, problems, gaps = check_record_and_translations(record_copy)
    assert (record, problems) == check_record(record_copy)
    assert gaps == translation_gaps(record_copy) and gaps


def test_no_gaps_are_listed_for_an_invalid_record(record_copy):
    add_spanish(record_copy)
    path = record_copy / "responses.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: deferred", "status: maybe"), encoding="utf-8")
    record, problems, gaps = check_record_and_translations(record_copy)
    assert record is None and [p.code for p in problems] == [p.code for p in check_record(record_copy)[1]]
    assert gaps == []


def test_an_english_only_record_has_no_gaps_and_loads(fixture_dir):
    assert translation_gaps(fixture_dir) == []
    assert check_record(fixture_dir)[0] is not None


def test_validate_lists_gaps_and_exits_0(record_copy):
    add_spanish(record_copy)
    _drop(record_copy / "responses.yaml", "A1", "confidence_reason")
    done = subprocess.run([sys.executable, "-m", "tracker.cli", "validate", "--data-dir", str(record_copy)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    line = _line(record_copy / "responses.yaml", "A1", "translations")
    assert (f"responses.yaml:{line}: A1: translations.es.confidence_reason: no 'es' translation of confidence_reason"
            in done.stdout.splitlines())
    assert "lack a translation" in done.stderr


@pytest.mark.parametrize("language, shown_as", [("en", "Paragraph 6 ends the reply."),
                                                 ("es", "Paragraph 6 ends the reply. (en inglés)")])
def test_a_text_kept_in_english_only_is_marked_for_other_readers(language, shown_as):
    assert marked_english("Paragraph 6 ends the reply.", translator(language)) == shown_as
