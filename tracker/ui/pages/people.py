"""People: administrators add accounts, change roles, remove accounts and end sessions."""

import pandas as pd
import streamlit as st

from tracker import access
from tracker.schema import ROLES
from tracker.store.crud import NotAllowed
from tracker.ui import database, identity, language

engine, t = database.engine(), language.current()
zone = database.settings().time_zone
me = identity.current_person()
state = st.session_state
WHO, CONFIRM = "people-who", "people-confirm"


def role_of(role: str) -> str:
    return identity.role_label(role, t)


st.title(t.tr("People"))
people = {p.name: p for p in access.list_people(engine)}
st.dataframe(pd.DataFrame([{t.tr("Account"): p.name, t.tr("Role"): role_of(p.role),
                            t.tr("Signs in with"): t.tr("password") if p.has_password else t.tr("identity provider")}
                           for p in people.values()]), hide_index=True)


def _run(action, done: str, *args, **kwargs) -> None:
    state.pop(CONFIRM, None)
    try:
        action(engine, *args, by=me, **kwargs)
    except (access.AccountError, NotAllowed) as refused:
        state["people-error"] = refused.in_language(t, zone)
    else:
        state["people-done"] = done


for key, show in (("people-error", st.error), ("people-done", st.success)):
    if message := state.pop(key, None):
        show(message)

with st.form("add", clear_on_submit=True):
    st.subheader(t.tr("Add an account"))
    name = st.text_input(t.tr("E-mail or user name"))
    role = st.selectbox(t.tr("Role"), ROLES, format_func=role_of)
    password = st.text_input(t.tr("Password (leave empty for sign-in through the identity provider only)"),
                             type="password", max_chars=access.MAX_LENGTH)
    if st.form_submit_button(t.tr("Add")):
        _run(access.add_person, t.tr("Added {person} as {role}.", person=name.strip().lower(), role=role_of(role)),
             name, role, password or None)
        st.rerun()


def _role_changed(who: str, role: str) -> str:
    return t.tr("{person} is now {role}; their sessions have ended.", person=who, role=role_of(role))


def _removed(who: str) -> None:
    _run(access.remove_person, t.tr("Removed {person}; their sessions have ended.", person=who), who)
    state[WHO] = None  # the form stays empty: a second click cannot remove someone else


def _ask(action: str, who: str, role: str) -> None:
    lowering = action == "role" and ROLES.index(role) < ROLES.index(people[who].role)
    if action == "remove" or lowering:
        state[CONFIRM] = (action, who, role)
    else:
        _run(access.set_role, _role_changed(who, role), who, role)


others = [n for n in people if n != me]
if others:
    st.subheader(t.tr("Change or remove"))
    left, right = st.columns(2)
    who = left.selectbox(t.tr("Account"), others, index=None, key=WHO, placeholder=t.tr("Choose an account"))
    new_role = right.selectbox(t.tr("New role"), ROLES, format_func=role_of)
    if who:
        left.button(t.tr("Change role"), on_click=_ask, args=("role", who, new_role))
        right.button(t.tr("Remove account…"), on_click=_ask, args=("remove", who, new_role))
    pending = state.get(CONFIRM)
    if pending and pending[1] == who:
        action, who, role = pending
        if action == "remove":
            st.warning(t.tr("Remove the account {person}? They are signed out at once; their history stays.",
                            person=who))
            st.button(t.tr("Yes, remove {person}", person=who), type="primary", on_click=_removed, args=(who,))
        else:
            st.warning(t.tr("Lower {person} from {old} to {new}? They are signed out at once.", person=who,
                            old=role_of(people[who].role), new=role_of(role)))
            st.button(t.tr("Yes, make {person} {role}", person=who, role=role_of(role)), type="primary",
                      on_click=_run, args=(access.set_role, _role_changed(who, role), who, role))
        st.button(t.tr("Cancel"), on_click=state.pop, args=(CONFIRM, None))

st.subheader(t.tr("Sessions"))
open_sessions = access.list_sessions(engine)
if not open_sessions:
    st.caption(t.tr("Nobody is signed in with a local account."))
for session in open_sessions:
    left, right = st.columns([4, 1])
    left.text(t.tr("{person} · since {started} · last seen {seen} · {client}", person=session.person,
                   started=t.datetime(session.started_at, zone), seen=t.datetime(session.last_seen_at, zone),
                   client=session.client or t.tr("address unknown")))
    right.button(t.tr("End"), key=f"end-{session.id}", on_click=_run,
                 args=(access.end_session, t.tr("Ended a session of {person}.", person=session.person), session.id))
