"""Sign-in throttling on both engines: counted in the store per account and per client, waits that grow."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from tracker import access
from tracker.access import throttle
from tracker.access.sessions import SessionPolicy

POLICY = SessionPolicy(secret="test secret")
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PASSWORD = "a long test password"


@pytest.fixture
def ana(engine):
    access.add_person(engine, "ana@example.org", "monitor", PASSWORD)
    access.add_person(engine, "bea@example.org", "monitor", PASSWORD)
    return engine


def failures(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT key, failures FROM sign_in_failure")).all())


def test_the_first_failures_are_free_then_each_waits_twice_as_long(ana):
    results = [access.attempt(ana, "ana@example.org", "wrong", POLICY, client="10.0.0.1",
                              now=T0 + timedelta(minutes=i)) for i in range(6)]
    assert [r.wait_seconds for r in results] == [0, 0, 2, 4, 8, 16]
    assert not any(r.throttled or r.cookie for r in results)
    assert failures(ana) == {"account:ana@example.org": 6, "client:10.0.0.1": 6}


def test_while_throttled_even_the_right_password_is_refused_unchecked(ana):
    for minute in range(4):
        access.attempt(ana, "ana@example.org", "wrong", POLICY, now=T0 + timedelta(minutes=minute))
    last = T0 + timedelta(minutes=3)  # the fourth failure: wait 4 seconds
    assert access.attempt(ana, "ana@example.org", "wrong", POLICY, now=last).throttled
    refused = access.attempt(ana, "ana@example.org", PASSWORD, POLICY, now=last + timedelta(seconds=3))
    assert refused.throttled and refused.cookie is None and refused.wait_seconds == 1
    assert "wait 1 second before" in refused.message  # one second, in the singular
    assert failures(ana)["account:ana@example.org"] == 4  # a refusal unchecked is not another failure
    later = access.attempt(ana, "ana@example.org", PASSWORD, POLICY, now=last + timedelta(seconds=5))
    assert later.cookie and "account:ana@example.org" not in failures(ana)


def test_the_count_is_in_the_store_so_a_new_process_sees_it(ana):
    """What a restart or a fresh page per guess would do: nothing but the database is shared."""
    for second in range(3):
        access.attempt(ana, "Ana@Example.org ", "wrong", POLICY, now=T0 + timedelta(seconds=10 * second))
    assert throttle.wait_needed(ana, throttle.keys("ana@example.org", None), now=T0 + timedelta(seconds=20)) == 2


def test_a_client_guessing_many_accounts_is_throttled_by_address(ana):
    for i in range(10):
        access.attempt(ana, f"nobody{i}@example.org", "wrong", POLICY, client="10.9.9.9", now=T0 + timedelta(minutes=i))
    after = T0 + timedelta(minutes=9)
    refused = access.attempt(ana, "bea@example.org", PASSWORD, POLICY, client="10.9.9.9", now=after)
    assert refused.throttled
    elsewhere = access.attempt(ana, "bea@example.org", PASSWORD, POLICY, client="10.0.0.2", now=after)
    assert elsewhere.cookie


def test_failures_are_forgotten_after_a_day(ana):
    for minute in range(8):
        access.attempt(ana, "ana@example.org", "wrong", POLICY, now=T0 + timedelta(minutes=minute))
    next_day = T0 + timedelta(minutes=7) + throttle.ACCOUNT_RULE.forget_after + timedelta(seconds=1)
    assert access.attempt(ana, "ana@example.org", PASSWORD, POLICY, now=next_day).cookie


@pytest.mark.parametrize("failures_so_far, seconds", [(0, 0), (2, 0), (3, 2), (4, 4), (10, 256), (11, 300), (40, 300)])
def test_wait_grows_to_a_cap(failures_so_far, seconds):
    assert throttle.ACCOUNT_RULE.wait_after(failures_so_far).total_seconds() == seconds
