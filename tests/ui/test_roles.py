"""Sign-in and roles in the app: who sees which pages and controls."""

import pytest

from tests.ui.conftest import PASSWORD, signed_in_app
from tracker.store.crud import Change, HistoryFilter, history_frame, save_change

ASSESS = "tracker/ui/pages/assess.py"
PEOPLE_PAGE = "tracker/ui/pages/people.py"


PROMPT = "Sign in"


def land_on(app, page: str):
    """Open a page and return the title shown: the page's own, or the sign-in prompt that stands in for it."""
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app.title[0].value


@pytest.mark.parametrize("person, page, expected", [
    (None, ASSESS, PROMPT),
    ("viewer@example.org", ASSESS, PROMPT),
    ("monitor@example.org", ASSESS, "Assess"),
    ("admin@example.org", ASSESS, "Assess"),
    ("monitor@example.org", PEOPLE_PAGE, PROMPT),
    ("admin@example.org", PEOPLE_PAGE, "People"),
    (None, "tracker/ui/pages/account.py", PROMPT),
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
    # Previous and next only move between items; nothing else may act
    assert {button.key for button in app.button} <= {"item-previous", "item-next"}
    assert not app.radio and not app.text_area


def sign_in_form(app) -> str:
    [form] = [html.proto.body for html in app.get("html") if "/session/sign-in" in html.proto.body]
    return form


@pytest.mark.parametrize("anonymous_view", ["0", "1"])
def test_a_deep_link_a_visitor_may_not_open_prompts_a_sign_in_that_comes_back(app_env, monkeypatch, anonymous_view):
    monkeypatch.setenv("TRACKER_ANONYMOUS_VIEW", anonymous_view)
    app = signed_in_app(None)
    app.query_params["item"] = "Q2"
    app.query_params["part"] = ["III", "IV"]
    app.run()
    app.switch_page(ASSESS).run()
    assert app.title[0].value == PROMPT
    assert 'name="next" value="/assess?item=Q2&amp;part=III&amp;part=IV"' in sign_in_form(app)


def test_anonymous_visitors_only_see_sign_in_when_the_setting_forbids_viewing(app_env, monkeypatch):
    monkeypatch.setenv("TRACKER_ANONYMOUS_VIEW", "0")
    app = signed_in_app(None)
    app.run()
    assert app.title[0].value == "Sign in" and sign_in_form(app)
    assert land_on(app, "tracker/ui/pages/overview.py") == PROMPT
    assert not app.get("plotly_chart") and not app.dataframe


@pytest.mark.parametrize("param, message", [("failed-0", "do not match"), ("failed-4", "wait 4 seconds"),
                                            ("throttled-30", "Too many failed sign-ins")])
def test_a_refused_sign_in_says_why_and_leaves_the_address_clean(app_env, param, message):
    app = signed_in_app(None)
    app.query_params["sign-in"] = param
    app.run()
    app.switch_page("tracker/ui/pages/sign_in.py").run()
    assert message in app.error[0].value
    assert "sign-in" not in app.query_params


def test_a_session_ended_elsewhere_signs_this_tab_out_at_its_next_run(app_env):
    from tracker.access import sessions
    from tracker.store.db import make_engine

    app = signed_in_app("monitor@example.org")
    assert land_on(app, ASSESS) == "Assess"
    engine = make_engine(app_env)
    try:
        sessions.end(engine, app.session_state["session-cookie"], sessions.SessionPolicy.from_env())
    finally:
        engine.dispose()
    app.run()
    assert app.title[0].value == PROMPT


def test_the_account_page_changes_the_password_and_keeps_this_session(app_env):
    from tracker import access
    from tracker.store.db import make_engine

    app = signed_in_app("viewer@example.org")
    assert land_on(app, "tracker/ui/pages/account.py") == "Account"
    current, new, again = app.main.text_input[:3]  # the password form comes first; the display name after
    current.input(PASSWORD)
    new.input("viewer@example.org")
    again.input("viewer@example.org")
    app.button[0].click().run()
    assert "account name" in app.error[0].value
    current, new, again = app.main.text_input[:3]  # the password form comes first; the display name after
    current.input(PASSWORD)
    new.input("a brand new passphrase")
    again.input("a brand new passphrase")
    app.button[0].click().run()
    assert "Password changed" in app.success[0].value and app.title[0].value == "Account"
    engine = make_engine(app_env)
    try:
        assert access.authenticate(engine, "viewer@example.org", "a brand new passphrase")
    finally:
        engine.dispose()


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


def test_removing_an_account_asks_first_says_who_and_leaves_the_form_empty(app_env, engine):
    from tracker.accounts import list_people

    app = signed_in_app("admin@example.org")
    land_on(app, PEOPLE_PAGE)
    app.selectbox(key="people-who").set_value("ana@example.org").run()
    [remove] = [b for b in app.main.button if b.label == "Remove account…"]
    remove.click().run()
    assert "Remove the account ana@example.org?" in app.warning[0].value
    assert "ana@example.org" in {p.name for p in list_people(engine)}  # nothing happens before the yes
    [yes] = [b for b in app.main.button if b.label == "Yes, remove ana@example.org"]
    yes.click().run()
    assert app.success[0].value == "Removed ana@example.org; their sessions have ended."
    assert "ana@example.org" not in {p.name for p in list_people(engine)}
    assert app.selectbox(key="people-who").value is None


@pytest.mark.parametrize("new_role, asks", [("viewer", True), ("admin", False)])
def test_lowering_a_role_asks_first_and_raising_does_not(app_env, engine, new_role, asks):
    from tracker.accounts import list_people

    app = signed_in_app("admin@example.org")
    land_on(app, PEOPLE_PAGE)
    app.selectbox(key="people-who").set_value("other@example.org").run()
    app.main.selectbox[-1].set_value(new_role).run()
    [change] = [b for b in app.main.button if b.label == "Change role"]
    change.click().run()
    if asks:
        assert "Lower other@example.org from monitor to viewer?" in app.warning[0].value
        [yes] = [b for b in app.main.button if b.label.startswith("Yes, make")]
        yes.click().run()
    assert app.success[0].value == f"other@example.org is now {new_role}; their sessions have ended."
    assert ("other@example.org", new_role) in {(p.name, p.role) for p in list_people(engine)}
    assert app.selectbox(key="people-who").value == "other@example.org"
