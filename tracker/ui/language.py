"""The language this browser session reads: the link's `?lang=`, else the browser's, else the setting."""

import streamlit as st

from tracker.i18n import Translator, resolve_language, translator
from tracker.ui import database

# The sidebar's language switch is bound to this query parameter, so a shared link opens in its language.
PARAM = "lang"


def current() -> Translator:
    """This session's translator (never process-global: each run asks again)."""
    chosen = st.session_state.get(PARAM) or st.query_params.get(PARAM)
    return translator(resolve_language(chosen, st.context.locale, database.settings().language))
