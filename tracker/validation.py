"""Validate the curated YAML in data/ and build the CuratedRecord from it."""

import gc
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from tracker import errors as e
from tracker.curation_rules import check_curation
from tracker.record import CuratedRecord, refs
from tracker.schema import (
    ARTICLE_COUNT,
    PARTS,
    TRANSLATED_FIELDS,
    ActorRecord,
    ArticleRecord,
    DocumentRecord,
    ParagraphSpan,
    PartRecord,
    RecommendationRecord,
    ResponseRecord,
)
from tracker.yaml_source import LocatedRecord, read_records, read_sections

_BOOLEAN_HINT = " (YAML reads unquoted yes/no/on/off/true/false as a boolean; quote it if it is text)"

FILES = ("convention.yaml", "actors.yaml", "documents.yaml", "recommendations.yaml", "responses.yaml")
# Literal fields whose wrong value has a problem type of its own (a part's id is the one literal id).
_BY_FIELD = {"status": e.UnknownStatus, "part": e.UnknownPart, "id": e.UnknownPart}


def _problem_from(error: dict, rec: LocatedRecord) -> e.Problem:
    # Every check is on a field (no model-wide validator), so each error's location starts with the field.
    name, *inner = error["loc"]
    where = str(name) + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in inner)
    line, record, kind, value = rec.line_of(str(name)), rec.id, error["type"], error.get("input")
    if kind == "missing":
        return e.MissingField(rec.file, line, record, where, "required field is missing")
    if kind == "extra_forbidden":
        return e.InvalidValue(rec.file, line, record, where, "unknown field (see docs/data-model.md)")
    if kind == "literal_error":
        cls, message = _BY_FIELD.get(where, e.InvalidValue), f"{e.quote(value)} is not one of {error['ctx']['expected']}"
    else:
        cls, message = e.InvalidValue, error["msg"].removeprefix("Value error, ")
        if kind != "value_error":  # our own checks' messages quote the value already
            message += f" (got {e.quote(value)})"
    if isinstance(value, bool) and kind != "value_error":
        message += _BOOLEAN_HINT
    return cls(rec.file, line, record, where, message)


def _parse(records: Iterable[LocatedRecord], model: type[BaseModel], problems: e.Problems) -> list[tuple[LocatedRecord, BaseModel]]:
    parsed = []
    for rec in records:
        if rec.refused:
            continue
        try:
            parsed.append((rec, model.model_validate(rec.data)))
        except ValidationError as exc:
            if problems.full:  # only counted from here on: building each message would cost time for nothing
                problems.count(rec.file, exc.error_count())
            else:
                problems.extend(_problem_from(err, rec) for err in exc.errors())
    return parsed


def _unique(items: list[tuple[LocatedRecord, BaseModel]], key: str, problems: list[e.Problem]) -> dict:
    seen: dict = {}
    for rec, item in items:
        value = getattr(item, key)
        if value in seen:
            first = seen[value][0]
            problems.append(e.DuplicateId(rec.file, rec.line_of(key), str(value), key,
                                          f"duplicate {key}; first defined on line {first.line}"))
            continue
        seen[value] = (rec, item)
    return seen


def _check_convention(parts: dict, articles: dict, file: str) -> Iterator[e.Problem]:
    for number in range(1, ARTICLE_COUNT + 1):
        if number not in articles:
            yield e.IncompleteRecord(file, None, str(number), "articles", f"article {number} is missing")
    for part_id in PARTS:
        if part_id not in parts:
            yield e.IncompleteRecord(file, None, part_id, "parts", f"part {part_id} is missing")
    for rec, article in articles.values():
        entry = parts.get(article.part)
        if entry is None:
            continue
        _, part = entry
        if not part.first_article <= article.number <= part.last_article:
            yield e.ArticleOutsidePart(file, rec.line_of("part"), str(article.number), "part",
                                       f"article {article.number} is not within part {part.id} "
                                       f"(articles {part.first_article}–{part.last_article})")


