"""How statuses and items read on screen: an icon and a word, never colour alone."""

from tracker.schema import STATUS_LABELS

# Material icons ship with Streamlit, so they render where no emoji font is installed.
STATUS_ICONS = {
    "addressed": ":green[:material/check_circle:]",
    "partial": ":orange[:material/incomplete_circle:]",
    "deferred": ":blue[:material/schedule:]",
    "not_addressed": ":red[:material/cancel:]",
}
SECTION_LABELS = {"general": "General information", "new-measures": "New measures", "data": "Data"}

_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]()<>#+-.!|~$:"})


def status_badge(status: str) -> str:
    """Icon and label, for Markdown contexts (labels, captions, metrics)."""
    return f"{STATUS_ICONS.get(status, '')} {STATUS_LABELS.get(status, status)}"


def section_label(section: str | None) -> str:
    if not section:
        return "not known"
    return SECTION_LABELS.get(section) or section.replace("part-", "Part ")


def plain(text: str) -> str:
    """Text to place inside Markdown so that it shows as written: no links, HTML or formatting."""
    return text.translate(_MARKDOWN_SPECIAL)


NO_MATCH = "No item matches these filters. Widen the status or clear a filter in the sidebar."
