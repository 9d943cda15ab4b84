"""Search over the record's Spanish translations, on both engines: case and accents ignored, Spanish stems, and the
same items from the search box and from the filtered item list. Expected items come from the YAML, by plain
Python matching of folded words, not from the index."""

import re
import unicodedata

import pytest

from tests.conftest import DB_KINDS, engine_on
from tests.spanish_record import SPANISH, add_spanish
from tracker.filters import Filters
from tracker.search import reindex, search_ids
from tracker.store.queries import item_ids


def _folded_words(text: str) -> set[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return set(re.findall(r"[a-z0-9]+", plain))


def _items_whose_spanish_has(*words: str) -> list[str]:
    """Items whose Spanish topic, summary or rationale hold a word beginning with each stem (the YAML's truth)."""
    items: dict[str, set[str]] = {}
    for item, texts in SPANISH["recommendations.yaml"].items():
        items.setdefault(item, set()).update(_folded_words(" ".join(texts.values())))
    for response, item in (("A1", "Q1"), ("A2", "Q2")):  # the fixture's responses and their items
        items.setdefault(item, set()).update(_folded_words(" ".join(SPANISH["responses.yaml"][response].values())))
    return sorted(item for item, found in items.items() if all(any(w.startswith(x) for w in found) for x in words))


@pytest.fixture(scope="module", params=DB_KINDS)
def es_engine(request, tmp_path_factory):
    import shutil

    from tests.conftest import FIXTURE_RECORD

    folder = tmp_path_factory.mktemp("spanish-search")
    shutil.copytree(FIXTURE_RECORD, folder / "record")
    with engine_on(request.param, folder, request, add_spanish(folder / "record")) as engine:
        reindex(engine, None)
        yield engine


@pytest.mark.parametrize("query, stems", [
    ("detencion", ("detencion",)),
    ("detención", ("detencion",)),
    ("DETENCIÓN", ("detencion",)),
    ("mujer", ("mujer",)),  # the Spanish stem finds "mujeres"
    ("niña", ("nina",)),  # "niñas": ñ folds to n in the index and the query alike
    ("estación migratoria", ("estacion", "migratori")),  # "estaciones migratorias" and "estación migratoria"
    ("difiere", ("difier",)),
], ids=["unaccented", "accented", "upper-case", "stem-plural", "enye", "two-words", "verb"])
def test_spanish_text_finds_its_items(es_engine, query, stems):
    expected = _items_whose_spanish_has(*stems)
    assert expected, "the test record must hold the word"
    assert sorted(search_ids(es_engine, query)) == expected
    assert item_ids(es_engine, Filters(text=query)) == expected  # the filtered list asks the same index


def test_accents_and_case_do_not_change_the_result(es_engine):
    found = [sorted(search_ids(es_engine, query)) for query in ("detencion", "detención", "DETENCIÓN", "Detención")]
    assert found[0] and all(result == found[0] for result in found)


def test_english_text_is_still_found(es_engine):
    """The translations are indexed beside the English, not instead of it."""
    assert search_ids(es_engine, "detention") == ["Q1"]
    assert search_ids(es_engine, "coordination") == ["R94"]
