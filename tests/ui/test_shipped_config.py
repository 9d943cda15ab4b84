"""The shipped .streamlit/config.toml keeps exception details out of the browser."""

import tomllib

from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.e2e.server import ROOT

SHIPPED = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def failing_script():
    raise RuntimeError("secret detail: SELECT password_hash FROM person")


def test_no_exception_detail_reaches_the_browser():
    value = SHIPPED["client"]["showErrorDetails"]
    assert value == config.ShowErrorDetailsConfigOptions.NONE
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", value)
    try:
        app = AppTest.from_function(failing_script).run()
    finally:
        config.set_option("client.showErrorDetails", before)
    shown = app.exception[0]
    assert "secret detail" not in shown.message and "SELECT" not in shown.message
    assert not shown.stack_trace and "RuntimeError" not in shown.proto.type
