"""The filters in words: how a search reads inside the sentence."""

import pytest

from tracker.filters import Filters
from tracker.reports.tables import filters_in_words


@pytest.mark.parametrize(("text", "said"), [
    ("detention", "mentioning “detention”"),
    ("  detention  ", "mentioning “detention”"),
    ('"estación migratoria"', "mentioning “estación migratoria”"),  # one phrase: one pair of quotes
    ('mujer -"trata de personas"', 'mentioning “mujer -"trata de personas"”'),  # the query's own syntax stays
    ('"a" "b"', 'mentioning “"a" "b"”'),  # two phrases are not one
    ('"', 'mentioning “"”'),
])
def test_a_search_inside_the_sentence(text, said):
    assert said in filters_in_words(Filters(text=text), {})


def test_no_search_no_words_about_it():
    assert "mentioning" not in filters_in_words(Filters(text="   "), {})
