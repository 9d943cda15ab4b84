"""How the Word tables share the page: column widths by content, and which rows may continue on the next page."""

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from tracker.reports.word_parts import SPLIT_BEYOND_LINES, add_table, column_widths, natural_widths, usable_width

TOTAL = int(Pt(700))


def widths_for(**columns) -> dict[str, float]:
    frame = pd.DataFrame(columns)
    return {name: width / TOTAL for name, width in zip(frame.columns, column_widths(frame, TOTAL, 8))}


def test_short_columns_grow_in_proportion_and_fill_the_width():
    shares = widths_for(Year=["2016", "2017"], Part=["Part III", "Part IV"])
    assert sum(shares.values()) == pytest.approx(1, abs=1e-3) and shares["Part"] > shares["Year"]


def test_long_texts_take_about_as_many_lines_as_each_other():
    long, longer = "word " * 80, "word " * 200
    shares = widths_for(Citation=["CMW/C/MEX/QPR/3\u00a0¶\u00a013"] * 3, Topic=[long] * 3, Rationale=[longer] * 3)
    assert sum(shares.values()) == pytest.approx(1, abs=1e-3)
    assert shares["Rationale"] / shares["Topic"] == pytest.approx(2.5, rel=0.05)  # 200 words in the lines of 80
    floors, _ = natural_widths(pd.DataFrame({"c": ["CMW/C/MEX/QPR/3\u00a0¶\u00a013"]}), 8)
    assert shares["Citation"] * TOTAL >= floors[0]  # a citation keeps its line


def test_when_even_the_longest_words_do_not_fit_they_share_the_width_by_length():
    shares = widths_for(**{f"c{i}": ["x" * 22] for i in range(30)})
    assert sum(shares.values()) == pytest.approx(1, abs=1e-3) and len(set(round(s, 6) for s in shares.values())) == 1


@pytest.mark.parametrize("rationale, may_split", [
    ("short", False),
    ("word " * 40, False),
    ("word " * 2000, True),
    ("a line\n" * (SPLIT_BEYOND_LINES + 1), True),  # short lines, but many
    ("a line\n" * (SPLIT_BEYOND_LINES - 1), False),
])
def test_only_a_row_taller_than_a_third_of_a_page_continues_on_the_next(rationale, may_split):
    document = Document()
    grid = add_table(document, pd.DataFrame({"Citation": ["CMW/C/MEX/QPR/3 ¶ 13"], "Rationale": [rationale]}), 8)
    kept_whole = grid.rows[1]._tr.trPr is not None and grid.rows[1]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert kept_whole is not may_split
    assert SPLIT_BEYOND_LINES > 1


def test_capitals_and_digits_make_a_wider_floor_than_lower_case():
    floors, _ = natural_widths(pd.DataFrame({"a": ["QPRMWX"], "b": ["123456"], "c": ["abcdef"]}), 8)
    assert floors[0] > floors[1] > floors[2]


@pytest.mark.parametrize("extra, may_split", [(0, False), (1, True)])
def test_the_split_starts_just_beyond_the_line_limit(extra, may_split):
    document = Document()
    # One column fills the text width; at 8 pt an average character is 4 pt wide.
    per_line = int(Length(usable_width(document)).pt / 4)
    value = "x" * (per_line * SPLIT_BEYOND_LINES + extra)
    grid = add_table(document, pd.DataFrame({"Rationale": [value]}), 8)
    properties = grid.rows[1]._tr.trPr
    assert (properties is None or properties.find(qn("w:cantSplit")) is None) is may_split
