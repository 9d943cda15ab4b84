"""The search index is never stale: after a load, a save, a restore and a synthetic bulk load, a search finds
what the data now says (and no longer what it said), on both engines, with no `tracker reindex` in between."""

import re

import pytest
import yaml
from sqlalchemy import select

from tests.conftest import DB_KINDS, new_database
from tracker import backup, synth
from tracker.accounts import add_person
from tracker.search import indexed_count, search_ids
from tracker.settings import load_settings
from tracker.startup import open_database
from tracker.store.crud import Change, save_change
from tracker.store.db import make_engine, migrate
from tracker.store.models import Recommendation, Response
from tracker.store.sync import sync_record
from tracker.validation import load_record, record_digest

R, RS = Recommendation.__table__, Response.__table__

MONITOR = "monitor@example.org"


def _open(url, data_dir):
    return open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(data_dir)})).engine


def _set_topic(data_dir, item, topic):
    path = data_dir / "recommendations.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(r for r in records if r["id"] == item)["topic"] = topic
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _remove(data_dir, item):
    for name, key in (("recommendations.yaml", "id"), ("responses.yaml", "recommendation")):
        path = data_dir / name
        records = [r for r in yaml.safe_load(path.read_text(encoding="utf-8")) if r[key] != item]
        path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _note(engine, item, note):
    add_person(engine, MONITOR, "monitor", None)
    save_change(engine, Change(item, 1, "addressed", note), MONITOR)


@pytest.fixture(params=DB_KINDS)
def kind(request):
    return request.param


def test_a_load_reindexes_what_the_record_now_says(kind, tmp_path, request, record_copy):
    with new_database(kind, tmp_path, request) as url:
        engine = _open(url, record_copy)
        assert search_ids(engine, "detention conditions") == ["Q1"]
        _set_topic(record_copy, "Q1", "Zanahorias en las estaciones migratorias")
        _remove(record_copy, "R94")
        sync_record(engine, load_record(record_copy))
        found = {query: search_ids(engine, query) for query in ("zanahoria", "conditions", "coordination", "R94")}
        engine.dispose()
    assert found == {"zanahoria": ["Q1"], "conditions": [], "coordination": [], "R94": []}


@pytest.mark.parametrize("note, query", [
    ("Oficio 123 of the INM confirms the xylophone programme.", "xylophone"),
    ("La Guardia Nacional ya no custodia las estaciones.", '"guardia nacional"'),
    ("Reviewed the deportations reported in 2023.", "deported"),
], ids=["word", "phrase", "stem"])
def test_a_saved_note_is_found_at_once(kind, tmp_path, request, fixture_dir, note, query):
    with new_database(kind, tmp_path, request) as url:
        engine = _open(url, fixture_dir)
        before = set(search_ids(engine, query))
        _note(engine, "R94", note)
        after = set(search_ids(engine, query))
        engine.dispose()
    assert "R94" not in before and after == before | {"R94"}


def test_a_restore_brings_the_notes_into_the_index(kind, tmp_path, request, fixture_dir):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    with new_database(kind, tmp_path / "a", request) as first, new_database(kind, tmp_path / "b", request) as second:
        source = _open(first, fixture_dir)
        _note(source, "Q2", "Visitas de verificación a la estación migratoria de Tapachula.")
        saved = backup.export_assessments(source)
        source.dispose()
        target = _open(second, fixture_dir)
        before = search_ids(target, "tapachula")
        backup.import_assessments(target, saved)
        after = {query: search_ids(target, query) for query in ("tapachula", "visita verificacion", "Q2 -tapachula")}
        target.dispose()
    assert before == [] and after == {"tapachula": ["Q2"], "visita verificacion": ["Q2"], "Q2 -tapachula": []}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _bulk_engine(tmp_path, url, items, seed):
    """An engine on a database a synthetic bulk load filled, and the stand-in record the app opens it with."""
    synthetic = synth.generate(items, seed=seed)
    record = synth.write_stand_in(synthetic, tmp_path / "stand-in")
    engine = make_engine(url)
    migrate(engine)
    written = synth.write_database(synthetic, engine, record_digest(record))
    return engine, record, written


def test_a_bulk_load_fills_the_index(kind, tmp_path, request):
    with new_database(kind, tmp_path, request) as url:
        engine, _, written = _bulk_engine(tmp_path, url, 200, 11)
        with engine.connect() as conn:  # what the bulk load wrote, read without the index
            indexed = indexed_count(conn)
            topics = dict(conn.execute(select(R.c.id, R.c.topic).where(R.c.active)).all())
            responses = conn.execute(select(RS.c.recommendation_id, RS.c.summary, RS.c.rationale)).all()
        texts = {item: [item, topic or ""] for item, topic in topics.items()}
        for item, summary, rationale in responses:
            texts[item] += [summary, rationale]
        word = max(_words(next(iter(topics.values()))), key=len)  # a topic's longest word
        found = set(search_ids(engine, f'"{word}"'))  # a one-word phrase: that word exactly, no stems
        engine.dispose()
    expected = {item for item, parts in texts.items() if word in _words(" ".join(parts))}
    assert indexed == len(topics) == written["item_search"] == 200
    assert found and found == expected


def test_a_bulk_load_needs_no_rebuild_when_the_app_opens(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'bulk.db'}"
    engine, record, _ = _bulk_engine(tmp_path, url, 50, 3)
    engine.dispose()
    with caplog.at_level("WARNING", logger="tracker.startup"):
        _open(url, record).dispose()
    assert "rebuilding" not in caplog.text
