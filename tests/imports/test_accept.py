"""tracker/imports/accept.py: an accepted proposal becomes an appended, valid part of the curated record,
which loads into the database; a refused one changes nothing."""

import pytest
import yaml
from sqlalchemy import text

from tracker.imports.accept import AcceptRefused, Correction, accept_item, accept_reply, reject
from tracker.imports.queue import read_queue
from tracker.imports.replies import queue_replies, read_reply
from tracker.imports.uhri import Choice, queue_uhri, read_uhri
from tracker.startup import open_database
from tracker.validation import check_record

from .conftest import CURATED, FIXTURES


@pytest.fixture
def reply_queue(record):
    return queue_replies(record, read_reply(FIXTURES / "replies-es.txt", "CMW/C/MEX/QPR/4"))


def _texts(data_dir):
    return {name: (data_dir / name).read_text(encoding="utf-8") for name in CURATED}


def test_accepting_a_deferral_appends_a_valid_response_and_question(record, reply_queue):
    before = _texts(record)

    written = accept_reply(record, reply_queue, 2)

    assert written == ["CMW-2023-Q02", "MEX-2024-Q02"]
    after = _texts(record)
    for name in ("recommendations.yaml", "responses.yaml"):
        assert after[name].startswith(before[name]) and len(after[name]) > len(before[name])  # only appended
    response = yaml.safe_load(after["responses.yaml"])[-1]
    assert response["paragraphs"] == [3] and response["status"] == "deferred"
    assert response["rationale"] == 'The reply says: "La información solicitada se proporcionará al Comité durante el examen del informe." (3)'
    assert "cut at heading" in response["boundary"]
    record_, problems = check_record(record)
    assert problems == [] and "CMW-2023-Q02" in {item.id for item in record_.recommendations}
    assert read_queue(reply_queue)["proposals"][1]["decision"] == "accepted"


def test_a_corrected_reply_is_written_as_corrected(record, reply_queue):
    accept_reply(record, reply_queue, 4, Correction(status="addressed", summary="The CNDH visits holding centres.",
                                                    rationale="Describes the visits with figures (4-5).", last=5))
    response = yaml.safe_load((record / "responses.yaml").read_text(encoding="utf-8"))[-1]
    assert (response["id"], response["paragraphs"], response["status"]) == ("MEX-2024-Q04", [5], "addressed")


@pytest.mark.parametrize("question, correction, message", [
    (1, Correction(), "needs a status and a summary"),
    (9, Correction(), "holds no proposal 9"),
    (1, Correction(status="answered", summary="S.", rationale="R."), "would not validate: responses.yaml"),
])
def test_a_refused_accept_changes_nothing(record, reply_queue, question, correction, message):
    before = _texts(record)
    with pytest.raises(AcceptRefused, match=message):
        accept_reply(record, reply_queue, question, correction)
    assert _texts(record) == before


def test_a_reply_is_accepted_once(record, reply_queue):
    accept_reply(record, reply_queue, 2)
    with pytest.raises(AcceptRefused, match="2 was already accepted as CMW-2023-Q02, MEX-2024-Q02"):
        accept_reply(record, reply_queue, 2)


def test_a_reply_needs_its_documents_in_the_record(record, tmp_path):
    queue = queue_replies(record, read_reply(FIXTURES / "replies-fr.txt", "CMW/C/EXL/QPR/1"))
    with pytest.raises(AcceptRefused, match="no document with symbol 'CMW/C/EXL/QPR/1' in documents.yaml"):
        accept_reply(record, queue, 2)


def test_rejecting_marks_the_proposal_only(record, reply_queue):
    before = _texts(record)
    reject(reply_queue, 3)
    assert read_queue(reply_queue)["proposals"][2]["decision"] == "rejected" and _texts(record) == before


