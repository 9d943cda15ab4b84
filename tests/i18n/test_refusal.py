"""Refusals and notes keep their template, so each reader gets them in their own language with local formats."""

import time
from datetime import datetime, timedelta, timezone

import pytest

from tracker.i18n import Either, Refusal, Term, Words, translator
from tracker.store.crud import MAX_NOTE, Change, InvalidChange, NotAllowed, check_change, require_role

ES, EN = translator("es"), translator("en")
MOMENT = datetime(2026, 12, 2, 1, 15, tzinfo=timezone.utc)
KOLKATA = timezone(timedelta(hours=5, minutes=30))


@pytest.mark.parametrize("words, english, spanish", [
    (Words("The note is {length} characters; the limit is {limit}.", length=5001, limit=MAX_NOTE),
     "The note is 5,001 characters; the limit is 5,000.", "La nota tiene 5.001 caracteres; el límite es 5.000."),
    (Words("{first} or {last}", first="a", last="b"), "a or b", "a o b"),
    (Words("An anonymous visitor may not {action}; that needs the role {roles}.", action=Term("change statuses"),
           roles=Either((Term("monitor"), Term("admin")))),
     "An anonymous visitor may not change statuses; that needs the role monitor or admin.",
     "Una visita sin sesión iniciada no puede cambiar estados; para ello se necesita el rol de monitoreo o "
     "administración."),
    (Words("Rejected {key}.", key="Q3"), "Rejected Q3.", "Se rechazó Q3."),
], ids=["numbers", "plain", "terms-and-alternatives", "text-value"])
def test_words_in_english_and_spanish(words, english, spanish):
    assert str(words) == english
    assert words.in_language(EN) == english
    assert words.in_language(ES) == spanish


def test_a_moment_is_utc_in_english_and_local_with_its_zone_in_the_reader_language():
    words = Words("{who} changed it from {old} to {new} at {at}: “{note}”", who="ana", old=Term("Partial"),
                  new=Term("Addressed"), at=MOMENT, note="¶ 3")
    assert str(words) == "ana changed it from Partial to Addressed at 2026-12-02 01:15 UTC: “¶ 3”"
    spanish = words.in_language(ES, "America/Mexico_City")
    assert spanish.startswith("ana lo cambió de Atendido parcialmente a Atendido el 1 dic 2026, 19:15 (hora de ")
    assert spanish.endswith("): «¶ 3»")


def test_nested_words_are_translated_too():
    inner = Words("the list of issues {symbol}", symbol="CMW/C/MEX/QPR/3")
    outer = Refusal("no document with {key} {value} in documents.yaml: add {what} there first", key="symbol",
                    value="'X'", what=inner)
    assert str(outer) == "no document with symbol 'X' in documents.yaml: add the list of issues CMW/C/MEX/QPR/3 there first"
    assert outer.in_language(ES) == ("no hay ningún documento con symbol 'X' en documents.yaml: agregue primero allí "
                                     "la lista de cuestiones CMW/C/MEX/QPR/3")


@pytest.mark.parametrize("note, spanish", [
    ("short", "al menos 10 caracteres"),
    ("x" * (MAX_NOTE + 1), "La nota tiene 5.001 caracteres; el límite es 5.000."),
])
def test_a_refused_change_reads_in_spanish(note, spanish):
    with pytest.raises(InvalidChange) as refused:
        check_change(Change("Q1", 1, "addressed", note))
    assert spanish in refused.value.in_language(ES)


def test_a_role_refusal_names_the_roles_in_the_reader_language(engine):
    with engine.begin() as conn, pytest.raises(NotAllowed) as refused:
        require_role(conn, "nobody@example.org", ("monitor", "admin"))
    assert str(refused.value) == ("nobody@example.org (no account) may not change statuses; that needs the role "
                                  "monitor or admin.")
    assert refused.value.in_language(ES) == ("nobody@example.org (sin cuenta) no puede cambiar estados; para ello se "
                                             "necesita el rol de monitoreo o administración.")


def test_the_zone_reaches_every_moment_nested_or_not():
    change = Words("{who} changed it from {old} to {new} at {at}: “{note}”", who="ana", old=Term("Partial"),
                   new=Term("Addressed"), at=MOMENT, note="¶ 3")
    refusal = Refusal("{item}: {change}", item="Q1", change=change)
    assert "19:15 (hora de Ciudad de México)" in refusal.in_language(ES, "America/Mexico_City")
    assert "1:15 (hora de " in refusal.in_language(ES)  # UTC unless told


@pytest.mark.parametrize("moment", [datetime(2026, 12, 2, 1, 15), datetime(2026, 12, 2, 6, 45, tzinfo=KOLKATA)],
                         ids=["naive-is-utc", "aware-converted"])
def test_a_moment_in_english_is_always_utc(moment, monkeypatch):
    monkeypatch.setenv("TZ", "America/Mexico_City")  # the server's own zone plays no part
    time.tzset()
    try:
        assert str(Words("at {at}", at=moment)) == "at 2026-12-02 01:15 UTC"
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize("terms, english, spanish", [
    (("admin",), "admin", "administración"),
    (("viewer", "monitor", "admin"), "viewer or monitor or admin", "lectura, monitoreo o administración"),
])
def test_alternatives_of_any_length(terms, english, spanish):
    words = Words("{roles}", roles=Either(Term(term) for term in terms))
    assert str(words) == english and words.in_language(ES) == spanish


def test_other_values_are_shown_as_they_are():
    words = Words("{flag} {text}", flag=True, text="CMW/C/MEX/3")
    assert str(words) == words.in_language(ES) == "True CMW/C/MEX/3"
