"""tracker/filters.py: the URL form of the filters (round trip, malformed values dropped) and describe().

The URL parameter names are spelled out here on purpose: they end up in bookmarked and shared links.
"""

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tracker.filters import MAX_TEXT, YEAR_RANGE, Filters, from_params, to_params
from tracker.schema import ARTICLE_COUNT, OPEN_STATUSES, PARTS, STATUSES


def ascii_id(value) -> str | None:
    """A test id of printable ASCII without backslashes (mutmut names tests by id on a command line);
    None keeps pytest's own id for values that are not strings."""
    return re.sub(r"[^ -\[\]-~]", "?", value) if isinstance(value, str) else None


@pytest.mark.parametrize("params, expected", [
    ({}, Filters()),
    ({"unknown": ["x"], "status": []}, Filters()),
    ({"status": ["Partial", "done", "", "not_addressed", "Not addressed"]},
     Filters(statuses=("partial", "not_addressed"))),
    ({"part": ["III", "X", "iii", "", "IX"]}, Filters(parts=("III", "IX"))),
    ({"article": ["16", "0", "94", "-1", "abc", "1.5", " 17 ", "", "93", "1"]}, Filters(articles=(16, 17, 93, 1))),
    ({"mechanism": ["CMW", "", "SR-MIGRANTS"]}, Filters(mechanisms=("CMW", "SR-MIGRANTS"))),
    ({"body": ["", "INM"]}, Filters(bodies=("INM",))),
    ({"theme": ["Migrants", ""], "sdg": ["10.7 - Facilitate migration"], "affected": ["Women & girls"]},
     Filters(uhri_themes=("Migrants",), sdgs=("10.7 - Facilitate migration",), affected_persons=("Women & girls",))),
    ({"cycle": ["CMW-3", "", "CMW-4"]}, Filters(cycles=("CMW-3", "CMW-4"))),
    ({"theme": ["x" * 600]}, Filters(uhri_themes=("x" * 500,))),  # no label in the record is longer
    ({"years": ["2009", "2016"]}, Filters(year_from=2009, year_to=2016)),
    ({"years": ["2016", "2009"]}, Filters(year_from=2009, year_to=2016)),
    ({"years": ["2009", "abc", "2016"]}, Filters(year_from=2009, year_to=2016)),
    ({"years": ["abc", "-5"]}, Filters()),
    ({"years": ["2009"]}, Filters()),
    ({"q": ["", "detention", "other"]}, Filters(text="detention")),
    ({"q": ["x" * (MAX_TEXT + 50)]}, Filters(text="x" * MAX_TEXT)),
    pytest.param({"article": ["²", "16"]}, Filters(articles=(16,))),
    pytest.param({"years": ["①", "2009", "2016"]}, Filters(year_from=2009, year_to=2016)),
    # six digits at most: a link cannot make int() parse a huge number
    ({"article": ["000016", "0000017", "9" * 5000]}, Filters(articles=(16,))),
    ({"years": [str(YEAR_RANGE[0]), str(YEAR_RANGE[1])]}, Filters(year_from=YEAR_RANGE[0], year_to=YEAR_RANGE[1])),
    ({"years": [str(YEAR_RANGE[0] - 1), "2009", str(YEAR_RANGE[1] + 1)]}, Filters()),
])
def test_from_params_keeps_valid_values_and_drops_the_rest(params, expected):
    assert from_params(params) == expected


@pytest.mark.parametrize("filters, params", [
    (Filters(), {}),
    (Filters(statuses=("not_addressed",)), {"status": ["Not addressed"]}),
    (Filters(articles=(16, 17), parts=("III",)), {"article": ["16", "17"], "part": ["III"]}),
    (Filters(year_from=2009, year_to=2016), {"years": ["2009", "2016"]}),
    (Filters(year_from=2009), {}),  # the URL carries a year range only with both ends
    (Filters(year_to=2016), {}),
    (Filters(text="detention"), {"q": ["detention"]}),
])
def test_to_params(filters, params):
    assert to_params(filters) == params


