"""Sign-in and roles in the app: who sees which pages and controls."""

import pytest

from tests.ui.conftest import PASSWORD, signed_in_app
from tracker.store.crud import Change, HistoryFilter, history_frame, save_change

ASSESS = "tracker/ui/pages/assess.py"
PEOPLE_PAGE = "tracker/ui/pages/people.py"


NOT_LISTED = "not listed"


def land_on(app, page: str):
    """Open a page and return its title, or NOT_LISTED when the role's navigation does not register it."""
    app.run()
    try:
        app.switch_page(page)
    except ValueError as missing:
        assert "Could not find a navigation page" in str(missing)
        return NOT_LISTED
    app.run()
    assert not app.exception, app.exception
    return app.title[0].value


@pytest.mark.parametrize("person, page, expected", [
    (None, ASSESS, NOT_LISTED),
    ("viewer@example.org", ASSESS, NOT_LISTED),
    ("monitor@example.org", ASSESS, "Assess"),
    ("admin@example.org", ASSESS, "Assess"),
    ("monitor@example.org", PEOPLE_PAGE, NOT_LISTED),
    ("admin@example.org", PEOPLE_PAGE, "People"),
])
def test_pages_follow_the_role(app_env, person, page, expected):
    assert land_on(signed_in_app(person), page) == expected


def test_a_viewer_sees_no_edit_controls_on_an_item(app_env):
    app = signed_in_app("viewer@example.org")
    app.query_params["item"] = "Q1"
    app.run()
    app.switch_page("tracker/ui/pages/item.py").run()
    links = [link.proto.label for link in app.get("page_link")]
    assert "Assess this item" not in links
    assert not app.button and not app.radio and not app.text_area


def test_anonymous_visitors_only_see_sign_in_when_the_setting_forbids_viewing(app_env, monkeypatch):
    monkeypatch.setenv("TRACKER_ANONYMOUS_VIEW", "0")
    app = signed_in_app(None)
    app.run()
    assert app.title[0].value == "Sign in"
    assert land_on(app, "tracker/ui/pages/overview.py") == NOT_LISTED


@pytest.mark.parametrize("password, signed_in", [("wrong password!", False), (PASSWORD, True)])
def test_local_sign_in(app_env, monkeypatch, password, signed_in):
    monkeypatch.setenv("TRACKER_ANONYMOUS_VIEW", "0")
    app = signed_in_app(None)
    app.run()
    app.text_input[0].input("Viewer@Example.org")
    app.text_input[1].input(password)
    app.button[0].click().run()
    assert (app.session_state["signed-in"] if "signed-in" in app.session_state else None) == (
        "viewer@example.org" if signed_in else None)
    assert bool(app.error) is not signed_in


def test_sign_out(app_env):
    app = signed_in_app("monitor@example.org")
    assert land_on(app, "tracker/ui/pages/account.py") == "Account"
    app.button[0].click().run()
    assert "signed-in" not in app.session_state
    assert land_on(app, ASSESS) == NOT_LISTED


def test_an_admin_adds_an_account_and_a_monitor_may_not(app_env, engine):
    from tracker.accounts import add_person, list_people
    from tracker.store.crud import NotAllowed

    app = signed_in_app("admin@example.org")
    land_on(app, PEOPLE_PAGE)
    app.text_input[0].input("new@example.org")
    app.selectbox[0].set_value("monitor")
    app.button[0].click().run()
    assert ("new@example.org", "monitor") in {(p.name, p.role) for p in list_people(engine)}
    with pytest.raises(NotAllowed):
        add_person(engine, "sneaky@example.org", "admin", by="monitor@example.org")


def test_notes_with_markup_are_shown_as_text(app, engine):
    note = "<script>alert(1)</script> **bold** [link](javascript:alert(1)) <img src=x onerror=alert(2)>"
    save_change(engine, Change("Q1", 1, "addressed", note), "other@example.org")
    app.query_params["item"] = "Q1"
    app.run()
    app.switch_page("tracker/ui/pages/item.py").run()
    assert note in [text.value for text in app.text]
    markdown = "\n".join(m.value for m in app.markdown)
    assert "<script>" not in markdown and "](javascript:" not in markdown
    assert history_frame(engine, HistoryFilter(item_id="Q1"))["note"].iloc[0] == note
