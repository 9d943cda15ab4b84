"""tracker/validation.py: every problem is found, typed and located (file, line, record, field).

One table drives the main test. Each case edits one file of a copy of the fixture record and names the
problem it must produce and where. The expected line is found by reading the mutated file as text (the line
where the offending field sits), never by asking the validator, so a wrong line fails the test.
"""

import copy
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tracker import errors as e
from tracker.settings import PROJECT_ROOT
from tracker.startup import open_database
from tracker.validation import FILES, check_record, load_record, record_digest

PROBLEM_FORM = re.compile(r"^(?P<file>[\w.-]+\.yaml):(?P<line>\d+|\?): (?P<record>\S+): (?P<field>\S+): (?P<message>.+)$")


# --- mutations: each takes the file's text and returns its new content (str, bytes, or None to delete) -----

def replace(old: str, new: str, encoding: str = "utf-8") -> Callable[[str], str | bytes]:
    def mutate(text: str) -> str | bytes:
        assert text.count(old) == 1, f"mutation anchor {old!r} must occur exactly once"
        changed = text.replace(old, new)
        return changed if encoding == "utf-8" else changed.encode(encoding)
    return mutate


def on_yaml(change: Callable[[object], object | None]) -> Callable[[str], str]:
    """Edit the parsed YAML (in place, or return a replacement) and write it back."""
    def mutate(text: str) -> str:
        data = yaml.safe_load(text)
        result = change(data)
        return yaml.safe_dump(data if result is None else result, sort_keys=False, allow_unicode=True)
    return mutate


def whole(new_text: str) -> Callable[[str], str]:
    return lambda _text: new_text


def delete_file(_text: str) -> None:
    return None


def append_record(record: dict) -> Callable[[str], str]:
    return on_yaml(lambda data: data.append(record))


def drop_record(record_id: str) -> Callable[[str], str]:
    return on_yaml(lambda data: [r for r in data if r["id"] != record_id])


def edit_record(record_id: str, **fields) -> Callable[[str], str]:
    def change(data):
        (target,) = [r for r in data if r["id"] == record_id]
        target.update(fields)
    return on_yaml(change)


# --- line locators: each reads the expected file's mutated text and returns the line the problem must name ---

def at(anchor: str, key: str | None = None, nth: int | None = None) -> Callable[[str], int]:
    """Line of the line that reads `anchor` (stripped; unique unless nth is given), or of `key:` in its entry."""
    def locate(text: str) -> int:
        lines = text.splitlines()
        hits = [i for i, line in enumerate(lines) if line.strip() == anchor]
        assert len(hits) >= (nth or 1) if nth else len(hits) == 1, f"anchor {anchor!r} found {len(hits)} time(s)"
        start = hits[(nth or 1) - 1]
        if key is None:
            return start + 1
        indent = len(lines[start]) - len(lines[start].lstrip())
        for i in range(start + 1, len(lines)):
            stripped = lines[i].strip()
            if stripped.startswith(f"{key}:"):
                return i + 1
            if stripped.startswith("- ") and len(lines[i]) - len(lines[i].lstrip()) <= indent:
                break
        raise AssertionError(f"no {key}: under {anchor!r}")
    return locate


def containing(fragment: str) -> Callable[[str], int]:
    def locate(text: str) -> int:
        hits = [i for i, line in enumerate(text.splitlines()) if fragment in line]
        assert len(hits) == 1, f"{fragment!r} found on {len(hits)} line(s)"
        return hits[0] + 1
    return locate


def no_line(_text: str) -> None:
    return None


@dataclass(frozen=True)
class Case:
    id: str
    edit: str
    mutate: Callable[[str], str | bytes | None]
    problem: type[e.Problem]
    file: str
    record: str | None
    field: str | None
    line: Callable[[str], int | None]
    others: tuple[str, ...] = ()  # codes of the problems that follow from it in files that are themselves clean
    message: str | Callable[[str], str] | None = None  # a fragment the message must contain


# Nine anchors, each a list of nine aliases of the one before: half a kilobyte that expands to 9⁹ strings.
ALIAS_BOMB = "- &a1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"- &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(2, 10)) + "- {id: A1, summary: *a9}\n"

