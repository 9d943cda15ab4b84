"""Sign in: through the organisation's identity provider, or with a local account."""

import streamlit as st

from tracker.ui import identity
from tracker.ui.labels import plain

st.title("Sign in")
if person := identity.current_person():
    st.success(f"You are signed in as {plain(person)}.")
else:
    identity.sign_in_form(identity.here(""), back_url=identity.here("sign-in"))
st.caption("Accounts are created by an administrator (`tracker users add`). Viewers read, filter and export; "
           "monitors also assess; administrators also manage people.")
