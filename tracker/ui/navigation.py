"""Which pages a visitor sees: every page is registered (so a deep link never meets "Page not found"), and
pages a role may not use are hidden and answered with a sign-in prompt."""

from pathlib import Path

import streamlit as st

from tracker.i18n import N_, Translator
from tracker.schema import CAN_ASSESS

PAGES = Path(__file__).resolve().parent / "pages"
# (file, title, icon, url path, section); the first page is the default one for viewers. Titles and sections are
# translated where shown, so pages are told apart by their url path, never by title.
_ALL = [("overview.py", N_("Overview"), "dashboard", "overview", N_("Browse")),
        ("open_items.py", N_("Open items"), "checklist", "open-items", N_("Browse")),
        ("item.py", N_("Item"), "description", "item", N_("Browse")),
        ("assess.py", N_("Assess"), "edit_note", "assess", N_("Monitor")),
        ("history.py", N_("History"), "history", "history", N_("Monitor")),
        ("export.py", N_("Export"), "download", "export", N_("Report")),
        ("account.py", N_("Account"), "account_circle", "account", N_("You")),
        ("review.py", N_("Review"), "fact_check", "review", N_("Monitor")),
        ("people.py", N_("People"), "group", "people", N_("You")),
        ("sign_in.py", N_("Sign in"), "login", "sign-in", N_("You"))]
VIEWING = {"overview", "open-items", "item", "history", "export"}


def allowed(role: str | None, anonymous_view: bool) -> set[str]:
    """The url paths a role may open (None: not signed in)."""
    if role is None:
        return {"sign-in"} | (VIEWING if anonymous_view else set())
    paths = VIEWING | {"account"}
    if role in CAN_ASSESS:
        paths.add("assess")
    if role == "admin":
        paths |= {"people", "review"}
    return paths


def _default(paths: set[str]) -> str:
    return "overview" if "overview" in paths else "sign-in"


def url_of(page, role: str | None, anonymous_view: bool) -> str:
    """The url path of the page st.navigation chose (Streamlit gives the default page the path "")."""
    return page.url_path or _default(allowed(role, anonymous_view))


def may_open(page, role: str | None, anonymous_view: bool) -> bool:
    """Whether the page st.navigation chose is one the role may use."""
    return url_of(page, role, anonymous_view) in allowed(role, anonymous_view)


def pages_for(role: str | None, anonymous_view: bool, t: Translator) -> dict[str, list]:
    """Navigation sections for a role, in the reader's language: its pages listed, the others registered but
    hidden."""
    paths = allowed(role, anonymous_view)
    default = _default(paths)
    sections: dict[str, list] = {}
    for file, title, icon, url, section in _ALL:
        shown = url in paths and not (url == "sign-in" and role is not None)
        page = st.Page(PAGES / file, title=t.tr(title), icon=f":material/{icon}:", url_path=url,
                       default=url == default, visibility="visible" if shown else "hidden")
        sections.setdefault(t.tr(section) if "overview" in paths else "", []).append(page)
    return sections