NEW_RESPONSE = dict(id="A4", recommendation="Q9", document="REPORT", relation="related", paragraphs=[7],
                    summary="Bears on a request that is not in the record.", status="partial",
                    rationale="Test case (7).", confidence="high", method="1.0")


def _first_cndh(text: str) -> str:
    return f"first defined on line {at('- id: CNDH', nth=1)(text)}"


def second_status_of_a2(text: str) -> int:
    lines = text.splitlines()
    start = lines.index("- id: A2")
    return [n for n, line in enumerate(lines[start:], start + 1) if line.startswith("  status:")][1]


CASES = [
    # syntax and file-level problems
    Case("yaml-syntax", "recommendations.yaml",
         replace("topic: Detention conditions", "topic: Detention: conditions"),
         e.YamlSyntaxError, "recommendations.yaml", None, None, containing("Detention: conditions"), message="YAML syntax"),
    Case("yaml-syntax-unclosed-flow-list", "responses.yaml",
         # the parser notices the unclosed list at the next key, which is the line it must report
         replace("  bodies: [INM, CNDH]\n", "  bodies: [INM, CNDH\n"),
         e.YamlSyntaxError, "responses.yaml", None, None, containing("summary: Describes detention standards.")),
    Case("non-utf8", "documents.yaml",
         replace("title: Report (test)", "title: Report (tést)", encoding="latin-1"),
         e.FileError, "documents.yaml", None, None, containing("title: Report (t"), message="not UTF-8"),
    Case("not-a-list", "responses.yaml", whole("# Links between items and replies.\n\nresponses: none\n"),
         e.InvalidValue, "responses.yaml", None, None, containing("responses: none"), message="expected a list of records"),
    Case("entry-not-a-mapping", "responses.yaml", lambda text: text + "- just a remark\n",
         e.InvalidValue, "responses.yaml", None, None, containing("- just a remark"),
         message="must be a mapping"),
    Case("missing-file", "responses.yaml", delete_file,
         e.FileError, "responses.yaml", None, None, no_line, message="cannot read file"),
    # schema problems
    Case("missing-required-field", "responses.yaml", replace("  rationale: Describes the detention standards (1-5) but gives no data on outcomes.\n", ""),
         e.MissingField, "responses.yaml", "A1", "rationale", at("- id: A1"), message="required"),
    Case("unknown-status", "responses.yaml", replace("  status: partial\n", "  status: done\n"),
         e.UnknownStatus, "responses.yaml", "A1", "status", at("- id: A1", "status"), message="'done'"),
    Case("unknown-field", "responses.yaml",
         replace("  rationale: Says the reply will come later (6).\n",
                 "  rationale: Says the reply will come later (6).\n  colour: blue\n"),
         e.InvalidValue, "responses.yaml", "A2", "colour", containing("colour: blue"), message="unknown field"),
    Case("wrong-type", "recommendations.yaml",
         replace("  paragraphs: [1]\n  year: 2016\n", "  paragraphs: [1]\n  year: twenty\n"),
         e.InvalidValue, "recommendations.yaml", "Q1", "year", at("- id: Q1", "year"), message="twenty"),
    Case("invalid-paragraph-reference", "responses.yaml", replace("paragraphs: [6]", "paragraphs: [six]"),
         e.InvalidValue, "responses.yaml", "A2", "paragraphs[0]", at("- id: A2", "paragraphs"),
         message="not a paragraph reference"),
    Case("invalid-section", "recommendations.yaml", replace("section: part-III", "section: part-X"),
         e.InvalidValue, "recommendations.yaml", "Q1", "section", at("- id: Q1", "section")),
    Case("invalid-date", "documents.yaml", replace("date: 2016-10", "date: October 2016"),
         e.InvalidValue, "documents.yaml", "QPR", "date", at("- id: QPR", "date")),
    Case("theme-not-a-slug", "recommendations.yaml",
         replace("themes: [detention]", "themes: [Detention Centres]"),
         e.InvalidValue, "recommendations.yaml", "Q1", "themes[0]", at("- id: Q1", "themes"), message="slug"),
    Case("topic-without-basis", "recommendations.yaml", replace("topic_basis: unknown", "topic_basis: source"),
         e.InvalidValue, "recommendations.yaml", "Q2", "topic", at("- id: Q2", "topic")),
    Case("no-paragraphs-but-not-not-addressed", "responses.yaml",
         replace("  status: not_addressed\n", "  status: partial\n"),
         e.InvalidValue, "responses.yaml", "A3", "paragraphs", at("- id: A3", "paragraphs")),
    pytest.param(
        Case("field-given-twice", "responses.yaml",
             replace("  status: deferred\n", "  status: deferred\n  status: partial\n"),
             e.InvalidValue, "responses.yaml", "A2", "status", second_status_of_a2,
             message="given twice")),
    # vocabulary and Convention structure
    Case("unknown-part-of-article", "convention.yaml",
         replace("  - number: 1\n    part: I\n", "  - number: 1\n    part: X\n"),
         e.UnknownPart, "convention.yaml", "1", "part", at("- number: 1", "part"),
         others=("incomplete-record",), message="'X'"),
    Case("unknown-part-id", "convention.yaml", replace("  - id: IX\n", "  - id: X\n"),
         e.UnknownPart, "convention.yaml", "X", "id", at("- id: X"), others=("incomplete-record",)),
    Case("article-outside-its-part-convention", "convention.yaml",
         replace("  - number: 7\n    part: II\n", "  - number: 7\n    part: III\n"),
         e.ArticleOutsidePart, "convention.yaml", "7", "part", at("- number: 7", "part"),
         message="not within part III"),
    Case("missing-article", "convention.yaml",
         on_yaml(lambda data: data.update(articles=data["articles"][:-1])),
         e.IncompleteRecord, "convention.yaml", "93", "articles", no_line, message="article 93 is missing"),
    Case("unknown-article", "recommendations.yaml", replace("articles: [16, 17]", "articles: [16, 94]"),
         e.UnknownArticle, "recommendations.yaml", "Q1", "articles", at("- id: Q1", "articles"),
         message="article 94"),
    Case("article-outside-report-section-part", "recommendations.yaml",
         replace("articles: [16, 17]", "articles: [16, 40]"),
         e.ArticleOutsidePart, "recommendations.yaml", "Q1", "articles", at("- id: Q1", "articles"),
         message="article 40 lies in part IV"),
    # references between records
    Case("response-names-unknown-recommendation", "responses.yaml", append_record(NEW_RESPONSE),
         e.UnknownRecommendation, "responses.yaml", "A4", "recommendation", at("- id: A4", "recommendation"),
         message="'Q9'"),
    Case("lineage-names-unknown-recommendation", "recommendations.yaml",
         replace("takes_up: Q1", "takes_up: Q9"),
         e.UnknownRecommendation, "recommendations.yaml", "R94", "lineage", at("- id: R94", "lineage")),
    Case("recommendation-without-response", "responses.yaml", drop_record("A3"),
         e.IncompleteRecord, "recommendations.yaml", "R94", "id", at("- id: R94"), message="no response"),
    Case("unknown-document", "responses.yaml",
         replace("  document: REPORT\n  relation: reply\n  paragraphs: [6]\n",
                 "  document: NOPE\n  relation: reply\n  paragraphs: [6]\n"),
         e.UnknownDocument, "responses.yaml", "A2", "document", at("- id: A2", "document"), message="'NOPE'"),
    Case("nested-paragraph-reference", "recommendations.yaml",
         edit_record("R94", seen_in={"document": "SR", "paragraphs": [94, "x"]}),
         e.InvalidValue, "recommendations.yaml", "R94", "seen_in.paragraphs[1]", at("- id: R94", "seen_in")),
    Case("unknown-document-in-seen-in", "recommendations.yaml",
         edit_record("R94", seen_in={"document": "NOPE", "paragraphs": [1]}),
         e.UnknownDocument, "recommendations.yaml", "R94", "seen_in", at("- id: R94", "seen_in")),
    Case("duplicate-actor-id", "actors.yaml", replace("- id: COMAR", "- id: CNDH"),
         e.DuplicateId, "actors.yaml", "CNDH", "id", at("- id: CNDH", nth=2), message=_first_cndh),
    Case("duplicate-recommendation-id", "recommendations.yaml",
         on_yaml(lambda data: data.append({**copy.deepcopy(data[0]), "topic": "A second Q1"})),
         e.DuplicateId, "recommendations.yaml", "Q1", "id", at("- id: Q1", nth=2)),
    Case("duplicate-article-number", "convention.yaml", replace("  - number: 8\n", "  - number: 7\n"),
         e.DuplicateId, "convention.yaml", "7", "number", at("- number: 7", nth=2),
         others=("incomplete-record",)),
    Case("unknown-actor-in-bodies", "responses.yaml", replace("bodies: [INM, CNDH]", "bodies: [INM, NOBODY]"),
         e.UnknownActor, "responses.yaml", "A1", "bodies", at("- id: A1", "bodies"), message="'NOBODY'"),
    Case("unknown-actor-as-addressee", "recommendations.yaml",
         replace("  addressee: MEX\n  themes", "  addressee: NOBODY\n  themes"),
         e.UnknownActor, "recommendations.yaml", "Q1", "addressee", at("- id: Q1", "addressee")),
    Case("unknown-actor-as-mechanism", "recommendations.yaml",
         replace("mechanism: SR-MIGRANTS", "mechanism: NOBODY"),
         e.UnknownActor, "recommendations.yaml", "R94", "mechanism", at("- id: R94", "mechanism")),
    Case("mechanism-of-wrong-kind", "recommendations.yaml", replace("mechanism: SR-MIGRANTS", "mechanism: MEX"),
         e.InvalidValue, "recommendations.yaml", "R94", "mechanism", at("- id: R94", "mechanism"),
         message="not a mechanism"),
    Case("unknown-actor-as-author", "documents.yaml", replace("author: SR-MIGRANTS", "author: NOBODY"),
         e.UnknownActor, "documents.yaml", "SR", "author", at("- id: SR", "author")),
    Case("unknown-actor-as-parent", "actors.yaml", replace("parent: DIF", "parent: NOBODY"),
         e.UnknownActor, "actors.yaml", "PFPNNA", "parent", at("- id: PFPNNA", "parent")),
    # paragraph ranges (REPORT holds 1–20, QPR 1–3, SR 90–95)
    Case("paragraph-above-range", "responses.yaml", replace("paragraphs: [6]", "paragraphs: [21]"),
         e.ParagraphOutOfRange, "responses.yaml", "A2", "paragraphs", at("- id: A2", "paragraphs"),
         message="paragraph 21 is outside REPORT"),
    Case("paragraph-range-crossing-the-end", "responses.yaml",
         replace('paragraphs: ["1-5"]', 'paragraphs: ["18-25"]'),
         e.ParagraphOutOfRange, "responses.yaml", "A1", "paragraphs", at("- id: A1", "paragraphs")),
    Case("sub-paragraph-out-of-range", "recommendations.yaml",
         replace("  paragraphs: [2]\n", '  paragraphs: ["4(a)"]\n'),
         e.ParagraphOutOfRange, "recommendations.yaml", "Q2", "paragraphs", at("- id: Q2", "paragraphs")),
    Case("paragraph-below-range", "recommendations.yaml", replace("paragraphs: [94]", "paragraphs: [89]"),
         e.ParagraphOutOfRange, "recommendations.yaml", "R94", "paragraphs", at("- id: R94", "paragraphs")),
    # hostile and broken files
    Case("alias-bomb", "responses.yaml", whole(ALIAS_BOMB),
         e.InvalidValue, "responses.yaml", None, None, containing("- &a1 "), message="anchors and aliases"),
    Case("anchor-without-alias", "responses.yaml", replace("- id: A2\n", "- &second\n  id: A2\n"),
         e.InvalidValue, "responses.yaml", None, None, containing("&second"), message="anchors and aliases"),
    Case("merge-key", "responses.yaml", lambda text: text.replace("- id: A1\n", "- &base\n  id: A1\n")
         .replace("- id: A2\n", "- <<: *base\n  id: A2\n"),
         e.InvalidValue, "responses.yaml", None, None, containing("&base"), message="anchors and aliases"),
    Case("yaml-tag", "responses.yaml", replace("summary: Defers the reply.", "summary: !!binary ZGVm"),
         e.InvalidValue, "responses.yaml", "A2", "summary", containing("!!binary"), message="tag"),
    Case("custom-yaml-tag", "responses.yaml", replace("summary: Defers the reply.", "summary: !python/none x"),
         e.InvalidValue, "responses.yaml", "A2", "summary", containing("!python/none"), message="tag"),
    Case("impossible-date", "documents.yaml", replace("date: 2017-05-19", "date: 2017-02-30"),
         e.InvalidValue, "documents.yaml", "REPORT", "date", containing("2017-02-30"), message="2017-02-30"),
    Case("nested-duplicate-key", "recommendations.yaml",
         replace("    - takes_up: Q1\n", "    - takes_up: Q1\n      takes_up: Q2\n"),
         e.InvalidValue, "recommendations.yaml", "R94", "lineage[0].takes_up", containing("takes_up: Q2"),
         message="given twice (first on line"),
    Case("duplicate-key-in-flow-mapping", "documents.yaml",
         replace("paragraphs: {first: 1, last: 20}", "paragraphs: {first: 1, last: 20, first: 2}"),
         e.InvalidValue, "documents.yaml", "REPORT", "paragraphs.first", containing("first: 2}"),
         message="given twice"),
    Case("repeated-top-level-section", "convention.yaml",
         lambda text: text + "parts:\n  - id: I\n    title: Again\n    first_article: 1\n    last_article: 6\n",
         e.InvalidValue, "convention.yaml", None, "parts", lambda text: text.splitlines().index("parts:", 3) + 1,
         message="section given twice"),
    Case("yes-is-not-an-article", "recommendations.yaml", replace("articles: [16, 17]", "articles: [16, yes]"),
         e.InvalidValue, "recommendations.yaml", "Q1", "articles[1]", at("- id: Q1", "articles"),
         message="boolean"),
    Case("quoted-number-is-not-an-article", "recommendations.yaml",
         replace("articles: [16, 17]", 'articles: [16, "17"]'),
         e.InvalidValue, "recommendations.yaml", "Q1", "articles[1]", at("- id: Q1", "articles"),
         message="valid integer (got '17')"),
    Case("float-is-not-an-article", "recommendations.yaml", replace("articles: [16, 17]", "articles: [16, 17.0]"),
         e.InvalidValue, "recommendations.yaml", "Q1", "articles[1]", at("- id: Q1", "articles"),
         message="valid integer"),
    Case("quoted-year", "recommendations.yaml",
         replace("  paragraphs: [1]\n  year: 2016\n", '  paragraphs: [1]\n  year: "2016"\n'),
         e.InvalidValue, "recommendations.yaml", "Q1", "year", at("- id: Q1", "year")),
    Case("no-is-not-text", "responses.yaml", replace("summary: Defers the reply.", "summary: no"),
         e.InvalidValue, "responses.yaml", "A2", "summary", at("- id: A2", "summary"), message="boolean"),
    Case("no-is-not-a-status", "responses.yaml", replace("  status: deferred\n", "  status: no\n"),
         e.UnknownStatus, "responses.yaml", "A2", "status", at("- id: A2", "status"), message="boolean"),
    Case("lineage-cycle", "recommendations.yaml",
         lambda text: text.replace("  themes: [detention]\n",
                                   "  themes: [detention]\n  lineage:\n    - takes_up: R94\n      note: back\n"),
         e.LineageCycle, "recommendations.yaml", "Q1", "lineage", at("- id: Q1", "lineage"),
         message="Q1 → R94 → Q1"),
    Case("lineage-takes-up-itself", "recommendations.yaml", replace("takes_up: Q1", "takes_up: R94"),
         e.LineageCycle, "recommendations.yaml", "R94", "lineage", at("- id: R94", "lineage"),
         message="R94 → R94"),
    Case("paragraph-number-too-large", "responses.yaml", replace("paragraphs: [6]", "paragraphs: [100001]"),
         e.InvalidValue, "responses.yaml", "A2", "paragraphs[0]", at("- id: A2", "paragraphs"),
         message="from 1 to 100,000"),
    Case("span-too-large", "documents.yaml",
         replace("paragraphs: {first: 1, last: 20}", "paragraphs: {first: 1, last: 999999999}"),
         e.InvalidValue, "documents.yaml", "REPORT", "paragraphs.last", at("- id: REPORT", "paragraphs")),
    Case("nul-in-text", "responses.yaml", replace("summary: Defers the reply.", 'summary: "Defers\\0 the reply."'),
         e.ControlCharacter, "responses.yaml", "A2", "summary", at("- id: A2", "summary"), message="U+0000"),
    Case("escape-in-text", "responses.yaml", replace("summary: Defers the reply.", 'summary: "Defers\\e the reply."'),
         e.ControlCharacter, "responses.yaml", "A2", "summary", at("- id: A2", "summary"), message="U+001B"),
    Case("lone-surrogate-in-text", "responses.yaml",
         replace("summary: Defers the reply.", 'summary: "Defers\\ud800 the reply."'),
         e.YamlSyntaxError, "responses.yaml", None, None, at("- id: A2", "summary"), message="escape"),
    Case("escape-in-a-list-item", "responses.yaml", replace("bodies: [INM, CNDH]", 'bodies: [INM, "CN\\x07DH"]'),
         e.ControlCharacter, "responses.yaml", "A1", "bodies[1]", at("- id: A1", "bodies"), message="U+0007"),
    Case("control-character-in-a-key", "responses.yaml", replace("  summary: Defers", '  "sum\\x01mary": Defers'),
         e.ControlCharacter, "responses.yaml", "A2", None, containing("sum\\x01mary")),
    Case("raw-control-character-in-the-file", "responses.yaml",
         replace("summary: Defers the reply.", "summary: Defers\x01 the reply."),
         e.ControlCharacter, "responses.yaml", None, None, containing("Defers\x01"), message="U+0001"),
    Case("raw-nul-in-the-file", "actors.yaml", replace("  name: Mexico\n", "  name: Mex\x00ico\n"),
         e.ControlCharacter, "actors.yaml", None, None, containing("Mex\x00ico"), message="U+0000"),
    Case("long-value-is-quoted-short", "responses.yaml", replace("  status: deferred\n", f"  status: {'x' * 500}\n"),
         e.UnknownStatus, "responses.yaml", "A2", "status", at("- id: A2", "status"), message="xxx…"),
    Case("no-recommendations", "recommendations.yaml", whole("# nothing yet\n"),
         e.IncompleteRecord, "recommendations.yaml", None, None, lambda _text: 1,
         message="would retire every item"),
]


