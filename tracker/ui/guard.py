"""What a visitor sees when a page fails: a short message in words; the details go to the server's log."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from tracker.i18n import N_
from tracker.store import faults
from tracker.ui import language

log = logging.getLogger("tracker.ui")

BUG = N_("Something went wrong on our side and this page could not be shown. The error has been logged on the "
       "server; try again, and tell the administrator if it goes on.")


def explain(exc: Exception, doing: str) -> str:
    """Log `exc` with its traceback on the server; return what the visitor may read about it, in their language."""
    log.error("%s failed: %s", doing, exc.__class__.__name__, exc_info=exc)
    return language.current().tr(faults.describe(exc) or BUG)


@contextmanager
def failures_in_words() -> Iterator[None]:
    """Show any failure of the page inside as a message; st.stop and st.rerun are BaseExceptions and pass."""
    try:
        yield
    except Exception as exc:  # everything a page can raise: a visitor must never see a traceback
        st.error(explain(exc, "A page"), icon=":material/error:")
