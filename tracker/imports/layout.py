"""What each line of a reply document is: a reply heading, a reproduced question, a part heading,
the start of a numbered paragraph, a running page header, or text that continues the paragraph above."""

import re
from dataclasses import dataclass

# Word bookmarks and Markdown marks that conversions leave around a heading.
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_EMPHASIS = re.compile(r"\*\*|__")
_MARKDOWN_HEADING = re.compile(r"^\s*#+\s+")
_NUMBERED = re.compile(r"^(?P<lead>\s*)(?P<number>\d{1,3})\.(?!\d)\s*(?P<text>\S.*)$")

_REPLY_WORD = r"(?:repl(?:y|ies)|answers?|responses?|respuestas?|r[ée]ponses?)"
_QUESTION_WORD = (r"(?:paragraphs?|questions?|issues?|p[áa]rrafos?|preguntas?|cuesti[óo]n(?:es)?|"
                  r"paragraphes?|points?)")
# "Reply to paragraph 4", "Replies to paragraph 5 (a) and (b)", "Paragraph 6 of the list of issues", "Question 7".
_REPLY_HEADING = re.compile(
    rf"^(?:{_REPLY_WORD}\b(?P<filler>[^\d]{{0,80}}?)\b)?{_QUESTION_WORD}\s+(?:n[o°º.]+\s*)?(?P<number>\d+)"
    r"(?P<sub>(?:\s*(?:\(?[a-z]{1,4}\)|and|y|et|,|–|-))*)(?P<tail>.*)$", re.I)
# What may follow the number in a heading: the name of the list, and in a table of contents a page number
# after dot leaders or a tab.
_HEADING_TAIL = re.compile(
    r"^\s*(?:of the list of issues(?: prior to reporting)?|de la lista de cuestiones(?: previa)?|"
    r"de la liste (?:des points à traiter|de points)(?: établie avant la soumission du rapport)?)?"
    r"\s*(?:\([A-Z]{2,}/[^)]*\))?"  # the list's symbol: "(CMW/C/PHL/Q/1)"
    r"\s*[.:]?\s*(?P<page>(?:[.…·_\s]{2,}|\t)\s*\d+)?\s*$", re.I)
# A list of issues seldom has more than a few dozen paragraphs: a larger number is a page glued on.
MAX_QUESTION = 150

_STRUCTURAL = re.compile(
    r"^\s*(?:\d+\.\s*|[A-Z]\.\s*)?(?:Part|Parte|Partie)\s+[IVXLC]+\b[^.]{0,60}$"
    r"|^\s*[A-H]\.\s+[^.\d]{3,80}$"
    r"|^\s*(?:Abbreviations|Annex(?:es)?|Abreviaturas|Siglas|Anexos?|Sigles(?: et abréviations)?|"
    r"Abréviations|Annexes?|Introduction|Introducción|Contents|Índice|Table des matières)\s*$", re.I)
_RUNNING_HEADER = re.compile(
    r"^\s*(?:(?:page|página|pagina)\s+\d+(?:\s*(?:of|de|sur)\s*\d+)?"
    r"|[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+){2,}"
    r"|GE\.\d{2}-\d+(?:\s*\(\w\))?(?:\s+\d+)?"
    r"|\d+\s*/\s*\d+)\s*$", re.I)
_QUESTION_START = re.compile(
    r"^(please|kindly|provide|indicate|describe|explain|sírvan?se|sirvan?se|proporcion|indiquen?|"
    r"informen?|describan?|expliquen?|veuillez|fournir|indiquer|décrire|expliquer|donner)\b", re.I)
_QUESTION_ANYWHERE = re.compile(r"\b(please|sírvan?se|sirvan?se|veuillez|prière de)\b|\?\s*$", re.I)


@dataclass(frozen=True)
class Line:
    """One classified line: kind is reply-heading, question, structural, paragraph, header or text."""

    kind: str
    number: int  # line number in the document, from 1
    text: str
    question: int | None = None  # the question a heading names
    toc: bool = False  # a table-of-contents entry (page number after the question number)
    paragraph: int | None = None  # the paragraph number a paragraph line opens
    space_led: bool = False  # the paragraph line begins with white space


def clean(raw: str) -> str:
    """The line without the bookmarks and Markdown marks a conversion left on it."""
    return _MARKDOWN_HEADING.sub("", _EMPHASIS.sub("", _BOOKMARK.sub("", raw)))


def reply_heading(text: str) -> tuple[int, bool] | None:
    """(question, is a table-of-contents entry) for a reply heading, None for any other line."""
    match = _REPLY_HEADING.match(text.strip())
    if not match:
        return None
    tail = _HEADING_TAIL.match(match["tail"])
    if not tail:
        return None
    question = int(match["number"])
    return question, bool(tail["page"]) or question > MAX_QUESTION


def is_question(text: str, expected_paragraph: bool) -> bool:
    """Whether a numbered line reproduces a question of the list rather than opening a reply paragraph."""
    if _QUESTION_START.match(text):
        return True
    return not expected_paragraph and bool(_QUESTION_ANYWHERE.search(text))


def classify(lines: list[str]) -> list[Line]:
    """Every non-blank line, classified; paragraph numbers must run in order (1, 2, 3 …) to count."""
    classified: list[Line] = []
    expected = 1
    for number, raw in enumerate(lines, start=1):
        text = clean(raw)
        if not text.strip():
            continue
        if _RUNNING_HEADER.match(text):
            classified.append(Line("header", number, text.strip()))
            continue
        heading = reply_heading(text)
        if heading:
            classified.append(Line("reply-heading", number, text.strip(), question=heading[0], toc=heading[1]))
            continue
        numbered = _NUMBERED.match(text)
        if numbered and not _STRUCTURAL.match(text):
            value = int(numbered["number"])
            in_order = value == expected
            if is_question(numbered["text"], in_order):
                classified.append(Line("question", number, text.strip(), question=value))
                continue
            if in_order:
                classified.append(Line("paragraph", number, numbered["text"].strip(), paragraph=value,
                                       space_led=bool(numbered["lead"])))
                expected = value + 1
                continue
        if _STRUCTURAL.match(text):
            classified.append(Line("structural", number, text.strip()))
        else:
            classified.append(Line("text", number, text.strip()))
    return classified
