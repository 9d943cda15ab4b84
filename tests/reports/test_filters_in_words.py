"""The filters in words: how a search reads inside the sentence."""

import pytest

from tracker.filters import Filters
from tracker.reports.tables import filters_in_words


@pytest.mark.parametrize(("text", "shown"), [
    ("detention", "detention"),
    ("  detention  ", "detention"),
    ('"estación migratoria"', "estación migratoria"),  # one phrase: one pair of quotes
    ('mujer -"trata de personas"', 'mujer -"trata de personas"'),  # the query's own syntax stays
    ('"a" "b"', '"a" "b"'),  # two phrases are not one
    ('"a"b"', '"a"b"'),
    ('""', '""'),  # an empty phrase is shown as typed
    ('"', '"'),
])
def test_a_search_inside_the_sentence(text, shown):
    assert filters_in_words(Filters(text=text), {}) == f"Items mentioning “{shown}”."


def test_no_search_no_words_about_it():
    assert filters_in_words(Filters(text="   "), {}) == "All items of the record."
