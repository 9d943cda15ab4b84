"""tracker/imports/layout.py: which lines are reply headings (and which are table-of-contents entries),
part headings, running page headers and reproduced questions."""

import pytest

from tracker.imports.layout import classify, is_question, reply_heading

HEADINGS = [
    ("Reply to paragraph 1", (1, False)),
    ("[bookmark: _Toc485018343]\t\tReply to paragraph 12", None),  # classify() strips the bookmark first
    ("Reply to the questions raised in paragraph 3 of the list of issues", (3, False)),
    ("Replies to paragraph 4 (a)", (4, False)),
    ("Replies to paragraph 5 (a) and (b)", (5, False)),
    ("Reply to paragraph 6 of the list of issues (CMW/C/PHL/Q/1)", (6, False)),
    ("Respuesta al párrafo 7 de la lista de cuestiones", (7, False)),
    ("Respuestas a las preguntas planteadas en el párrafo 8", (8, False)),
    ("Réponse au paragraphe 9", (9, False)),
    ("Réponses aux questions soulevées au paragraphe 10 de la liste des points à traiter", (10, False)),
    ("Paragraph 11 of the list of issues", (11, False)),
    ("Question 12", (12, False)),
    ("**Reply to paragraph 13**", None),  # classify() strips the emphasis first
    ("Reply to paragraph 10 .......... 13", (10, True)),  # a contents line: page after dot leaders
    ("Respuesta al párrafo 2 de la lista de cuestiones\t5", (2, True)),  # page after a tab
    ("Reply to paragraph 1013", (1013, True)),  # paragraph 10 on page 13, glued
    ("Reply to paragraph 4 of the Act, the State notes that", None),  # a sentence, not a heading
    ("In reply to paragraph 4, the State party", None),
    ("Paragraph 5 of the Migration Act provides", None),
]


@pytest.mark.parametrize("line, expected", HEADINGS)
def test_reply_headings(line, expected):
    assert reply_heading(line) == expected


@pytest.mark.parametrize("line, kind", [
    ("[bookmark: _Toc485018343]\t\tReply to paragraph 1", "reply-heading"),
    ("**Reply to paragraph 1**", "reply-heading"),
    ("## Respuesta al párrafo 1", "reply-heading"),
    ("[bookmark: _Toc485018373]\t3.\tPart IV of the Convention", "structural"),
    ("\t\tPart I", "structural"),
    ("A.\tGeneral information", "structural"),
    ("\t\tAbbreviations", "structural"),
    ("CMW/C/PHL/Q/1/Add.1", "header"),
    ("page 5", "header"),
    ("Página 3 de 12", "header"),
    ("GE.17-09876 (E)", "header"),
    ("1.The Decree entered into force.", "paragraph"),
    ("\tsome table cell", "text"),
])
def test_line_kinds(line, kind):
    assert classify([line])[0].kind == kind


def test_paragraph_numbers_must_run_in_order():
    kinds = [(line.kind, line.paragraph) for line in classify(
        ["1.\tFirst.", "2.\tSecond:", "1.\ta listed item;", "3.\tThird.", "2010", "5.\tA skipped number."])]
    assert kinds == [("paragraph", 1), ("paragraph", 2), ("text", None), ("paragraph", 3), ("text", None),
                     ("text", None)]


@pytest.mark.parametrize("text, in_order, expected", [
    ("Please provide information on the legal framework.", True, True),
    ("Sírvanse proporcionar información sobre el marco jurídico.", True, True),
    ("Veuillez indiquer les mesures prises.", False, True),
    ("In the light of the previous recommendations, please indicate the measures taken.", False, True),
    ("In the light of the previous recommendations, please indicate the measures taken.", True, False),
    ("The Act was amended in 2015.", False, False),
])
def test_reproduced_questions(text, in_order, expected):
    assert is_question(text, in_order) == expected
