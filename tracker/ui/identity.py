"""Who is using the app: the single place the sign-in work replaces."""

import getpass
import os

import streamlit as st


def current_person() -> str:
    """The signed-in user's e-mail, else TRACKER_USER, else the account running the server."""
    user = st.user
    if getattr(user, "is_logged_in", False) and user.get("email"):
        return str(user["email"])
    return os.environ.get("TRACKER_USER") or f"{getpass.getuser()} (local)"
