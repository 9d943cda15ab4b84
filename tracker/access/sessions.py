"""Server-side sessions: a random token in a signed cookie, its SHA-256 in the store, idle and absolute expiry."""

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from itsdangerous import BadSignature, Signer
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from tracker.store.models import Meta, WebSession, utcnow

COOKIE = "tracker_session"
S = WebSession.__table__
_SECRET_KEY = "session-secret"  # the Meta row holding the signing secret when TRACKER_SESSION_SECRET is unset
_secrets: dict[str, str] = {}


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(hours=2)
    lifetime: timedelta = timedelta(hours=12)
    secret: str | None = None
    # last_seen_at is written at most this often: a rerun costs one read, not one write.
    touch_every: timedelta = timedelta(seconds=60)

    @classmethod
    def from_env(cls, env=None) -> "SessionPolicy":
        env = os.environ if env is None else env
        return cls(idle=timedelta(minutes=float(env.get("TRACKER_SESSION_IDLE_MINUTES") or 120)),
                   lifetime=timedelta(hours=float(env.get("TRACKER_SESSION_LIFETIME_HOURS") or 12)),
                   secret=env.get("TRACKER_SESSION_SECRET") or None)


@dataclass(frozen=True)
class SessionInfo:
    """What an admin sees of a session; `id` is the stored hash, which cannot sign anyone in."""

    id: str
    person: str
    started_at: datetime
    last_seen_at: datetime
    client: str | None
    agent: str | None


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _signer(engine: Engine, policy: SessionPolicy) -> Signer:
    return Signer(policy.secret or _stored_secret(engine), salt="tracker-session")


def _stored_secret(engine: Engine) -> str:
    """One secret per database, made on first use, so every app process on that database signs alike."""
    key = engine.url.render_as_string(hide_password=False)
    if key not in _secrets:
        M = Meta.__table__
        with engine.begin() as conn:
            value = conn.execute(select(M.c.value).where(M.c.key == _SECRET_KEY)).scalar_one_or_none()
        if value is None:
            try:
                with engine.begin() as conn:
                    conn.execute(insert(M).values(key=_SECRET_KEY, value=secrets.token_urlsafe(48)))
            except IntegrityError:
                pass  # another process made it first
            with engine.begin() as conn:
                value = conn.execute(select(M.c.value).where(M.c.key == _SECRET_KEY)).scalar_one()
        _secrets[key] = value
    return _secrets[key]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token(engine: Engine, policy: SessionPolicy, cookie: str | None) -> str | None:
    if not cookie:
        return None
    try:
        return _signer(engine, policy).unsign(cookie).decode()
    except (BadSignature, UnicodeDecodeError):
        return None


def session_id(engine: Engine, policy: SessionPolicy, cookie: str | None) -> str | None:
    """The stored id a cookie refers to (whether or not it is still valid), or None for a forged cookie."""
    token = _token(engine, policy, cookie)
    return _hash(token) if token else None


def start(engine: Engine, person: str, policy: SessionPolicy, *, client: str | None = None,
          agent: str | None = None, now: datetime | None = None) -> str:
    """A new session (a fresh random token at every sign-in); returns the cookie value."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(insert(S).values(token_hash=_hash(token), person=person, started_at=now, last_seen_at=now,
                                      client=(client or "")[:64] or None, agent=(agent or "")[:200] or None))
    return _signer(engine, policy).sign(token).decode()


def resolve(engine: Engine, cookie: str | None, policy: SessionPolicy, *, now: datetime | None = None) -> str | None:
    """The person a cookie signs in, or None when it is missing, forged, ended or expired (expired ones are deleted)."""
    token_hash = session_id(engine, policy, cookie)
    if token_hash is None:
        return None
    now = now or utcnow()
    with engine.connect() as conn:
        row = conn.execute(select(S.c.person, S.c.started_at, S.c.last_seen_at)
                           .where(S.c.token_hash == token_hash)).first()
    if row is None:
        return None
    started, seen = as_utc(row.started_at), as_utc(row.last_seen_at)
    if now - seen > policy.idle or now - started > policy.lifetime:
        with engine.begin() as conn:
            conn.execute(delete(S).where(S.c.token_hash == token_hash))
        return None
    if now - seen > policy.touch_every:
        with engine.begin() as conn:
            conn.execute(update(S).where(S.c.token_hash == token_hash).values(last_seen_at=now))
    return row.person


def end(engine: Engine, cookie: str | None, policy: SessionPolicy) -> None:
    """Sign out: the session ends for every tab that shares the cookie."""
    token_hash = session_id(engine, policy, cookie)
    if token_hash:
        end_by_id(engine, token_hash)


def end_by_id(engine: Engine, session: str) -> bool:
    with engine.begin() as conn:
        return conn.execute(delete(S).where(S.c.token_hash == session)).rowcount == 1


def end_all(conn, person: str, *, keep: str | None = None) -> int:
    """End every session of `person` (but `keep`, a session id) inside the caller's transaction."""
    condition = S.c.person == person
    if keep:
        condition = condition & (S.c.token_hash != keep)
    return conn.execute(delete(S).where(condition)).rowcount


def list_sessions(engine: Engine, person: str | None = None) -> list[SessionInfo]:
    query = select(S).order_by(S.c.person, S.c.started_at)
    if person is not None:
        query = query.where(S.c.person == person)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [SessionInfo(r.token_hash, r.person, as_utc(r.started_at), as_utc(r.last_seen_at), r.client, r.agent)
            for r in rows]


def purge_expired(engine: Engine, policy: SessionPolicy, *, now: datetime | None = None) -> int:
    """Delete sessions past their idle timeout or lifetime; returns how many."""
    now = now or utcnow()
    with engine.begin() as conn:
        return conn.execute(delete(S).where((S.c.last_seen_at < now - policy.idle)
                                            | (S.c.started_at < now - policy.lifetime))).rowcount
