"""Sessions in chromium: a sign-in that lasts, sign-out and password changes that end it, a throttle that holds
across fresh pages and a restart, deep links, drafts, two servers on one PostgreSQL, guarded downloads."""

import re
import time
import urllib.error
import urllib.request
from contextlib import ExitStack

import pytest
from playwright.sync_api import expect

from tests.conftest import new_database
from tests.e2e.server import ROOT, streamlit_server, wait_for_app

pytestmark = pytest.mark.e2e
PASSWORD = "e2e session password"
ACCOUNTS = {"ana@example.org": "monitor", "bea@example.org": "monitor", "guess@example.org": "viewer"}
FIXTURE = str(ROOT / "tests" / "fixtures" / "record")


def prepare(url: str) -> dict[str, str]:
    """Fill a database with the fixture record and the accounts; return the server environment."""
    from tracker import access
    from tracker.settings import load_settings
    from tracker.startup import open_database

    env = {"DATABASE_URL": url, "TRACKER_DATA_DIR": FIXTURE}
    engine = open_database(load_settings(env)).engine
    for name, role in ACCOUNTS.items():
        access.add_person(engine, name, role, PASSWORD)
    engine.dispose()
    return env


@pytest.fixture(scope="module")
def server_env(tmp_path_factory):
    return prepare(f"sqlite:///{tmp_path_factory.mktemp('sessions') / 'tracker.db'}")


@pytest.fixture(scope="module")
def app_url(server_env):
    with streamlit_server(server_env) as url:
        yield url


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    yield context
    context.close()


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def nav(page):
    return page.get_by_test_id("stSidebarNav")


def submit_sign_in(page, name: str, password: str = PASSWORD) -> None:
    page.get_by_label("E-mail or user name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)


def sign_in(page, base: str, name: str) -> None:
    open_page(page, f"{base}/sign-in")
    submit_sign_in(page, name)
    expect(nav(page).get_by_role("link", name="Account")).to_be_visible()


def test_a_sign_in_survives_reload_new_tab_and_an_item_link_from_open_items(context, app_url):
    page = context.new_page()
    sign_in(page, app_url, "ana@example.org")
    page.reload()
    wait_for_app(page)
    expect(nav(page).get_by_role("link", name="Assess")).to_be_visible()
    tab = context.new_page()
    open_page(tab, f"{app_url}/assess?item=Q1")
    expect(tab.get_by_role("button", name="Save assessment")).to_be_visible()
    open_page(page, f"{app_url}/open-items")
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_contain_text("Q1")
    box = grid.bounding_box()
    # on the first row's Item link text: the third column, after the pinned status (108 px) and the topic (272 px);
    # rows are 92 px tall
    link = (box["x"] + 108 + 272 + 20, box["y"] + 35 + 46)
    page.mouse.move(*link)  # the grid is a canvas: a link opens on a click over its text, after hovering
    page.wait_for_timeout(500)
    with context.expect_page() as opened:
        page.mouse.click(*link)
    item = opened.value
    wait_for_app(item)
    assert re.search(r"/item\?item=Q\d", item.url)
    expect(nav(item).get_by_role("link", name="Assess")).to_be_visible()
    expect(item.get_by_role("link", name="Assess this item")).to_be_visible()


def test_sign_out_in_one_tab_ends_the_other(context, app_url):
    first, second = context.new_page(), context.new_page()
    sign_in(first, app_url, "ana@example.org")
    open_page(second, f"{app_url}/assess?item=Q2")
    expect(second.get_by_role("button", name="Save assessment")).to_be_visible()
    open_page(first, f"{app_url}/account")
    first.get_by_role("button", name="Sign out").click()
    wait_for_app(first)
    expect(nav(first).get_by_role("link", name="Sign in")).to_be_visible()
    # The other tab has not reloaded: its next click reruns the script, which finds the session gone.
    nav(second).get_by_role("link", name="History").click()
    wait_for_app(second)
    expect(nav(second).get_by_role("link", name="Assess")).to_have_count(0)
    expect(nav(second).get_by_role("link", name="Sign in")).to_be_visible()


def test_a_password_change_ends_an_open_session_elsewhere(browser, app_url):
    with ExitStack() as stack:
        laptop, phone = (stack.enter_context(browser.new_context()) for _ in range(2))
        work, elsewhere = laptop.new_page(), phone.new_page()
        sign_in(work, app_url, "bea@example.org")
        sign_in(elsewhere, app_url, "bea@example.org")
        open_page(work, f"{app_url}/account")
        work.get_by_label("Current password").fill(PASSWORD)
        work.get_by_label(re.compile("^New password \\(")).fill("bea's brand new passphrase")
        work.get_by_label("New password again").fill("bea's brand new passphrase")
        work.get_by_role("button", name="Change password").click()
        wait_for_app(work)
        expect(work.get_by_text("Password changed")).to_be_visible()
        elsewhere.reload()
        wait_for_app(elsewhere)
        expect(nav(elsewhere).get_by_role("link", name="Sign in")).to_be_visible()
        work.reload()
        wait_for_app(work)
        expect(nav(work).get_by_role("link", name="Account")).to_be_visible()


def test_a_deep_link_to_assess_comes_back_after_sign_in_with_its_item(context, app_url):
    page = context.new_page()
    open_page(page, f"{app_url}/assess?item=Q2")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    submit_sign_in(page, "ana@example.org")
    assert page.url == f"{app_url}/assess?item=Q2"
    expect(page.get_by_role("heading", name="Assess")).to_be_visible()
    expect(page.get_by_role("combobox", name=re.compile("Item"))).to_have_value(re.compile("Q2"))


def test_a_reload_on_assess_keeps_the_typed_note_until_it_is_saved(context, app_url):
    page = context.new_page()
    sign_in(page, app_url, "ana@example.org")
    open_page(page, f"{app_url}/assess?item=R94")
    note = "Draft: paragraphs 12-14 describe measures, no figures yet."
    page.get_by_role("radio", name=re.compile(r"Partial$")).check(force=True)
    wait_for_app(page)
    page.get_by_label("Note: the evidence").fill(note)
    # Leaving the field sends the note. (A reload with the cursor still in it also blurs it, from a script on
    # the page, but that message races the new page's first run, so this test does not rely on it.)
    page.get_by_label("Note: the evidence").press("Tab")
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    expect(page.get_by_label("Note: the evidence")).to_have_value(note)
    expect(page.get_by_role("radio", name=re.compile(r"Partial$"))).to_be_checked()
    expect(page.get_by_text("Your unsaved draft")).to_be_visible()
    page.get_by_role("button", name="Save assessment").click()
    wait_for_app(page)
    expect(page.get_by_text("Saved: R94 is now")).to_be_visible()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_label("Note: the evidence")).to_have_value("")


