"""Who is signed in, and with which role: the identity provider (OIDC) or a local account."""

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from tracker import access
from tracker.store.queries import role_of
from tracker.ui import database

SIGNED_IN = "signed-in"
FAILED = "sign-in-failures"


def oidc_configured() -> bool:
    """True when secrets.toml has an [auth] section for st.login."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def current_person() -> str | None:
    """The signed-in identity (lower-cased e-mail or user name), or None for an anonymous visitor."""
    if oidc_configured() and st.user.is_logged_in and st.user.get("email"):
        return str(st.user["email"]).strip().lower()
    return st.session_state.get(SIGNED_IN)


def current_role() -> str | None:
    """The stored role; an identity-provider user without an account may view."""
    person = current_person()
    if person is None:
        return None
    role = role_of(database.engine(), person)
    if role is None and st.session_state.get(SIGNED_IN) is None:
        return "viewer"
    return role


def sign_in(name: str, password: str) -> bool:
    account = access.authenticate(database.engine(), name, password)
    if account is None:
        st.session_state[FAILED] = st.session_state.get(FAILED, 0) + 1
        return False
    st.session_state[SIGNED_IN] = account.name
    st.session_state.pop(FAILED, None)
    return True


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()
