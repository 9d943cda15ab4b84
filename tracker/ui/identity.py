"""Who is signed in, and with which role: the identity provider (OIDC) or a local account's session cookie."""

from html import escape
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from tracker import access
from tracker.access import web as access_web
from tracker.schema import ROLE_LABELS
from tracker.store.queries import role_of
from tracker.ui import database, language
from tracker.ui.web import base_path

SIGNED_IN = "signed-in"
REFUSAL = "sign-in-refusal"
# AppTest cannot send cookies; the UI tests put a real session's cookie value here instead.
TEST_COOKIE = "session-cookie"


def oidc_configured() -> bool:
    """True when secrets.toml has an [auth] section for st.login."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def _oidc_person() -> str | None:
    if oidc_configured() and st.user.is_logged_in and st.user.get("email"):
        return str(st.user["email"]).strip().lower()
    return None


def session_cookie() -> str | None:
    cookie = st.context.cookies.get(access.COOKIE)
    return cookie if isinstance(cookie, str) else st.session_state.get(TEST_COOKIE)


def begin_run() -> None:
    """Check the session once per script run, so a sign-out in another tab ends this one at its next click."""
    state = st.session_state
    person = _oidc_person() or access.resolve(database.engine(), session_cookie(), access.SessionPolicy.from_env())
    state[SIGNED_IN] = person
    refusal = access_web.result_from_param(st.query_params.get(access_web.RESULT_PARAM))
    if access_web.RESULT_PARAM in st.query_params:
        del st.query_params[access_web.RESULT_PARAM]
        state[REFUSAL] = refusal


def current_person() -> str | None:
    """The signed-in identity (lower-cased e-mail or user name), or None for an anonymous visitor."""
    return st.session_state.get(SIGNED_IN)


def current_session_id() -> str | None:
    return access.session_id(database.engine(), access.SessionPolicy.from_env(), session_cookie())


def current_role() -> str | None:
    """The stored role; an identity-provider user without an account may view."""
    person = current_person()
    if person is None:
        return None
    role = role_of(database.engine(), person)
    if role is None and _oidc_person():
        return "viewer"
    return role


def here(url_path: str) -> str:
    """This page's address with its query string: where a sign-in comes back to."""
    params = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)
              if key != access_web.RESULT_PARAM]
    return f"{base_path()}/{url_path}" + (f"?{urlencode(params)}" if params else "")


_FIELD = "display:block;width:100%;max-width:24rem;margin:0.25rem 0 0.9rem;padding:0.5rem;font:inherit;" \
         "border:1px solid rgba(49,51,63,0.3);border-radius:0.5rem;box-sizing:border-box"
_BUTTON = "font:inherit;padding:0.45rem 1.1rem;border-radius:0.5rem;border:1px solid #ff4b4b;cursor:pointer;" \
          "background:#ff4b4b;color:white"


def sign_in_form(next_url: str, back_url: str | None = None) -> None:
    """A plain HTML form that posts to the app's sign-in route, which sets the session cookie and goes to
    `next_url`; a refused sign-in comes back to `back_url` (default: the same) with the reason."""
    t = language.current()
    refusal = st.session_state.pop(REFUSAL, None)
    if refusal is not None:
        st.error(refusal.message_in(t))
    if oidc_configured():
        st.button(t.tr("Sign in with your organisation's account"), type="primary", on_click=st.login)
        st.divider()
    sign_in, name, password = (escape(words) for words in (t.tr("Sign in"), t.tr("E-mail or user name"),
                                                            t.tr("Password")))
    st.html(f"""<form method="post" action="{base_path()}{access_web.SIGN_IN_PATH}" aria-label="{sign_in}">
<label>{name}<input name="username" autocomplete="username" required maxlength="200" style="{_FIELD}"></label>
<label>{password}<input name="password" type="password" autocomplete="current-password" required
 maxlength="{access.MAX_LENGTH}" style="{_FIELD}"></label>
<input type="hidden" name="next" value="{escape(next_url)}">
<input type="hidden" name="back" value="{escape(back_url or next_url)}">
<button type="submit" style="{_BUTTON}">{sign_in}</button></form>""")


def sign_in_prompt(page) -> None:
    """Instead of a page the role lacks: sign in, and come back to this very address."""
    t = language.current()
    st.title(t.tr("Sign in"))
    person = current_person()
    if person:
        st.warning(t.tr("{page} needs another role than yours ({role}). Sign in with an account that has it, or ask "
                        "an administrator.", page=page.title, role=role_label(current_role(), t)))
    else:
        st.info(t.tr("Sign in to open {page}; you will come back to this page.", page=page.title))
    sign_in_form(here(page.url_path))


def sign_out_form(next_url: str) -> None:
    """Sign out for every tab of this browser; an identity-provider sign-in also signs out there."""
    sign_out = language.current().tr("Sign out")
    if _oidc_person():
        st.button(sign_out, type="primary", on_click=st.logout)
        return
    st.html(f"""<form method="post" action="{base_path()}{access_web.SIGN_OUT_PATH}">
<input type="hidden" name="next" value="{escape(next_url)}">
<button type="submit" style="{_BUTTON}">{escape(sign_out)}</button></form>""")


def role_label(role: str | None, t) -> str:
    """A role as the reader's language names it."""
    return t.tr(ROLE_LABELS[role]) if role in ROLE_LABELS else str(role)
