"""One sign-in attempt: throttle first, then the password, then a new session."""

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from tracker.access import sessions, throttle
from tracker.access.accounts import AccountError, authenticate, normalise
from tracker.i18n import Translator, translator
from tracker.store.models import utcnow


@dataclass(frozen=True)
class SignInResult:
    """A cookie value (signed in), or a refusal: `throttled` when the password was not even checked."""

    cookie: str | None = None
    wait_seconds: int = 0
    throttled: bool = False

    @property
    def message(self) -> str:
        return self.message_in(translator("en"))

    def message_in(self, t: Translator) -> str:
        """What the person who tried reads, in their language."""
        if self.cookie:
            return t.tr("Signed in.")
        if self.throttled:
            return t.tr_n("Too many failed sign-ins for this account or from this address: wait {count} second "
                          "before the next try.",
                          "Too many failed sign-ins for this account or from this address: wait {count} seconds "
                          "before the next try.", self.wait_seconds)
        if self.wait_seconds:
            return t.tr_n("That name and password do not match an account. After several failures, wait {count} "
                          "second before the next try.",
                          "That name and password do not match an account. After several failures, wait {count} "
                          "seconds before the next try.", self.wait_seconds)
        return t.tr("That name and password do not match an account.")


def attempt(engine: Engine, name: str, password: str, policy: sessions.SessionPolicy, *, client: str | None = None,
            agent: str | None = None, now: datetime | None = None) -> SignInResult:
    """Check a sign-in; while throttled the password is not even checked, so waiting is the only way on."""
    now = now or utcnow()
    try:
        account_name = normalise(name)
    except AccountError:
        account_name = name.strip().lower()[:200]
    rules = throttle.keys(account_name, client)
    wait = throttle.wait_needed(engine, rules, now=now)
    if wait > 0:
        return SignInResult(wait_seconds=math.ceil(wait), throttled=True)
    account = authenticate(engine, name, password)
    if account is None:
        throttle.record_failure(engine, rules, now=now)
        return SignInResult(wait_seconds=math.ceil(throttle.wait_needed(engine, rules, now=now)))
    throttle.clear(engine, f"account:{account.name}")
    return SignInResult(cookie=sessions.start(engine, account.name, policy, client=client, agent=agent, now=now))
