"""tracker/imports/deferrals.py: deferral sentences in English, Spanish and French, whole or partial."""

import pytest

from tracker.imports import find_deferral
from tracker.imports.deferrals import defers, sentences

DEFERS = [
    "The reply will be provided to the Committee when the report is considered.",
    "Information on the activities of the Southern Border Programme will be provided to the Committee during its consideration of the report.",
    "The information requested will be submitted at a later date.",
    "The State party will provide the data in due course.",
    "La información solicitada se proporcionará al Comité durante el diálogo.",
    "Los datos se remitirán posteriormente.",
    "La respuesta será proporcionada en una fecha posterior.",
    "Les informations demandées seront fournies ultérieurement.",
    "La réponse sera fournie au Comité lors du dialogue.",
    "Les données seront communiquées à une date ultérieure.",
]
ANSWERS = [
    "The programme is provided by external legal advisers in the United States.",
    "Legal assistance will be provided to 3,000 returnees in 2018.",  # a future measure, not information
    "The information is provided in the following annexes:",
    "Information was provided to 619 individuals.",
    "La información se publicó en 2016.",
    "El programa proporcionará asistencia jurídica a los migrantes.",
    "Les informations figurent à l'annexe 3.",
    "Le programme sera étendu en 2026.",
]


@pytest.mark.parametrize("sentence", DEFERS)
def test_deferral_sentences_are_found(sentence):
    assert defers(sentence)


@pytest.mark.parametrize("sentence", ANSWERS)
def test_answers_are_not_deferrals(sentence):
    assert not defers(sentence)


def test_a_reply_that_only_defers_is_a_whole_deferral():
    deferral = find_deferral([(67, "The reply will be provided to the Committee when the report is considered.")])
    assert deferral.whole and deferral.paragraph == 67
    assert deferral.sentence == "The reply will be provided to the Committee when the report is considered."


def test_a_reply_that_also_answers_is_a_partial_deferral_quoting_the_sentence():
    deferral = find_deferral([(4, "Se capacitó a 500 servidores públicos."),
                              (5, "Hubo 30 cursos. Los datos por sexo se remitirán posteriormente.")])
    assert not deferral.whole
    assert (deferral.paragraph, deferral.sentence) == (5, "Los datos por sexo se remitirán posteriormente.")


def test_a_reply_without_deferral_has_none():
    assert find_deferral([(1, "The Act was amended in 2015. It applies nationwide.")]) is None


def test_sentences_split_at_full_stops_and_line_breaks():
    assert sentences("One. Two (three).\n(a) Four") == ["One.", "Two (three).", "(a) Four"]


def test_a_sentence_wrapped_over_lines_is_one_sentence():
    # PDF text wraps lines mid-sentence; the deferral is still whole.
    deferral = find_deferral([(173, "The reply will be provided to the Committee during its consideration of\nthe report.")])
    assert deferral.whole and deferral.sentence.endswith("consideration of the report.")
    assert defers(sentences("Information on the programme will be\nprovided to the Committee later.")[0])
