"""The query language's parser on its own, no database: the tree each query becomes, the words a match shows,
and the limits. (tests/search/test_search.py runs the same language against both engines.)"""

import pytest

from tracker.search.query import (
    MAX_DEPTH, MAX_LENGTH, MAX_TERMS, All, Any, Not, Phrase, QueryError, Word, fold, parse, problem, terms, words_of,
)

a, b, c = Word("a"), Word("b"), Word("c")


@pytest.mark.parametrize("query, tree", [
    ("a", a), ("  a  ", a), ("(a)", a), ("((a))", a),
    ("a b", All((a, b))), ("a b c", All((a, b, c))),
    ("a OR b", Any((a, b))), ("a OR b OR c", Any((a, b, c))),
    ("a OR b c", Any((a, All((b, c))))),                      # OR joins what stands on either side of it
    ("a b OR c", Any((All((a, b)), c))),
    ("(a OR b) c", All((Any((a, b)), c))), ("a OR (b OR (c))", Any((a, Any((b, c))))),
    ("a or b", All((a, Word("or"), b))), ("a Or b", All((a, Word("or"), b))),  # only OR in capitals is OR
    ("-a b", All((Not(a), b))), ("a NOT b", All((a, Not(b)))), ("a NOT (b OR c)", All((a, Not(Any((b, c)))))),
    ("a not b", All((a, Word("not"), b))), ("a -NOT", All((a, Not(Word("not"))))), ("a -OR", All((a, Not(Word("or"))))),
    ("a NOT NOT", None),
    ('-"a b" c', All((Not(Phrase(("a", "b"))), c))), ("c -(a OR b)", All((c, Not(Any((a, b)))))),
    ('-"" a', a), ("- a", a), ("a - b", All((a, b))), ("a-(b)", All((a, Not(b)))),
    ('"a b"', Phrase(("a", "b"))), ('"A,  B!"', Phrase(("a", "b"))), ('"a"', Phrase(("a",))),
    ('"" a', a), ('"   " a', a),
    ("a*", Word("a", prefix=True)), ("-a* b", All((Not(Word("a", prefix=True)), b))), ("a * b", All((a, b))),
    ("DETENCIÓN", Word("detencion")), ("Niñ*", Word("nin", prefix=True)),
    ("CMW-2016-Q01", Phrase(("cmw", "2016", "q01"))), ("don't", Phrase(("don", "t"))), ("don’t", Phrase(("don", "t"))),
    ("a_b", Phrase(("a", "b"))), ("_ a", a), ("-a-b c", All((Not(Phrase(("a", "b"))), c))),
    ("a, b; c.", All((a, b, c))), ("a\x00b", All((a, b))), ("'a'", a), ("«a»", a),
    ("", None), ("   ", None), ("\t\n", None),
])
def test_the_tree_of_each_query(query, tree):
    if tree is None and query.strip():
        with pytest.raises(QueryError):
            parse(query)
        return
    assert parse(query) == tree


@pytest.mark.parametrize("query, words", [
    ("a -b", ["a"]), ("a NOT (b OR c)", ["a"]), ('"x y" z*', ["x", "y", "z"]), ("a OR b", ["a", "b"]),
    ("(a b) OR c", ["a", "b", "c"]), ("", []),
])
def test_the_words_a_match_shows(query, words):
    assert terms(parse(query)) == words


def test_the_limits_are_inclusive():
    assert parse("a" * MAX_LENGTH) == Word("a" * MAX_LENGTH)
    with pytest.raises(QueryError, match=f"{MAX_LENGTH + 1} characters long; the limit is {MAX_LENGTH}"):
        parse("a" * (MAX_LENGTH + 1))
    assert isinstance(parse(" ".join(["a"] * MAX_TERMS)), All)
    assert isinstance(parse(" ".join(["a"] * (MAX_TERMS - 1)) + ' "b c"'), All)  # a phrase counts as one
    for last in ("a", '"b c"', "-b", '-"b c"'):  # and so does a word or phrase left out
        with pytest.raises(QueryError, match=f"more than {MAX_TERMS} words"):
            parse(" ".join(["a"] * MAX_TERMS) + " " + last)
    assert parse(" OR ".join(["a"] * (MAX_TERMS - 1)) + " NOT (b)")  # operators and parentheses are no words
    assert parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH) == a
    with pytest.raises(QueryError, match="too many parentheses"):
        parse("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1))


def test_an_error_keeps_its_message_and_values_apart():
    error = problem("a" * (MAX_LENGTH + 5))
    assert error.message == "The search is {length} characters long; the limit is {limit}."
    assert error.values == {"length": MAX_LENGTH + 5, "limit": MAX_LENGTH}
    assert str(error) == f"The search is {MAX_LENGTH + 5} characters long; the limit is {MAX_LENGTH}."
    assert problem("a OR") is not None and problem("a OR b") is None


@pytest.mark.parametrize("text, folded, words", [
    ("DETENCIÓN de Niños", "detencion de ninos", ["detencion", "de", "ninos"]),
    ("Straße", "strasse", ["strasse"]), ("ﬁnal", "final", ["final"]),
    ("a_b-c 1.5", "a_b-c 1.5", ["a", "b", "c", "1", "5"]),
])
def test_text_is_folded_as_the_indexes_store_it(text, folded, words):
    assert fold(text) == folded and words_of(text) == words