class _Checker:
    """Cross-record checks over parsed records, collecting located problems.

    References into a file that has problems of its own are not checked: each would only repeat them.
    """

    def __init__(self, problems: e.Problems, actors: dict, documents: dict, articles: dict, parts: dict):
        self.problems, self.actors, self.documents = problems, actors, documents
        self.articles, self.parts = articles, parts
        self.broken = set(problems.files)

    def actor(self, rec: LocatedRecord, field: str, actor_id: str | None, kind: str | None = None) -> None:
        if actor_id is None or "actors.yaml" in self.broken:
            return
        entry = self.actors.get(actor_id)
        if entry is None:
            self.problems.append(e.UnknownActor(rec.file, rec.line_of(field), rec.id, field,
                                                f"actor {e.quote(actor_id)} is not in actors.yaml"))
        elif kind and entry[1].kind != kind:
            self.problems.append(e.InvalidValue(rec.file, rec.line_of(field), rec.id, field,
                                                f"actor {e.quote(actor_id)} is a {entry[1].kind}, not a {kind}"))

    def paragraphs(self, rec: LocatedRecord, field: str, document_id: str, values: list,
                   document_field: str = "document") -> None:
        if "documents.yaml" in self.broken:
            return
        entry = self.documents.get(document_id)
        if entry is None:
            self.problems.append(e.UnknownDocument(rec.file, rec.line_of(document_field), rec.id, document_field,
                                                   f"document {e.quote(document_id)} is not in documents.yaml"))
            return
        span: ParagraphSpan | None = entry[1].paragraphs
        if span is None:
            return
        for ref in refs(values):
            if ref.first < span.first or ref.last > span.last:
                self.problems.append(e.ParagraphOutOfRange(
                    rec.file, rec.line_of(field), rec.id, field,
                    f"paragraph {ref} is outside {document_id} (paragraphs {span.first}–{span.last})"))

    def articles_of(self, rec: LocatedRecord, item: RecommendationRecord) -> None:
        if "convention.yaml" in self.broken:
            return
        section_part = item.section.removeprefix("part-") if item.section and item.section.startswith("part-") else None
        for number in item.articles:
            entry = self.articles.get(number)
            if entry is None:
                self.problems.append(e.UnknownArticle(rec.file, rec.line_of("articles"), rec.id, "articles",
                                                      f"article {number} is not in the Convention (1–{ARTICLE_COUNT})"))
            elif section_part and entry[1].part != section_part:
                self.problems.append(e.ArticleOutsidePart(
                    rec.file, rec.line_of("articles"), rec.id, "articles",
                    f"article {number} lies in part {entry[1].part}, outside the report section part {section_part}"))


def record_digest(data_dir: Path) -> str:
    """A hash of the curated files as they are on disk: equal digests, equal records."""
    sha = hashlib.sha256()
    for name in FILES:
        path = data_dir / name
        sha.update(name.encode())
        sha.update(path.read_bytes() if path.is_file() else b"")
    return sha.hexdigest()


