"""Every page in every language: in the pseudo language each text a person reads came through the translator
(or is record data), Spanish and English render, a link's `?lang=` wins, and one session's pick stays its own."""

import json
import re

import pytest
import yaml

from tests.ui.conftest import FIXTURE, PEOPLE, signed_in_app
from tests.ui.sqlite_only import sqlite_app_url  # noqa: F401 - its AppTests run on SQLite only
from tracker.i18n import LANGUAGES, PSEUDO, translator
from tracker.i18n.translator import PSEUDO_CLOSE, PSEUDO_OPEN
from tracker.schema import CONFIDENCES
from tracker.ui.navigation import _ALL, allowed

PAGES = {url: (file, title) for file, title, _icon, url, _section in _ALL}
ROLES = {None: None, "viewer": "viewer@example.org", "monitor": "monitor@example.org", "admin": "admin@example.org"}
CASES = [pytest.param(url, role, id=f"{url}-{role or 'anonymous'}")
         for url in PAGES for role in ROLES if url in allowed(role, True) and not (url == "sign-in" and role)]

# The text fields of Streamlit's element protos that a person reads (widget values are data, not labels).
SHOWN_FIELDS = {"label", "help", "placeholder", "body", "options", "page_name", "section_header", "title"}
# Markup, not words: style sheets, icons, colour tags, Markdown marks, HTML tags (st.html's lines included).
_ICON = re.compile(r"<style>[\s\S]*?</style>|:material/\w+:|:(?:green|orange|blue|red|gray|violet|rainbow)\[|"
                   r"[\]\\*#`]|<[^<>]*>|<[^<>]*$|^[^<>]*>")
_WRAPPED = re.compile(f"{PSEUDO_OPEN}[^{PSEUDO_OPEN}{PSEUDO_CLOSE}]*{PSEUDO_CLOSE}")
# What may stand outside ⟦…⟧: numbers, dates, times, ids, addresses, punctuation.
_DATA = re.compile(r"[\W\d_]*|[A-Z]{1,4}\d+[a-z]?|[IVX]+|[\w.+-]+@[\w.-]+|[A-Z][A-Z/-]+(?:\d+)?|item\?item=.*|"
                   r"[\w-]+\.yaml|CMW/C/\w+/[\w/]+", re.ASCII)


def _record_texts() -> set[str]:
    """Every scalar of the fixture record (topics, names, titles, ids): data, shown as the record has it."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        elif value is not None:
            found.add(" ".join(str(value).split()))

    for path in FIXTURE.glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    # Record text is shown whole or cut where the page lists values, as untranslated() cuts it.
    found |= {piece.strip() for text in list(found) for piece in _PIECES.split(text)}
    # Confidences are shown by their value (as the URL carries them); the help names each in words.
    return found | set(PEOPLE) | set(LANGUAGES.values()) | {"Pseudo", *CONFIDENCES}


_PIECES = re.compile(r"\x00|\n| · |; |, |: | \(|\)")
RECORD = _record_texts()


def _strings(message, seen: list[str]) -> None:
    """The shown text fields of a proto message, its sub-messages included."""
    for field, value in message.ListFields():
        if field.message_type is not None:
            for inner in (value if field.is_repeated else [value]):
                _strings(inner, seen)
        elif field.type == field.TYPE_STRING and field.name in SHOWN_FIELDS:
            seen.extend(value if field.is_repeated else [value])


def shown_texts(app) -> list[str]:
    """Every label, heading, message, option and table header on the rendered page, sidebar included."""
    seen: list[str] = []
    for node in app._tree:
        if getattr(node, "proto", None) is not None and hasattr(node.proto, "ListFields"):
            _strings(node.proto, seen)
    for frame in app.dataframe:
        configured = {name: config.get("label") for name, config in json.loads(frame.proto.columns or "{}").items()}
        seen.extend(configured.get(str(column)) or str(column) for column in frame.value.columns)
    return [text for text in seen if text.strip()]


def untranslated(text: str) -> list[str]:
    """The pieces of `text` that neither came through the translator nor are record data."""
    rest = _ICON.sub("", text).replace("\u2060", "")
    while _WRAPPED.search(rest):
        rest = _WRAPPED.sub("\x00", rest)
    pieces = [" ".join(piece.split()) for piece in _PIECES.split(rest)]
    return [piece for piece in pieces if piece and not _DATA.fullmatch(piece) and piece.strip(" .,:;“”\"'–—()¶")
            not in RECORD and not _DATA.fullmatch(piece.strip(" .,:;“”\"'–—()¶"))]


@pytest.fixture
def pseudo(monkeypatch):
    """The pseudo language can be picked, as a tests-only language."""
    monkeypatch.setitem(LANGUAGES, PSEUDO, "Pseudo")


def open_in(language: str, url: str, role: str | None):
    app = signed_in_app(ROLES[role])
    app.query_params["lang"] = language
    app.run()
    if url != "overview":
        app.switch_page(f"tracker/ui/pages/{PAGES[url][0]}")
        app.query_params["lang"] = language
        app.run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("url, role", CASES)
def test_every_shown_text_comes_through_the_translator(app_env, pseudo, url, role):
    app = open_in(PSEUDO, url, role)
    leaks = sorted({piece for text in shown_texts(app) for piece in untranslated(text)})
    assert leaks == [], f"shown on {url} without the translator: {leaks}"


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("url, role", CASES)
def test_every_page_renders_in_each_language(app_env, language, url, role):
    app = open_in(language, url, role)
    assert not app.error or url == "sign-in", [e.value for e in app.error]
    title = translator(language).tr(PAGES[url][1])
    assert app.title[0].value == title, (app.title[0].value, title)


def test_the_pseudo_check_finds_untranslated_text():
    assert untranslated("Filters") == ["Filters"]
    assert untranslated("⟦Signed in as {person}, role ⟦monitor⟧.⟧".format(person="a@example.org")) == []
    assert untranslated(":green[:material/check_circle:] ⟦Addressed⟧") == []
    assert untranslated("⟦Status⟧ Deferred") == ["Deferred"]


def test_a_link_opens_in_its_language_and_the_pick_stays_in_its_session(app_env):
    spanish, english = signed_in_app(None), signed_in_app(None)
    spanish.query_params["lang"], spanish.query_params["q"] = "es", "detention"
    spanish.run()
    english.run()
    assert [h.value for h in spanish.sidebar.header] == ["Filtros"]
    assert [h.value for h in english.sidebar.header] == ["Filters"]

    spanish.selectbox(key="lang-pick").set_value("en").run()
    english.run()
    assert [h.value for h in spanish.sidebar.header] == ["Filters"]
    assert spanish.text_input(key="q").value == "detention"  # the filter stayed
    english.selectbox(key="lang-pick").set_value("es").run()
    spanish.run()
    assert [h.value for h in english.sidebar.header] == ["Filtros"]
    assert [h.value for h in spanish.sidebar.header] == ["Filters"]
