"""Streamlit entrypoint: routes to the pages the visitor's role allows, with the filters they share.

`streamlit run app.py` finds the st.App below and serves it (with the sign-in and sign-out routes beside the
dashboard); each script run then executes this file as `__main__`, which routes to a page."""

import streamlit as st

if __name__ != "__main__":
    from tracker.ui import web

    app = st.App(__file__, **web.asgi_parts())
else:
    from tracker.ui import database, filters, guard, identity, language, navigation

    with guard.failures_in_words():
        t = language.current()
        st.set_page_config(page_title=t.tr("ICRMW compliance tracker"), page_icon=":material/balance:",
                           layout="wide")
        database.begin_run()
        identity.begin_run()
        role, anonymous_view = identity.current_role(), database.settings().anonymous_view
        page = st.navigation(navigation.pages_for(role, anonymous_view, t))
        language.switch(filters.WORDED)
        if not navigation.may_open(page, role, anonymous_view):
            identity.sign_in_prompt(page)
        else:
            if navigation.url_of(page, role, anonymous_view) != "sign-in":
                filters.shared_panel(page.url_path)
            page.run()
