"""Rules a curated status must meet under docs/assessment-method.md, and plain words in user-facing texts.

Checked after each record has parsed: a confidence below high says why; every rationale is its own (no two
alike) and cites a paragraph of the reply it rates; texts that NGO staff read name no internal record id and
do not talk about "the sources" (curators' provenance goes in `curator_notes` or docs/curation-notes.md).
"""

import re
from collections.abc import Iterable, Iterator

from tracker import errors as e
from tracker.record import refs
from tracker.yaml_source import LocatedRecord

# A citation is a paragraph number in parentheses, "(65)", "(1-6, 10-12)", "(137(a)-(g))", or after the word
# "paragraph(s)" or "¶". Figures with thousands separators or decimals ("2,371", "1.6") are not citations.
_PARENTHESES = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)")
_AFTER_WORD = re.compile(r"(?:\bparagraphs?|¶)\s+(\d[\d\s,()a-z–-]*)", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d,.])(\d{1,4})(?!\d|[,.]\d)(?:\([a-z]+\))*(?:\s*[-–]\s*(\d{1,4})(?!\d|[,.]\d))?")
_WORDS = re.compile(r"\w+")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]")
_CURATORS_WORDS = re.compile(r"\bthe sources\b|\bREADME\b", re.IGNORECASE)
_LONGEST_RANGE = 300  # a "range" longer than a document is a pair of figures, not a citation


def cited_paragraphs(text: str) -> set[int]:
    """The paragraph numbers a text cites."""
    spans = [m.group(1) for m in _PARENTHESES.finditer(text)] + [m.group(1) for m in _AFTER_WORD.finditer(text)]
    cited: set[int] = set()
    for span in spans:
        for match in _NUMBER.finditer(span):
            first = int(match.group(1))
            last = int(match.group(2)) if match.group(2) else first
            cited.update(range(first, last + 1) if first <= last <= first + _LONGEST_RANGE else (first,))
    return cited


def _may_speak_of_sources(text: str) -> bool:
    """False when _CURATORS_WORDS cannot match: ten times quicker than the case-blind search it spares.

    Whatever the search matches case-blind ("ſ" too) folds to these lower-case words, character by character.
    """
    folded = text.casefold()
    return "the sources" in folded or "readme" in folded


def _normal(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _assessment_problems(responses: dict) -> Iterator[e.Problem]:
    seen: dict[str, tuple[LocatedRecord, str]] = {}
    for rec, response in responses.values():
        if response.confidence != "high" and not response.confidence_reason:
            yield e.MissingField(rec.file, rec.line_of("confidence"), rec.id, "confidence_reason",
                                 f"confidence {response.confidence!r} needs a one-line confidence_reason")
        elif response.confidence == "high" and response.confidence_reason:
            yield e.InvalidValue(rec.file, rec.line_of("confidence_reason"), rec.id, "confidence_reason",
                                 "a high confidence takes no confidence_reason; remove it or lower the confidence")
        key = _normal(response.rationale)
        if key in seen:
            first, first_id = seen[key]
            yield e.RationaleNotSpecific(rec.file, rec.line_of("rationale"), rec.id, "rationale",
                                         f"same rationale as {first_id} (line {first.line_of('rationale')}); "
                                         "say what this reply answers and leaves out")
            continue
        seen[key] = (rec, rec.id)
        own = {n for ref in refs(response.paragraphs) for n in ref.numbers()}
        if own and not own & cited_paragraphs(response.rationale):
            yield e.RationaleNotSpecific(rec.file, rec.line_of("rationale"), rec.id, "rationale",
                                         "cites no paragraph of the reply it rates; cite them in parentheses, "
                                         "for example (65) or (140-145)")


def _texts(rec: LocatedRecord, item, kind: str) -> Iterator[tuple[str, str]]:
    """(field, text) for every text NGO staff read in one record."""
    if kind == "recommendation":
        if item.topic:
            yield "topic", item.topic
        for link in item.lineage:
            yield "lineage", link.note
    else:
        yield "summary", item.summary
        yield "rationale", item.rationale
        if item.confidence_reason:
            yield "confidence_reason", item.confidence_reason
    for note in item.notes:
        yield "notes", note


def _wording_problems(kinds: Iterable[tuple[str, dict]], internal_ids: set[str]) -> Iterator[e.Problem]:
    for kind, records in kinds:
        for rec, item in records.values():
            for field, text in _texts(rec, item, kind):
                named = sorted(internal_ids.intersection(_TOKEN.findall(text)))
                if named:
                    yield e.InvalidValue(rec.file, rec.line_of(field), rec.id, field,
                                         f"names internal id(s) {', '.join(named)}; say it in plain words "
                                         "(the text is read by NGO staff)")
                if _may_speak_of_sources(text) and (match := _CURATORS_WORDS.search(text)):
                    yield e.InvalidValue(rec.file, rec.line_of(field), rec.id, field,
                                         f"speaks of {match.group(0)!r}; name the document itself, or move the "
                                         "remark to curator_notes")


def check_curation(recommendations: dict, responses: dict, documents: dict, actors: dict) -> Iterator[e.Problem]:
    """Problems with curated statuses and user-facing wording; each dict maps id -> (LocatedRecord, record)."""
    yield from _assessment_problems(responses)
    # Actor ids that are abbreviations the documents use (INM, COMAR) may appear; made-up ids may not.
    internal = set(recommendations) | set(responses) | set(documents) | {a for a in actors if "-" in a}
    yield from _wording_problems((("recommendation", recommendations), ("response", responses)), internal)
