"""A translator per language: gettext catalogues for words, Babel for numbers, dates and times."""

import gettext
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from tracker.i18n.choose import DEFAULT_LANGUAGE, LANGUAGES

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "tracker"
# A language that exists only in tests: every translated string comes back marked, so a test can find any
# text on a page that did not pass through the translator.
PSEUDO = "qps"
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message):
        return f"{PSEUDO_OPEN}{message}{PSEUDO_CLOSE}"

    def ngettext(self, singular, plural, n):
        return f"{PSEUDO_OPEN}{singular if n == 1 else plural}{PSEUDO_CLOSE}"


class Translator:
    """Words and formats in one language; immutable, so sessions may share it."""

    def __init__(self, language: str, catalogue: gettext.NullTranslations):
        self.language = language
        self._catalogue = catalogue
        # Babel formats the pseudo language as English.
        self._locale = DEFAULT_LANGUAGE if language == PSEUDO else language

    def tr(self, message: str, **values) -> str:
        """The message in this language, with `{name}` placeholders filled from `values`."""
        text = self._catalogue.gettext(message)
        return text.format(**values) if values else text

    def tr_n(self, singular: str, plural: str, count: int, **values) -> str:
        """The singular or plural form for `count` (available as `{count}`), filled from `values`."""
        return self._catalogue.ngettext(singular, plural, count).format(count=self.number(count), **values)

    def number(self, value: int | float) -> str:
        return babel_numbers.format_decimal(value, locale=self._locale)

    def percent(self, share: float) -> str:
        return babel_numbers.format_percent(share, locale=self._locale)

    def date(self, value: date, form: str = "long") -> str:
        """`1 December 2026` / `1 de diciembre de 2026`."""
        return babel_dates.format_date(value, format=form, locale=self._locale)

    def datetime(self, value: datetime, zone: str, named: bool = True) -> str:
        """A stored (UTC) time in `zone`: `Dec 1, 2026, 5:07 PM (Mexico City time)`; unnamed, where a column's
        header names the zone once, `Dec 1, 2026, 5:07 PM`."""
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)  # SQLite keeps UTC naive
        local = moment.astimezone(ZoneInfo(zone))
        date = babel_dates.format_date(local, "medium", locale=self._locale)
        time = babel_dates.format_time(local, "short", locale=self._locale)
        if not named:
            return self.tr("{date}, {time}", date=date, time=time)
        return self.tr("{date}, {time} ({city} time)", date=date, time=time, city=self.zone_city(zone))

    def zone_city(self, zone: str) -> str:
        """The city a time zone is named after, in this language: `Ciudad de México`."""
        return babel_dates.get_timezone_location(ZoneInfo(zone), locale=self._locale, return_city=True)


@lru_cache(maxsize=None)
def translator(language: str) -> Translator:
    """The translator for a language code; English for a code without a catalogue."""
    if language == PSEUDO:
        return Translator(PSEUDO, _Pseudo())
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    catalogue = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True)
    return Translator(language, catalogue)
