import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DB_KINDS, new_database
from tests.e2e.server import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "record"
PEOPLE = {"monitor@example.org": "monitor", "other@example.org": "monitor", "ana@example.org": "monitor",
          "viewer@example.org": "viewer", "admin@example.org": "admin"}
PASSWORD = "a viewer's long password"


@pytest.fixture(params=DB_KINDS)
def app_url(request, tmp_path):
    with new_database(request.param, tmp_path, request) as url:
        yield url


@pytest.fixture
def app_env(app_url, monkeypatch):
    """A fresh database (SQLite, and PostgreSQL where reachable) filled from the fixture record, with one
    account per role."""
    from tracker.accounts import add_person
    from tracker.settings import load_settings
    from tracker.startup import open_database

    url = app_url
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(FIXTURE))
    engine = open_database(load_settings()).engine
    for name, role in PEOPLE.items():
        add_person(engine, name, role, PASSWORD if name == "viewer@example.org" else None)
    engine.dispose()
    return url


def session_cookie(person: str) -> str:
    """A real session for `person` in the database the app opens, as its cookie value."""
    from tracker import access
    from tracker.access import sessions
    from tracker.settings import load_settings
    from tracker.store.db import make_engine

    engine = make_engine(load_settings().database_url)
    try:
        return sessions.start(engine, person, access.SessionPolicy.from_env())
    finally:
        engine.dispose()


def signed_in_app(person: str | None) -> AppTest:
    """The app under AppTest; AppTest cannot send cookies, so a signed-in person's cookie goes in session state."""
    from tracker.ui.identity import TEST_COOKIE

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if person:
        app.session_state[TEST_COOKIE] = session_cookie(person)
    return app


@pytest.fixture
def app(app_env):
    """The app under AppTest, signed in as a monitor; call .run() after setting query parameters."""
    return signed_in_app("monitor@example.org")


@pytest.fixture
def engine(app_env):
    """The same database the app opens."""
    from tracker.settings import load_settings
    from tracker.startup import open_database

    engine = open_database(load_settings()).engine
    yield engine
    engine.dispose()
