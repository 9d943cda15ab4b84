"""In chromium: a click on an Overview bar opens Open items with that filter, in the address as on the screen."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.server import wait_for_app, wait_for_charts

CHARTS = {"part": 0, "article": 1, "year": 2, "mechanism": 3}


def click_tallest_bar(page, chart: int) -> None:
    bars = page.locator("[data-testid=stPlotlyChart]").nth(chart).locator("g.point path")
    areas = [(box["width"] * box["height"] if box else 0) for box in (bars.nth(i).bounding_box()
                                                                      for i in range(bars.count()))]
    bar = bars.nth(areas.index(max(areas)))
    bar.scroll_into_view_if_needed()
    bar.click(force=True)


def caption(page) -> str:
    return page.locator("[data-testid=stMain] [data-testid=stCaptionContainer]").first.inner_text()


@pytest.mark.parametrize("dimension", list(CHARTS), ids=list(CHARTS))
def test_a_bar_opens_open_items_filtered_by_it(app_url, new_page, dimension):
    page = new_page()
    page.goto(app_url)
    wait_for_app(page)
    wait_for_charts(page)
    click_tallest_bar(page, CHARTS[dimension])
    page.wait_for_url(re.compile(r"/open-items"), timeout=20_000)
    wait_for_app(page)
    assert page.locator("[data-testid=stMain] h1").first.inner_text() == "Open items"
    params = parse_qs(urlsplit(page.url).query)
    key = {"part": "part", "article": "article", "year": "years", "mechanism": "mechanism"}[dimension]
    assert len(params[key]) == (2 if key == "years" else 1)
    # every status: the bar counted addressed items too
    assert params["status"] == ["Addressed", "Partial", "Deferred", "Not addressed"]
    shown = caption(page)
    fresh = new_page()
    fresh.goto(page.url)
    wait_for_app(fresh)
    assert caption(fresh) == shown
