"""tracker/imports/uhri*.py: the UHRI export (JSON streamed, XLSX read-only) into proposed items, each
quirk of the export survived, bad records reported with position and AnnotationId, idempotent queueing."""

import json
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from tracker.imports.uhri import Choice, queue_uhri, read_uhri
from tracker.imports.uhri_read import XLSX_COLUMNS, UnreadableExport
from tracker.imports.uhri_records import BadRecord, usable

from .conftest import FIXTURES

SAMPLE = FIXTURES / "uhri-sample.json"
MEXICO_CMW = Choice("Mexico", "CMW")


def _id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def _record(**fields) -> dict:
    return {"AnnotationId": _id(1), "Body": "- CMW", "Countries": ["Mexico"], "Symbol": "CMW/C/MEX/CO/4",
            "PublicationDate": "2025-04-25T00:00:00", "Text": "4.The Committee recommends. ", **fields}


def test_sample_dry_run_lists_the_chosen_items():
    found = read_uhri(SAMPLE, MEXICO_CMW).dry_run()

    assert found["records"] == 13
    assert [(i["id"], i["paragraph"], i["mechanism"], i["year"]) for i in found["items"]] == [
        ("CMW-C-MEX-CO-4-P25", "25", "CMW", 2025), ("CMW-C-MEX-CO-4-P27", "27", "CMW", 2025),
        ("CMW-C-MEX-CO-4-P29", "29", "CMW", 2025), ("CMW-C-MEX-CO-4-P45", "45", "CMW", 2025)]
    assert set(found["items"][0]) == {"id", "symbol", "paragraph", "mechanism", "year", "countries", "themes"}


def test_every_bad_record_is_reported_with_position_and_annotation_id():
    problems = read_uhri(SAMPLE, MEXICO_CMW).problems
    assert [p.split(": ", 1)[1] for p in problems] == [
        "record 7 (AnnotationId missing): AnnotationId: missing",
        f"record 8 (AnnotationId {_id(39)}): Text: no paragraph number at the start: "
        "'The Committee recommends, without a number.'",
        f"record 9 (AnnotationId {_id(41)}): PublicationDate: 'yesterday' is not an ISO date",
        f"record 10 (AnnotationId {_id(25)}): AnnotationId: appears twice in the export; the first is kept",
        "record 12 (AnnotationId missing): record: expected an object, found str",
    ]
    assert all(p.startswith(f"{SAMPLE}: ") for p in problems)


# Each quirk the notes list: (record fields, attribute, expected value).
QUIRKS = [
    ({"Countries": ["MX"]}, "countries", ("Mexico",)),  # a bare ISO-2 code beside full names
    ({"Countries": ["State of Palestine*"]}, "observers", ("State of Palestine",)),  # an observer's asterisk
    ({"Countries": ["State of Palestine*"]}, "countries", ("State of Palestine",)),
    ({"Themes": [" Participation of women in political & public life "]}, "themes",
     ("Participation of women in political & public life",)),  # stray spaces in a label
    ({"Body": "- IE  Albinism"}, "body", "IE Albinism"),  # a doubled space
    ({"Text": "4.The Committee&rsquo;s concern&nbsp;about detention &amp; return."}, "text",
     "The Committee’s concern about detention & return."),  # HTML entities
    ({"Text": "<p>Women and peace and security</p><p>11.The Committee notes:</p>"}, "heading",
     "Women and peace and security"),  # HTML, and a heading before the number
    ({"Text": "Rural women 49.The Committee notes with concern"}, "paragraph", "49"),
    ({"Text": "124.5 Ratify the Convention"}, "paragraph", "124.5"),
    ({"AnnotationType": "3f1c2a4e-9b7d-4e21-8c55-0a1b2c3d4e5f"}, "annotation_type", None),  # a UUID for a type
    ({"AnnotationType": "- Concerns/Observations"}, "annotation_type", "Concerns/Observations"),
    ({"Body": "- Committee on Migrant Workers"}, "body", "CMW"),  # the long form of a committee
    ({"Sdgs": ["- 16.2 - Protect children from abuse"]}, "sdgs", ("16.2 - Protect children from abuse",)),
    ({"AnnotationId": _id(1).upper()}, "annotation_id", _id(1)),
]


@pytest.mark.parametrize("fields, attribute, expected", QUIRKS, ids=[f"{q[1]}-{i}" for i, q in enumerate(QUIRKS)])
def test_quirks_of_the_export_are_survived(fields, attribute, expected):
    assert getattr(usable(_record(**fields), "record 1"), attribute) == expected


