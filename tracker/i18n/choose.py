"""Which language a visitor reads: the link's, else the browser's, else the deployment's default."""

# The languages with a catalogue, by their code, with the name each language calls itself.
LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"


def _supported(value: str | None) -> str | None:
    """The supported language a tag such as `es-MX`, `es_MX` or `ES` names, or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def resolve_language(from_link: str | None, from_browser: str | None, configured: str | None) -> str:
    """The first supported of: the `?lang=` of the link, the browser's locale, the `TRACKER_LANGUAGE` setting."""
    for candidate in (from_link, from_browser, configured):
        code = _supported(candidate)
        if code:
            return code
    return DEFAULT_LANGUAGE
