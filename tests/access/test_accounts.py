"""tracker/access/accounts.py: who may sign in with which password, and who may manage accounts.

An account without a password (sign-in through the identity provider only) must never sign in with a password,
whatever is typed, and a malformed stored hash verifies nothing.
"""

import base64
import hashlib

import pytest
from sqlalchemy import delete, select, update

from tests.conftest import DB_KINDS, new_database
from tests.test_filters import ascii_id

from tracker.access.accounts import (OPERATOR, Account, AccountError, add_person, authenticate, list_people,
                                     normalise, remove_person, set_password, set_role)
from tracker.access.passwords import MIN_LENGTH as MIN_PASSWORD
from tracker.access.passwords import hash_password, verify_password
from tracker.store.crud import NotAllowed
from tracker.store.db import make_engine
from tracker.store.models import Person, metadata

GOOD = "lantern quietly orbits the marsh"
P = Person.__table__


def stored_hash(engine, name: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(P.c.password_hash).where(P.c.name == name)).scalar_one()


@pytest.fixture(scope="module", params=DB_KINDS)
def database(request, tmp_path_factory):
    """One database per engine for the module, with the tracker's tables and no record (accounts need none)."""
    with new_database(request.param, tmp_path_factory.mktemp("accounts"), request) as url:
        engine = make_engine(url)
        metadata.create_all(engine)
        yield engine
        engine.dispose()


@pytest.fixture
def engine(database):
    """The module's database with no accounts."""
    with database.begin() as conn:
        conn.execute(delete(P))
    return database


@pytest.fixture
def people(engine):
    """An admin, a monitor with a password, and a viewer who signs in only through the identity provider."""
    add_person(engine, "admin@example.org", "admin", GOOD)
    add_person(engine, "monitor@example.org", "monitor", GOOD)
    add_person(engine, "oidc@example.org", "viewer")
    return engine


@pytest.mark.parametrize("typed", ["", GOOD, "None", "null", " ", "x" * MIN_PASSWORD])
def test_an_account_without_a_password_never_signs_in_with_one(people, typed):
    assert stored_hash(people, "oidc@example.org") is None
    assert authenticate(people, "oidc@example.org", typed) is None


@pytest.mark.parametrize("stored", ["", "garbage", "scrypt$", "scrypt$32768$8$1$c2FsdA==",
                                    "bcrypt$32768$8$1$c2FsdA==$ZGlnZXN0", "scrypt$32768$8$1$!!$!!",
                                    "scrypt$x$8$1$c2FsdA==$ZGlnZXN0", "scrypt$32768$8$1$c2FsdA==$ZGlnZXN0$extra"])
def test_a_malformed_stored_hash_lets_nobody_in(people, stored):
    with people.begin() as conn:
        conn.execute(update(P).where(P.c.name == "monitor@example.org").values(password_hash=stored))
    assert authenticate(people, "monitor@example.org", GOOD) is None
    assert authenticate(people, "monitor@example.org", "") is None


@pytest.mark.parametrize("name, typed, expected", [
    ("monitor@example.org", GOOD, Account("monitor@example.org", "monitor", True)),
    ("  Monitor@Example.ORG ", GOOD, Account("monitor@example.org", "monitor", True)),
    ("admin@example.org", GOOD, Account("admin@example.org", "admin", True)),
    ("monitor@example.org", GOOD + " ", None),
    ("monitor@example.org", GOOD.upper(), None),
    ("monitor@example.org", GOOD[:-1], None),
    ("monitor@example.org", "", None),
    ("admin@example.org", "wrong password!", None),
    ("nobody@example.org", GOOD, None),
    ("", GOOD, None),
    ("not a name", GOOD, None),
])
def test_authenticate(people, name, typed, expected):
    assert authenticate(people, name, typed) == expected


def test_hashes_are_salted_scrypt_and_verify_only_their_password():
    first, second = hash_password(GOOD), hash_password(GOOD)
    assert first != second and GOOD not in first
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 1)
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(digest)) == 64
    assert verify_password(GOOD, first) and verify_password(GOOD, second)
    assert not verify_password(GOOD[:-1], first)
    assert not verify_password(GOOD, None) and not verify_password("", None)


@pytest.mark.parametrize("name, expected", [
    ("Ana@Example.org", "ana@example.org"), ("  ana  ", "ana"), ("a", "a"), ("0", "0"),
    ("a.b_c+d-e@f", "a.b_c+d-e@f"), ("a" * 200, "a" * 200),
])
def test_normalise_accepts(name, expected):
    assert normalise(name) == expected


@pytest.mark.parametrize("name", ["", " ", ".ana", "-ana", "_ana", "ana smith", "ana/..", "a" * 201, "an\na",
                                  "anä", "<script>"], ids=ascii_id)