def _unique_tuples(elements, **kwargs):
    return st.lists(elements, unique=True, **kwargs).map(tuple)


NAMES = st.text(min_size=1, max_size=20)


@st.composite
def valid_filters(draw) -> Filters:
    years = draw(st.none() | st.tuples(st.integers(*YEAR_RANGE), st.integers(*YEAR_RANGE)).map(sorted))
    return Filters(
        statuses=draw(_unique_tuples(st.sampled_from(STATUSES))),
        parts=draw(_unique_tuples(st.sampled_from(PARTS))),
        articles=draw(_unique_tuples(st.integers(1, ARTICLE_COUNT), max_size=10)),
        mechanisms=draw(_unique_tuples(NAMES, max_size=3)),
        bodies=draw(_unique_tuples(NAMES, max_size=3)),
        year_from=years[0] if years else None,
        year_to=years[1] if years else None,
        text=draw(st.text(max_size=MAX_TEXT)),
        uhri_themes=draw(_unique_tuples(NAMES, max_size=3)),
        sdgs=draw(_unique_tuples(NAMES, max_size=3)),
        affected_persons=draw(_unique_tuples(NAMES, max_size=3)),
        cycles=draw(_unique_tuples(NAMES, max_size=3)),
    )


@given(valid_filters())
def test_round_trip_through_url(filters):
    params = to_params(filters)
    assert all(isinstance(v, str) for values in params.values() for v in values)
    assert from_params(params) == filters


ASCII = st.text(st.characters(max_codepoint=127), max_size=12)
KEYS = st.sampled_from(["status", "part", "article", "mechanism", "body", "years", "q", "from", "to", "other",
                        "theme", "sdg", "affected", "cycle"])


@given(st.dictionaries(KEYS, st.lists(ASCII | st.sampled_from(["Partial", "III", "16", "2009"]), max_size=4)))
@example({"article": ["00016", " 7"], "years": ["2016", "02009", "x"]})
def test_any_url_gives_filters_that_round_trip(params):
    filters = from_params(params)
    assert set(filters.statuses) <= set(STATUSES)
    assert set(filters.parts) <= set(PARTS)
    assert all(1 <= n <= ARTICLE_COUNT for n in filters.articles)
    assert (filters.year_from is None) == (filters.year_to is None)
    assert filters.year_from is None or filters.year_from <= filters.year_to
    assert len(filters.text) <= MAX_TEXT
    assert from_params(to_params(filters)) == filters


@pytest.mark.parametrize("filters, text", [
    (Filters(), "all items"),
    (Filters(statuses=("partial", "deferred")), "status: Partial, Deferred"),
    (Filters(parts=("III",), articles=(16, 17)), "part: III; article: 16, 17"),
    (Filters(mechanisms=("CMW",), bodies=("INM", "CNDH")), "mechanism: CMW; State body: INM, CNDH"),
    (Filters(year_from=2009, year_to=2016), "years: 2009–2016"),
    (Filters(year_from=2009), "years: 2009–…"),
    (Filters(year_to=2016), "years: …–2016"),
    (Filters(text="detention"), "text: “detention”"),
    (Filters(cycles=("CMW-3",), affected_persons=("Migrants",)), "affected persons: Migrants; cycle: CMW-3"),
    (Filters(statuses=("partial",), year_from=2009, year_to=2016, text="x"), "status: Partial; years: 2009–2016; text: “x”"),
], ids=ascii_id)
def test_describe(filters, text):
    assert filters.describe() == text


def test_open_only():
    assert Filters(statuses=OPEN_STATUSES).is_open_only
    assert Filters(statuses=tuple(reversed(OPEN_STATUSES))).is_open_only
    assert not Filters(statuses=STATUSES).is_open_only
    assert not Filters().is_open_only
