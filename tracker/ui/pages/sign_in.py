"""Sign in: through the organisation's identity provider, or with a local account."""

import time

import streamlit as st

from tracker.ui import identity

st.title("Sign in")
if identity.oidc_configured():
    st.button("Sign in with your organisation's account", type="primary", on_click=st.login)
    st.divider()
with st.form("sign-in"):
    name = st.text_input("E-mail or user name", autocomplete="username")
    password = st.text_input("Password", type="password", autocomplete="current-password")
    submitted = st.form_submit_button("Sign in")
if submitted:
    # Slow down repeated guesses within a session; the password hash itself is slow too.
    time.sleep(min(5.0, 0.5 * st.session_state.get(identity.FAILED, 0)))
    if identity.sign_in(name, password):
        st.rerun()
    st.error("That name and password do not match an account.")
st.caption("Accounts are created by an administrator (`tracker users add`). Viewers read, filter and export; "
           "monitors also assess; administrators also manage people.")
