"""Journeys through the real app in chromium: a reviewer, a monitor, a viewer, two monitors at once."""

import csv
import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD
from tests.e2e.server import ROOT, wait_for_app, wait_for_charts

pytestmark = pytest.mark.e2e


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def go_to(page, name: str) -> None:
    """Follow a sidebar link: in-app navigation keeps the session, and with it the sign-in."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    wait_for_app(page)


def sign_in(page, base: str, name: str) -> None:
    open_page(page, f"{base}/sign-in")
    page.get_by_label("E-mail or user name").fill(name)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Account")).to_be_visible()


def choose_item(page, item: str) -> None:
    box = page.get_by_role("combobox", name=re.compile("Item"))
    box.click()
    box.fill(item)
    box.press("Enter")
    wait_for_app(page)


def assess(page, status: str, note: str) -> None:
    # .first: the single item's form comes before the collapsed "Several items at once", which has the same fields
    page.get_by_role("radio", name=re.compile(rf"(^|\s){status}$")).first.check(force=True)
    page.get_by_label("Note: the evidence").first.fill(note)
    page.get_by_role("button", name="Save assessment").click()
    wait_for_app(page)


def test_reviewer_filters_open_items_and_drafter_downloads_xlsx(page, app_url):
    open_page(page, app_url)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    wait_for_charts(page)
    expect(page.locator(".js-plotly-plot")).to_have_count(4)
    expect(page.get_by_test_id("stMetric").first).to_contain_text("3")

    go_to(page, "Open items")
    expect(page.get_by_text("3 items ·")).to_be_visible()
    search = page.get_by_label("Search id, topic, summary")
    search.fill("detention")
    search.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("1 item ·")).to_be_visible()
    assert "q=detention" in page.url
    shared = page.url
    open_page(page, shared)  # the link, opened anew, shows the same filtered list
    expect(page.get_by_text("1 item ·")).to_be_visible()

    go_to(page, "Export")
    with page.expect_download() as download:
        page.get_by_role("button", name="All tables as XLSX").click()
    # The file name says what it holds: the State, the content, the filters in short, the date.
    assert re.fullmatch(r"mexico-tables-search-\d{4}-\d{2}-\d{2}\.xlsx", download.value.suggested_filename)
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    rows = [[cell.value for cell in row] for row in workbook[workbook.sheetnames[-1]].iter_rows()]
    assert any("Q1" in row for row in rows) and not any("Q2" in row for row in rows)


def test_monitor_signs_in_changes_a_status_and_signs_out(page, app_url):
    sign_in(page, app_url, "monitor@example.org")
    go_to(page, "Assess")
    choose_item(page, "Q1")
    assess(page, "Addressed", "CMW/C/TST/1 paragraphs 1-5 answer the question in full.")
    expect(page.get_by_text("Saved: Q1 is now")).to_be_visible()
    go_to(page, "History")
    expect(page.get_by_test_id("stMain")).not_to_contain_text("@example.org")  # others see a role, not an address
    go_to(page, "Account")
    page.get_by_role("button", name="Sign out").click()
    wait_for_app(page)
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    expect(nav.get_by_role("link", name="Assess")).to_have_count(0)


def test_a_viewer_finds_no_edit_controls(page, app_url):
    sign_in(page, app_url, "viewer@example.org")
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="Assess")).to_have_count(0)
    go_to(page, "Item")
    choose_item(page, "Q2")
    expect(page.get_by_role("heading", name="Q2")).to_be_visible()
    expect(page.get_by_role("link", name="Assess this item")).to_have_count(0)
    expect(page.get_by_role("button", name="Save assessment")).to_have_count(0)
    open_page(page, f"{app_url}/assess?item=Q2")  # typing the address does not open it either
    expect(page.get_by_role("button", name="Save assessment")).to_have_count(0)


def test_two_monitors_edit_the_same_item_and_the_second_is_refused(new_page, app_url):
    first, second = new_page(), new_page()
    for page, name in ((first, "monitor@example.org"), (second, "second@example.org")):
        sign_in(page, app_url, name)
        go_to(page, "Assess")
        choose_item(page, "R94")
    assess(first, "Deferred", "The related paragraphs promise information later.")
    expect(first.get_by_text("Saved: R94 is now")).to_be_visible()
    note = "Nothing in the report bears on this recommendation."
    assess(second, "Not addressed", note)
    expect(second.get_by_text("Not saved.")).to_be_visible()
    expect(second.get_by_text("a monitor changed it")).to_be_visible()
    expect(second.get_by_label("Note: the evidence").first).to_have_value(note)


def test_open_items_downloads_the_list_it_shows(page, app_url, expected_items):
    # Other journeys in this module change Q1 and R94, never Q2: the expectation holds in any order.
    open_page(page, f"{app_url}/open-items?mechanism=CMW&status=Deferred")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download this list as CSV").click()
    rows = csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig")))
    expected = {item.id for item in expected_items(ROOT / "tests" / "fixtures" / "record").values()
                if item.mechanism == "CMW" and item.status == "deferred"}
    assert {row["Tracker item"] for row in rows} == expected == {"Q2"}
