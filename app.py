"""Streamlit entrypoint: routes to the pages the visitor's role allows, with the filters they share."""

import streamlit as st

from tracker.ui import database, filters, identity, navigation

st.set_page_config(page_title="ICRMW compliance tracker", page_icon=":material/balance:", layout="wide")
database.begin_run()
page = st.navigation(navigation.pages_for(identity.current_role(), database.settings().anonymous_view))
if page.title != "Sign in":
    filters.shared_panel(page.url_path)
page.run()
