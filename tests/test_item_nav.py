"""tracker/item_nav.py: an item's neighbours in a filtered list."""

import pytest

from tracker.filters import Filters
from tracker.serving_index import matching_ids
from tracker.item_nav import neighbours


@pytest.mark.parametrize("ids, item, expected", [
    (["A", "B", "C"], "A", (None, "B", 1)),
    (["A", "B", "C"], "B", ("A", "C", 2)),
    (["A", "B", "C"], "C", ("B", None, 3)),
    (["A"], "A", (None, None, 1)),
    (["A", "C"], "B", (None, None, None)),
    ([], "A", (None, None, None)),
    (["Q10", "Q2", "Q9"], "Q2", ("Q10", "Q9", 2)),  # the order shown, whatever it is
], ids=["first", "middle", "last", "alone", "absent", "empty", "unsorted"])
def test_neighbours(ids, item, expected):
    assert neighbours(ids, item) == expected


def test_neighbours_walk_a_filtered_list_end_to_end(engine):
    ids = matching_ids(engine, Filters(statuses=("partial", "deferred", "not_addressed")))
    walked, current = [], ids[0]
    while current is not None:
        walked.append(current)
        current = neighbours(ids, current)[1]
    assert walked == ids and len(ids) >= 2
