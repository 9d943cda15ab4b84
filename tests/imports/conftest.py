"""Helpers for the import tests: the fixture documents, Mexico's 2017 replies, and its curated boundaries."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tracker.settings import PROJECT_ROOT, load_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MEXICO_REPLIES = "mexico-2017-replies-to-cmw-list-of-issues.txt"
_HEADING = re.compile(r"Reply to paragraph \d+\s*$")
_PARAGRAPH = re.compile(r"^\d+\.")


def strip_reply_headings(lines: list[str]) -> list[str]:
    """The lines as replies 23–36 lost theirs: every "Reply to paragraph N" line removed, and the
    paragraph after it led by a space."""
    stripped, lost = [], False
    for line in lines:
        if _HEADING.search(line):
            lost = True
            continue
        if lost and _PARAGRAPH.match(line):
            line, lost = " " + line, False
        stripped.append(line)
    return stripped


@pytest.fixture(scope="session")
def mexico_lines() -> list[str]:
    path = load_settings().sources_dir / MEXICO_REPLIES
    if not path.is_file():
        pytest.skip(f"{path} is not here (set TRACKER_SOURCES_DIR)")
    return path.read_text(encoding="utf-8").splitlines()


def curated_replies() -> dict[int, tuple[int, int, bool]]:
    """Question → (first, last, deferred) as data/responses.yaml records Mexico's 2017 replies, read
    straight from the YAML."""
    truth = {}
    for response in yaml.safe_load((PROJECT_ROOT / "data" / "responses.yaml").read_text(encoding="utf-8")):
        question = re.fullmatch(r"MEX-2017-Q(\d+)", response["id"])
        if question:
            (ref,) = response["paragraphs"]
            first, _, last = str(ref).partition("-")
            truth[int(question[1])] = (int(first), int(last or first), response["status"] == "deferred")
    return truth


@pytest.fixture(scope="session")
def curated_mexico_replies() -> dict[int, tuple[int, int, bool]]:
    return curated_replies()


CURATED = ("documents.yaml", "recommendations.yaml", "responses.yaml")
# The documents of Mexico's next cycle, as a curator adds them before accepting its replies.
NEW_CYCLE = """
- id: CMW-C-MEX-QPR-4
  symbol: CMW/C/MEX/QPR/4
  title: List of issues prior to the submission of the fourth periodic report of Mexico
  date: null
  year: 2023
  author: CMW
  paragraphs: {first: 1, last: 40}
  source_file: null

- id: CMW-C-MEX-4
  symbol: CMW/C/MEX/4
  title: Fourth periodic report of Mexico (replies to CMW/C/MEX/QPR/4)
  date: null
  year: 2024
  author: MEX
  paragraphs: {first: 1, last: 7}
  source_file: replies-es.txt
"""


@pytest.fixture
def record(tmp_path):
    """A copy of the real curated record, with the documents of Mexico's next cycle added."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for name in ("convention.yaml", "actors.yaml", *CURATED):
        shutil.copy(PROJECT_ROOT / "data" / name, data_dir / name)
    with (data_dir / "documents.yaml").open("a", encoding="utf-8") as out:
        out.write(NEW_CYCLE)
    return data_dir