def wait_from(page) -> int:
    message = page.get_by_test_id("stAlertContentError").inner_text()
    found = re.search(r"wait (\d+) seconds", message)
    return int(found.group(1)) if found else 0


def test_the_throttle_holds_across_fresh_pages_and_a_restart(browser, tmp_path):
    env = prepare(f"sqlite:///{tmp_path / 'tracker.db'}")
    with streamlit_server(env) as url:
        wait = 0
        for guess in range(6):  # after six failures the next try waits 16 seconds
            time.sleep(wait)
            with browser.new_context() as fresh:  # a fresh page per guess keeps nothing in the browser
                page = fresh.new_page()
                open_page(page, f"{url}/sign-in")
                submit_sign_in(page, "guess@example.org", f"wrong guess {guess}")
                expect(page.get_by_text("do not match")).to_be_visible()
                wait = wait_from(page)
        assert wait == 16
        with browser.new_context() as fresh:
            page = fresh.new_page()
            open_page(page, f"{url}/sign-in")
            submit_sign_in(page, "guess@example.org", "wrong guess again")
            expect(page.get_by_text("Too many failed sign-ins")).to_be_visible()
    with streamlit_server(env) as url, browser.new_context() as fresh:
        page = fresh.new_page()
        open_page(page, f"{url}/sign-in")
        submit_sign_in(page, "guess@example.org", "wrong guess after the restart")
        # Still waiting (if the restart was quick), or the seventh failure in a row: either way the count held.
        message = page.get_by_test_id("stAlertContentError").inner_text()
        assert "Too many failed sign-ins" in message or "wait 32 seconds" in message, message
        expect(nav(page).get_by_role("link", name="Account")).to_have_count(0)


def status_of(url: str, cookie: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as refused:
        return refused.code


def test_with_anonymous_viewing_off_deep_links_sign_in_and_downloads_and_metrics_need_a_session(context, server_env):
    with streamlit_server({**server_env, "TRACKER_ANONYMOUS_VIEW": "0"}) as url:
        assert status_of(f"{url}/_stcore/metrics") == 403
        page = context.new_page()
        open_page(page, f"{url}/assess?item=Q2")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        expect(page.get_by_role("dialog")).to_have_count(0)  # no "Page not found" over the form
        submit_sign_in(page, "ana@example.org")
        assert page.url == f"{url}/assess?item=Q2"
        expect(page.get_by_role("button", name="Save assessment")).to_be_visible()
        open_page(page, f"{url}/export")
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile(r"Items as CSV$")).click()
        media = download.value.url
        assert "/media/" in media
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
        assert status_of(media, cookie) == 200 and status_of(f"{url}/_stcore/metrics", cookie) == 200
        assert status_of(media) == 403
        open_page(page, f"{url}/account")
        page.get_by_role("button", name="Sign out").click()
        wait_for_app(page)
        assert status_of(media, cookie) == 403


@pytest.mark.postgres
def test_two_servers_on_one_postgresql_share_sessions(browser, tmp_path, request):
    with new_database("postgresql", tmp_path, request) as db, ExitStack() as stack:
        env = prepare(db)
        one, two = (stack.enter_context(streamlit_server(env)) for _ in range(2))
        here, there = (stack.enter_context(browser.new_context()) for _ in range(2))
        page = here.new_page()
        sign_in(page, one, "ana@example.org")
        there.add_cookies(here.cookies())  # the cookie server one set, sent to server two
        other = there.new_page()
        open_page(other, f"{two}/assess?item=Q1")
        expect(other.get_by_role("button", name="Save assessment")).to_be_visible()
        open_page(page, f"{one}/account")
        page.get_by_role("button", name="Sign out").click()
        wait_for_app(page)
        # Server two's tab still holds the cookie; its next run asks the shared store and finds the session gone.
        nav(other).get_by_role("link", name="History").click()
        wait_for_app(other)
        expect(nav(other).get_by_role("link", name="Sign in")).to_be_visible()
        other.reload()
        wait_for_app(other)
        expect(nav(other).get_by_role("link", name="Assess")).to_have_count(0)