def _lineage_cycles(takes_up: dict[str, list[str]]) -> Iterator[list[str]]:
    """Each circle of recommendations taking each other up, as its ids with the first repeated at the end."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once left
    for start in takes_up:
        if start in state:
            continue
        path, pending = [start], [iter(takes_up[start])]
        state[start] = "open"
        while path:
            target = next(pending[-1], None)
            if target is None:
                state[path.pop()] = "done"
                pending.pop()
            elif state.get(target) == "open":
                yield path[path.index(target):] + [target]
            elif target not in state:
                state[target] = "open"
                path.append(target)
                pending.append(iter(takes_up[target]))


def _check_items(recommendations: dict, responses: dict, raw: dict, problems: e.Problems) -> None:
    """An item file that reads cleanly but holds nothing would retire every item on load: refuse it."""
    for name, found in (("recommendations.yaml", recommendations), ("responses.yaml", responses)):
        if not raw[name] and name not in problems.files:
            kind = name.removesuffix(".yaml")
            problems.append(e.IncompleteRecord(name, 1, None, None,
                                               f"no {kind} at all: loading it would retire every item"))


def _check_lineage(recommendations: dict, broken: bool, problems: e.Problems) -> None:
    takes_up: dict[str, list[str]] = {}
    for rec_id, (rec, item) in recommendations.items():
        takes_up[rec_id] = []
        for link in item.lineage:
            if link.takes_up in recommendations:
                takes_up[rec_id].append(link.takes_up)
            elif not broken:
                problems.append(e.UnknownRecommendation(rec.file, rec.line_of("lineage"), rec.id, "lineage",
                                                        f"lineage names unknown recommendation {e.quote(link.takes_up)}"))
    for cycle in _lineage_cycles(takes_up):
        rec = recommendations[cycle[0]][0]
        problems.append(e.LineageCycle(rec.file, rec.line_of("lineage"), rec.id, "lineage",
                                       f"lineage goes round in a circle: {' → '.join(cycle)}"))


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Reading builds hundreds of thousands of small objects and no reference cycles; the cycle collector
    # would otherwise run over the growing heap again and again (two thirds of the time on a large record).
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@dataclass
class _Read:
    """The files as read, before any schema: convention.yaml's sections, and each other file's records."""

    sections: dict[str, list[LocatedRecord]]
    raw: dict[str, list[LocatedRecord]]


def _read(data_dir: Path, problems: e.Problems) -> _Read:
    sections = read_sections(data_dir / "convention.yaml", "convention.yaml", ("parts", "articles"), problems)
    return _Read(sections, {name: read_records(data_dir / name, name, problems) for name in FILES[1:]})


def check_record(data_dir: Path) -> tuple[CuratedRecord | None, list[e.Problem]]:
    """Validate every file in data_dir; return the record only when there is no problem at all.

    The problems are an errors.Problems: the first MAX_PROBLEMS, with the count of the rest.
    """
    with _collector_paused():
        problems = e.Problems()
        return _check_record(data_dir, _read(data_dir, problems), problems)


def check_record_and_translations(data_dir: Path) -> tuple[CuratedRecord | None, list[e.Problem],
                                                           list["MissingTranslation"]]:
    """check_record, and the valid record's translation gaps (translation_gaps), from one reading of the files."""
    with _collector_paused():
        problems = e.Problems()
        read = _read(data_dir, problems)
        record, problems = _check_record(data_dir, read, problems)
        return record, problems, _gaps(_translatable(read)) if record is not None else []


def _check_record(data_dir: Path, read: _Read, problems: e.Problems) -> tuple[CuratedRecord | None, list[e.Problem]]:
    sections, raw = read.sections, read.raw
    parts = _unique(_parse(sections["parts"], PartRecord, problems), "id", problems)
    articles = _unique(_parse(sections["articles"], ArticleRecord, problems), "number", problems)
    actors = _unique(_parse(raw["actors.yaml"], ActorRecord, problems), "id", problems)
    documents = _unique(_parse(raw["documents.yaml"], DocumentRecord, problems), "id", problems)
    recommendations = _unique(_parse(raw["recommendations.yaml"], RecommendationRecord, problems), "id", problems)
    responses = _unique(_parse(raw["responses.yaml"], ResponseRecord, problems), "id", problems)
    _check_items(recommendations, responses, raw, problems)

    if sections["parts"] and sections["articles"]:
        problems.extend(_check_convention(parts, articles, "convention.yaml"))
    check = _Checker(problems, actors, documents, articles, parts)
    for rec, actor in actors.values():
        check.actor(rec, "parent", actor.parent)
    for rec, doc in documents.values():
        check.actor(rec, "author", doc.author)
        if doc.cycle:
            check.actor(rec, "cycle", doc.cycle.mechanism, kind="mechanism")
        if doc.paragraphs and doc.paragraphs.first > doc.paragraphs.last:
            problems.append(e.InvalidValue(rec.file, rec.line_of("paragraphs"), rec.id, "paragraphs",
                                           "first paragraph is after the last"))
    for rec, item in recommendations.values():
        check.actor(rec, "mechanism", item.mechanism, kind="mechanism")
        check.actor(rec, "addressee", item.addressee)
        check.paragraphs(rec, "paragraphs", item.document, item.paragraphs)
        if item.seen_in:
            check.paragraphs(rec, "seen_in", item.seen_in.document, item.seen_in.paragraphs, "seen_in")
        check.articles_of(rec, item)
        if (item.topic is None) != (item.topic_basis == "unknown"):
            problems.append(e.InvalidValue(rec.file, rec.line_of("topic"), rec.id, "topic",
                                           "topic must be null exactly when topic_basis is 'unknown'"))
    _check_lineage(recommendations, "recommendations.yaml" in check.broken, problems)
    answered = set()
    for rec, response in responses.values():
        if "recommendations.yaml" not in check.broken and response.recommendation not in recommendations:
            problems.append(e.UnknownRecommendation(rec.file, rec.line_of("recommendation"), rec.id, "recommendation",
                                                    f"recommendation {e.quote(response.recommendation)} is not in recommendations.yaml"))
        answered.add(response.recommendation)
        check.paragraphs(rec, "paragraphs", response.document, response.paragraphs)
        for body in response.bodies:
            check.actor(rec, "bodies", body)
        if not response.paragraphs and response.status != "not_addressed":
            problems.append(e.InvalidValue(rec.file, rec.line_of("paragraphs"), rec.id, "paragraphs",
                                           "a response without paragraphs must have status not_addressed"))
    if not check.broken & {"recommendations.yaml", "responses.yaml", "documents.yaml", "actors.yaml"}:
        # A response already found wrong (its paragraphs, say) is not also blamed for what follows from it.
        wrong = {problem.record for problem in problems if problem.file == "responses.yaml"}
        clean = {key: entry for key, entry in responses.items() if key not in wrong}
        problems.extend(check_curation(recommendations, clean, documents, actors))
    for rec_id, (rec, _) in recommendations.items():
        if "responses.yaml" not in check.broken and rec_id not in answered:
            problems.append(e.IncompleteRecord(rec.file, rec.line, rec_id, "id",
                                               "no response in responses.yaml links to this recommendation"))

    if problems:
        return None, problems
    record = CuratedRecord(
        parts=tuple(p for _, p in sorted(parts.values(), key=lambda kv: PARTS.index(kv[1].id))),
        articles=tuple(a for _, a in sorted(articles.values(), key=lambda kv: kv[1].number)),
        actors=tuple(a for _, a in actors.values()),
        documents=tuple(d for _, d in documents.values()),
        recommendations=tuple(r for _, r in recommendations.values()),
        responses=tuple(r for _, r in responses.values()),
        digest=record_digest(data_dir),
    )
    return record, []


