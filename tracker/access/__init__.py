"""Who may do what: accounts and roles, password rules, server-side sessions and sign-in throttling."""

from tracker.access.accounts import (  # noqa: F401
    OPERATOR, RESERVED_NAMES, Account, AccountError, add_person, authenticate, change_own_password, end_session,
    list_people,
    normalise, remove_person, set_password, set_role,
)
from tracker.access.passwords import MAX_LENGTH, MIN_LENGTH, PasswordRefused, checked  # noqa: F401
from tracker.access.sessions import (  # noqa: F401
    COOKIE, SessionInfo, SessionPolicy, end, end_by_id, list_sessions, purge_expired, resolve, session_id,
)
from tracker.access.signin import SignInResult, attempt  # noqa: F401
