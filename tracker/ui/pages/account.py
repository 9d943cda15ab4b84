"""Account: who is signed in, with which role; change your password; sign out (every tab of this browser)."""

import streamlit as st

from tracker import access
from tracker.ui import database, identity
from tracker.ui.display_name import display_name_form

engine = database.engine()
me = identity.current_person()
st.title("Account")
st.text(f"Signed in as {me}, role {identity.current_role()}.")  # as text: no Markdown, no mail link
identity.sign_out_form(identity.here(""))

if message := st.session_state.pop("account-done", None):
    st.success(message)
has_password = any(p.name == me and p.has_password for p in access.list_people(engine))
if has_password:
    with st.form("password", clear_on_submit=True):
        st.subheader("Change your password")
        current = st.text_input("Current password", type="password", autocomplete="current-password")
        new = st.text_input(f"New password ({access.MIN_LENGTH} to {access.MAX_LENGTH} characters)", type="password",
                            autocomplete="new-password", max_chars=access.MAX_LENGTH)
        repeated = st.text_input("New password again", type="password", autocomplete="new-password",
                                 max_chars=access.MAX_LENGTH)
        if st.form_submit_button("Change password"):
            try:
                if new != repeated:
                    raise access.AccountError("The two new passwords differ; nothing was changed.")
                access.change_own_password(engine, me, current, new, keep=identity.current_session_id())
            except access.AccountError as refused:
                st.error(str(refused))
            else:
                st.session_state["account-done"] = ("Password changed. You stay signed in here; every other "
                                                    "session of yours has ended.")
                st.rerun()

mine = access.list_sessions(engine, me) if me else []
if len(mine) > 1:
    st.caption(f"You are signed in on {len(mine)} browsers or devices.")

display_name_form(me)
