"""The curated Mexico record, checked against its sources paragraph by paragraph."""

import re
from collections import Counter

import pytest
import yaml

from tracker.record import refs
from tracker.settings import PROJECT_ROOT, load_settings
from tracker.sources import paragraph_texts
from tracker.validation import check_record

DATA = PROJECT_ROOT / "data"
SOURCES = load_settings().sources_dir
REPORT = "CMW-C-MEX-3"
# The State's words when it puts off an answer ("The reply will be provided to the Committee…").
DEFERRAL = re.compile(r"\bwill be provided\b", re.IGNORECASE)

needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason=f"source documents not found at {SOURCES}; "
                                   "set TRACKER_SOURCES_DIR to check the record against them")


def load(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def record():
    record, problems = check_record(DATA)
    assert not problems, "\n".join(map(str, problems))
    return record


@pytest.fixture(scope="module")
def texts(record) -> dict[str, dict[str, str]]:
    return {doc.id: paragraph_texts(SOURCES / doc.source_file) for doc in record.documents if doc.source_file}


def replies_to_questions(record):
    return [r for r in record.responses if r.document == REPORT and r.recommendation.startswith("CMW-")]


def test_the_record_validates(record):
    assert len(record.recommendations) == len({r.id for r in record.recommendations})


def test_all_37_questions_are_recorded_once_each(record):
    questions = [r for r in record.recommendations if r.mechanism == "CMW"]
    assert sorted(int(r.paragraphs[0]) for r in questions) == list(range(1, 38))
    answered = Counter(r.recommendation for r in replies_to_questions(record))
    assert set(answered) == {r.id for r in questions}
    assert set(answered.values()) == {1}


def test_every_report_paragraph_answers_exactly_one_question(record):
    owner: dict[int, list[str]] = {}
    for response in replies_to_questions(record):
        for ref in refs(response.paragraphs):
            for number in ref.numbers():
                owner.setdefault(number, []).append(response.recommendation)
    doc = record.documents_by_id[REPORT]
    expected = set(range(doc.paragraphs.first, doc.paragraphs.last + 1))
    assert sorted(set(owner) ^ expected) == [], "paragraphs not covered (or outside the report)"
    assert {n: qs for n, qs in owner.items() if len(qs) > 1} == {}, "paragraphs assigned twice"


def test_replies_are_in_question_order(record):
    """Replies follow the list of issues, so question N's paragraphs come after question N-1's."""
    spans = sorted((int(r.recommendation[-2:]), min(refs(r.paragraphs)).first, max(refs(r.paragraphs)).last)
                   for r in replies_to_questions(record))
    for (_, _, previous_last), (question, first, _) in zip(spans, spans[1:]):
        assert first == previous_last + 1, f"gap or overlap before the reply to question {question}"


@needs_sources
def test_the_report_has_222_numbered_paragraphs(texts):
    assert sorted(int(k) for k in texts[REPORT] if k.isdigit()) == list(range(1, 223))


@needs_sources
def test_every_cited_paragraph_exists_in_its_source(record, texts):
    missing = []
    cited = [(r.id, r.document, r.paragraphs) for r in record.responses]
    cited += [(r.id, r.document, r.paragraphs) for r in record.recommendations]
    cited += [(r.id, r.seen_in.document, r.seen_in.paragraphs) for r in record.recommendations if r.seen_in]
    for record_id, document, values in cited:
        if document not in texts:
            continue
        for ref in refs(values):
            keys = [f"{ref.first}({ref.sub})"] if ref.sub else [str(n) for n in ref.numbers()]
            missing += [f"{record_id}: {document} ¶ {key}" for key in keys if key not in texts[document]]
    assert missing == []


@needs_sources
def test_a_reply_is_deferred_exactly_when_its_text_defers(record, texts):
    for response in replies_to_questions(record):
        body = " ".join(texts[REPORT][str(n)] for ref in refs(response.paragraphs) for n in ref.numbers())
        defers = bool(DEFERRAL.search(body))
        assert defers == (response.status == "deferred"), f"{response.id}: status {response.status}"


@needs_sources
def test_the_lost_headings_match_the_space_led_paragraphs(record):
    """Replies 23–36 lost their headings; a paragraph line that begins with a space opens each of them."""
    lines = (SOURCES / "mexico-2017-replies-to-cmw-list-of-issues.txt").read_text(encoding="utf-8").splitlines()
    openers = [int(m.group(1)) for line in lines if (m := re.match(r"^ (\d+)\.\t", line))]
    starts = {int(r.recommendation[-2:]): min(refs(r.paragraphs)).first for r in replies_to_questions(record)}
    assert openers == [starts[q] for q in range(23, 37)]
    for response in replies_to_questions(record):
        if 23 <= int(response.recommendation[-2:]) <= 36:
            assert response.boundary, f"{response.id} does not say how its boundary was established"


def test_topics_are_unknown_only_where_the_reply_only_defers(record):
    statuses = {r.recommendation: r.status for r in replies_to_questions(record)}
    for rec in record.recommendations:
        if rec.topic is None:
            assert statuses.get(rec.id) == "deferred", f"{rec.id} has no topic but its reply does not defer"


@needs_sources
def test_the_slips_named_in_the_sources_readme_are_noted(record):
    notes = {r.id: " ".join(r.notes) for r in (*record.recommendations, *record.responses)}
    assert any("1999" in text and "ratif" in text.lower() for text in notes.values())
    assert "22" in notes["MEX-2017-Q02"] and "paragraph 4" in notes["MEX-2017-Q02"]
