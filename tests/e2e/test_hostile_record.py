"""In chromium, a hostile record's curated fields load no image and make no link on any page."""

import tempfile
from urllib.parse import quote, urlparse
from pathlib import Path

import pytest

from tests.e2e.server import streamlit_server, wait_for_app, wait_for_charts
from tests.hostile_record import EVIL, HOSTILE_BODY, write_hostile_record

pytestmark = pytest.mark.e2e

# The last two pick the hostile State body, so that its id shows as a chip in the sidebar.
PAGES = ["", "open-items", "item?item=Q1", "item?item=R94", "history", "export", "?part=III&body=INM",
         f"open-items?body={quote(HOSTILE_BODY)}", f"export?body={quote(HOSTILE_BODY)}&mechanism=CMW"]


@pytest.fixture(scope="module")
def hostile_url():
    folder = Path(tempfile.mkdtemp())
    with streamlit_server({"DATABASE_URL": f"sqlite:///{folder / 'hostile.db'}",
                           "TRACKER_DATA_DIR": str(write_hostile_record(folder / "record"))}) as url:
        yield url


def test_no_image_link_script_or_heading_comes_from_the_record(page, hostile_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGES:
        page.goto(f"{hostile_url}/{path}")
        wait_for_app(page)
        wait_for_charts(page)
        # Open every help tooltip's source: the legends of the sidebar filters are Markdown too.
        found = page.evaluate(f"""() => ({{
            images: [...document.querySelectorAll('img, image')].map(e => e.getAttribute('src') || e.getAttribute('href') || '')
                .filter(src => src.includes('{EVIL}')),
            links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
                .filter(href => href.includes('{EVIL}') || href.startsWith('mailto:')),
            scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(')).length,
            headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => h.innerText)
                .filter(text => text.includes('=') || text.includes('{EVIL}')),
            strong: [...document.querySelectorAll('strong, b')].map(s => s.innerText)
                .filter(text => /^(topic|summary|rationale|actor name|part title|article title)$/.test(text)),
        }})""")
        assert found == {"images": [], "links": [], "scripts": 0, "headings": [], "strong": []}, path
        if "body=" in path and "INM" not in path:  # the chip shows the id as written
            assert HOSTILE_BODY in page.get_by_test_id("stSidebar").inner_text()
        # The text itself is there, as written.
        if path == "item?item=Q1":
            text = page.get_by_test_id("stMain").inner_text().replace("\u2060", "")
            assert f"![summary](http://{EVIL}/summary.png)" in text
    assert not [url for url in requested if (urlparse(url).hostname or "").endswith(EVIL)]
