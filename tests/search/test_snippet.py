"""The passage shown with a search result: around the first match, matches marked, text kept as written."""

import pytest

from tracker.search.snippet import passage


@pytest.mark.parametrize("text, words, marked", [
    ("Women held in migrant holding centres.", ["holding"], ["holding"]),
    ("Las MUJERES migrantes", ["mujer"], ["MUJERES"]),                   # stem, case
    ("La detención de niños", ["detencion"], ["detención"]),            # accents
    ("deportation and deportees", ["deported"], ["deportation", "deportees"]),  # stems, as the index
    ("coordination of the response", ["coord"], ["coordination"]),     # prefix
    ("nothing here", ["detention"], []),
    ("x", [], []),
])
def test_matches_are_marked(text, words, marked):
    pieces = passage(text, words)
    assert [piece for piece, is_match in pieces if is_match] == marked
    if pieces:
        assert "".join(piece for piece, _ in pieces) == text  # short texts come back whole, as written


def test_a_long_text_is_cut_around_the_first_match():
    text = "lorem " * 100 + "detention " + "ipsum " * 100
    pieces = passage(text, ["detention"], width=60)
    joined = "".join(piece for piece, _ in pieces)
    assert joined.startswith("…") and joined.endswith("…") and "detention" in joined and len(joined) <= 62


def test_markup_stays_text():
    pieces = passage("<img src=x> detention [link](http://x)", ["detention"])
    assert "".join(p for p, _ in pieces) == "<img src=x> detention [link](http://x)"


def test_the_window_is_160_characters_a_third_of_them_before_the_first_match():
    text = "word " * 40 + "detention" + " tail" * 60
    pieces = passage(text, ["detention"])
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False)
    window = "".join(piece for piece, _ in pieces[1:-1])
    assert len(window) == 160 and window.index("detention") == 160 // 3


def test_a_match_one_character_in_is_cut_with_an_ellipsis():
    text = "x" * 53 + " detention"  # the window starts at 54 - 53 = 1
    assert passage(text, ["detention"])[0] == ("…", False)
    assert passage(text[1:], ["detention"])[0] != ("…", False)  # the window starts at 0: nothing cut


def test_a_match_across_the_end_of_the_window_is_not_marked():
    text = "detention " + "x" * 44 + " detentions"  # the second match runs past the 60-character window
    pieces = passage(text, ["detention"], width=60)
    assert [piece for piece, marked in pieces if marked] == ["detention"]
    assert len("".join(piece for piece, _ in pieces).rstrip("…")) == 60
