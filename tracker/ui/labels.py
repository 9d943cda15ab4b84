"""How statuses and items read on screen: an icon and a word, never colour alone."""

from tracker.schema import STATUS_LABELS

STATUS_ICONS = {"addressed": "🟢", "partial": "🟠", "deferred": "🔵", "not_addressed": "🔴"}


def status_badge(status: str) -> str:
    return f"{STATUS_ICONS.get(status, '⚪')} {STATUS_LABELS.get(status, status)}"

_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]()<>#+-.!|~$"})


def plain(text: str) -> str:
    """Text to place inside Markdown so that it shows as written: no links, HTML or formatting."""
    return text.translate(_MARKDOWN_SPECIAL)
