"""The notes the tracker writes into the store read in the reader's language; anyone else's words stay as written."""

import pytest

from tracker.i18n import translator
from tracker.store import own_notes

ES = translator("es")


@pytest.mark.parametrize("stored, spanish", [
    # As sync_record wrote them before the templates existed (older databases and backups hold these).
    ("Curated status loaded from data/responses.yaml", "Estado según la curaduría, cargado de data/responses.yaml"),
    ("Curated status changed from Partial to Addressed in data/responses.yaml",
     "El estado según la curaduría cambió de Atendido parcialmente a Atendido en data/responses.yaml"),
    ("The curated status changed from Deferred to Not addressed; the monitors' assessment (Partial) was kept. "
     "Review it.", "El estado según la curaduría cambió de Diferido a No atendido; se mantuvo la evaluación de las "
                   "personas monitoras (Atendido parcialmente). Revíselo."),
], ids=["loaded", "changed", "flagged"])
def test_the_tracker_notes_read_in_spanish(stored, spanish):
    assert own_notes.in_language(stored, ES) == spanish
    assert own_notes.history_note(stored, own_notes.CURATION, ES) == spanish


@pytest.mark.parametrize("stored", [
    "Curated status changed from Partial to Addressed in data/responses.yaml — and more",  # not the whole note
    "Curated status changed from partial to addressed in data/responses.yaml",  # codes, not labels
    "Curated status changed from Open to Addressed in data/responses.yaml",  # not a status
    "CMW/C/MEX/3 ¶ 140–145 describe the measures",
    "",
    None,
])
def test_other_words_stay_as_written(stored):
    assert own_notes.in_language(stored, ES) == stored


def test_a_monitor_note_is_never_rewritten():
    note = "Curated status loaded from data/responses.yaml"  # a monitor may write anything, this too
    assert own_notes.history_note(note, "monitor", ES) == note


def test_what_sync_stores_is_what_it_always_stored():
    assert own_notes.note(own_notes.CURATION_CHANGED, old="partial", new="addressed") == \
        "Curated status changed from Partial to Addressed in data/responses.yaml"
    assert own_notes.note(own_notes.CURATION_FLAGGED, old="deferred", new="not_addressed", kept="partial") == (
        "The curated status changed from Deferred to Not addressed; the monitors' assessment (Partial) was kept. "
        "Review it.")
