"""Who may do what: accounts and roles (and, next, sessions, throttling and password rules)."""

from tracker.access.accounts import (  # noqa: F401
    OPERATOR, Account, AccountError, add_person, authenticate, list_people, normalise, remove_person,
    set_password, set_role,
)
