"""tracker/drilldown.py: what a click on an Overview count or bar filters, and the widget values that show it."""

import pytest

from tracker.coverage import NO_PART
from tracker.drilldown import narrowed, open_items_list, widget_values
from tracker.filters import Filters
from tracker.schema import STATUSES

BASE = Filters(mechanisms=("CMW",), text="detention")


@pytest.mark.parametrize("dimension, key, expected", [
    ("status", "partial", Filters(statuses=("partial",), mechanisms=("CMW",), text="detention")),
    ("part", "III", Filters(parts=("III",), mechanisms=("CMW",), text="detention")),
    ("article", 16, Filters(articles=(16,), mechanisms=("CMW",), text="detention")),
    ("year", 2016, Filters(year_from=2016, year_to=2016, mechanisms=("CMW",), text="detention")),
    ("mechanism", "SRMIG", Filters(mechanisms=("SRMIG",), text="detention")),
    ("body", "INM", Filters(bodies=("INM",), mechanisms=("CMW",), text="detention")),
    ("open", None, Filters(statuses=("partial", "deferred", "not_addressed"), mechanisms=("CMW",), text="detention")),
], ids=["status", "part", "article", "year", "mechanism", "body", "open"])
def test_a_click_narrows_its_dimension_and_keeps_the_other_filters(dimension, key, expected):
    assert narrowed(BASE, dimension, key) == expected


@pytest.mark.parametrize("dimension, key", [("part", NO_PART), ("article", 0), ("article", 94), ("status", "done"),
                                            ("mechanism", ""), ("colour", "red")],
                         ids=["whole-convention", "article-0", "article-94", "no-status", "no-mechanism", "unknown"])
def test_a_click_on_what_no_filter_selects_leads_nowhere(dimension, key):
    assert narrowed(BASE, dimension, key) is None


def test_open_keeps_only_the_open_statuses_the_filters_allow():
    assert narrowed(Filters(statuses=("addressed", "deferred")), "open", None).statuses == ("deferred",)
    assert narrowed(Filters(statuses=("addressed",)), "open", None) is None


def test_widget_values_spell_out_every_status_where_the_filter_has_none():
    values = widget_values(Filters(parts=("III",), year_from=2016, year_to=2016), (2000, 2016))
    assert values == {"status": list(STATUSES), "part": ["III"], "article": [], "mechanism": [], "body": [],
                      "confidence": [], "q": "", "years": (2016, 2016)}
    assert widget_values(Filters(), (2000, 2016))["years"] == (2000, 2016)
    assert "years" not in widget_values(Filters(), (None, None))


def test_the_open_items_list_defaults_to_the_open_statuses():
    assert open_items_list(Filters(parts=("I",)), False) == Filters(parts=("I",), statuses=("partial", "deferred",
                                                                                              "not_addressed"))
    assert open_items_list(Filters(parts=("I",)), True) == Filters(parts=("I",))  # every status, as picked
