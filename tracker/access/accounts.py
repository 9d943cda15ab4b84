"""People and roles: local accounts with scrypt-hashed passwords, and the role check every write makes."""

import re
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select, update

from tracker.access import sessions
from tracker.access.passwords import PasswordRefused, checked, hash_password, verify_password
from tracker.i18n import N_, Refusal
from tracker.schema import ROLES
from tracker.store.crud import MANAGE_ACCOUNTS, require_role
from tracker.store.models import Person, utcnow

_NAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,199}$")
# Names the tracker writes into the history for itself: no account may take them.
RESERVED_NAMES = frozenset({"curation", "monitor", "import", "system", "anonymous"})
P = Person.__table__


class AccountError(Refusal):
    """A refused account operation, with a message for people."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    has_password: bool


def normalise(name: str) -> str:
    name = name.strip().lower()
    if not _NAME.match(name):
        raise AccountError(N_("{name} is not a valid account name (an e-mail address or a simple user name)."),
                           name=repr(name))
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(N_("{role} is not a role; choose one of {roles}."), role=repr(role), roles=", ".join(ROLES))
    return role


def _checked_password(password: str | None, name: str) -> str | None:
    try:
        return None if password is None else checked(password, name)
    except PasswordRefused as refused:
        raise AccountError(refused.template, **refused.values) from None


class _Operator:
    """Whoever runs the command line: they hold the database itself, so no role applies."""

    def __repr__(self) -> str:
        return "the command line"


OPERATOR = _Operator()


def _authorise(conn, by) -> None:
    if by is not OPERATOR:
        require_role(conn, by, ("admin",), MANAGE_ACCOUNTS)


def add_person(engine: Engine, name: str, role: str, password: str | None = None, *, by=OPERATOR) -> Account:
    """Add an account; without a password it can only sign in through the identity provider (OIDC)."""
    name, role = normalise(name), _check_role(role)
    if name in RESERVED_NAMES:
        raise AccountError(N_("{name} is a name the tracker uses for itself; choose another."), name=repr(name))
    password = _checked_password(password, name)
    with engine.begin() as conn:
        _authorise(conn, by)
        if conn.execute(select(P.c.name).where(P.c.name == name)).first():
            raise AccountError(N_("{name} already has an account; use set-role to change its role."), name=name)
        conn.execute(insert(P).values(name=name, role=role, password_hash=hash_password(password) if password else None,
                                      created_at=utcnow()))
    return Account(name, role, password is not None)


def remove_person(engine: Engine, name: str, *, by=OPERATOR) -> None:
    """Remove an account; its sessions and drafts go with it."""
    name = normalise(name)
    with engine.begin() as conn:
        _authorise(conn, by)
        sessions.end_all(conn, name)
        if conn.execute(delete(P).where(P.c.name == name)).rowcount != 1:
            raise AccountError(N_("There is no account {name}."), name=name)


def set_role(engine: Engine, name: str, role: str, *, by=OPERATOR) -> None:
    """Change a role; the person's open sessions end, so the new role applies from their next sign-in."""
    name, role = normalise(name), _check_role(role)
    with engine.begin() as conn:
        _authorise(conn, by)
        if conn.execute(update(P).where(P.c.name == name).values(role=role)).rowcount != 1:
            raise AccountError(N_("There is no account {name}."), name=name)
        sessions.end_all(conn, name)


def set_password(engine: Engine, name: str, password: str, *, by=OPERATOR, keep: str | None = None) -> None:
    """Set a password and end the person's sessions (but `keep`, the session id of their own change)."""
    name = normalise(name)
    password = _checked_password(password, name)
    with engine.begin() as conn:
        if by is not OPERATOR and by != name:
            _authorise(conn, by)
        if conn.execute(update(P).where(P.c.name == name)
                        .values(password_hash=hash_password(password))).rowcount != 1:
            raise AccountError(N_("There is no account {name}."), name=name)
        sessions.end_all(conn, name, keep=keep)


def change_own_password(engine: Engine, name: str, current: str, new: str, *, keep: str | None = None) -> None:
    """Self-service change: the current password must be right; the person's other sessions end."""
    if authenticate(engine, name, current) is None:
        raise AccountError(N_("The current password is not right; nothing was changed."))
    set_password(engine, name, new, by=name, keep=keep)


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


def end_session(engine: Engine, session: str, *, by=OPERATOR) -> bool:
    """An administrator ends someone's session (by its stored id)."""
    with engine.begin() as conn:
        _authorise(conn, by)
        return conn.execute(delete(sessions.S).where(sessions.S.c.token_hash == session)).rowcount == 1
