"""File names that say what a file holds, in safe characters."""

import re
from datetime import date

import pytest

from tracker.filters import Filters
from tracker.reports import file_name
from tracker.schema import OPEN_STATUSES

DAY = date(2026, 12, 1)


@pytest.mark.parametrize("state, content, filters, extension, expected", [
    ("Mexico", "items", Filters(statuses=OPEN_STATUSES, parts=("III",)), "xlsx",
     "mexico-open-items-part-III-2026-12-01.xlsx"),
    ("Mexico", "report", Filters(), "docx", "mexico-report-2026-12-01.docx"),
    ("Mexico", "tables", Filters(parts=("III", "IV")), ".md", "mexico-tables-parts-III-IV-2026-12-01.md"),
    ("Mexico", "briefing", Filters(statuses=("partial", "not_addressed")), "docx",
     "mexico-briefing-partial-not-addressed-2026-12-01.docx"),
    ("Mexico", "items", Filters(articles=(16, 17), mechanisms=("CMW",), bodies=("INM",)), "csv",
     "mexico-items-art-16-17-cmw-inm-2026-12-01.csv"),
    ("Mexico", "report", Filters(year_from=2010, year_to=2017, text="niñas / ../etc"), "docx",
     "mexico-report-2010-2017-search-2026-12-01.docx"),
    ("Mexico", "items", Filters(cycles=("CMW-3", "CMW-4"), affected_persons=("Women & girls",)), "xlsx",
     "mexico-items-cycle-cmw-3-cmw-4-uhri-labels-2026-12-01.xlsx"),
    ("Mexico", "report", Filters(sdgs=("10.7 - Facilitate orderly, safe, regular and responsible migration",)), "docx",
     "mexico-report-uhri-labels-2026-12-01.docx"),
    ("México y Perú", "coverage by year", Filters(), "csv", "mexico-y-peru-coverage-by-year-2026-12-01.csv"),
    ("", "report", Filters(), "docx", "state-report-2026-12-01.docx"),
])
def test_file_names(state, content, filters, extension, expected):
    assert file_name(state, content, filters, DAY, extension) == expected


def test_long_filters_keep_the_name_short_and_safe():
    filters = Filters(articles=tuple(range(1, 94)), bodies=tuple(f"body-{n}" for n in range(50)))
    name = file_name("Mexico", "items", filters, DAY, "xlsx")
    assert len(name) <= 140 and name.endswith("-2026-12-01.xlsx")
    assert re.fullmatch(r"[A-Za-z0-9.-]+", name) and "--" not in name
