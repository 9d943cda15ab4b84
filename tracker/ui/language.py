"""The language this browser session reads: the link's `?lang=`, else the browser's, else the setting."""

import streamlit as st

from tracker.i18n import LANGUAGES, Translator, resolve_language, translator
from tracker.settings import load_settings

# The query parameter that names the language, so a shared link opens in it.
PARAM = "lang"
# The sidebar's picker. It is not bound to the URL: a bound widget writes the option as shown ("Español"), and
# links must say `?lang=es`; so the pick lives in this session's state and is copied to the address.
PICKED = "lang-pick"


def _unpicked() -> str:
    """The language before anyone picks: the link's, else the browser's, else the setting's."""
    return resolve_language(st.query_params.get(PARAM), st.context.locale, load_settings().language)


def current() -> Translator:
    """This session's translator (never process-global: each run asks again)."""
    return translator(st.session_state.get(PICKED) or _unpicked())


def switch() -> None:
    """The sidebar's language picker, each language by its own name. Every filter is bound to the URL, so changing
    the language keeps them; the address always names the language, so a copied link opens as it was seen."""
    codes = [code for code in LANGUAGES]
    chosen = st.session_state.get(PICKED) or _unpicked()
    picked = st.sidebar.selectbox(current().tr("Language"), codes, index=codes.index(chosen), key=PICKED,
                                  format_func=LANGUAGES.get)
    if st.query_params.get(PARAM) != picked:
        st.query_params[PARAM] = picked
