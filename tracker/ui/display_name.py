"""The Account page's display-name form: the name signed-in people see beside your changes."""

import streamlit as st

from tracker.privacy import DISPLAY_NAME_MAX, DisplayNameRefused, display_name_of, set_display_name
from tracker.ui import database
from tracker.ui.labels import plain

KEY = "display-name"


def display_name_form(person: str) -> None:
    """Show and change `person`'s display name; a refused name stays in the box with the reason."""
    engine = database.engine()
    current = display_name_of(engine, person)
    st.subheader("Display name")
    st.caption("Signed-in people see this name beside your changes in the History and on the Item page; visitors "
               "who are not signed in see only “a monitor”, and admins see your account. Leave it empty to be "
               "shown as “a monitor” to everyone.")
    with st.form("display-name-form", enter_to_submit=True):
        typed = st.text_input("Display name", value=current or "", key=KEY, max_chars=DISPLAY_NAME_MAX,
                              placeholder="e.g. Ana R. (CNDH team)")
        saved = st.form_submit_button("Save display name")
    if not saved:
        return
    try:
        chosen = set_display_name(engine, person, typed, by=person)
    except DisplayNameRefused as refused:
        st.error(f"Not saved. {plain(str(refused))}")
    else:
        st.success(f"Saved: others now see you as “{plain(chosen)}”." if chosen else
                   "Saved: you are shown as “a monitor”.")
