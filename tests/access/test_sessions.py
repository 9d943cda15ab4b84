"""Server-side sessions on both engines: new token per sign-in, expiry by an injected clock, ending them."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from tracker import access
from tracker.access import sessions

POLICY = sessions.SessionPolicy(idle=timedelta(minutes=30), lifetime=timedelta(hours=8), secret="test secret")
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
PASSWORD = "a long test password"


@pytest.fixture
def people(engine):
    for name, role in (("ana@example.org", "monitor"), ("bea@example.org", "viewer"), ("root", "admin")):
        access.add_person(engine, name, role, PASSWORD)
    return engine


def stored_sessions(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return sorted(conn.execute(text("SELECT person, token_hash FROM web_session")).all())


def test_every_sign_in_makes_a_new_token_and_the_store_holds_only_its_hash(people):
    first = sessions.start(people, "ana@example.org", POLICY, now=T0)
    second = sessions.start(people, "ana@example.org", POLICY, now=T0)
    assert first != second
    stored = stored_sessions(people)
    assert len(stored) == 2
    assert not any(token_hash in first or token_hash in second for _, token_hash in stored)
    assert sessions.resolve(people, first, POLICY, now=T0) == "ana@example.org"


@pytest.mark.parametrize("cookie", [None, "", "garbage", "abc.def"])
def test_missing_or_forged_cookies_sign_nobody_in(people, cookie):
    assert sessions.resolve(people, cookie, POLICY, now=T0) is None


def test_a_cookie_signed_with_another_secret_is_refused(people):
    cookie = sessions.start(people, "ana@example.org", POLICY, now=T0)
    other = sessions.SessionPolicy(secret="another secret")
    assert sessions.resolve(people, cookie, other, now=T0) is None


@pytest.mark.parametrize("steps, alive", [
    ([timedelta(minutes=29)], True),
    ([timedelta(minutes=31)], False),                        # idle timeout
    ([timedelta(minutes=25)] * 19, True),                    # active for 7h 55m
    ([timedelta(minutes=25)] * 20, False),                   # 8h 20m: past the absolute lifetime
])
def test_idle_timeout_and_absolute_lifetime(people, steps, alive):
    cookie = sessions.start(people, "ana@example.org", POLICY, now=T0)
    now, results = T0, []
    for step in steps:
        now += step
        results.append(sessions.resolve(people, cookie, POLICY, now=now))
    assert (results[-1] == "ana@example.org") is alive
    assert bool(stored_sessions(people)) is alive  # an expired session is deleted, not only refused


def test_sign_out_ends_the_session_for_every_tab(people):
    cookie = sessions.start(people, "ana@example.org", POLICY, now=T0)
    other = sessions.start(people, "bea@example.org", POLICY, now=T0)
    sessions.end(people, cookie, POLICY)
    assert sessions.resolve(people, cookie, POLICY, now=T0) is None
    assert sessions.resolve(people, other, POLICY, now=T0) == "bea@example.org"


@pytest.mark.parametrize("change", [
    lambda e: access.set_password(e, "ana@example.org", "a new long password"),
    lambda e: access.set_role(e, "ana@example.org", "viewer"),
    lambda e: access.set_role(e, "ana@example.org", "admin"),
    lambda e: access.remove_person(e, "ana@example.org"),
], ids=["password reset", "role lowered", "role raised", "account removed"])
def test_account_changes_end_that_persons_sessions(people, change):
    ana = [sessions.start(people, "ana@example.org", POLICY, now=T0) for _ in range(2)]
    bea = sessions.start(people, "bea@example.org", POLICY, now=T0)
    change(people)
    assert [sessions.resolve(people, c, POLICY, now=T0) for c in ana] == [None, None]
    assert sessions.resolve(people, bea, POLICY, now=T0) == "bea@example.org"
    assert [person for person, _ in stored_sessions(people)] == ["bea@example.org"]


def test_changing_your_own_password_keeps_this_session_and_ends_the_others(people):
    here, elsewhere = (sessions.start(people, "ana@example.org", POLICY, now=T0) for _ in range(2))
    with pytest.raises(access.AccountError, match="current password"):
        access.change_own_password(people, "ana@example.org", "not my password", "a new long password")
    access.change_own_password(people, "ana@example.org", PASSWORD, "a new long password",
                               keep=sessions.session_id(people, POLICY, here))
    assert sessions.resolve(people, here, POLICY, now=T0) == "ana@example.org"
    assert sessions.resolve(people, elsewhere, POLICY, now=T0) is None
    assert access.authenticate(people, "ana@example.org", "a new long password")


def test_an_admin_lists_and_ends_sessions_and_others_may_not(people):
    from tracker.store.crud import NotAllowed

    cookie = sessions.start(people, "ana@example.org", POLICY, client="10.0.0.7", agent="Firefox", now=T0)
    [info] = access.list_sessions(people)
    assert (info.person, info.client, info.agent, info.started_at) == ("ana@example.org", "10.0.0.7", "Firefox", T0)
    with pytest.raises(NotAllowed):
        access.end_session(people, info.id, by="bea@example.org")
    assert access.end_session(people, info.id, by="root")
    assert sessions.resolve(people, cookie, POLICY, now=T0) is None


def test_without_a_configured_secret_every_process_on_the_database_signs_alike(people):
    unset = sessions.SessionPolicy()
    cookie = sessions.start(people, "ana@example.org", unset, now=T0)
    sessions._secrets.clear()  # as a second process would start: no secret in memory, one in the database
    assert sessions.resolve(people, cookie, unset, now=T0) == "ana@example.org"


def test_purge_removes_only_expired_sessions(people):
    sessions.start(people, "ana@example.org", POLICY, now=T0)
    sessions.start(people, "bea@example.org", POLICY, now=T0 + timedelta(hours=1))
    assert sessions.purge_expired(people, POLICY, now=T0 + timedelta(minutes=45)) == 1
    assert [person for person, _ in stored_sessions(people)] == ["bea@example.org"]


@pytest.mark.parametrize("name", sorted(access.RESERVED_NAMES))
def test_names_the_system_uses_cannot_be_taken(engine, name):
    with pytest.raises(access.AccountError, match="uses for itself"):
        access.add_person(engine, name.upper(), "viewer", PASSWORD)


def test_every_session_setting_is_in_the_readme():
    import re

    from tracker.settings import PROJECT_ROOT

    source = (PROJECT_ROOT / "tracker" / "access" / "sessions.py").read_text(encoding="utf-8")
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    names = re.findall(r'env\.get\("([A-Z_]+)"\)', source)
    assert names and [name for name in names if f"| `{name}` |" not in readme] == []
