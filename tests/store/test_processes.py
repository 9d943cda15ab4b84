"""Two server processes saving at once on PostgreSQL while a third follows them with the item index."""

import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import text

from tests.index_truth import assert_index_matches_sql
from tracker import serving_index
from tracker.schema import STATUSES
from tracker.settings import PROJECT_ROOT

SAVES = 200
WRITER = textwrap.dedent("""
    import random, sys
    from tracker.store.crud import Change, StaleChange, current_version, save_change
    from tracker.store.db import make_engine

    url, who, saves = sys.argv[1], sys.argv[2], int(sys.argv[3])
    engine, rng, accepted = make_engine(url), random.Random(who), 0
    for n in range(saves):
        item = rng.choice(("Q1", "Q2", "R94"))
        status = rng.choice(("addressed", "partial", "deferred", "not_addressed"))
        try:
            save_change(engine, Change(item, current_version(engine, item), status, f"{who} save {n}: see ¶ 3."), who)
            accepted += 1
        except StaleChange:
            pass
    print(accepted)
""")


def statuses_at(engine, seq: int) -> dict[str, str]:
    """Each item's status after the changes numbered up to `seq`: its latest history row among them."""
    with engine.connect() as conn:
        return dict(conn.execute(text(
            "SELECT e.recommendation_id, e.new_status FROM assessment_event e WHERE e.seq <= :seq AND NOT EXISTS "
            "(SELECT 1 FROM assessment_event later WHERE later.recommendation_id = e.recommendation_id "
            "AND later.seq <= :seq AND later.version > e.version)"), {"seq": seq}).all())


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_two_processes_saving_leave_the_index_equal_to_sql(engine, db_url, grant, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    serving_index._INDEXES.clear()
    grant(engine, "monitor", "one", "two")
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, db_url, who, str(SAVES)], cwd=PROJECT_ROOT,
                                stdout=subprocess.PIPE, text=True) for who in ("one", "two")]
    refreshes = 0
    while any(writer.poll() is None for writer in writers):
        index = serving_index.item_index(engine)  # following the saves as they commit, as a busy Overview does
        assert dict(zip(index.ids, (STATUSES[code] for code in index.status))) == \
            statuses_at(engine, index.version.seq), f"the index at change {index.version.seq} missed a change"
        refreshes += 1
    accepted = [int(writer.communicate(timeout=120)[0]) for writer in writers]
    assert all(writer.returncode == 0 for writer in writers)
    assert sum(accepted) > SAVES // 2 and refreshes > 1
    assert_index_matches_sql(engine)
    serving_index._INDEXES.clear()
    assert_index_matches_sql(engine)
