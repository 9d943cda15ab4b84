"""tracker/schema.py: paragraph references (parse and format) and the record models' vocabularies."""

import pytest
from pydantic import ValidationError

from tracker.schema import (
    ParagraphRef,
    RecommendationRecord,
    ResponseRecord,
    format_paragraphs,
    parse_paragraph_ref,
)


@pytest.mark.parametrize("value, first, last, sub, numbers", [
    (140, 140, 140, None, [140]),
    (1, 1, 1, None, [1]),
    ("140", 140, 140, None, [140]),
    ("140-145", 140, 145, None, [140, 141, 142, 143, 144, 145]),
    (" 140 - 145 ", 140, 145, None, [140, 141, 142, 143, 144, 145]),
    ("7-7", 7, 7, None, [7]),
    ("140–145", 140, 145, None, [140, 141, 142, 143, 144, 145]),  # as the record displays it
    ("2(a)", 2, 2, "a", [2]),
    ("2(iv)", 2, 2, "iv", [2]),
    ("12(3)", 12, 12, "3", [12]),
    ("2 ( b )", 2, 2, "b", [2]),
    ("145.12", 145, 145, None, [145]),  # a UPR recommendation: the 12th of paragraph 145
    ("1.5", 1, 1, None, [1]),
], ids=repr)
def test_parse_paragraph_ref(value, first, last, sub, numbers):
    ref = parse_paragraph_ref(value)
    assert (ref.first, ref.last, ref.sub) == (first, last, sub)
    assert list(ref.numbers()) == numbers


@pytest.mark.parametrize("value", [
    0, -3, True, False, "0", "0-4", "145-140", "", "  ", "abc", "140-", "-140", "140—145",
    "2(A)", "2()", "2(ab)", "1-2(a)", "2a", 1.5, "140,141", "(a)", "145.", "145.1234", "1.2.3", "140-145.2",
], ids=repr)
def test_parse_paragraph_ref_rejects(value):
    with pytest.raises(ValueError):
        parse_paragraph_ref(value)


@pytest.mark.parametrize("refs, text", [
    ([ParagraphRef(140, 140)], "140"),
    ([ParagraphRef(140, 145)], "140–145"),
    ([ParagraphRef(2, 2, "a")], "2(a)"),
    ([ParagraphRef(145, 145, point="12")], "145.12"),
    ([ParagraphRef(145, 145, point="02")], "145.02"),
    ([ParagraphRef(1, 5), ParagraphRef(9, 9), ParagraphRef(2, 2, "a")], "1–5, 9, 2(a)"),
    ([], ""),
])
def test_format_paragraphs(refs, text):
    assert format_paragraphs(refs) == text


@pytest.mark.parametrize("value", [140, "140-145", "2(a)", "3-3", "145.12"])
def test_format_then_parse_keeps_the_numbers(value):
    ref = parse_paragraph_ref(value)
    # the printed form uses an en dash; turning it back into a hyphen must parse to the same reference
    assert parse_paragraph_ref(str(ref).replace("–", "-")) == ref


RESPONSE = dict(id="A1", recommendation="Q1", document="D", relation="reply", paragraphs=[1],
                summary="s", status="partial", rationale="r", confidence="high", method="1.0")
RECOMMENDATION = dict(id="Q1", mechanism="CMW", document="D", paragraphs=[1], year=2016, topic="t",
                      topic_basis="source", addressee="MEX")


@pytest.mark.parametrize("model, base, change", [
    (ResponseRecord, RESPONSE, {"status": "done"}),
    (ResponseRecord, RESPONSE, {"relation": "answer"}),
    (ResponseRecord, RESPONSE, {"paragraphs": ["x"]}),
    (ResponseRecord, RESPONSE, {"summary": ""}),
    (ResponseRecord, RESPONSE, {"id": "has space"}),
    (ResponseRecord, RESPONSE, {"extra": 1}),
    (RecommendationRecord, RECOMMENDATION, {"paragraphs": []}),
    (RecommendationRecord, RECOMMENDATION, {"section": "part-X"}),
    (RecommendationRecord, RECOMMENDATION, {"topic_basis": "guess"}),
    (RecommendationRecord, RECOMMENDATION, {"themes": ["Not A Slug"]}),
    (RecommendationRecord, RECOMMENDATION, {"year": 1900}),
], ids=repr)
def test_models_reject(model, base, change):
    model.model_validate(base)  # the base is valid: the change alone must make it fail
    with pytest.raises(ValidationError):
        model.model_validate({**base, **change})