BOOLEAN_HINT = " (YAML reads unquoted yes/no/on/off/true/false as a boolean; quote it if it is text)"
STATUSES = "'addressed', 'partial', 'deferred' or 'not_addressed'"
EXACT_MESSAGES = {
    "missing-required-field": "required field is missing",
    "unknown-field": "unknown field (see docs/data-model.md)",
    "unknown-status": f"'done' is not one of {STATUSES}",
    "no-is-not-a-status": f"False is not one of {STATUSES}{BOOLEAN_HINT}",
    "unknown-part-id": "'X' is not one of 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII' or 'IX'",
    "wrong-type": "Input should be a valid integer (got 'twenty')",
    "yes-is-not-an-article": f"Input should be a valid integer (got True){BOOLEAN_HINT}",
    "invalid-paragraph-reference": "'six' is not a paragraph reference (use 140, \"140-145\", \"2(a)\" or \"145.12\")",
    "theme-not-a-slug": "theme 'Detention Centres' is not a lower-case slug",
    "nested-paragraph-reference": "'x' is not a paragraph reference (use 140, \"140-145\", \"2(a)\" or \"145.12\")",
}


def _write(path: Path, content: str | bytes | None) -> None:
    if content is None:
        path.unlink()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace") if path.exists() else ""


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_problem_is_typed_and_located(case: Case, record_copy: Path):
    edited = record_copy / case.edit
    _write(edited, case.mutate(edited.read_text(encoding="utf-8")))
    expected_line = case.line(_text(record_copy / case.file))

    record, problems = check_record(record_copy)

    assert record is None, "nothing may be loaded when the record has a problem"
    assert Counter(p.code for p in problems) == Counter((case.problem.code, *case.others)), \
        "\n".join(map(str, problems))
    (problem,) = [p for p in problems if p.code == case.problem.code]
    assert type(problem) is case.problem
    assert (problem.file, problem.line, problem.record, problem.field) == \
        (case.file, expected_line, case.record, case.field), str(problem)
    if case.message is not None:
        fragment = case.message(_text(record_copy / case.file)) if callable(case.message) else case.message
        assert fragment in problem.message
    if case.id in EXACT_MESSAGES:
        assert problem.message == EXACT_MESSAGES[case.id]
    assert str(problem) == (f"{case.file}:{'?' if expected_line is None else expected_line}: "
                            f"{case.record or '-'}: {case.field or '-'}: {problem.message}")
    for each in problems:
        assert PROBLEM_FORM.match(str(each)), str(each)


