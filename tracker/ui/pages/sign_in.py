"""Sign in: through the organisation's identity provider, or with a local account."""

import streamlit as st

from tracker.ui import identity, language
from tracker.ui.labels import plain

t = language.current()
st.title(t.tr("Sign in"))
if person := identity.current_person():
    st.success(t.tr("You are signed in as {person}.", person=plain(person)))
else:
    identity.sign_in_form(identity.here(""), back_url=identity.here("sign-in"))
st.caption(t.tr("Accounts are created by an administrator (`tracker users add`). Viewers read, filter and export; "
                "monitors also assess; administrators also manage people."))
