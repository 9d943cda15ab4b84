"""Account: who is signed in, with which role, and signing out."""

import streamlit as st

from tracker.ui import identity
from tracker.ui.display_name import display_name_form
from tracker.ui.labels import plain

st.title("Account")
st.markdown(f"Signed in as **{plain(identity.current_person() or '')}**, role **{identity.current_role()}**.")
if st.button("Sign out", type="primary"):
    identity.sign_out()
    st.rerun()
display_name_form(identity.current_person())
