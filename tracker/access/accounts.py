"""People and roles: local accounts with scrypt-hashed passwords, and the role check every write makes."""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select, update

from tracker.store.crud import require_role
from tracker.store.models import Person, utcnow
from tracker.schema import ROLES

MIN_PASSWORD = 12
# scrypt at n=2**15, r=8: about 32 MiB and tens of milliseconds per attempt (RFC 7914's interactive setting
# raised), slow enough to blunt guessing from a stolen database.
_N, _R, _P = 2**15, 8, 1
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,199}$")
P = Person.__table__


class AccountError(Exception):
    """A refused account operation, with a message for people."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    has_password: bool


def normalise(name: str) -> str:
    name = name.strip().lower()
    if not _NAME.match(name):
        raise AccountError(f"{name!r} is not a valid account name (an e-mail address or a simple user name).")
    return name


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 1024 * 1024)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check; a missing hash verifies nothing (but costs the same time)."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        assert scheme == "scrypt"
        expected = base64.b64decode(digest)
        candidate = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                   maxmem=64 * 1024 * 1024)
    except (ValueError, AssertionError):
        hashlib.scrypt(password.encode(), salt=b"0" * 16, n=_N, r=_R, p=_P, maxmem=64 * 1024 * 1024)
        return False
    return hmac.compare_digest(candidate, expected)


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role; choose one of {', '.join(ROLES)}.")
    return role


def _check_password(password: str | None) -> None:
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(f"A password needs at least {MIN_PASSWORD} characters.")


class _Operator:
    """Whoever runs the command line: they hold the database itself, so no role applies."""

    def __repr__(self) -> str:
        return "the command line"


OPERATOR = _Operator()


def _authorise(conn, by) -> None:
    if by is not OPERATOR:
        require_role(conn, by, ("admin",), "manage accounts")


def add_person(engine: Engine, name: str, role: str, password: str | None = None, *, by=OPERATOR) -> Account:
    """Add an account; without a password it can only sign in through the identity provider (OIDC)."""
    name, role = normalise(name), _check_role(role)
    _check_password(password)
    with engine.begin() as conn:
        _authorise(conn, by)
        if conn.execute(select(P.c.name).where(P.c.name == name)).first():
            raise AccountError(f"{name} already has an account; use set-role to change its role.")
        conn.execute(insert(P).values(name=name, role=role, password_hash=hash_password(password) if password else None,
                                      created_at=utcnow()))
    return Account(name, role, password is not None)


def remove_person(engine: Engine, name: str, *, by=OPERATOR) -> None:
    name = normalise(name)
    with engine.begin() as conn:
        _authorise(conn, by)
        if conn.execute(delete(P).where(P.c.name == name)).rowcount != 1:
            raise AccountError(f"There is no account {name}.")


def set_role(engine: Engine, name: str, role: str, *, by=OPERATOR) -> None:
    name, role = normalise(name), _check_role(role)
    with engine.begin() as conn:
        _authorise(conn, by)
        if conn.execute(update(P).where(P.c.name == name).values(role=role)).rowcount != 1:
            raise AccountError(f"There is no account {name}.")


def set_password(engine: Engine, name: str, password: str, *, by=OPERATOR) -> None:
    name = normalise(name)
    _check_password(password)
    with engine.begin() as conn:
        if by is not OPERATOR and by != name:
            _authorise(conn, by)
        if conn.execute(update(P).where(P.c.name == name)
                        .values(password_hash=hash_password(password))).rowcount != 1:
            raise AccountError(f"There is no account {name}.")


def list_people(engine: Engine) -> list[Account]:
    with engine.connect() as conn:
        rows = conn.execute(select(P.c.name, P.c.role, P.c.password_hash).order_by(P.c.name)).all()
    return [Account(name, role, hashed is not None) for name, role, hashed in rows]


def authenticate(engine: Engine, name: str, password: str) -> Account | None:
    """The account if the password is right; None otherwise, taking the same time either way."""
    try:
        name = normalise(name)
    except AccountError:
        name = ""
    with engine.connect() as conn:
        row = conn.execute(select(P.c.role, P.c.password_hash).where(P.c.name == name)).first()
    stored = row.password_hash if row else None
    if verify_password(password, stored) and row:
        return Account(name, row.role, True)
    return None
