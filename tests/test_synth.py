"""tracker/synth.py: a deterministic synthetic record that validates, loads set-based, and never half-loads."""

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from tests.conftest import DB_KINDS, new_database
from tracker import synth
from tracker.schema import PARTS, STATUSES
from tracker.settings import PROJECT_ROOT, load_settings
from tracker.startup import open_database
from tracker.store.db import make_engine, migrate
from tracker.store.models import (
    Assessment,
    AssessmentEvent,
    Recommendation,
    RecommendationArticle,
    RecommendationPart,
    Response,
    metadata,
)
from tracker.store.sync import read_digest, sync_record
from tracker.validation import check_record, load_record, record_digest

ITEMS = 300
CURATED_TABLES = ("convention_part", "convention_article", "actor", "document", "recommendation",
                  "recommendation_article", "recommendation_part", "lineage", "response", "response_body")


@pytest.fixture(scope="module")
def record():
    return synth.generate(ITEMS, seed=7)


@pytest.fixture
def db_url(request, tmp_path):
    with new_database(getattr(request, "param", "sqlite"), tmp_path, request) as url:
        yield url


def _empty_engine(url: str):
    engine = make_engine(url)
    migrate(engine)
    return engine


def _dump(engine, names=None) -> dict[str, list[tuple]]:
    """Every row of every table (or of `names`), in a stable order; not the change counter, which the migration
    writes with a random restore generation."""
    tables = [metadata.tables[name] for name in (names or sorted(set(metadata.tables) - {"change_counter"}))]
    with engine.connect() as conn:
        return {t.name: sorted(tuple(map(repr, row)) for row in conn.execute(select(t))) for t in tables}


def _yaml_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_same_seed_same_yaml_other_seed_other_yaml(tmp_path):
    first = _yaml_bytes(synth.write_yaml(synth.generate(120, seed=1), tmp_path / "a"))
    again = _yaml_bytes(synth.write_yaml(synth.generate(120, seed=1), tmp_path / "b"))
    other = _yaml_bytes(synth.write_yaml(synth.generate(120, seed=2), tmp_path / "c"))

    assert first == again
    assert first["recommendations.yaml"] != other["recommendations.yaml"]
    assert first["responses.yaml"] != other["responses.yaml"]


def test_same_seed_same_rows_other_seed_other_rows(tmp_path):
    def rows(seed: int, name: str) -> dict:
        engine = _empty_engine(f"sqlite:///{tmp_path / name}")
        synth.write_database(synth.generate(120, seed=seed), engine, "digest")
        return _dump(engine)

    first = rows(1, "a.db")
    assert first == rows(1, "b.db")
    assert first["recommendation"] != rows(2, "c.db")["recommendation"]


def test_yaml_is_a_valid_record_with_the_variety_asked_for(tmp_path, record):
    folder = synth.write_yaml(record, tmp_path / "record")

    checked, problems = check_record(folder)

    assert problems == []
    assert len(checked.recommendations) == ITEMS
    assert {n for r in checked.recommendations for n in r.articles} == set(range(1, 94))
    assert {r.status for r in checked.responses} == set(STATUSES)
    assert {r.relation for r in checked.responses} == {"reply", "related"}
    counts = defaultdict(int)
    for response in checked.responses:
        counts[response.recommendation] += 1
    assert set(counts.values()) <= {1, 2, 3} and len(counts) == ITEMS
    kinds = {a.id: a.kind for a in checked.actors}
    assert sum(kind == "state" for kind in kinds.values()) == synth.STATE_COUNT
    assert {"CMW", "SR-MIGRANTS", "GA"} <= {a for a, kind in kinds.items() if kind == "mechanism"}
    assert any(r.bodies for r in checked.responses)
    assert all(kinds[b] == "state-body" for r in checked.responses for b in r.bodies)
    assert all(2000 <= r.year <= 2026 for r in checked.recommendations)


def test_yaml_over_the_default_size_limit_validates_with_a_raised_limit(tmp_path, monkeypatch):
    from tracker import yaml_source

    folder = synth.write_yaml(synth.generate(40, seed=1), tmp_path / "record")
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 1000)
    assert check_record(folder)[0] is None
    monkeypatch.setenv("TRACKER_MAX_FILE_BYTES", "100000000")
    assert check_record(folder)[1] == []


@pytest.mark.parametrize("db_url", DB_KINDS, indirect=True)
def test_bulk_rows_are_what_loading_the_yaml_writes(tmp_path, record, db_url):
    folder = synth.write_yaml(record, tmp_path / "record")
    loaded = _empty_engine(f"sqlite:///{tmp_path / 'loaded.db'}")
    sync_record(loaded, load_record(folder))
    bulk = _empty_engine(db_url)

    synth.write_database(record, bulk, record_digest(folder))

    assert _dump(bulk, CURATED_TABLES) == _dump(loaded, CURATED_TABLES)
    with loaded.connect() as a, bulk.connect() as b:
        curated = select(Assessment.recommendation_id, Assessment.curated_status).order_by(Assessment.recommendation_id)
        assert a.execute(curated).all() == b.execute(curated).all()
        assert read_digest(a) == read_digest(b)
    bulk.dispose()


