"""Streamlit entrypoint: page routing and the filters every page shares."""

from pathlib import Path

import streamlit as st

from tracker.ui import filters

PAGES = Path(__file__).parent / "tracker" / "ui" / "pages"

st.set_page_config(page_title="ICRMW compliance tracker", page_icon=":material/balance:", layout="wide")
page = st.navigation({
    "Review": [
        st.Page(PAGES / "overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
        st.Page(PAGES / "open_items.py", title="Open items", icon=":material/checklist:", url_path="open-items"),
        st.Page(PAGES / "item.py", title="Item", icon=":material/description:", url_path="item"),
    ],
    "Monitor": [
        st.Page(PAGES / "assess.py", title="Assess", icon=":material/edit_note:", url_path="assess"),
        st.Page(PAGES / "history.py", title="History", icon=":material/history:", url_path="history"),
    ],
    "Report": [
        st.Page(PAGES / "export.py", title="Export", icon=":material/download:", url_path="export"),
    ],
})
filters.shared_panel()
page.run()
