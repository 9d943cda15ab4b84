"""Messages translated where they are shown: an English template (marked for extraction) and its values.

A value may itself be a word to translate (`Term`: a status, a role), a choice of such words (`Either`), a
nested message (`Words`), a number or a moment; each is put into the reader's language with the template.
"""

from datetime import datetime, timezone


class Term(str):
    """A value that is a word of the interface (marked with N_), translated with the message."""


class Either(tuple):
    """Alternatives shown as "a or b" (roles, say), each a Term."""


class Words:
    """A message: `str()` is English (logs, CLI); `in_language(t)` is the same message for a reader of `t`."""

    def __init__(self, template: str, **values) -> None:
        self.template, self.values = template, values

    def __str__(self) -> str:
        return self.template.format(**{name: _english(value) for name, value in self.values.items()})

    def in_language(self, t, zone: str = "UTC") -> str:
        """The message in `t`'s language, moments shown in `zone` (named)."""
        return t.tr(self.template, **{name: _shown(value, t, zone) for name, value in self.values.items()})


class Refusal(Exception):
    """A refused request whose reason is a `Words` message; `str()` is English, `in_language(t)` translated."""

    def __init__(self, template: str, **values) -> None:
        self.words = Words(template, **values)
        super().__init__(str(self.words))

    @property
    def template(self) -> str:
        return self.words.template

    @property
    def values(self) -> dict:
        return self.words.values

    def in_language(self, t, zone: str = "UTC") -> str:
        return self.words.in_language(t, zone)


def _english(value) -> str:
    if isinstance(value, Words):
        return str(value)
    if isinstance(value, Either):
        return " or ".join(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, datetime):
        moment = value.astimezone(timezone.utc) if value.tzinfo else value  # naive times are stored in UTC
        return f"{moment:%Y-%m-%d %H:%M} UTC"
    return str(value)


def _shown(value, t, zone: str) -> str:
    if isinstance(value, Words):
        return value.in_language(t, zone)
    if isinstance(value, Term):
        return t.tr(value)
    if isinstance(value, Either):
        words = [t.tr(term) for term in value]
        return t.tr("{first} or {last}", first=", ".join(words[:-1]), last=words[-1]) if len(words) > 1 else words[0]
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return t.number(value)
    if isinstance(value, datetime):
        return t.datetime(value, zone)
    return str(value)