def test_load_record_raises_with_every_problem(record_copy: Path):
    path = record_copy / "responses.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  status: partial\n", "  status: done\n")
                    .replace("paragraphs: [6]", "paragraphs: [21]"), encoding="utf-8")
    with pytest.raises(e.RecordInvalid) as raised:
        load_record(record_copy)
    # A1 fails its schema and is left out; Q1 is not also reported unanswered, since responses.yaml is broken
    assert sorted(p.code for p in raised.value.problems) == ["paragraph-out-of-range", "unknown-status"]
    for problem in raised.value.problems:
        assert str(problem) in str(raised.value)


def _load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_fixture_record_is_valid(fixture_dir: Path):
    record, problems = check_record(fixture_dir)

    assert problems == []
    assert record is not None
    convention = _load_yaml(fixture_dir / "convention.yaml")
    assert [p.id for p in record.parts] == [p["id"] for p in convention["parts"]]
    assert [a.number for a in record.articles] == sorted(a["number"] for a in convention["articles"])
    for name, attribute in [("actors.yaml", "actors"), ("documents.yaml", "documents"),
                            ("recommendations.yaml", "recommendations"), ("responses.yaml", "responses")]:
        assert [r.id for r in getattr(record, attribute)] == [r["id"] for r in _load_yaml(fixture_dir / name)]