@pytest.mark.parametrize("fields, field", [
    ({"Symbol": ""}, "Symbol"), ({"Text": None}, "Text"), ({"Countries": {"a": 1}}, "Countries"),
    ({"PublicationDate": 45422}, "PublicationDate"), ({"AnnotationId": "42"}, "AnnotationId"),
])
def test_unusable_fields_raise_bad_record_naming_the_field(fields, field):
    with pytest.raises(BadRecord) as raised:
        usable(_record(**fields), "record 9")
    assert raised.value.field == field and str(raised.value).startswith("record 9 (AnnotationId")


@pytest.mark.parametrize("country, body, symbols", [
    ("MX", "CMW", ["CMW/C/MEX/CO/4"] * 4),
    ("Mexico", "Committee on Migrant Workers", ["CMW/C/MEX/CO/4"] * 4),
    ("Mexico", "SR Migrants", ["A/HRC/59/40/Add.1"]),
    ("Guatemala", "CMW", ["CMW/C/GTM/CO/2", "CMW/C/MEX/CO/4"]),
    ("State of Palestine", "CMW", ["CMW/C/PSE/CO/1"]),
    ("Mexico", "CRC", ["CRC/C/MEX/CO/6-7"]),
])
def test_country_and_body_choose_the_records(country, body, symbols):
    assert [item.symbol for item in read_uhri(SAMPLE, Choice(country, body)).items] == symbols


def test_queueing_twice_updates_and_keeps_decisions(tmp_path):
    path, added, updated = queue_uhri(tmp_path, read_uhri(SAMPLE, MEXICO_CMW))
    assert (added, updated) == (4, 0)
    queue = yaml.safe_load(path.read_text(encoding="utf-8"))
    queue["items"][1]["decision"] = "rejected"
    path.write_text(yaml.safe_dump(queue, allow_unicode=True), encoding="utf-8")

    path, added, updated = queue_uhri(tmp_path, read_uhri(SAMPLE, MEXICO_CMW))

    again = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (added, updated) == (0, 4)
    assert [(i["annotation_id"], i["decision"]) for i in again["items"]] == [
        (_id(25), "pending"), (_id(27), "rejected"), (_id(29), "pending"), (_id(45), "pending")]
    assert again["items"][1]["heading"] == "Women and peace and security"


def _xlsx(path: Path, records: list[dict]) -> None:
    json_to_header = {}
    for header, key in XLSX_COLUMNS.items():
        json_to_header.setdefault(key, header)
    book = Workbook()
    sheet = book.active
    sheet.append(list(json_to_header.values()))
    for record in records:
        row = []
        for key in json_to_header:
            value = record.get(key)
            if isinstance(value, list):
                value = "\n".join(f"- {v}" for v in value) or None
            elif key == "PublicationDate" and value.startswith("2025-04-25"):
                value = 45772  # the Excel serial of 2025-04-25
            row.append(value)
        sheet.append(row)
    book.save(path)


def test_xlsx_export_gives_the_same_items_as_json(tmp_path):
    records = [r for r in json.loads(SAMPLE.read_text(encoding="utf-8")) if isinstance(r, dict)]
    path = tmp_path / "export.xlsx"
    _xlsx(path, records)

    from_xlsx = read_uhri(path, MEXICO_CMW)

    assert from_xlsx.dry_run()["items"] == read_uhri(SAMPLE, MEXICO_CMW).dry_run()["items"]
    assert [p.split(": ", 1)[1].split(":")[0] for p in from_xlsx.problems] == [
        "row 8 (AnnotationId missing)", f"row 9 (AnnotationId {_id(39)})", f"row 10 (AnnotationId {_id(41)})",
        f"row 11 (AnnotationId {_id(25)})"]


@pytest.mark.parametrize("content, message", [
    (b'{"AnnotationId": "x"}', "does not open with an array"),
    (b'[{"AnnotationId": "00000000-0000-4000-8000-000000000001"}, {"Body": ', "breaks off after record 1"),
])
def test_a_broken_export_imports_nothing(tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_bytes(content)
    with pytest.raises(UnreadableExport, match=message):
        read_uhri(path, MEXICO_CMW)


def test_an_interrupted_import_leaves_the_queue_as_it_was(tmp_path, monkeypatch, capsys):
    import argparse

    from tracker.imports import cli, uhri

    path, _, _ = queue_uhri(tmp_path, read_uhri(SAMPLE, MEXICO_CMW))
    before = path.read_bytes()

    def interrupt(count):
        raise KeyboardInterrupt

    monkeypatch.setattr(uhri, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(cli, "_progress", interrupt)
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True)
    args = argparse.Namespace(file=str(SAMPLE), country="Mexico", body="CMW", dry_run=False, json=False)

    assert cli.import_uhri(args, tmp_path) == 130
    assert "interrupted; nothing imported" in capsys.readouterr().err
    assert path.read_bytes() == before
