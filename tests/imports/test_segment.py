"""tracker/imports/segment.py: one proposed reply per question, on fixtures in three languages and on
Mexico's 2017 replies (as converted, and with every heading stripped) against the curated record."""

import pytest

from tracker.imports import segment
from tracker.imports.segment import BREAK_AFTER_PART_CONFIDENCE, BREAK_CONFIDENCE, HEADING_CONFIDENCE, QUESTION_CONFIDENCE

from .conftest import FIXTURES, strip_reply_headings

# (question, first, last, deferred, partial deferral, confidence) per fixture, read off the fixture by hand.
EXPECTED = {
    "replies-en.txt": [
        (1, 1, 3, False, False, HEADING_CONFIDENCE),
        (2, 4, 5, False, True, HEADING_CONFIDENCE),
        (3, 6, 6, True, False, HEADING_CONFIDENCE),
        (4, 7, 8, False, False, BREAK_AFTER_PART_CONFIDENCE),
        (5, 9, 9, False, False, BREAK_CONFIDENCE),
        (6, 10, 10, False, False, HEADING_CONFIDENCE),
    ],
    "replies-es.txt": [
        (1, 1, 2, False, False, HEADING_CONFIDENCE),
        (2, 3, 3, True, False, HEADING_CONFIDENCE),
        (3, 4, 4, False, True, HEADING_CONFIDENCE),
        (4, 5, 6, False, False, BREAK_CONFIDENCE),
        (5, 7, 7, False, False, HEADING_CONFIDENCE),
    ],
    "replies-fr.txt": [
        (1, 1, 2, False, False, QUESTION_CONFIDENCE),
        (2, 3, 3, True, False, QUESTION_CONFIDENCE),
        (3, 4, 4, False, True, QUESTION_CONFIDENCE),
        (4, 5, 5, False, False, HEADING_CONFIDENCE),
    ],
}


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_segments_as_read_by_hand(name):
    result = segment(_lines(name))

    found = [(r.question, r.first, r.last, r.deferred, bool(r.deferral and not r.deferral.whole), r.confidence)
             for r in result.replies]
    assert found == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_proposal_names_the_line_it_was_cut_at(name):
    lines = _lines(name)
    for reply in segment(lines).replies:
        assert "(line " in reply.evidence or f"(line {reply.line})" in reply.evidence
        assert lines[reply.line - 1].lstrip().startswith(f"{reply.first}.")


def test_table_of_contents_lines_make_no_section():
    # "Reply to paragraph 1013" is paragraph 10 on page 13; "Reply to paragraph 12" is paragraph 1 on page 2.
    replies = segment(_lines("replies-en.txt")).replies
    assert [r.question for r in replies] == [1, 2, 3, 4, 5, 6]
    assert "(line 13)" in replies[0].evidence  # the body's heading, not a contents line


def test_running_headers_and_mastheads_stay_out_of_paragraph_text():
    paragraphs = segment(_lines("replies-en.txt")).paragraphs
    assert "CMW/C/XYZ/2" not in paragraphs[2] and "page 3" not in paragraphs[2]
    assert "312 complaints of unpaid wages" in paragraphs[2]  # a numbered list line continues paragraph 2
    assert "access to the labour courts" in paragraphs[1]  # bullets continue paragraph 1
    assert "Distr." not in " ".join(paragraphs.values())


def test_glued_paragraph_numbers_are_read():
    paragraphs = segment(_lines("replies-es.txt")).paragraphs
    assert paragraphs[1].startswith("El Decreto") and paragraphs[2].startswith("El Instituto")


def test_partial_deferral_quotes_its_sentence():
    reply = segment(_lines("replies-es.txt")).replies[2]
    assert reply.deferral.sentence == "Los datos desagregados por sexo se remitirán posteriormente."
    assert reply.deferral.paragraph == 4


def test_paragraphs_before_the_first_reply_are_reported():
    result = segment(["1.\tIntroduction to the report.", "Reply to paragraph 1", "2.\tThe Act."])
    assert [(r.question, r.first, r.last) for r in result.replies] == [(1, 2, 2)]
    assert result.problems == ("paragraphs 1–1 come before the first reply (line 3) and are not assigned to a question",)


def test_questions_without_a_reply_are_reported():
    result = segment(["Reply to paragraph 1", "1.\tA.", "Reply to paragraph 4", "2.\tB."])
    assert result.problems == ("line 4: no reply found to questions 2–3",)


def test_nothing_to_segment_gives_no_reply():
    result = segment(["1.\tOne paragraph.", "2.\tAnother."])
    assert result.replies == () and sorted(result.paragraphs) == [1, 2]


@pytest.mark.parametrize("strip", [False, True], ids=["as-converted", "all-headings-stripped"])
def test_mexico_2017_matches_the_curated_record(mexico_lines, curated_mexico_replies, strip):
    lines = strip_reply_headings(mexico_lines) if strip else mexico_lines
    result = segment(lines)

    found = {r.question: (r.first, r.last, r.deferred) for r in result.replies}
    assert found == curated_mexico_replies
    assert result.problems == ()


def test_mexico_lost_headings_are_cut_at_space_led_paragraphs(mexico_lines):
    replies = {r.question: r for r in segment(mexico_lines).replies}
    assert all(replies[q].confidence == HEADING_CONFIDENCE for q in [*range(1, 23), 37])
    assert replies[23].evidence.startswith("paragraph 140 begins with a space")
    assert 'right after the heading "3.\tPart IV of the Convention"' in replies[28].evidence
