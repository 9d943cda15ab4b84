"""Every page renders for any filter set a link can carry, including the many that match nothing.

The expected items are computed from the YAML by the rules in docs/data-model.md (tests/conftest.py), not by
the tracker's code, and compared with what the Overview counts and the Open items list shows.
"""

import re
import string

import snowballstemmer

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import read_expected_items
from tests.ui.conftest import FIXTURE, signed_in_app
from tests.ui.test_pages import PAGES, open_page
from tracker.coverage import DIMENSIONS
from tracker.schema import OPEN_STATUSES, PARTS, STATUS_LABELS, STATUSES
from tracker.ui.labels import NO_MATCH

ITEMS = read_expected_items(FIXTURE)
LABEL_STATUS = {label: status for status, label in STATUS_LABELS.items()}
YEARS = (2009, 2016)  # the fixture's first and last year: the slider's ends
ACTORS = [DIMENSIONS["mechanism"], DIMENSIONS["body"]]  # the URL names a choice by its label


def subsets(values):
    return st.lists(st.sampled_from(values), unique=True, max_size=3)


# Values the fixture uses and values no item has: an article nobody asked about, an unknown mechanism or body,
# a year range between the items' years, words with LIKE's wildcards in them. Items with no State body
# leave the body chart empty while other charts are not.
filter_params = st.fixed_dictionaries({}, optional={
    "status": subsets(list(STATUS_LABELS.values())),
    "part": subsets(list(PARTS)),
    "article": subsets(["16", "17", "64", "1", "93"]),
    "mechanism": subsets(["CMW", "SR-MIGRANTS", "GA"]),
    "body": subsets(["INM", "CNDH", "SRE"]),
    "years": st.tuples(st.integers(*YEARS), st.integers(*YEARS)).map(lambda pair: [str(y) for y in sorted(pair)]),
    "actor": st.sampled_from(list(ACTORS)),  # the Overview's actor chart
    "q": st.one_of(st.sampled_from(["detention", "DEFERS", "Q1", "coordination", "no-such-word", "%", "_e"]),
                   st.text(string.ascii_letters + "%_ ", min_size=1, max_size=6)),
}).filter(lambda params: all(params.values()))


def offered(params: dict, name: str, values: set) -> set:
    """The URL's values for a filter that its widget offers: Streamlit drops the others, so that a link naming
    a mechanism or body no item has restricts nothing."""
    return set(params.get(name, [])) & values


def expected_ids(params: dict, default_statuses=()) -> set[str]:
    """The items the URL's filters select, worked out from the YAML."""
    mechanisms = offered(params, "mechanism", {item.mechanism for item in ITEMS.values()})
    bodies = offered(params, "body", set().union(*(item.bodies for item in ITEMS.values())))
    statuses = {LABEL_STATUS[label] for label in params.get("status", [])} or set(default_statuses or STATUSES)
    low, high = map(int, params.get("years", YEARS))
    words = _words(params.get("q", ""))
    return {item.id for item in ITEMS.values()
            if item.status in statuses
            and (not params.get("part") or item.parts & set(params["part"]))
            and (not params.get("article") or item.articles & {int(a) for a in params["article"]})
            and (not mechanisms or item.mechanism in mechanisms)
            and (not bodies or item.bodies & bodies)
            and low <= item.year <= high
            and (not params.get("q") or (words and all(_has_word(item, word) for word in words)))}


def _words(text: str) -> list[str]:
    """A query's or a text's words as full-text search reads them: letters and digits, case-folded (the strategy
    draws ASCII only, so there are no accents to fold)."""
    return re.findall(r"[a-z0-9]+", text.lower())


_STEMMERS = [snowballstemmer.stemmer(language) for language in ("english", "spanish")]


def _has_word(item, word: str) -> bool:
    """The item has the word, or a word of the same English or Spanish Snowball stem (README: other forms of a
    word match); a query with no word (only `%` or `_`) matches nothing."""
    found = {w for t in item.texts for w in _words(t)}
    return word in found or any(stemmer.stemWord(word) in {stemmer.stemWord(w) for w in found}
                                for stemmer in _STEMMERS)


def infos(app) -> str:
    return "\n".join(i.value for i in app.info)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=filter_params)
@example(params={"q": "no-such-word"})  # issue 8, item 12: the year chart's NaN axis
@example(params={"mechanism": ["SR-MIGRANTS"], "actor": DIMENSIONS["body"]})  # items, but none names a body
@example(params={"article": ["93"], "years": ["2010", "2015"]})
@example(params={"q": "A"})  # a letter inside many words but no word of the fixture: full-text, not LIKE
def test_every_page_renders_for_any_filters(app_env, params):
    app = signed_in_app("monitor@example.org")
    for name in PAGES:
        open_page(app, name, item="Q1", **params)  # asserts no exception and the page's title
        assert not app.error, [e.value for e in app.error]
        if name == "overview":
            shown = int(next(m.value for m in app.metric if m.label == "Items"))
            assert shown == len(expected_ids(params)), params
            assert (NO_MATCH in infos(app)) is (shown == 0)
        elif name == "open_items":
            wanted = expected_ids(params, OPEN_STATUSES)
            listed = set(app.dataframe[0].value["link"].str.removeprefix("item?item=")) if app.dataframe else set()
            assert listed == wanted, params
            assert (NO_MATCH in infos(app)) is (not wanted)
        elif name == "export":
            assert (NO_MATCH in infos(app)) is (not expected_ids(params)), params