def test_digest_changes_with_any_file(record_copy: Path):
    before, _ = check_record(record_copy)
    again, _ = check_record(record_copy)
    path = record_copy / "actors.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a comment changes the bytes\n", encoding="utf-8")
    after, _ = check_record(record_copy)
    assert before.digest == again.digest != after.digest


def test_curated_data_validates():
    data_dir = PROJECT_ROOT / "data"
    missing = [name for name in FILES if not (data_dir / name).exists()]
    if missing:
        pytest.skip(f"the curation in {data_dir} is not complete yet: {', '.join(missing)} does not exist")
    record, problems = check_record(data_dir)
    assert problems == [], "\n".join(map(str, problems))
    assert record is not None and len(record.recommendations) > 0


def test_both_item_files_empty_are_refused_with_the_reason(record_copy: Path):
    for name in ("recommendations.yaml", "responses.yaml"):
        (record_copy / name).write_text("[]\n", encoding="utf-8")
    record, problems = check_record(record_copy)
    assert record is None
    assert sorted((p.code, p.file, p.line) for p in problems) == [
        ("incomplete-record", "recommendations.yaml", 1), ("incomplete-record", "responses.yaml", 1)]
    assert all("would retire every item" in p.message for p in problems)


def test_a_huge_range_on_a_document_without_a_span_is_refused(record_copy: Path):
    documents = record_copy / "documents.yaml"
    documents.write_text(documents.read_text(encoding="utf-8").replace("  paragraphs: {first: 90, last: 95}\n", ""),
                         encoding="utf-8")
    recommendations = record_copy / "recommendations.yaml"
    text = recommendations.read_text(encoding="utf-8").replace("paragraphs: [94]", 'paragraphs: [94, "1-999999999"]')
    recommendations.write_text(text, encoding="utf-8")
    _, problems = check_record(record_copy)
    assert [(p.code, p.record, p.field, p.line) for p in problems] == [
        ("invalid-value", "R94", "paragraphs[1]", at("- id: R94", "paragraphs")(text))]
    assert "above 100,000" in problems[0].message


