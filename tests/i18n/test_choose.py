"""The language a visitor reads: link, then browser, then setting, then English."""

import pytest

from tracker.i18n import DEFAULT_LANGUAGE, resolve_language


@pytest.mark.parametrize("link, browser, setting, expected", [
    ("es", "en-US", "en", "es"),           # a shared link opens in its language
    (None, "es-MX", "en", "es"),           # else the browser's
    (None, "es_MX", None, "es"),
    ("ES", None, None, "es"),              # case does not matter
    (None, None, "es", "es"),              # else the deployment's setting
    ("fr", "de-DE", "es", "es"),           # unsupported choices are passed over
    ("fr", "de-DE", "it", DEFAULT_LANGUAGE),
    ("", "  ", "", DEFAULT_LANGUAGE),
    (None, None, None, "en"),
    (["es"], 3, None, "en"),               # hostile values are ignored, not raised on
    ("es-<script>", None, None, "es"),
    ("xx-es", None, None, "en"),
])
def test_resolve_language(link, browser, setting, expected):
    assert resolve_language(link, browser, setting) == expected
