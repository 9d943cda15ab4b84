"""Words through the catalogue, numbers and dates by the language's conventions, times in a named zone."""

import builtins
from datetime import date, datetime, timezone

import pytest

from tracker.i18n import PSEUDO, translator


@pytest.mark.parametrize("language, value, expected", [
    ("en", 1234, "1,234"), ("es", 12345, "12.345"), ("en", 0.5, "0.5"), ("es", 1234.5, "1.234,5"),
])
def test_numbers_follow_the_language(language, value, expected):
    assert translator(language).number(value) == expected


@pytest.mark.parametrize("language, expected", [("en", "December 1, 2026"), ("es", "1 de diciembre de 2026")])
def test_dates_follow_the_language(language, expected):
    assert translator(language).date(date(2026, 12, 1)) == expected


@pytest.mark.parametrize("language, stored, expected", [
    # 23:07 UTC is 17:07 in Mexico City (UTC-6, no daylight saving time since 2022)
    ("es", datetime(2026, 12, 1, 23, 7, tzinfo=timezone.utc), "1 dic 2026, 17:07 (hora de Ciudad de México)"),
    ("en", datetime(2026, 12, 1, 23, 7), "Dec 1, 2026, 5:07\u202fPM (Mexico City time)"),  # SQLite: naive UTC
])
def test_times_are_shown_in_the_zone_with_its_name(language, stored, expected):
    assert translator(language).datetime(stored, "America/Mexico_City") == expected


@pytest.mark.parametrize("language, expected, city", [("es", "1 dic 2026, 17:07", "Ciudad de México"),
                                                     ("en", "Dec 1, 2026, 5:07\u202fPM", "Mexico City")])
def test_a_time_under_a_header_that_names_the_zone(language, expected, city):
    t = translator(language)
    assert t.datetime(datetime(2026, 12, 1, 23, 7), "America/Mexico_City", named=False) == expected
    assert t.zone_city("America/Mexico_City") == city


def test_a_time_that_knows_its_zone_and_a_naive_one_read_as_utc_whatever_the_servers_zone(monkeypatch):
    import time
    from zoneinfo import ZoneInfo

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # a server elsewhere: naive times are still UTC, never local
    time.tzset()
    try:
        es = translator("es")
        aware = datetime(2026, 12, 1, 17, 7, tzinfo=ZoneInfo("America/Mexico_City"))
        assert es.datetime(aware, "America/Mexico_City", named=False) == "1 dic 2026, 17:07"
        assert es.datetime(datetime(2026, 12, 1, 23, 7), "America/Mexico_City", named=False) == "1 dic 2026, 17:07"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_times_in_another_zone():
    shown = translator("en").datetime(datetime(2026, 7, 1, 12, 0, tzinfo=timezone.utc), "Europe/Madrid")
    assert shown.startswith("Jul 1, 2026, 2:00") and "Madrid" in shown


def test_placeholders_are_filled_after_translation():
    assert translator("es").tr("{date}, {time} ({city} time)", date="d", time="t", city="c") == "d, t (hora de c)"


def test_unknown_language_is_english():
    assert translator("xx").language == "en"
    assert translator("xx").tr("{date}, {time} ({city} time)", date="d", time="t", city="c") == "d, t (c time)"


def test_pseudo_language_marks_every_translated_string():
    pseudo = translator(PSEUDO)
    assert pseudo.tr("Overview") == "⟦Overview⟧"
    assert pseudo.tr_n("{count} item", "{count} items", 3) == "⟦3 items⟧"
    assert pseudo.number(1234) == "1,234"


def test_languages_do_not_leak_between_sessions():
    spanish, english = translator("es"), translator("en")
    assert spanish.tr("{date}, {time} ({city} time)", date="", time="", city="x").endswith("(hora de x)")
    assert english.tr("{date}, {time} ({city} time)", date="", time="", city="x").endswith("(x time)")
    # nothing installs a process-wide translation function
    assert not hasattr(builtins, "_")
