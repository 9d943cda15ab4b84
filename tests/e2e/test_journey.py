"""A monitor's and a drafter's journey through the real app in chromium."""

import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.server import wait_for_app

pytestmark = pytest.mark.e2e


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def test_overview_filter_assess_and_export(page, app_url):
    open_page(page, f"{app_url}/")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_contain_text("3")
    expect(page.locator(".js-plotly-plot")).to_have_count(4, timeout=15_000)

    open_page(page, f"{app_url}/open-items")
    expect(page.get_by_text("3 item(s)")).to_be_visible()
    search = page.get_by_label("Search id, topic, summary")
    search.fill("detention")
    search.press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("1 item(s)")).to_be_visible()
    assert "q=detention" in page.url

    open_page(page, f"{app_url}/assess?item=Q1")
    page.get_by_role("radio", name=re.compile(r"(^|\s)Addressed$")).check(force=True)
    page.get_by_label("Note: the evidence").fill("CMW/C/TST/1 paragraphs 1-5 answer the question in full.")
    page.get_by_role("button", name="Save assessment").click()
    wait_for_app(page)
    expect(page.get_by_text("Saved: Q1 is now")).to_be_visible()

    open_page(page, f"{app_url}/history?h-item=Q1")
    expect(page.get_by_text("2 change(s)")).to_be_visible()

    open_page(page, f"{app_url}/export")
    with page.expect_download() as download:
        page.get_by_role("button", name="All tables as XLSX").click()
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    items = workbook[workbook.sheetnames[-1]]
    rows = [[cell.value for cell in row] for row in items.iter_rows()]
    q1 = next(row for row in rows if "Q1" in row)
    assert "Addressed" in q1
