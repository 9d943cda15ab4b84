"""Who may see who made a change: the one label pages and exports show, and the display names people choose."""

from tracker.privacy.display_names import (
    DISPLAY_NAME_MAX,
    DisplayNameRefused,
    check_display_name,
    display_name_of,
    display_names,
    set_display_name,
)
from tracker.privacy.who import ANONYMOUS_LABEL, SYSTEM_NAMES, who_label

__all__ = ["ANONYMOUS_LABEL", "DISPLAY_NAME_MAX", "SYSTEM_NAMES", "DisplayNameRefused", "check_display_name",
           "display_name_of", "display_names", "set_display_name", "who_label"]
