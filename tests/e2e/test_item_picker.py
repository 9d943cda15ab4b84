"""The item picker in chromium: "id — topic" on screen, only the id in the address, Back and Forward follow it,
a page switch keeps it, a fresh browser opens what the screen shows, an unknown id is named."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.server import wait_for_app

pytestmark = pytest.mark.e2e


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def picker(page):
    return page.get_by_test_id("stMain").get_by_role("combobox", name="Item")


def choose(page, typed: str) -> None:
    box = picker(page)
    box.click()
    box.fill(typed)
    box.press("Enter")
    wait_for_app(page)


def settle(page) -> None:
    """Until the address stops changing (the script writes it at the end of its run)."""
    seen = page.url
    for _ in range(10):
        page.wait_for_timeout(300)
        wait_for_app(page)
        if page.url == seen:
            return
        seen = page.url


def go_to(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    wait_for_app(page)
    settle(page)


def test_the_picker_shows_the_topic_and_the_address_only_the_id(new_page, app_url):
    page = new_page()
    page.goto(f"{app_url}/item?part=III")
    wait_for_app(page)
    choose(page, "detention")  # a word of the topic finds the item
    settle(page)
    expect(picker(page)).to_have_value("Q1 — Detention conditions")
    assert params(page) == {"part": ["III"], "item": ["Q1"]}
    choose(page, "R94")
    settle(page)
    assert params(page) == {"part": ["III"], "item": ["R94"]}

    page.go_back()
    wait_for_app(page)
    settle(page)
    expect(picker(page)).to_have_value("Q1 — Detention conditions")
    assert params(page)["item"] == ["Q1"]
    page.go_forward()
    wait_for_app(page)
    settle(page)
    expect(picker(page)).to_have_value("R94 — Coordination on migrant children")

    go_to(page, "History")
    go_to(page, "Item")
    expect(picker(page)).to_have_value("R94 — Coordination on migrant children")
    assert params(page) == {"part": ["III"], "item": ["R94"]}

    fresh = new_page()
    fresh.goto(page.url)
    wait_for_app(fresh)
    expect(picker(fresh)).to_have_value("R94 — Coordination on migrant children")


def test_an_unknown_id_is_named(new_page, app_url):
    page = new_page()
    page.goto(f"{app_url}/item?item=NOPE")
    wait_for_app(page)
    expect(page.get_by_text("There is no item 'NOPE'.", exact=False)).to_be_visible()
    expect(picker(page)).to_have_value("")
    settle(page)
    assert params(page) == {"item": ["NOPE"]}
