import pytest

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"chromium not found at {CHROMIUM}: apt-get install -y chromium (set TRACKER_CHROMIUM to override)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


PASSWORD = "e2e password, long enough"
ACCOUNTS = {"monitor@example.org": "monitor", "second@example.org": "monitor", "viewer@example.org": "viewer"}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The real server on a fresh database holding the fixture record and one account per role."""
    from tracker.accounts import add_person
    from tracker.settings import load_settings
    from tracker.startup import open_database

    folder = tmp_path_factory.mktemp("e2e")
    env = {"DATABASE_URL": f"sqlite:///{folder / 'tracker.db'}",
           "TRACKER_DATA_DIR": str(ROOT / "tests" / "fixtures" / "record")}
    engine = open_database(load_settings(env)).engine
    for name, role in ACCOUNTS.items():
        add_person(engine, name, role, PASSWORD)
    engine.dispose()
    with streamlit_server(env) as url:
        yield url


@pytest.fixture
def new_page(browser):
    """`new_page()` opens a page in a fresh browser context (its own session), closed after the test."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
