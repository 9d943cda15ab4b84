"""tracker/curation_rules.py: confidence, specific rationales and plain words, enforced by validation with a
located, typed problem; and the curated Mexico record meets them, checked here without the tracker's code."""

import re
from dataclasses import dataclass

import pytest
import yaml

from tracker import errors as e
from tracker.curation_rules import cited_paragraphs
from tracker.settings import PROJECT_ROOT
from tracker.validation import check_record


@dataclass(frozen=True)
class Case:
    id: str
    old: str  # a line of the fixture's responses.yaml (or recommendations.yaml)
    new: str
    problem: type[e.Problem]
    record: str
    field: str
    message: str
    file: str = "responses.yaml"


CASES = [
    Case("confidence-missing", "  confidence: high\n", "", e.MissingField, "A2", "confidence", "required"),
    Case("confidence-unknown", "  confidence: high\n", "  confidence: certain\n", e.InvalidValue, "A2",
         "confidence", "certain"),
    Case("reason-missing-when-medium", "  confidence_reason: The question's own text is not in the record.\n", "",
         e.MissingField, "A1", "confidence_reason", "needs a one-line confidence_reason"),
    Case("reason-given-when-high", "  confidence: high\n",
         "  confidence: high\n  confidence_reason: Because.\n", e.InvalidValue, "A2", "confidence_reason",
         "takes no confidence_reason"),
    Case("method-missing", '  confidence_reason: The question\'s own text is not in the record.\n  method: "1.0"\n',
         "  confidence_reason: The question's own text is not in the record.\n", e.MissingField, "A1", "method",
         "required"),
    Case("method-unknown", '  rationale: Says the reply will come later (6).\n  confidence: high\n  method: "1.0"\n',
         '  rationale: Says the reply will come later (6).\n  confidence: high\n  method: "9.9"\n',
         e.InvalidValue, "A2", "method", "9.9"),
    Case("method-unquoted", '  rationale: Says the reply will come later (6).\n  confidence: high\n  method: "1.0"\n',
         '  rationale: Says the reply will come later (6).\n  confidence: high\n  method: 1.0\n',
         e.InvalidValue, "A2", "method", "1.0"),
    Case("rationale-cites-nothing", "  rationale: Says the reply will come later (6).\n",
         "  rationale: Says the reply will come later.\n", e.RationaleNotSpecific, "A2", "rationale",
         "cites no paragraph"),
    Case("rationale-cites-another-paragraph", "  rationale: Says the reply will come later (6).\n",
         "  rationale: Says the reply will come later (7).\n", e.RationaleNotSpecific, "A2", "rationale",
         "cites no paragraph"),
    Case("rationale-figure-is-not-a-citation", "  rationale: Says the reply will come later (6).\n",
         "  rationale: Says the reply will come later (6,000 people).\n", e.RationaleNotSpecific, "A2",
         "rationale", "cites no paragraph"),
    Case("rationale-repeats-another", "  rationale: Says the reply will come later (6).\n",
         "  rationale: Describes the detention standards (1-5), but gives no data on OUTCOMES.\n",
         e.RationaleNotSpecific, "A2", "rationale", "same rationale as A1"),
    Case("summary-names-an-id", "  summary: Defers the reply.\n", "  summary: Defers the reply, as in A1.\n",
         e.InvalidValue, "A2", "summary", "internal id(s) A1"),
    Case("note-speaks-of-the-sources", "  summary: Defers the reply.\n",
         "  summary: Defers the reply.\n  notes: [As the sources show.]\n", e.InvalidValue, "A2", "notes",
         "the sources"),
    Case("topic-names-a-document-id", "  topic: Detention conditions\n", "  topic: Detention conditions in REPORT\n",
         e.InvalidValue, "Q1", "topic", "internal id(s) REPORT", file="recommendations.yaml"),
    Case("lineage-names-an-item-id", "      note: test lineage\n", "      note: follows up Q1\n",
         e.InvalidValue, "R94", "lineage", "internal id(s) Q1", file="recommendations.yaml"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_broken_rule_is_one_located_typed_problem(record_copy, case):
    path = record_copy / case.file
    text = path.read_text(encoding="utf-8")
    assert text.count(case.old) == 1, f"the fixture changed: {case.old!r}"
    edited = text.replace(case.old, case.new)
    path.write_text(edited, encoding="utf-8")

    record, problems = check_record(record_copy)

    assert record is None
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert type(problem) is case.problem
    assert (problem.file, problem.record, problem.field) == (case.file, case.record, case.field)
    assert case.message in problem.message
    lines = edited.splitlines()
    start = lines.index(f"- id: {case.record}")
    assert problem.line is not None and start < problem.line <= len(lines)


def test_curator_notes_are_free_and_never_loaded(record_copy):
    path = record_copy / "responses.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  summary: Defers the reply.\n",
        "  summary: Defers the reply.\n  curator_notes: [Boundary per the sources README; compare A1.]\n"),
        encoding="utf-8")
    record, problems = check_record(record_copy)
    assert problems == []
    assert next(r for r in record.responses if r.id == "A2").curator_notes
    from tracker.store.models import Response

    assert "curator_notes" not in Response.__table__.c


