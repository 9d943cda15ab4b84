"""Kept so that `from tracker.accounts import …` goes on working: accounts now live in tracker.access."""

from tracker.access.accounts import (  # noqa: F401
    OPERATOR, Account, AccountError, add_person, authenticate, hash_password, list_people, normalise,
    remove_person, set_password, set_role, verify_password,
)
