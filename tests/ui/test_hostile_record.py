"""A record whose curated fields hold Markdown, HTML, `===` headings and bare URLs shows them as text on every page."""

import re

import pytest

from tests.hostile_record import EVIL, HOSTILE_BODY, HOSTILE_FIELDS, write_hostile_record
from tests.ui.conftest import signed_in_app
from tests.ui.test_pages import open_page
from tests.ui.sqlite_only import sqlite_app_url  # noqa: F401 - its AppTests run on SQLite only

# The patterns of mdast-util-gfm-autolink-literal (which react-markdown's remark-gfm runs on text nodes).
GFM_AUTOLINK = re.compile(r"(?i)(https?://|www(?=\.))[-.\w]+|[-.\w+]+@[-\w]+(\.[-\w]+)+", re.ASCII)
PAGES = [("overview", {}), ("open_items", {}), ("item", {"item": "Q1"}), ("item", {"item": "R94"}),
         ("history", {}), ("export", {}), ("assess", {"item": "Q1"})]
# A shared link can carry hostile filter values too; the pages repeat them in their captions.
LINKS = [("open_items", {"body": HOSTILE_BODY, "q": f"[q](http://{EVIL}/q)"}),
         ("export", {"body": HOSTILE_BODY, "q": f"<img src=http://{EVIL}/q.png>"}),
         ("overview", {"body": HOSTILE_BODY, "q": f"**q** https://{EVIL}/q"})]


@pytest.fixture
def hostile_env(app_url, monkeypatch, tmp_path):
    from tracker.accounts import add_person
    from tracker.settings import load_settings
    from tracker.startup import open_database

    monkeypatch.setenv("DATABASE_URL", app_url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(write_hostile_record(tmp_path / "hostile")))
    engine = open_database(load_settings()).engine
    add_person(engine, "monitor@example.org", "monitor")
    engine.dispose()


def markdown_sources(app) -> list[str]:
    """Every string the page hands to Streamlit's Markdown renderer: bodies, labels and help texts."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
    sources = [element.value for kind in kinds for element in getattr(app, kind)]
    sources += [m.label for m in app.metric]
    for kind in ("multiselect", "selectbox", "text_input", "slider", "radio"):
        for widget in getattr(app, kind):
            sources += [widget.label, widget.help or ""]
    return sources


def test_every_curated_field_reaches_every_page_as_text(hostile_env):
    app = signed_in_app("monitor@example.org")
    shown = []
    for name, params in PAGES + LINKS:
        if (name, params) in LINKS:  # opened afresh, as a link is
            app = signed_in_app("monitor@example.org")
        open_page(app, name, **params)
        for source in markdown_sources(app):
            # Escaped, no construct survives: no image, link, tag, bare URL or address, heading underline,
            # emphasis, colour directive or formula.
            for raw in ("![", "](http", "<img", "<a ", "<script", "<b>", "http://", "https://", f"www.{EVIL}",
                        f"@{EVIL}", "\n===", "$x$", *(f"**{f}**" for f in HOSTILE_FIELDS),
                        *(f":red[{f}]" for f in HOSTILE_FIELDS)):
                assert not re.search(r"(?<!\\)" + re.escape(raw), source), (name, params, raw, source)
            # GFM links bare URLs and addresses in the text left after escapes resolve: none may match there.
            assert not GFM_AUTOLINK.search(re.sub(r"\\(.)", r"\1", source)), source
            shown.append(re.sub(r"\\(.)", r"\1", source).replace("\u2060", ""))
    text = "\n".join(shown)
    for field in HOSTILE_FIELDS:
        assert f"{field} ![{field}](http://{EVIL}/{field}.png)" in text, f"{field} is not shown anywhere"
