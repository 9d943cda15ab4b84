"""Display names: what a person chooses to be called in the History instead of their account name."""

import unicodedata

from sqlalchemy import Engine, select, update

from tracker.i18n import N_, Refusal
from tracker.privacy.who import ANONYMOUS_LABEL, SYSTEM_NAMES
from tracker.store.crud import require_role
from tracker.store.models import Person

P = Person.__table__
DISPLAY_NAME_MIN, DISPLAY_NAME_MAX = 2, 60
# Words the pages use for roles and for the system: a person taking one would pass for it.
RESERVED = {name.casefold() for name in (*SYSTEM_NAMES, ANONYMOUS_LABEL, "an admin", "a viewer", "monitor", "admin",
                                          "viewer", "system", "anonymous", "administrator", "tracker")}
# Bidirectional overrides and isolates reorder the text around them: a name could show as someone else's.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


class DisplayNameRefused(Refusal, ValueError):
    """A display name that cannot be used; the message says why."""


def check_display_name(text: str) -> str:
    """The display name as stored (NFC, single spaces), or DisplayNameRefused saying what is wrong."""
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not DISPLAY_NAME_MIN <= len(name) <= DISPLAY_NAME_MAX:
        raise DisplayNameRefused(N_("A display name needs {low} to {high} characters; this one has {count}."),
                                 low=DISPLAY_NAME_MIN, high=DISPLAY_NAME_MAX, count=len(name))
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") or c in _BIDI_CONTROLS for c in name):
        raise DisplayNameRefused(N_("A display name cannot hold control or invisible direction characters."))
    folded = unicodedata.normalize("NFKC", name).casefold()
    if "@" in folded:
        raise DisplayNameRefused(N_("A display name cannot be an e-mail address (it is shown to other people)."))
    if folded in RESERVED:
        raise DisplayNameRefused(N_("“{name}” is a name the tracker uses for itself or for a role; choose another."),
                                 name=name)
    return name


def set_display_name(engine: Engine, name: str, display_name: str | None, *, by: str) -> str | None:
    """Set (or, with None or blank, clear) `name`'s display name; a person sets their own, an admin anyone's."""
    name = name.strip().lower()
    chosen = check_display_name(display_name) if display_name and display_name.strip() else None
    with engine.begin() as conn:
        if by.strip().lower() != name:
            require_role(conn, by, ("admin",), "set another person's display name")
        if chosen is not None:
            folded = unicodedata.normalize("NFKC", chosen).casefold()
            for other, shown in conn.execute(select(P.c.name, P.c.display_name).where(P.c.name != name)):
                if folded in (other.casefold(), unicodedata.normalize("NFKC", shown or "").casefold()):
                    raise DisplayNameRefused(N_("“{name}” is already someone else's name; choose another."), name=chosen)
        if conn.execute(update(P).where(P.c.name == name).values(display_name=chosen)).rowcount != 1:
            raise DisplayNameRefused(N_("There is no account {name}."), name=name)
    return chosen


def display_names(engine: Engine) -> dict[str, str]:
    """Every chosen display name, by account name."""
    with engine.connect() as conn:
        return dict(conn.execute(select(P.c.name, P.c.display_name).where(P.c.display_name.is_not(None))).all())


def display_name_of(engine: Engine, name: str | None) -> str | None:
    if not name:
        return None
    with engine.connect() as conn:
        return conn.execute(select(P.c.display_name).where(P.c.name == name.strip().lower())).scalar_one_or_none()
