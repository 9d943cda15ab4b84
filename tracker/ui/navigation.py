"""Which pages a visitor sees: every page is registered (so a deep link never meets "Page not found"), and
pages a role may not use are hidden and answered with a sign-in prompt."""

from pathlib import Path

import streamlit as st

from tracker.schema import CAN_ASSESS

PAGES = Path(__file__).resolve().parent / "pages"
# (file, title, icon, url path, section); the first page is the default one for viewers.
_ALL = [("overview.py", "Overview", "dashboard", "overview", "Review"),
        ("open_items.py", "Open items", "checklist", "open-items", "Review"),
        ("item.py", "Item", "description", "item", "Review"),
        ("assess.py", "Assess", "edit_note", "assess", "Monitor"),
        ("history.py", "History", "history", "history", "Monitor"),
        ("export.py", "Export", "download", "export", "Report"),
        ("account.py", "Account", "account_circle", "account", "You"),
        ("review.py", "Review", "fact_check", "review", "Monitor"),
        ("people.py", "People", "group", "people", "You"),
        ("sign_in.py", "Sign in", "login", "sign-in", "You")]
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


def may_open(page, role: str | None, anonymous_view: bool) -> bool:
    """Whether the page st.navigation chose is one the role may use (the default page's url_path is "")."""
    url = next(url for _, title, _, url, _ in _ALL if title == page.title)
    return url in allowed(role, anonymous_view)


def pages_for(role: str | None, anonymous_view: bool) -> dict[str, list]:
    """Navigation sections for a role: its pages listed, the others registered but hidden."""
    paths = allowed(role, anonymous_view)
    default = "overview" if "overview" in paths else "sign-in"
    sections: dict[str, list] = {}
    for file, title, icon, url, section in _ALL:
        shown = url in paths and not (url == "sign-in" and role is not None)
        page = st.Page(PAGES / file, title=title, icon=f":material/{icon}:", url_path=url, default=url == default,
                       visibility="visible" if shown else "hidden")
        sections.setdefault(section if "overview" in paths else "", []).append(page)
    return sections
