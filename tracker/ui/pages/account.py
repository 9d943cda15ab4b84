"""Account: who is signed in, with which role; change your password; sign out (every tab of this browser)."""

import streamlit as st

from tracker import access
from tracker.i18n import N_
from tracker.ui import database, identity, language
from tracker.ui.display_name import display_name_form

engine, t = database.engine(), language.current()
me = identity.current_person()
st.title(t.tr("Account"))
st.text(t.tr("Signed in as {person}, role {role}.", person=me,  # as text: no Markdown, no mail link
             role=identity.role_label(identity.current_role(), t)))
identity.sign_out_form(identity.here(""))

if message := st.session_state.pop("account-done", None):
    st.success(message)
has_password = any(p.name == me and p.has_password for p in access.list_people(engine))
if has_password:
    with st.form("password", clear_on_submit=True):
        st.subheader(t.tr("Change your password"))
        current = st.text_input(t.tr("Current password"), type="password", autocomplete="current-password")
        new = st.text_input(t.tr("New password ({low} to {high} characters)", low=access.MIN_LENGTH,
                                 high=access.MAX_LENGTH), type="password", autocomplete="new-password",
                            max_chars=access.MAX_LENGTH)
        repeated = st.text_input(t.tr("New password again"), type="password", autocomplete="new-password",
                                 max_chars=access.MAX_LENGTH)
        if st.form_submit_button(t.tr("Change password")):
            try:
                if new != repeated:
                    raise access.AccountError(N_("The two new passwords differ; nothing was changed."))
                access.change_own_password(engine, me, current, new, keep=identity.current_session_id())
            except access.AccountError as refused:
                st.error(refused.in_language(t))
            else:
                st.session_state["account-done"] = t.tr("Password changed. You stay signed in here; every other "
                                                        "session of yours has ended.")
                st.rerun()

mine = access.list_sessions(engine, me) if me else []
if len(mine) > 1:
    st.caption(t.tr_n("You are signed in on {count} browser or device.",
                      "You are signed in on {count} browsers or devices.", len(mine)))

display_name_form(me)
