"""Segmentation: cut a State's replies to a list of issues into one proposed reply per question."""

from dataclasses import dataclass

from tracker.imports.deferrals import Deferral, find_deferral
from tracker.imports.layout import Line, classify

HEADING_CONFIDENCE = 0.95  # the document says which question follows
QUESTION_CONFIDENCE = 0.85  # the question is reproduced, numbered like the reply paragraphs
BREAK_AFTER_PART_CONFIDENCE = 0.75  # a paragraph led by a space right after a part heading
BREAK_CONFIDENCE = 0.6  # only a paragraph led by a space shows where a lost heading stood


@dataclass(frozen=True)
class ProposedReply:
    """Reply paragraphs first–last answering question N, why they were cut there and how sure that is."""

    question: int
    first: int
    last: int
    line: int  # the document line of the first paragraph
    evidence: str
    confidence: float
    deferral: Deferral | None

    @property
    def deferred(self) -> bool:
        """True when the whole reply defers (a partial deferral is reported but does not make it deferred)."""
        return bool(self.deferral and self.deferral.whole)

    def dry_run(self) -> dict:
        """The reply as `--dry-run --json` prints it."""
        return {"question": self.question, "first": self.first, "last": self.last, "deferred": self.deferred}


@dataclass(frozen=True)
class Segmentation:
    """The proposed replies, the text of every numbered paragraph, and what could not be placed."""

    replies: tuple[ProposedReply, ...]
    paragraphs: dict[int, str]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class _Cut:
    question: int
    paragraph: Line
    evidence: str
    confidence: float


def _heading_cut(pending: list[Line], paragraph: Line, last_question: int, problems: list[str]) -> _Cut | None:
    headings = [line for line in pending if not line.toc]
    if not headings:
        return None
    chosen = headings[-1]
    if chosen.question < last_question:
        problems.append(f"line {chosen.number}: heading names question {chosen.question} after question "
                        f"{last_question}; not used")
        return None
    explicit = any(line.kind == "reply-heading" and line.question == chosen.question for line in headings)
    kind = "heading" if chosen.kind == "reply-heading" else "heading reproducing the question"
    return _Cut(chosen.question, paragraph, f'{kind} "{chosen.text[:120]}" (line {chosen.number})',
                HEADING_CONFIDENCE if explicit else QUESTION_CONFIDENCE)


def _break_cut(paragraph: Line, part_heading: Line | None, last_question: int) -> _Cut:
    evidence = (f"paragraph {paragraph.paragraph} begins with a space (line {paragraph.number}), "
                "where a heading was lost in conversion")
    if part_heading:
        evidence += f', right after the heading "{part_heading.text}" (line {part_heading.number})'
    return _Cut(last_question + 1, paragraph, evidence,
                BREAK_AFTER_PART_CONFIDENCE if part_heading else BREAK_CONFIDENCE)


def _cuts(lines: list[Line], problems: list[str]) -> tuple[list[_Cut], dict[int, list[str]]]:
    numbered = [line for line in lines if line.kind == "paragraph"]
    # A space before the number marks a lost heading only where it is the exception, not the layout.
    breaks_mark_headings = 0 < sum(line.space_led for line in numbered) < len(numbered) / 2
    cuts: list[_Cut] = []
    texts: dict[int, list[str]] = {}
    pending: list[Line] = []
    part_heading: Line | None = None
    current: int | None = None
    for line in lines:
        if line.kind in ("reply-heading", "question"):
            pending.append(line)
            current = None
        elif line.kind == "structural":
            part_heading, current = line, None
        elif line.kind == "text" and current is not None:
            texts[current].append(line.text)
        elif line.kind == "paragraph":
            current = line.paragraph
            texts[current] = [line.text]
            last_question = cuts[-1].question if cuts else 0
            cut = _heading_cut(pending, line, last_question, problems)
            if cut is None and breaks_mark_headings and line.space_led:
                cut = _break_cut(line, part_heading, last_question)
            pending, part_heading = [], None
            if cut and not (cuts and cut.question == cuts[-1].question):  # "(a)", "(b)": one question
                cuts.append(cut)
    return cuts, texts


def segment(lines: list[str]) -> Segmentation:
    """Proposed replies for a document's lines, in document order."""
    problems: list[str] = []
    cuts, texts = _cuts(classify(lines), problems)
    paragraphs = {number: "\n".join(parts) for number, parts in texts.items()}
    if not cuts:
        return Segmentation((), paragraphs, tuple(problems))
    numbers = sorted(paragraphs)
    first_cut = cuts[0].paragraph.paragraph
    if numbers[0] < first_cut:
        problems.append(f"paragraphs {numbers[0]}–{first_cut - 1} come before the first reply (line "
                        f"{cuts[0].paragraph.number}) and are not assigned to a question")
    replies = []
    for index, cut in enumerate(cuts):
        first = cut.paragraph.paragraph
        last = cuts[index + 1].paragraph.paragraph - 1 if index + 1 < len(cuts) else numbers[-1]
        if index and cut.question > cuts[index - 1].question + 1:
            missing = range(cuts[index - 1].question + 1, cut.question)
            problems.append(f"line {cut.paragraph.number}: no reply found to question"
                            f"{'s' if len(missing) > 1 else ''} {missing[0]}"
                            f"{'–' + str(missing[-1]) if len(missing) > 1 else ''}")
        deferral = find_deferral([(n, paragraphs[n]) for n in range(first, last + 1) if n in paragraphs])
        replies.append(ProposedReply(cut.question, first, last, cut.paragraph.number, cut.evidence,
                                     cut.confidence, deferral))
    return Segmentation(tuple(replies), paragraphs, tuple(problems))