@pytest.mark.parametrize("db_url", DB_KINDS, indirect=True)
def test_history_chains_to_every_current_status(record, db_url):
    engine = _empty_engine(db_url)
    synth.write_database(record, engine, "digest")

    with engine.connect() as conn:
        current = {row.recommendation_id: row for row in conn.execute(select(Assessment))}
        events = conn.execute(select(AssessmentEvent).order_by(AssessmentEvent.id)).all()
        items = conn.execute(select(func.count()).select_from(Recommendation)).scalar_one()
    engine.dispose()
    by_item = defaultdict(list)
    for event in events:
        by_item[event.recommendation_id].append(event)
    assert items == ITEMS and len(current) == ITEMS and set(by_item) == set(current)
    assert len(events) == record.history == synth.default_history(ITEMS)
    assert {e.new_status for e in events} == set(STATUSES)
    assert max(len(chain) for chain in by_item.values()) > 3  # some items are assessed again and again
    for item_id, chain in by_item.items():
        assert [e.version for e in chain] == list(range(1, len(chain) + 1))
        assert chain[0].source == "curation" and chain[0].old_status is None
        assert chain[0].new_status == current[item_id].curated_status
        assert all(later.old_status == earlier.new_status for earlier, later in zip(chain, chain[1:]))
        assert all(earlier.at < later.at for earlier, later in zip(chain, chain[1:]))
        assessment = current[item_id]
        assert (assessment.status, assessment.version) == (chain[-1].new_status, len(chain))
        assert assessment.assessed_by_monitor == (len(chain) > 1)


def test_every_part_and_item_is_linked(record, tmp_path):
    engine = _empty_engine(f"sqlite:///{tmp_path / 'links.db'}")
    synth.write_database(record, engine, "digest")
    with engine.connect() as conn:
        parts = set(conn.execute(select(RecommendationPart.part_id).distinct()).scalars())
        articles = conn.execute(select(func.count(func.distinct(RecommendationArticle.article)))).scalar_one()
        answered = conn.execute(select(func.count(func.distinct(Response.recommendation_id)))).scalar_one()
    assert parts == set(PARTS) and articles == 93 and answered == ITEMS


def test_an_interrupted_load_leaves_nothing(record, tmp_path):
    engine = _empty_engine(f"sqlite:///{tmp_path / 'interrupted.db'}")
    before = _dump(engine)
    chunks = []

    def interrupt(table: str, rows: int) -> None:
        chunks.append((table, rows))
        if table == "recommendation":
            raise KeyboardInterrupt  # what Ctrl-C raises, here after the first chunk of items

    with pytest.raises(KeyboardInterrupt):
        synth.write_database(record, engine, "digest", chunk_rows=50, on_chunk=interrupt)

    assert chunks[-1] == ("recommendation", 50) and len(chunks) > 4  # earlier tables were written, then undone
    assert _dump(engine) == before
    assert synth.write_database(record, engine, "digest")["recommendation"] == ITEMS  # and a new load works


def test_refuses_a_database_that_holds_a_record(record, tmp_path):
    engine = _empty_engine(f"sqlite:///{tmp_path / 'full.db'}")
    synth.write_database(record, engine, "digest")
    before = _dump(engine)

    with pytest.raises(synth.SynthError, match="already holds a record"):
        synth.write_database(synth.generate(10, seed=1), engine, "digest")
    assert _dump(engine) == before


def test_too_little_history_is_refused():
    with pytest.raises(synth.SynthError, match="fewer than one history row per item"):
        synth.generate(50, seed=1, history=49)


def test_command_writes_a_database_the_app_opens_as_it_is(tmp_path):
    database = tmp_path / "synthetic.db"
    result = subprocess.run([sys.executable, "-m", "tracker.cli", "synth", "--items", "150", "--seed", "3",
                             "--database-url", f"sqlite:///{database}"], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, env={**os.environ}, timeout=120)
    assert result.returncode == 0, result.stderr
    stand_in = database.with_suffix(".record")
    assert f"TRACKER_DATA_DIR={stand_in}" in result.stderr

    opened = open_database(load_settings({"DATABASE_URL": f"sqlite:///{database}",
                                          "TRACKER_DATA_DIR": str(stand_in)}))

    assert opened.loaded is None  # the digests agree: nothing was loaded over the synthetic items
    with opened.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Recommendation)).scalar_one() == 150
    assert "recommendation" in inspect(opened.engine).get_table_names()
    opened.engine.dispose()


def test_command_needs_somewhere_to_write(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tracker.cli", "synth", "--items", "10"], capture_output=True,
                            text=True, cwd=PROJECT_ROOT, timeout=60)
    assert result.returncode == 1
    assert "give --yaml-dir, --database-url or both" in result.stderr
