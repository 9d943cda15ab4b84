"""The one rule for naming the author of a change to whoever is looking."""

from collections.abc import Mapping

from tracker.i18n import N_
from tracker.store.sync import CURATION

# Names the system writes under itself; shown as they are, since they name no person.
SYSTEM_NAMES = (CURATION,)
# What a visitor who is not signed in, or a viewer looking at someone without a display name, reads.
ANONYMOUS_LABEL = N_("a monitor")  # translated where shown


def who_label(name: str, viewer_role: str | None, display_names: Mapping[str, str]) -> str:
    """The author of a change as `viewer_role` may see it (None: a visitor who is not signed in).

    Visitors see a role, never a name: for human-rights defenders even a chosen name can be a risk. Signed-in
    people see the display name a person chose (or the role); admins see the account, with its display name.
    """
    if name in SYSTEM_NAMES:
        return name
    if viewer_role is None:
        return ANONYMOUS_LABEL
    shown = display_names.get(name)
    if viewer_role == "admin":
        return f"{name} ({shown})" if shown else name
    return shown or ANONYMOUS_LABEL
