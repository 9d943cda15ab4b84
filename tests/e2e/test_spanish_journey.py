"""The monitor's and the drafter's tasks in chromium, in Spanish: a shared `?lang=es` link, sign-in, filters, an
assessment saved, an export downloaded; then the sidebar's switch back to English keeps every filter."""

import io
import re
import time
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.server import ROOT, streamlit_server, wait_for_app

pytestmark = pytest.mark.e2e
PASSWORD = "e2e password, en español"
# Interface words this branch translates: none may be left on a Spanish page. (The export tables' titles, such as
# "Coverage by Convention part", are translated in another branch, so the main area is checked for page words.)
ENGLISH = {"stSidebar": ["Filters", "Status", "Convention part", "Issuing mechanism", "State body named in the reply",
                         "Year of the request", "Language", "Overview", "History", "Export", "Account"],
           "stMain": ["Sign out", "History", "Export", "Report as Word", "All tables as XLSX",
                      "Change them in the sidebar", "newest first", "Everyone", "Person", "Dates"]}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real server on a fresh SQLite database with the fixture record and a monitor; (base URL, database)."""
    from tracker.accounts import add_person
    from tracker.settings import load_settings
    from tracker.startup import open_database

    database = f"sqlite:///{tmp_path_factory.mktemp('e2e-es') / 'tracker.db'}"
    env = {"DATABASE_URL": database, "TRACKER_DATA_DIR": str(ROOT / "tests" / "fixtures" / "record")}
    engine = open_database(load_settings(env)).engine
    add_person(engine, "monitor@example.org", "monitor", PASSWORD)
    engine.dispose()
    with streamlit_server(env) as url:
        yield url, database


def no_english(page) -> None:
    for area, words in ENGLISH.items():
        shown = page.get_by_test_id(area).inner_text()
        assert [word for word in words if re.search(rf"\b{re.escape(word)}\b", shown)] == [], (page.url, area)


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_monitor_works_in_spanish_and_switches_to_english(page, server):
    base, database = server
    page.goto(f"{base}/sign-in?lang=es")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    page.get_by_label("Correo electrónico o nombre de usuario").fill("monitor@example.org")
    page.get_by_role("textbox", name="Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    wait_for_app(page)
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="Cuenta")).to_be_visible()
    expect(page.get_by_text("Filtros", exact=True)).to_be_visible()
    assert params(page)["lang"] == ["es"]

    # Assess Q1 (the Assess page is translated elsewhere; the status labels are the shared Spanish ones).
    page.goto(f"{base}/assess?item=Q1&lang=es")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_role("radio", name=re.compile(r"(^|\s)Atendido$")).check(force=True)
    main.locator("textarea").first.fill("CMW/C/TST/1 párrafos 1-5 responden la pregunta por completo.")
    main.get_by_role("button", name="Guardar evaluación").click()
    wait_for_app(page)
    # The click's rerun can start after the page looked idle, so the save is awaited in the database itself.
    engine, saved, deadline = create_engine(database), [], time.monotonic() + 30
    while not saved and time.monotonic() < deadline:
        with engine.connect() as conn:
            saved = conn.execute(text("SELECT new_status FROM assessment_event WHERE recommendation_id = 'Q1' "
                                      "AND who = 'monitor@example.org'")).scalars().all()
        time.sleep(0.2)
    engine.dispose()
    assert saved == ["addressed"]

    nav.get_by_role("link", name="Historial", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Historial")).to_be_visible()
    expect(main.get_by_text(re.compile(r"cambios, los más recientes primero"))).to_be_visible()
    no_english(page)

    # The drafter filters by text and downloads the tables.
    nav.get_by_role("link", name="Exportar", exact=True).click()
    wait_for_app(page)
    search = page.get_by_label("Buscar clave, tema, resumen")
    search.fill("detention")
    search.press("Enter")
    wait_for_app(page)
    expect(main.get_by_text(re.compile(r"Filtros: .*que mencionan “detention”"))).to_be_visible()
    page.get_by_role("combobox", name="Estado", exact=True).click()
    page.get_by_role("option", name="Diferido", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(main.get_by_text(re.compile(r"^Filtros: Asuntos cuyo estado actual es Diferido"))).to_be_visible()
    no_english(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tablas en XLSX").click()
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames
    assert params(page)["q"] == ["detention"] and params(page)["lang"] == ["es"]

    # Back to English from the sidebar: the filter stays in the address and on the screen.
    page.get_by_role("combobox", name="Idioma").click()
    page.get_by_role("option", name="English").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Export")).to_be_visible()
    expect(page.get_by_label("Search id, topic, summary")).to_have_value("detention")
    expect(main.get_by_text(re.compile(r"^Filters: Items whose current status is Deferred; mentioning “detention”"))).to_be_visible()
    # English is this browser's language, so the address no longer names one.
    assert params(page)["q"] == ["detention"] and params(page).get("lang", ["en"]) == ["en"]
    assert params(page)["status"] == ["Deferred"]
    page.go_back()
    wait_for_app(page)
    assert params(page)["q"] == ["detention"]
