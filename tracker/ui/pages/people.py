"""People: administrators add accounts, change roles, remove accounts and end sessions."""

import pandas as pd
import streamlit as st

from tracker import access
from tracker.schema import ROLES
from tracker.store.crud import NotAllowed
from tracker.ui import database, identity

engine = database.engine()
me = identity.current_person()
state = st.session_state
WHO, CONFIRM = "people-who", "people-confirm"
st.title("People")
people = {p.name: p for p in access.list_people(engine)}
st.dataframe(pd.DataFrame([{"Account": p.name, "Role": p.role,
                            "Signs in with": "password" if p.has_password else "identity provider"}
                           for p in people.values()]), hide_index=True)


def _run(action, done: str, *args, **kwargs) -> None:
    state.pop(CONFIRM, None)
    try:
        action(engine, *args, by=me, **kwargs)
    except (access.AccountError, NotAllowed) as refused:
        state["people-error"] = str(refused)
    else:
        state["people-done"] = done


for key, show in (("people-error", st.error), ("people-done", st.success)):
    if message := state.pop(key, None):
        show(message)

with st.form("add", clear_on_submit=True):
    st.subheader("Add an account")
    name = st.text_input("E-mail or user name")
    role = st.selectbox("Role", ROLES)
    password = st.text_input("Password (leave empty for sign-in through the identity provider only)",
                             type="password", max_chars=access.MAX_LENGTH)
    if st.form_submit_button("Add"):
        _run(access.add_person, f"Added {name.strip().lower()} as {role}.", name, role, password or None)
        st.rerun()


def _removed(who: str) -> None:
    _run(access.remove_person, f"Removed {who}; their sessions have ended.", who)
    state[WHO] = None  # the form stays empty: a second click cannot remove someone else


def _ask(action: str, who: str, role: str) -> None:
    lowering = action == "role" and ROLES.index(role) < ROLES.index(people[who].role)
    if action == "remove" or lowering:
        state[CONFIRM] = (action, who, role)
    else:
        _run(access.set_role, f"{who} is now {role}; their sessions have ended.", who, role)


others = [n for n in people if n != me]
if others:
    st.subheader("Change or remove")
    left, right = st.columns(2)
    who = left.selectbox("Account", others, index=None, key=WHO, placeholder="Choose an account")
    new_role = right.selectbox("New role", ROLES)
    if who:
        left.button("Change role", on_click=_ask, args=("role", who, new_role))
        right.button("Remove account…", on_click=_ask, args=("remove", who, new_role))
    pending = state.get(CONFIRM)
    if pending and pending[1] == who:
        action, who, role = pending
        if action == "remove":
            st.warning(f"Remove the account {who}? They are signed out at once; their history stays.")
            st.button(f"Yes, remove {who}", type="primary", on_click=_removed, args=(who,))
        else:
            st.warning(f"Lower {who} from {people[who].role} to {role}? They are signed out at once.")
            st.button(f"Yes, make {who} {role}", type="primary", on_click=_run,
                      args=(access.set_role, f"{who} is now {role}; their sessions have ended.", who, role))
        st.button("Cancel", on_click=state.pop, args=(CONFIRM, None))

st.subheader("Sessions")
open_sessions = access.list_sessions(engine)
if not open_sessions:
    st.caption("Nobody is signed in with a local account.")
for session in open_sessions:
    left, right = st.columns([4, 1])
    left.text(f"{session.person} · since {session.started_at:%Y-%m-%d %H:%M} UTC · last seen "
              f"{session.last_seen_at:%H:%M} UTC · {session.client or 'address unknown'}")
    right.button("End", key=f"end-{session.id}", on_click=_run,
                 args=(access.end_session, f"Ended a session of {session.person}.", session.id))
