"""Many monitors saving at once: no lost update, every accepted save in the history once, conflicts refused whole."""

import random
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from tracker.store.crud import Change, HistoryFilter, StaleChange, current_version, history_frame, save_change
from tracker.store.models import Assessment, AssessmentEvent

ITEMS = ("Q1", "Q2", "R94")
STATUSES = ("addressed", "partial", "deferred", "not_addressed")


def run_writers(engine, writers: int, saves: int, deadline_s: float) -> tuple[list, int]:
    """Each writer reads an item's version and saves over it; returns the accepted saves and the conflicts."""
    accepted, conflicts, lock = [], Counter(), threading.Lock()
    deadline = time.monotonic() + deadline_s
    start = threading.Barrier(writers)

    def writer(number: int) -> None:
        rng = random.Random(number)
        who = f"writer{number}@example.org"
        start.wait()
        for attempt in range(saves):
            if time.monotonic() > deadline:
                return
            item = rng.choice(ITEMS)
            seen = current_version(engine, item)
            status = rng.choice(STATUSES)
            note = f"{who} save {attempt}: paragraphs checked."
            try:
                version = save_change(engine, Change(item, seen, status, note), who)
            except StaleChange:
                with lock:
                    conflicts[item] += 1
                continue
            with lock:
                accepted.append((item, version, status, note, who))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(deadline_s + 30)
    assert not any(thread.is_alive() for thread in threads), "a writer did not finish in time"
    return accepted, sum(conflicts.values())


@pytest.mark.parametrize("db_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_concurrent_writers_lose_nothing(engine, grant, db_url):
    writers, saves = (20, 50) if db_url.startswith("postgresql") else (8, 25)
    grant(engine, "monitor", *(f"writer{n}@example.org" for n in range(writers)))
    started = time.monotonic()
    accepted, conflicts = run_writers(engine, writers, saves, deadline_s=120)
    elapsed = time.monotonic() - started
    print(f"\n{db_url.split(':')[0]}: {writers} writers x {saves} saves: {len(accepted)} accepted, "
          f"{conflicts} conflicts, {elapsed:.1f} s")
    assert len(accepted) + conflicts == writers * saves
    assert accepted, "no save was accepted"

    with engine.connect() as conn:
        monitor_rows = conn.execute(select(func.count()).select_from(AssessmentEvent)
                                    .where(AssessmentEvent.source == "monitor")).scalar_one()
    assert monitor_rows == len(accepted), "an accepted save is missing from the history, or a refused one is in it"
    for item in ITEMS:
        mine = sorted((a for a in accepted if a[0] == item), key=lambda a: a[1])
        # Versions of accepted saves form an unbroken chain: no two saves were accepted over the same version.
        assert [a[1] for a in mine] == list(range(2, 2 + len(mine)))
        history = history_frame(engine, HistoryFilter(item_id=item))
        monitor = history[history["source"] == "monitor"].sort_values("version")
        assert list(zip(monitor["version"], monitor["new_status"], monitor["note"])) == \
            [(a[1], a[2], a[3]) for a in mine]
        # Each history row's old status is the status the previous accepted save left.
        previous = list(history.sort_values("version")["new_status"])[:-1]
        assert list(history.sort_values("version")["old_status"])[1:] == previous
        with engine.connect() as conn:
            status, version = conn.execute(select(Assessment.status, Assessment.version)
                                           .where(Assessment.recommendation_id == item)).one()
        if mine:
            assert (status, version) == (mine[-1][2], mine[-1][1])
