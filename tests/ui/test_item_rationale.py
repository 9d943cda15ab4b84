"""The Item page shows, next to each reply's status, the curated rationale and the confidence with its reason,
as the YAML holds them (read here straight from the file)."""

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tracker.settings import PROJECT_ROOT
from tracker.ui.labels import plain  # the page escapes Markdown in curated text; compare like with like

DATA = PROJECT_ROOT / "data"
RESPONSES = {r["id"]: r for r in yaml.safe_load((DATA / "responses.yaml").read_text(encoding="utf-8"))}


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'real.db'}")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(DATA))
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception
    return app


# one item per confidence level present in the record
CHOSEN = sorted({r["confidence"]: r["id"] for r in RESPONSES.values() if r["recommendation"].startswith("CMW")}
                .values())


@pytest.mark.parametrize("response_id", CHOSEN)
def test_rationale_and_confidence_sit_next_to_the_status(app, response_id):
    response = RESPONSES[response_id]
    app.query_params["item"] = response["recommendation"]
    app.switch_page("tracker/ui/pages/item.py").run()
    assert not app.exception, app.exception
    markdown = "\n".join(m.value for m in app.markdown)
    captions = "\n".join(c.value for c in app.caption)
    assert f"confidence {response['confidence']}" in markdown  # in the heading with the status
    assert plain(response["rationale"]) in markdown
    if response.get("confidence_reason"):
        assert plain(response["confidence_reason"]) in captions
    assert f"assessment method {response['method']}" in captions
