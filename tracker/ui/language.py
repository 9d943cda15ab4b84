"""The language this browser session reads: the link's `?lang=`, else the browser's, else the setting."""

import streamlit as st

from tracker.i18n import LANGUAGES, Translator, resolve_language, translator
from tracker.settings import load_settings

# The sidebar's language switch is bound to this query parameter, so a shared link opens in its language.
PARAM = "lang"


def _chosen() -> str:
    # The widget's value (a pick in this session) wins over the address, which wins over browser and setting.
    picked = st.session_state.get(PARAM) or st.query_params.get(PARAM)
    return resolve_language(picked, st.context.locale, load_settings().language)


def current() -> Translator:
    """This session's translator (never process-global: each run asks again)."""
    return translator(_chosen())


def switch() -> None:
    """The sidebar's language picker, bound to `?lang=`; every filter is bound too, so changing it keeps them.

    The browser's or the setting's language is the picker's default, so it stays out of the address until
    someone picks another one."""
    codes = list(LANGUAGES)
    fallback = resolve_language(None, st.context.locale, load_settings().language)
    st.sidebar.selectbox(current().tr("Language"), codes, index=codes.index(fallback), key=PARAM,
                         bind="query-params", format_func=LANGUAGES.get)
