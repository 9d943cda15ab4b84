"""Which pages a visitor sees: the role decides, and pages a role may not use are simply not listed."""

from pathlib import Path

import streamlit as st

from tracker.schema import CAN_ASSESS

PAGES = Path(__file__).resolve().parent / "pages"


def _page(file: str, title: str, icon: str, url: str, default: bool = False):
    return st.Page(PAGES / file, title=title, icon=f":material/{icon}:", url_path=url, default=default)


def pages_for(role: str | None, anonymous_view: bool) -> dict[str, list]:
    """Navigation sections for a role (None: not signed in)."""
    account = (_page("account.py", "Account", "account_circle", "account") if role
               else _page("sign_in.py", "Sign in", "login", "sign-in", default=not anonymous_view))
    if role is None and not anonymous_view:
        return {"": [account]}
    sections = {
        "Review": [_page("overview.py", "Overview", "dashboard", "overview", default=True),
                   _page("open_items.py", "Open items", "checklist", "open-items"),
                   _page("item.py", "Item", "description", "item")],
        "Monitor": [_page("history.py", "History", "history", "history")],
        "Report": [_page("export.py", "Export", "download", "export")],
        "You": [account],
    }
    if role in CAN_ASSESS:
        sections["Monitor"].insert(0, _page("assess.py", "Assess", "edit_note", "assess"))
    if role == "admin":
        sections["You"].append(_page("people.py", "People", "group", "people"))
        sections["Monitor"].append(_page("review.py", "Review", "fact_check", "review"))
    return sections