@pytest.mark.parametrize("text, cited", [
    ("Answers (65), with 1,879 migrants helped.", {65}),
    ("Gives figures (1-3, 10).", {1, 2, 3, 10}),
    ("Diplomatic steps (137(a)-(g)) and the call centre (138-139).", {137, 138, 139}),
    ("Mexico gave it in three areas (2(a)), (2(b)).", {2}),
    ("See paragraphs 57-59 and paragraph 180.", {57, 58, 59, 180}),
    ("No citation, 2,584 officials and 4.6 million records.", set()),
    ("Figures (2,371 permits, 18; 70 centres, 21).", {18, 70, 21}),
])
def test_cited_paragraphs(text, cited):
    assert cited_paragraphs(text) == cited


# The real record, read straight from the YAML.
RESPONSES = yaml.safe_load((PROJECT_ROOT / "data" / "responses.yaml").read_text(encoding="utf-8"))


def _numbers(values) -> set[int]:
    numbers = set()
    for value in values:
        match = re.match(r"^(\d+)(?:-(\d+))?", str(value))
        numbers.update(range(int(match.group(1)), int(match.group(2) or match.group(1)) + 1))
    return numbers


def test_every_curated_response_is_rated_under_the_method():
    for response in RESPONSES:
        assert response["method"] == "1.0", response["id"]
        assert response["confidence"] in ("high", "medium", "low"), response["id"]
        assert bool(response.get("confidence_reason")) == (response["confidence"] != "high"), response["id"]


def test_no_two_curated_rationales_are_alike():
    seen = {}
    for response in RESPONSES:
        key = " ".join(re.findall(r"\w+", response["rationale"].lower()))
        assert key not in seen, f"{response['id']} repeats the rationale of {seen.get(key)}"
        seen[key] = response["id"]


def test_every_curated_rationale_cites_a_paragraph_of_its_reply():
    for response in RESPONSES:
        own = _numbers(response["paragraphs"])
        cited = {int(n) for group in re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)", response["rationale"])
                 for n in re.findall(r"(?<![\d,.])(\d+)(?![\d]|[,.]\d)", group)}
        cited |= {int(n) for n in re.findall(r"[Pp]aragraphs? (\d+)", response["rationale"])}
        assert own & cited, f"{response['id']}: the rationale cites none of {sorted(own)}"


def test_the_curation_notes_give_the_record_s_status_counts():
    """docs/curation-notes.md states the counts per status; they must be the YAML's."""
    from collections import Counter

    load = lambda name: yaml.safe_load((PROJECT_ROOT / "data" / name).read_text(encoding="utf-8"))  # noqa: E731
    year = {d["id"]: d["year"] for d in load("documents.yaml")}
    counts = Counter()
    for rec in load("recommendations.yaml"):
        mine = [r for r in RESPONSES if r["recommendation"] == rec["id"]]
        pool = [r for r in mine if r["relation"] == "reply"] or mine
        counts[max(pool, key=lambda r: (year[r["document"]], r["id"]))["status"]] += 1
    notes = (PROJECT_ROOT / "docs" / "curation-notes.md").read_text(encoding="utf-8")
    table = notes[notes.index("## Counts per status"):notes.index("## Counts per Convention part")]
    stated = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| (\w+) \|.*\| (\d+) \|$", table, re.MULTILINE)}
    assert stated == dict(counts)
