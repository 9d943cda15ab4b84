"""The Account page's display-name form: the name signed-in people see beside your changes."""

import streamlit as st

from tracker.privacy import DISPLAY_NAME_MAX, DisplayNameRefused, display_name_of, set_display_name
from tracker.ui import database, language
from tracker.ui.labels import plain

KEY = "display-name"


def display_name_form(person: str) -> None:
    """Show and change `person`'s display name; a refused name stays in the box with the reason."""
    engine, t = database.engine(), language.current()
    current = display_name_of(engine, person)
    st.subheader(t.tr("Display name"))
    st.caption(t.tr("Signed-in people see this name beside your changes in the History and on the Item page; "
                    "visitors who are not signed in see only “a monitor”, and admins see your account. Leave it "
                    "empty to be shown as “a monitor” to everyone."))
    with st.form("display-name-form", enter_to_submit=True):
        typed = st.text_input(t.tr("Display name"), value=current or "", key=KEY, max_chars=DISPLAY_NAME_MAX,
                              placeholder=t.tr("e.g. Ana R. (CNDH team)"))
        saved = st.form_submit_button(t.tr("Save display name"))
    if not saved:
        return
    try:
        chosen = set_display_name(engine, person, typed, by=person)
    except DisplayNameRefused as refused:
        st.error(t.tr("Not saved. {reason}", reason=plain(refused.in_language(t))))
    else:
        st.success(t.tr("Saved: others now see you as “{name}”.", name=plain(chosen)) if chosen else
                   t.tr("Saved: you are shown as “a monitor”."))