def test_an_accepted_uhri_item_validates_and_loads(record, settings_for):
    queue, _, _ = queue_uhri(record, read_uhri(FIXTURES / "uhri-sample.json", Choice("Mexico", "CMW")))

    written = accept_item(record, queue, "00000000-0000-4000-8000-000000000025")

    assert written == ["CMW-C-MEX-CO-4", "CMW-C-MEX-CO-4-P25", "CMW-C-MEX-CO-4-P25-OPEN"]
    assert check_record(record)[1] == []
    engine = open_database(settings_for(record)).engine
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT mechanism, year FROM recommendation WHERE id = :id"),
                               {"id": "CMW-C-MEX-CO-4-P25"}).one()
    finally:
        engine.dispose()
    assert tuple(row) == ("CMW", 2025)
    item = yaml.safe_load((record / "recommendations.yaml").read_text(encoding="utf-8"))[-1]
    assert item["themes"] == ["access-to-justice-remedy", "equality-non-discrimination"]
    assert item["topic"].startswith("The Committee recommends that the State party ensure access to justice")


def test_a_uhri_item_for_an_unknown_mechanism_is_refused(record):
    queue, _, _ = queue_uhri(record, read_uhri(FIXTURES / "uhri-sample.json", Choice("Mexico", "CRC")))
    before = _texts(record)
    with pytest.raises(AcceptRefused, match="add the mechanism 'CRC' to actors.yaml"):
        accept_item(record, queue, "00000000-0000-4000-8000-000000000031")
    assert _texts(record) == before


def test_an_accepted_uhri_item_keeps_its_labels_as_written_and_filters_by_them(record, settings_for):
    from tracker.filters import Filters
    from tracker.store.queries import item_ids

    queue, _, _ = queue_uhri(record, read_uhri(FIXTURES / "uhri-sample.json", Choice("Mexico", "CMW")))
    accept_item(record, queue, "00000000-0000-4000-8000-000000000025")
    item = yaml.safe_load((record / "recommendations.yaml").read_text(encoding="utf-8"))[-1]
    assert item["uhri"] == {"annotation_id": "00000000-0000-4000-8000-000000000025",
                            "themes": ["Access to justice & remedy", "Equality & non-discrimination"],
                            "sdgs": ["10.7 - Facilitate orderly, safe, regular and responsible migration"],
                            "affected_persons": ["Migrants", "Women & girls"]}
    engine = open_database(settings_for(record)).engine
    try:
        assert item_ids(engine, Filters(affected_persons=("Women & girls",))) == ["CMW-C-MEX-CO-4-P25"]
        assert item_ids(engine, Filters(uhri_themes=("Access to justice & remedy",), sdgs=("10.7",))) == []
    finally:
        engine.dispose()


UPR_RECORD = {"AnnotationId": "00000000-0000-4000-8000-0000000a1512", "AnnotationType": "- Recommendations",
              "Body": "- UPR", "Countries": ["Mexico"], "PublicationDate": "2024-03-01T00:00:00",
              "Symbol": "A/HRC/TST/UPR/1", "Themes": ["Migrants"],
              "Text": "145.12 Ratify the Convention's optional declarations (test);"}


def test_a_upr_paragraph_number_survives_accept_and_shows_as_written(record, settings_for, tmp_path):
    import json

    with (record / "actors.yaml").open("a", encoding="utf-8") as out:
        out.write("\n- id: UPR\n  name: Universal Periodic Review (test)\n  kind: mechanism\n")
    export = tmp_path / "upr.json"
    export.write_text(json.dumps([UPR_RECORD]), encoding="utf-8")
    queue, _, _ = queue_uhri(record, read_uhri(export, Choice("Mexico", "UPR")))

    written = accept_item(record, queue, UPR_RECORD["AnnotationId"])

    assert written[1] == "A-HRC-TST-UPR-1-P145.12"
    item = yaml.safe_load((record / "recommendations.yaml").read_text(encoding="utf-8"))[-1]
    assert item["paragraphs"] == ["145.12"]
    assert "paragraphs: ['145.12']" in (record / "recommendations.yaml").read_text(encoding="utf-8")
    engine = open_database(settings_for(record)).engine
    try:
        with engine.connect() as conn:
            shown = conn.execute(text("SELECT paragraphs FROM recommendation WHERE id = :id"),
                                 {"id": written[1]}).scalar_one()
    finally:
        engine.dispose()
    assert shown == "145.12"