@pytest.mark.parametrize("file, old, new, code, fields", [
    ("responses.yaml", "bodies: [INM, CNDH]", "bodies: [NOBODY, INM, NOONE]", "unknown-actor", ["bodies"] * 2),
    ("responses.yaml", "paragraphs: [6]", "paragraphs: [six, 6, seven]", "invalid-value",
     ["paragraphs[0]", "paragraphs[2]"]),
    ("responses.yaml", "paragraphs: [6]", "paragraphs: [21, 6, 22]", "paragraph-out-of-range", ["paragraphs"] * 2),
    ("recommendations.yaml", "articles: [16, 17]", "articles: [94, 16, 95]", "unknown-article", ["articles"] * 2),
    ("recommendations.yaml", "themes: [detention]", "themes: [Big Theme, detention, Other One]", "invalid-value",
     ["themes[0]", "themes[2]"]),
    ("recommendations.yaml", "takes_up: Q1", "takes_up: Q8\n      note: first\n    - takes_up: Q9",
     "unknown-recommendation", ["lineage"] * 2),
], ids=["bodies", "paragraph-syntax", "paragraph-range", "articles", "themes", "lineage"])
def test_every_bad_reference_of_a_list_is_reported(record_copy: Path, file, old, new, code, fields):
    path = record_copy / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    _, problems = check_record(record_copy)
    assert [(p.code, p.field) for p in problems] == [(code, field) for field in fields], "\n".join(map(str, problems))


