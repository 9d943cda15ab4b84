import pytest
from streamlit.testing.v1 import AppTest

from tests.e2e.server import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "record"


@pytest.fixture
def app_env(tmp_path, monkeypatch):
    """A fresh SQLite database filled from the fixture record, used by the app under AppTest."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("TRACKER_USER", "monitor@example.org")
    return url


@pytest.fixture
def app(app_env):
    """An AppTest of the entrypoint; call .run() after setting query parameters or switching page."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


@pytest.fixture
def engine(app_env):
    """The same database the app opens (the first to open it loads the fixture record)."""
    from tracker.settings import load_settings
    from tracker.startup import open_database

    engine = open_database(load_settings()).engine
    yield engine
    engine.dispose()
