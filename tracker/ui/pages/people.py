"""People: administrators add accounts, change roles and remove accounts."""

import pandas as pd
import streamlit as st

from tracker import access
from tracker.schema import ROLES
from tracker.store.crud import NotAllowed
from tracker.ui import database, identity

engine = database.engine()
me = identity.current_person()
st.title("People")
people = access.list_people(engine)
st.dataframe(pd.DataFrame([{"Account": p.name, "Role": p.role,
                            "Signs in with": "password" if p.has_password else "identity provider"}
                           for p in people]), hide_index=True)


def _run(action, *args, **kwargs) -> None:
    try:
        action(engine, *args, by=me, **kwargs)
    except (access.AccountError, NotAllowed) as refused:
        st.session_state["people-error"] = str(refused)
    else:
        st.session_state["people-done"] = "Done."


for key, show in (("people-error", st.error), ("people-done", st.success)):
    if message := st.session_state.pop(key, None):
        show(message)

with st.form("add", clear_on_submit=True):
    st.subheader("Add an account")
    name = st.text_input("E-mail or user name")
    role = st.selectbox("Role", ROLES)
    password = st.text_input("Password (leave empty for sign-in through the identity provider only)",
                             type="password")
    if st.form_submit_button("Add"):
        _run(access.add_person, name, role, password or None)
        st.rerun()

names = [p.name for p in people if p.name != me]
if names:
    st.subheader("Change or remove")
    left, right = st.columns(2)
    who = left.selectbox("Account", names)
    new_role = right.selectbox("New role", ROLES)
    left.button("Change role", on_click=_run, args=(access.set_role, who, new_role))
    right.button("Remove account", on_click=_run, args=(access.remove_person, who))
