"""`tracker import-reply` as a process: the dry-run JSON, exit statuses, and the queue file it writes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from tracker.settings import PROJECT_ROOT

from .conftest import FIXTURES


def tracker(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"TRACKER_DATA_DIR": str(data_dir)} if data_dir else {})}
    return subprocess.run([sys.executable, "-m", "tracker.cli", *args], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, env=env, timeout=120)


def test_dry_run_json_has_the_issue_shape(tmp_path):
    result = tracker("import-reply", str(FIXTURES / "replies-fr.txt"), "--replies-to", "CMW/C/EXL/QPR/1",
                     "--dry-run", "--json", data_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"replies": [
        {"question": 1, "first": 1, "last": 2, "deferred": False},
        {"question": 2, "first": 3, "last": 3, "deferred": True},
        {"question": 3, "first": 4, "last": 4, "deferred": False},
        {"question": 4, "first": 5, "last": 5, "deferred": False},
    ], "problems": []}
    assert not (tmp_path / "proposed").exists()


def test_mexico_dry_run_finds_all_37(tmp_path, mexico_lines):
    path = Path(os.environ.get("TRACKER_SOURCES_DIR") or PROJECT_ROOT.parent / "shared" / "sources")
    result = tracker("import-reply", str(path / "mexico-2017-replies-to-cmw-list-of-issues.txt"),
                     "--replies-to", "CMW/C/MEX/QPR/3", "--dry-run", "--json", data_dir=tmp_path)

    replies = json.loads(result.stdout)["replies"]
    assert [r["question"] for r in replies] == list(range(1, 38))
    assert [r["question"] for r in replies if r["deferred"]] == [10, 19, 31]


def test_nothing_segmented_exits_1_with_a_located_message(tmp_path):
    document = tmp_path / "notes.txt"
    document.write_text("1.\tOne paragraph.\n2.\tAnother.\n", encoding="utf-8")

    result = tracker("import-reply", str(document), "--replies-to", "X/1", "--dry-run", "--json", data_dir=tmp_path)

    assert result.returncode == 1
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem.startswith(f"{document}: no reply could be segmented: 2 numbered paragraph(s) found")
    assert "Traceback" not in result.stderr


def test_unreadable_file_exits_1_naming_it(tmp_path):
    result = tracker("import-reply", str(tmp_path / "absent.docx"), "--replies-to", "X/1", data_dir=tmp_path)
    assert result.returncode == 1
    assert f"tracker: {tmp_path / 'absent.docx'}: cannot read as docx" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_queues_proposals_with_evidence_and_keeps_decisions(tmp_path):
    args = ("import-reply", str(FIXTURES / "replies-es.txt"), "--replies-to", "CMW/C/EJM/QPR/4")
    assert tracker(*args, data_dir=tmp_path).returncode == 0
    path = tmp_path / "proposed" / "replies-CMW-C-EJM-QPR-4.yaml"
    queue = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert queue["replies_to"] == "CMW/C/EJM/QPR/4" and queue["source"] == "replies-es.txt"
    third = queue["proposals"][2]
    assert third["deferral"] == {"whole": False, "paragraph": 4,
                                 "sentence": "Los datos desagregados por sexo se remitirán posteriormente."}
    assert third["evidence"].startswith('heading "Respuesta al párrafo 3') and third["confidence"] == 0.95
    assert {p["decision"] for p in queue["proposals"]} == {"pending"}

    queue["proposals"][0]["decision"] = "rejected"
    path.write_text(yaml.safe_dump(queue, allow_unicode=True), encoding="utf-8")
    assert tracker(*args, data_dir=tmp_path).returncode == 0
    again = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [p["decision"] for p in again["proposals"]] == ["rejected"] + ["pending"] * 4


def test_import_uhri_dry_run_json_and_idempotent_queue(tmp_path):
    args = ("import-uhri", str(FIXTURES / "uhri-sample.json"), "--country", "MX", "--body", "CMW")
    dry = tracker(*args, "--dry-run", "--json", data_dir=tmp_path)
    assert dry.returncode == 0, dry.stderr
    shown = json.loads(dry.stdout)
    assert set(shown) == {"records", "items", "problems"} and shown["records"] == 13
    assert len(shown["items"]) == 4 and len(shown["problems"]) == 5
    assert not (tmp_path / "proposed").exists()

    first = tracker(*args, data_dir=tmp_path)
    path = tmp_path / "proposed" / "uhri-CMW-MX.yaml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    second = tracker(*args, data_dir=tmp_path)
    after = yaml.safe_load(path.read_text(encoding="utf-8"))

    assert "4 new and 0 updated" in first.stderr and "0 new and 4 updated" in second.stderr
    assert [i["annotation_id"] for i in after["items"]] == [i["annotation_id"] for i in before["items"]]
    assert "record 7 (AnnotationId missing): AnnotationId: missing" in first.stderr


def test_import_uhri_broken_export_exits_1_and_writes_nothing(tmp_path):
    export = tmp_path / "export.json"
    export.write_text('[{"AnnotationId": "00000000-0000-4000-8000-000000000001"}, {', encoding="utf-8")
    result = tracker("import-uhri", str(export), "--country", "Mexico", "--body", "CMW", data_dir=tmp_path)
    assert result.returncode == 1
    assert "breaks off after record 1" in result.stderr and "nothing imported" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "proposed").exists()