def load_record(data_dir: Path) -> CuratedRecord:
    """The validated record; raise RecordInvalid (listing every problem) otherwise."""
    record, problems = check_record(data_dir)
    if record is None:
        raise e.RecordInvalid(problems)
    return record


class MissingTranslation(e.Problem):
    """A text the record translates elsewhere but not here; reported, never a reason to refuse the record."""

    code = "missing-translation"


# The kind of record (TRANSLATED_FIELDS) each file or section holds.
_KINDS = {"parts": "part", "articles": "article", "actors.yaml": "actor", "documents.yaml": "document",
          "recommendations.yaml": "recommendation", "responses.yaml": "response"}


def _translatable(read: _Read) -> list[tuple[str, LocatedRecord]]:
    found = [(_KINDS[name], rec) for name in ("parts", "articles") for rec in read.sections[name]]
    for name in ("actors.yaml", "documents.yaml", "recommendations.yaml", "responses.yaml"):
        found += [(_KINDS[name], rec) for rec in read.raw[name]]
    return [(kind, rec) for kind, rec in found if not rec.refused]


def translation_gaps(data_dir: Path) -> list[MissingTranslation]:
    """Each text the record leaves untranslated in a language it translates other texts into, with its location.

    A language counts once any record is translated into it, so an English-only record has no gaps. A field is
    wanted where the English record has it (an actor's acronym only where some language gives one).
    """
    with _collector_paused():  # a record that does not read cleanly is check_record's to report
        return _gaps(_translatable(_read(data_dir, e.Problems())))


def _gaps(records: list[tuple[str, LocatedRecord]]) -> list[MissingTranslation]:
    languages = sorted({language for _, rec in records for language in (rec.data.get("translations") or {})})
    gaps = []
    for kind, rec in records:
        translations = rec.data.get("translations") or {}
        for language in languages:
            texts = translations.get(language) or {}
            wanted = [name for name in TRANSLATED_FIELDS[kind] if rec.data.get(name)
                      or (name == "acronym" and any((t or {}).get(name) for t in translations.values()))]
            lacking = [name for name in wanted if not texts.get(name)]
            if not lacking:
                continue
            where = f"translations.{language}" + (f".{lacking[0]}" if texts and len(lacking) == 1 else "")
            line = rec.line_of("translations") if translations else rec.line
            gaps.append(MissingTranslation(rec.file, line, rec.id, where,
                                           f"no {language!r} translation of {', '.join(lacking)}"))
    return gaps