def test_problems_are_capped_and_the_rest_counted(record_copy: Path):
    (record_copy / "actors.yaml").write_text("- {}\n" * 3000, encoding="utf-8")
    _, problems = check_record(record_copy)
    assert len(problems) == e.MAX_PROBLEMS
    # each empty actor misses id, name and kind; and none of the actors the other files name exists
    assert problems.total >= 3 * 3000 and problems.more == problems.total - e.MAX_PROBLEMS
    lines = e.report_lines(problems)
    assert lines[-1] == f"... and {problems.more:,} more problems" and len(lines) == e.MAX_PROBLEMS + 1


@pytest.mark.parametrize("message, expected", [
    ("two\nlines", "two lines"),
    ("libyaml says\n  in \"<unicode string>\", line 3", 'libyaml says in "<unicode string>", line 3'),
    ("a \x00 b", "a \\x00 b"),
])
def test_a_problem_is_always_one_line(message, expected):
    problem = e.YamlSyntaxError("actors.yaml", 3, "X\nY", "f", message)
    assert str(problem) == f"actors.yaml:3: X Y: f: {expected}"


@pytest.mark.parametrize("value, expected", [
    ("short", "'short'"),
    ("x" * 500, "'" + "x" * 78 + "…"),
    (list(range(10**6)), "[0, 1, 2, 3, 4, 5, ...]"),
])
def test_quoted_values_are_short(value, expected):
    assert e.quote(value) == expected and len(e.quote(value)) <= e.QUOTE_CHARS


@pytest.mark.parametrize("value", ['"Defers\\0 the reply."', '"Defers\\x1b the reply."'], ids=["nul", "escape"])
def test_a_control_character_is_refused_alike_on_both_engines(record_copy: Path, settings_for, value):
    """PostgreSQL refuses NUL in text and SQLite stores it: validation refuses both before either is asked."""
    path = record_copy / "responses.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: Defers the reply.", f"summary: {value}"),
                    encoding="utf-8")
    with pytest.raises(e.RecordInvalid) as refused:
        open_database(settings_for(record_copy))
    assert [(p.code, p.record, p.field) for p in refused.value.problems] == [("control-character", "A2", "summary")]


def test_digest_of_an_incomplete_folder_is_still_a_digest(record_copy: Path):
    """Startup compares digests before validating, so a missing file must give a digest, not an error."""
    before = record_digest(record_copy)
    (record_copy / "responses.yaml").unlink()
    assert len(record_digest(record_copy)) == 64 and record_digest(record_copy) != before