def test_normalise_refuses(name):
    with pytest.raises(AccountError, match="not a valid account name"):
        normalise(name)


def test_add_person_checks_role_password_length_and_duplicates(engine):
    with pytest.raises(AccountError, match="not a role"):
        add_person(engine, "ana@example.org", "superuser", GOOD)
    with pytest.raises(AccountError, match=f"at least {MIN_PASSWORD} characters"):
        add_person(engine, "ana@example.org", "viewer", "x" * (MIN_PASSWORD - 1))
    assert list_people(engine) == []
    assert add_person(engine, "Ana@Example.org", "viewer", "x" * MIN_PASSWORD) == Account("ana@example.org",
                                                                                          "viewer", True)
    assert authenticate(engine, "ana@example.org", "x" * MIN_PASSWORD) is not None
    with pytest.raises(AccountError, match="already has an account"):
        add_person(engine, "ana@example.org", "admin")
    assert add_person(engine, "ben@example.org", "monitor") == Account("ben@example.org", "monitor", False)
    assert list_people(engine) == [Account("ana@example.org", "viewer", True),
                                   Account("ben@example.org", "monitor", False)]


def test_only_an_admin_or_the_command_line_manages_accounts(people):
    for action, args in [(add_person, ("new@example.org", "viewer")), (remove_person, ("oidc@example.org",)),
                         (set_role, ("oidc@example.org", "admin")), (set_password, ("oidc@example.org", GOOD))]:
        for by in ("monitor@example.org", "nobody@example.org", "", None):
            with pytest.raises(NotAllowed, match="manage accounts"):
                action(people, *args, by=by)
    with pytest.raises(NotAllowed, match="manage accounts"):
        set_password(people, "monitor@example.org", "a password of mine", by="oidc@example.org")
    assert {a.name: (a.role, a.has_password) for a in list_people(people)} == {
        "admin@example.org": ("admin", True), "monitor@example.org": ("monitor", True),
        "oidc@example.org": ("viewer", False)}
    set_role(people, "oidc@example.org", "monitor", by="admin@example.org")
    set_password(people, "oidc@example.org", GOOD, by="admin@example.org")
    assert authenticate(people, "oidc@example.org", GOOD) == Account("oidc@example.org", "monitor", True)
    remove_person(people, "oidc@example.org", by="admin@example.org")
    add_person(people, "new@example.org", "viewer", by=OPERATOR)
    assert [a.name for a in list_people(people)] == ["admin@example.org", "monitor@example.org", "new@example.org"]


def test_people_change_their_own_password_and_nobody_else_s(people):
    set_password(people, "Monitor@Example.org", "a new long password", by="monitor@example.org")
    assert authenticate(people, "monitor@example.org", GOOD) is None
    assert authenticate(people, "monitor@example.org", "a new long password") is not None
    with pytest.raises(AccountError, match=f"at least {MIN_PASSWORD}"):
        set_password(people, "monitor@example.org", "short", by="monitor@example.org")
    assert authenticate(people, "monitor@example.org", "a new long password") is not None


@pytest.mark.parametrize("action, args", [(remove_person, ()), (set_role, ("viewer",)), (set_password, (GOOD,))])
def test_changing_an_account_that_does_not_exist_is_refused(people, action, args):
    with pytest.raises(AccountError, match="There is no account nobody@example.org"):
        action(people, "Nobody@example.org", *args)
    assert len(list_people(people)) == 3


def test_set_role_refuses_an_unknown_role(people):
    with pytest.raises(AccountError) as refused:
        set_role(people, "oidc@example.org", "owner")
    assert str(refused.value) == "'owner' is not a role; choose one of viewer, monitor, admin."
    assert {a.name: a.role for a in list_people(people)}["oidc@example.org"] == "viewer"


def test_people_are_listed_by_name_whatever_order_they_were_added_in(engine):
    for name in ("zoe@example.org", "ana@example.org", "mia@example.org"):
        add_person(engine, name, "viewer")
    assert [a.name for a in list_people(engine)] == ["ana@example.org", "mia@example.org", "zoe@example.org"]


def test_the_command_line_operator_reads_as_such():
    assert repr(OPERATOR) == "the command line"


def test_a_stored_hash_that_asks_for_more_memory_than_the_cap_verifies_nothing():
    """A tampered row cannot make each sign-in attempt take 64 MiB or more (scrypt needs 128 * r * n bytes)."""
    salt = b"s" * 16
    digest = hashlib.scrypt(GOOD.encode(), salt=salt, n=2**16, r=8, p=1, maxmem=256 * 1024 * 1024)
    stored = f"scrypt${2**16}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert not verify_password(GOOD, stored)
