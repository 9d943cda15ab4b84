"""Failed sign-ins counted in the store, per account and per client address: a fresh page or a restart keeps them."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from tracker.access.sessions import as_utc
from tracker.store.models import SignInFailure, utcnow

F = SignInFailure.__table__


@dataclass(frozen=True)
class ThrottleRule:
    """After `free` failures, each attempt waits `first_wait` doubled per further failure, up to `max_wait`."""

    free: int
    first_wait: timedelta = timedelta(seconds=2)
    max_wait: timedelta = timedelta(minutes=5)
    forget_after: timedelta = timedelta(hours=24)

    def wait_after(self, failures: int) -> timedelta:
        if failures < self.free:
            return timedelta(0)
        return min(self.max_wait, self.first_wait * 2 ** (failures - self.free))


# A client address may be a whole office behind one router, so it gets more tries than one account.
ACCOUNT_RULE = ThrottleRule(free=3)
CLIENT_RULE = ThrottleRule(free=10)


def keys(account: str, client: str | None) -> dict[str, ThrottleRule]:
    found = {f"account:{account}": ACCOUNT_RULE}
    if client:
        found[f"client:{client}"] = CLIENT_RULE
    return found


def wait_needed(engine: Engine, rules: dict[str, ThrottleRule], *, now: datetime | None = None) -> float:
    """Seconds to wait before the next attempt may be checked (0: go ahead)."""
    now = now or utcnow()
    with engine.connect() as conn:
        rows = conn.execute(select(F.c.key, F.c.failures, F.c.last_failure_at).where(F.c.key.in_(rules))).all()
    waits = [0.0]
    for key, failures, last in rows:
        rule, last = rules[key], as_utc(last)
        if now - last <= rule.forget_after:
            waits.append((last + rule.wait_after(failures) - now).total_seconds())
    return max(waits)


def record_failure(engine: Engine, rules: dict[str, ThrottleRule], *, now: datetime | None = None) -> None:
    now = now or utcnow()
    for key, rule in rules.items():
        with engine.begin() as conn:
            last = conn.execute(select(F.c.last_failure_at).where(F.c.key == key)).scalar_one_or_none()
            if last is not None and now - as_utc(last) > rule.forget_after:
                conn.execute(delete(F).where(F.c.key == key))
            # Increment in SQL: two failures at once both count.
            if conn.execute(update(F).where(F.c.key == key)
                            .values(failures=F.c.failures + 1, last_failure_at=now)).rowcount:
                continue
        try:
            with engine.begin() as conn:
                conn.execute(insert(F).values(key=key, failures=1, last_failure_at=now))
        except IntegrityError:  # another process inserted it meanwhile
            with engine.begin() as conn:
                conn.execute(update(F).where(F.c.key == key).values(failures=F.c.failures + 1, last_failure_at=now))


def clear(engine: Engine, key: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(F).where(F.c.key == key))
