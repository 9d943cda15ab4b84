"""The address bar always reopens what the screen shows: a seeded random walk through filters, page switches,
page links, Back and Forward, each step compared with the same address opened in a fresh browser."""

import os
import random
import re
import tempfile

import pytest

from tests.e2e.server import ROOT, streamlit_server, wait_for_app

pytestmark = pytest.mark.e2e

SEEDS = [int(s) for s in os.environ.get("TRACKER_URL_SEEDS", "1,2").split(",")]
STEPS = int(os.environ.get("TRACKER_URL_STEPS", "10"))
PAGES = ["Overview", "Open items", "Item", "History", "Export"]
STATUS_PAGES = {"Overview", "Open items", "Export"}
CHOICES = {"Convention part": ["I", "II", "III", "IV", "VI"], "Issuing mechanism": ["CMW", "SR-MIGRANTS", "GA"],
           "Status": ["Addressed", "Partial", "Deferred", "Not addressed"]}
SEARCHES = ["", "detention", "children", "Q1", "migra"]
ITEMS = ["CMW-2016-Q01", "CMW-2016-Q23", "SR-2009-R93"]


@pytest.fixture(scope="module")
def real_record_url():
    """The app on the curated Mexico record (enough items for filters to tell views apart)."""
    with streamlit_server({"DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/url.db",
                           "TRACKER_DATA_DIR": str(ROOT / "data")}) as url:
        yield url


def screen(page) -> dict:
    """What the page shows that filters decide: title, widget values, captions, metrics, headers."""
    return page.evaluate("""() => {
        const text = el => el ? el.innerText.trim() : '';  // a widget in a collapsed expander has no label drawn
        const main = document.querySelector('[data-testid=stMain]');
        const widgets = {};
        for (const el of document.querySelectorAll('[data-testid=stMultiSelect]')) {
            widgets[text(el.querySelector('[data-testid=stWidgetLabel]'))] =
                [...el.querySelectorAll('[data-tag] span[title]')].map(text);
        }
        for (const el of document.querySelectorAll('[data-testid=stTextInput], [data-testid=stSelectbox]')) {
            widgets[text(el.querySelector('[data-testid=stWidgetLabel]'))] = el.querySelector('input').value;
        }
        for (const el of document.querySelectorAll('[data-testid=stSlider]')) {
            widgets[text(el.querySelector('[data-testid=stWidgetLabel]'))] =
                [...el.querySelectorAll('[role=slider]')].map(s => s.getAttribute('aria-valuenow'));
        }
        return {
            title: text(main.querySelector('h1')),
            widgets,
            captions: [...main.querySelectorAll('[data-testid=stCaptionContainer]')].map(text),
            metrics: [...main.querySelectorAll('[data-testid=stMetric]')].map(text),
            headers: [...main.querySelectorAll('h2, h3')].map(text),
        };
    }""")


def settled_screen(page) -> dict:
    """The screen once reruns have stopped changing it (a widget's change reaches the server after a moment)."""
    shown = screen(page)
    for _ in range(20):
        page.wait_for_timeout(300)
        wait_for_app(page)
        again = screen(page)
        if again == shown:
            return shown
        shown = again
    return shown


def multiselect(page, label: str):
    return page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True))


def toggle(page, label: str, option: str) -> None:
    """Add `option` to the sidebar multiselect `label`, or remove it when it is there."""
    box = multiselect(page, label)
    remove = box.get_by_role("button", name=f"Remove {option}", exact=True)
    if remove.count():
        remove.click(force=True)
    else:
        box.get_by_role("combobox").click()
        box.get_by_role("combobox").fill(option)  # narrows the list, so the option is rendered
        page.get_by_role("option", name=option, exact=True).click()
        page.keyboard.press("Escape")
    wait_for_app(page)


def search(page, text: str) -> None:
    box = page.get_by_test_id("stSidebar").get_by_label("Search id, topic, summary")
    box.fill(text)
    box.press("Enter")
    wait_for_app(page)


def go_to(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    wait_for_app(page)


def choose_item(page, item: str) -> None:
    box = page.get_by_test_id("stMain").get_by_role("combobox").first
    box.click()
    box.fill(item)
    box.press("Enter")
    wait_for_app(page)


def current_title(page) -> str:
    return page.get_by_test_id("stMain").locator("h1").first.inner_text().strip()


def random_step(page, rng: random.Random) -> str:
    """Take one random step a visitor could take from this page; return what it was."""
    title = current_title(page)
    moves = ["filter", "filter", "page", "back", "forward", "search"]
    if title in STATUS_PAGES:
        moves += ["status", "status"]
    if title == "Open items":
        moves.append("export-link")
    if title == "Item":
        moves.append("item")
    move = rng.choice(moves)
    if move == "filter":
        label = rng.choice(["Convention part", "Issuing mechanism"])
        option = rng.choice(CHOICES[label])
        toggle(page, label, option)
        return f"toggle {label}={option}"
    if move == "status":
        option = rng.choice(CHOICES["Status"])
        toggle(page, "Status", option)
        return f"toggle Status={option}"
    if move == "search":
        text = rng.choice(SEARCHES)
        search(page, text)
        return f"search {text!r}"
    if move == "page":
        name = rng.choice([p for p in PAGES if p != title])
        go_to(page, name)
        return f"sidebar {name}"
    if move == "export-link":
        page.get_by_role("link", name=re.compile("the Export page")).click()
        wait_for_app(page)
        return "link to Export"
    if move == "item":
        item = rng.choice(ITEMS)
        choose_item(page, item)
        return f"item {item}"
    before = page.url
    (page.go_back if move == "back" else page.go_forward)()
    if not page.url.startswith(before.split("?")[0].rsplit("/", 1)[0]):
        page.go_forward()  # went back past the first page the walk opened
    wait_for_app(page)
    return move


@pytest.mark.parametrize("seed", SEEDS)
def test_the_address_reopens_what_the_screen_shows(browser, new_page, real_record_url, seed):
    rng = random.Random(seed)
    page = new_page()
    start = rng.choice(["", "open-items?part=III&status=Partial", "export?part=III", "history"])
    page.goto(f"{real_record_url}/{start}")
    wait_for_app(page)
    steps = [f"open /{start}"]
    for _ in range(STEPS):
        steps.append(random_step(page, rng))
        shown = settled_screen(page)
        context = browser.new_context(viewport={"width": 1366, "height": 900})  # no session, no history
        try:
            fresh = context.new_page()
            fresh.goto(page.url)
            wait_for_app(fresh)
            assert settled_screen(fresh) == shown, f"seed {seed}, after: {' → '.join(steps)}\naddress: {page.url}"
        finally:
            context.close()
