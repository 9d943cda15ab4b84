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


def _rewrite(keys: tuple[str, ...]) -> None:
    # A bound widget writes its options to the address as shown, and writes them again only when its value is set;
    # so the ones that show translated words are set to what they hold, and the address follows the new language.
    for key in keys:
        if st.session_state.get(key):
            st.session_state[key] = st.session_state[key]


def switch(worded: tuple[str, ...] = ()) -> None:
    """The sidebar's language picker, each language by its own name. Every filter is bound to the URL, so changing
    the language keeps them; `worded` are the keys of bound widgets whose options are words of the interface. The
    address names the language unless it is the one the browser or the setting would choose, so a copied link
    opens as it was seen."""
    codes = list(LANGUAGES)
    chosen = st.session_state.get(PICKED) or _unpicked()
    picked = st.sidebar.selectbox(current().tr("Language"), codes, index=codes.index(chosen), key=PICKED,
                                  format_func=LANGUAGES.get, on_change=_rewrite, args=(worded,))
    if picked != resolve_language(None, st.context.locale, load_settings().language):
        if st.query_params.get(PARAM) != picked:
            st.query_params[PARAM] = picked
    elif st.query_params.get(PARAM, picked) != picked:
        del st.query_params[PARAM]
