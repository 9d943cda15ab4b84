"""Synthetic records at the scale of the Universal Human Rights Index, for benchmarks.

`generate` builds one deterministic record for (items, seed): forty synthetic States, a dozen mechanisms, the
years 2000–2026, every Convention article (some far more often than others), all four statuses, one to three
responses per item and a long assessment history. `write_yaml` writes it as a curated record that
`tracker validate` accepts; `write_database` bulk-inserts it into an empty database in one transaction, so an
interrupted load leaves nothing behind.
"""

import argparse
import itertools
import json
import shutil
import sys
import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from random import Random

import yaml
from sqlalchemy import Engine, func, insert, select

from tracker.schema import PARTS, STATUSES, ParagraphRef
from tracker.settings import PROJECT_ROOT
from tracker.store.models import (
    Actor,
    Assessment,
    AssessmentEvent,
    ConventionArticle,
    ConventionPart,
    Document,
    Lineage,
    Meta,
    Person,
    Recommendation,
    RecommendationArticle,
    RecommendationPart,
    Response,
    ResponseBody,
)
from tracker.store.sync import CURATION, DIGEST_KEY, read_digest
from tracker.validation import record_digest

DATA = PROJECT_ROOT / "data"
EPOCH = datetime(2024, 1, 1, tzinfo=timezone.utc)  # every timestamp is EPOCH plus a seeded offset
YEARS = (2000, 2026)
STATE_COUNT = 40
MONITORS = tuple(f"monitor-{n:02d}@example.org" for n in range(1, 25))
HISTORY_PER_ITEM = 10 / 3  # the default: 1,000,000 history rows for 300,000 items
CHUNK_ROWS = 20_000
SYNTHETIC_KEY = "synthetic"  # Meta row recording what synth wrote

# Mechanisms beyond the three in data/actors.yaml: (id, name, weight, items per document (low, high)).
MECHANISMS = (
    ("CMW", None, 10, (15, 40)),
    ("SR-MIGRANTS", None, 3, (5, 30)),
    ("GA", None, 1, (1, 3)),
    ("UPR", "Universal Periodic Review (Human Rights Council)", 30, (60, 240)),
    ("CESCR", "Committee on Economic, Social and Cultural Rights", 8, (20, 60)),
    ("CERD", "Committee on the Elimination of Racial Discrimination", 8, (20, 50)),
    ("CEDAW", "Committee on the Elimination of Discrimination against Women", 8, (20, 60)),
    ("CRC", "Committee on the Rights of the Child", 9, (30, 80)),
    ("CAT", "Committee against Torture", 6, (15, 45)),
    ("CCPR", "Human Rights Committee", 8, (20, 50)),
    ("SR-TRAFFICKING", "Special Rapporteur on trafficking in persons, especially women and children", 2, (5, 25)),
    ("WGAD", "Working Group on Arbitrary Detention", 2, (5, 20)),
)
INTERNATIONAL = ("UN", "OHCHR", "IOM")
STATUS_WEIGHTS = (35, 35, 10, 20)  # addressed, partial, deferred, not_addressed

ACTIONS = ("Adopt measures to ensure", "Strengthen", "Guarantee", "Provide data on", "Review the law on",
           "Investigate complaints about", "Establish a mechanism for", "Report on", "Protect", "Facilitate",
           "Allocate resources to", "Train officials on")
SUBJECTS = ("access to consular assistance", "labour inspection in agriculture", "the detention of children",
            "access to health care", "birth registration", "recruitment fees", "the cost of remittances",
            "family reunification", "expulsion procedures", "the protection of trafficking victims",
            "social security for domestic workers", "regularization", "protection from xenophobic violence",
            "access to education", "trade union rights", "due process in migration hearings",
            "alternatives to detention", "return and reintegration", "voting from abroad", "the transfer of earnings")
GROUPS = ("for migrant workers in an irregular situation", "for women migrant workers", "for unaccompanied children",
          "for seasonal workers", "for frontier workers", "for members of migrant families",
          "for migrant domestic workers", "for returning nationals")
THEMES = ("children", "detention", "labour-rights", "health", "education", "trafficking", "women", "due-process",
          "legislation", "data", "consular", "family", "discrimination", "return")
MEASURES = ("a new regulation", "a national programme", "training for officials", "an inter-agency protocol",
            "a pilot in three provinces", "a complaints mechanism", "budget increases", "a survey",
            "an awareness campaign", "bilateral agreements")
SUMMARIES = {
    "addressed": "The State reports {measure} on {subject}, with figures for the period.",
    "partial": "The State describes {measure} on {subject} but gives no results.",
    "deferred": "The State says information on {subject} will be provided later.",
    "not_addressed": "The reply does not take up {subject}.",
}
RATIONALES = {
    "addressed": "The reply answers what was asked, with measures and results.",
    "partial": "The reply describes measures but gives no data on their results.",
    "deferred": "The State says the information will be provided later.",
    "not_addressed": "Nothing in the reply answers the request.",
}


class SynthError(Exception):
    """Synth cannot write where it was asked to; the message says why."""


@dataclass(slots=True)
class Doc:
    id: str
    symbol: str
    title: str
    date: str
    year: int
    author: str
    last: int = 0  # paragraphs 1..last; grows as items and responses cite them
    items: int = 0

    def take(self, count: int) -> tuple[int, int]:
        """The next `count` paragraphs of this document."""
        first = self.last + 1
        self.last += count
        return first, self.last


@dataclass(slots=True)
class Reply:
    id: str
    document: str
    year: int
    relation: str
    paragraphs: tuple[tuple[int, int], ...]
    bodies: tuple[str, ...]
    status: str
    summary: str


@dataclass(slots=True)
class Item:
    id: str
    mechanism: str
    state: str
    document: str
    paragraphs: tuple[int, int]
    year: int
    section: str | None
    topic: str | None
    topic_basis: str
    articles: tuple[int, ...]
    parts: tuple[str, ...]
    addressee: str
    themes: tuple[str, ...]
    takes_up: str | None = None
    responses: list[Reply] = field(default_factory=list)
    events: int = 1  # history rows, the curation load included

    @property
    def curated_status(self) -> str:
        """As the record defines it: the latest reply by document year, else the latest related response."""
        replies = [r for r in self.responses if r.relation == "reply"] or self.responses
        return max(replies, key=lambda r: (r.year, r.id)).status


@dataclass
class Synthetic:
    items_asked: int
    seed: int
    history: int
    convention: dict
    actors: list[dict]
    documents: list[Doc]
    items: list[Item]

    @property
    def spec(self) -> dict:
        return {"items": self.items_asked, "seed": self.seed, "history": self.history}


def default_history(items: int) -> int:
    return round(items * HISTORY_PER_ITEM)


# --- generation ------------------------------------------------------------------------------------------------

def _actors(curated: list[dict]) -> list[dict]:
    names = {a["id"]: a["name"] for a in curated}
    actors = [{"id": mid, "name": name or names[mid], "kind": "mechanism"} for mid, name, _, _ in MECHANISMS]
    actors += [{"id": f"ST-{n:03d}", "name": f"Synthetic State {n:03d}", "kind": "state"}
               for n in range(1, STATE_COUNT + 1)]
    for actor in curated:
        if actor["kind"] == "state-body" or actor["id"] in INTERNATIONAL:
            entry = {"id": actor["id"], "name": actor["name"], "kind": actor["kind"]}
            if actor.get("parent"):
                entry["parent"] = actor["parent"]
            actors.append(entry)
    return actors


class _Generator:
    def __init__(self, items: int, seed: int):
        self.rng, self.count, self.seed = Random(seed), items, seed
        self.convention = yaml.safe_load((DATA / "convention.yaml").read_text(encoding="utf-8"))
        self.actors = _actors(yaml.safe_load((DATA / "actors.yaml").read_text(encoding="utf-8")))
        self.part_of = {a["number"]: a["part"] for a in self.convention["articles"]}
        self.bodies = [a["id"] for a in self.actors if a["kind"] == "state-body"]
        self.states = [a["id"] for a in self.actors if a["kind"] == "state"]
        ranked = list(self.part_of)
        self.rng.shuffle(ranked)  # a seeded popularity order: a few articles are asked about far more often
        self.article_cum = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(ranked))))
        self.articles_ranked = ranked
        self.body_cum = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.bodies))))
        self.topics = [f"{a} {s} {g}." for a in ACTIONS for s in SUBJECTS for g in GROUPS]
        self.summaries = {status: sorted({text.format(measure=m, subject=s) for m in MEASURES for s in SUBJECTS})
                          for status, text in SUMMARIES.items()}
        self.documents: list[Doc] = []
        self.docs_by_key: dict[tuple, Doc] = {}
        self.replies_by_state: dict[str, list[Doc]] = defaultdict(list)
        self.items: list[Item] = []

    def _articles(self) -> tuple[int, ...]:
        rng = self.rng
        k = rng.choices((0, 1, 2, 3, 4), (8, 45, 30, 12, 5))[0]
        if len(self.items) < len(self.articles_ranked):  # the first 93 items between them cite every article
            chosen = {self.articles_ranked[len(self.items)]}
            k = max(k, 1)
        else:
            chosen = set()
        while len(chosen) < k:
            chosen.add(self.articles_ranked[bisect_left(self.article_cum, rng.random() * self.article_cum[-1])])
        return tuple(sorted(chosen))

    def _section(self, mechanism: str, parts: list[str]) -> str | None:
        if mechanism != "CMW":
            return None
        rng = self.rng
        if len(parts) == 1 and rng.random() < 0.7:
            return f"part-{parts[0]}"
        if not parts and rng.random() < 0.3:
            return f"part-{rng.choice(PARTS)}"
        return rng.choice(("general", "new-measures", "data"))

    def _item(self, doc: Doc, mechanism: str, state: str) -> Item:
        rng = self.rng
        articles = self._articles()
        parts = sorted({self.part_of[n] for n in articles}, key=PARTS.index)
        section = self._section(mechanism, parts)
        if not parts and section and section.startswith("part-"):
            parts = [section.removeprefix("part-")]
        basis = rng.choices(("source", "inferred-from-reply", "unknown"), (83, 15, 2))[0]
        topic = None if basis == "unknown" else self.topics[rng.randrange(len(self.topics))]
        addressee = rng.choice(INTERNATIONAL) if rng.random() < 0.03 else state
        themes = tuple(sorted(rng.sample(THEMES, rng.choices((0, 1, 2, 3), (20, 40, 30, 10))[0])))
        doc.items += 1
        return Item(id=f"{doc.id}-{doc.items:03d}", mechanism=mechanism, state=state, document=doc.id,
                    paragraphs=doc.take(rng.choices((1, 2), (85, 15))[0]), year=doc.year, section=section,
                    topic=topic, topic_basis=basis, articles=articles, parts=tuple(parts), addressee=addressee,
                    themes=themes)

    def _issuing_docs(self) -> None:
        rng = self.rng
        weights = [m[2] for m in MECHANISMS]
        while len(self.items) < self.count:
            mechanism, _, _, (low, high) = rng.choices(MECHANISMS, weights)[0]
            state, year = rng.choice(self.states), rng.randint(*YEARS)
            key = (mechanism, state, year)
            doc = self.docs_by_key.get(key)
            if doc is None:
                sid = state.replace("-", "")
                month = rng.randint(1, 12)
                doc = Doc(f"{mechanism}-{sid}-{year}", f"SYN/{mechanism}/{sid}/{year}",
                          f"Recommendations of {mechanism} to Synthetic State {state[3:]} ({year})",
                          f"{year}-{month:02d}", year, mechanism)
                self.docs_by_key[key] = doc
                self.documents.append(doc)
                lag = rng.choice((0, 1, 1, 2))
                reply_year = min(YEARS[1], year + lag)
                reply_month = rng.randint(month if reply_year == year else 1, 12)  # never before the request
                reply = Doc(f"{sid}-REPLY-{mechanism}-{year}", f"SYN/{sid}/REPLY/{mechanism}/{year}",
                            f"Reply of Synthetic State {state[3:]} to {mechanism} ({year})",
                            f"{reply_year}-{reply_month:02d}", reply_year, state)
                self.docs_by_key[("reply", *key)] = reply
                self.documents.append(reply)
                self.replies_by_state[state].append(reply)
            for _ in range(min(rng.randint(low, high), self.count - len(self.items))):
                self.items.append(self._item(doc, mechanism, state))

    def _lineage(self) -> None:
        """About 5% of items take up an item of an earlier document of the same mechanism to the same State."""
        rng = self.rng
        by_doc: dict[str, list[Item]] = defaultdict(list)
        for item in self.items:
            by_doc[item.document].append(item)
        earlier: dict[tuple, list[Doc]] = defaultdict(list)
        for (mechanism, state, year), doc in sorted((k, d) for k, d in self.docs_by_key.items() if k[0] != "reply"):
            if earlier[(mechanism, state)]:
                for item in by_doc[doc.id]:
                    if rng.random() < 0.05:
                        item.takes_up = rng.choice(by_doc[rng.choice(earlier[(mechanism, state)]).id]).id
            earlier[(mechanism, state)].append(doc)

    def _reply(self, item: Item, doc: Doc, number: int, relation: str) -> Reply:
        rng = self.rng
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        paragraphs = ()
        if status != "not_addressed" or rng.random() < 0.5:
            paragraphs = tuple(doc.take(rng.randint(1, 4)) for _ in range(rng.choices((1, 2), (80, 20))[0]))
        bodies = tuple(sorted({self.bodies[bisect_left(self.body_cum, rng.random() * self.body_cum[-1])]
                               for _ in range(rng.choices((0, 1, 2, 3), (25, 40, 25, 10))[0])}))
        return Reply(f"{item.id}-S{number}", doc.id, doc.year, relation, paragraphs, bodies, status,
                     rng.choice(self.summaries[status]))

    def _responses(self) -> None:
        rng = self.rng
        for item in self.items:
            own = self.docs_by_key[("reply", item.mechanism, item.state, item.year)]
            item.responses.append(self._reply(item, own, 1, "reply"))
            for number in range(2, rng.choices((1, 2, 3), (60, 30, 10))[0] + 1):
                other = rng.choice(self.replies_by_state[item.state])
                relation = "reply" if rng.random() < 0.3 else "related"
                item.responses.append(self._reply(item, other, number, relation))

    def _history(self, total: int) -> None:
        """Spread `total` history rows over the items: one curation row each, the rest skewed towards some items
        (a long tail: a few items are reassessed dozens of times, many never)."""
        rng = self.rng
        extra = total - len(self.items)
        if extra < 0:
            raise SynthError(f"--history {total:,} is fewer than one history row per item ({len(self.items):,})")
        cum = list(itertools.accumulate(rng.paretovariate(3.0) for _ in self.items))
        for index in rng.choices(range(len(self.items)), cum_weights=cum, k=extra):
            self.items[index].events += 1

    def run(self, history: int) -> Synthetic:
        self._issuing_docs()
        self._lineage()
        self._responses()
        self._history(history)
        return Synthetic(self.count, self.seed, history, self.convention, self.actors, self.documents, self.items)


def generate(items: int, seed: int = 0, history: int | None = None) -> Synthetic:
    """The synthetic record for (items, seed): the same arguments always give the same record."""
    if items < 1:
        raise SynthError("--items must be at least 1")
    history = default_history(items) if history is None else history
    return _Generator(items, seed).run(history)


# --- YAML ------------------------------------------------------------------------------------------------------

def _yaml_ref(span: tuple[int, int]) -> int | str:
    return span[0] if span[0] == span[1] else f"{span[0]}-{span[1]}"


def _doc_yaml(doc: Doc) -> dict:
    return {"id": doc.id, "symbol": doc.symbol, "title": doc.title, "date": doc.date, "year": doc.year,
            "author": doc.author, "paragraphs": {"first": 1, "last": max(doc.last, 1)}, "source_file": None}


def _item_yaml(item: Item) -> dict:
    entry = {"id": item.id, "mechanism": item.mechanism, "document": item.document,
             "paragraphs": [_yaml_ref(item.paragraphs)], "year": item.year}
    if item.section:
        entry["section"] = item.section
    entry |= {"topic": item.topic, "topic_basis": item.topic_basis}
    if item.articles:
        entry["articles"] = list(item.articles)
    entry["addressee"] = item.addressee
    if item.themes:
        entry["themes"] = list(item.themes)
    if item.takes_up:
        entry["lineage"] = [{"takes_up": item.takes_up, "note": _LINEAGE_NOTE}]
    return entry


_LINEAGE_NOTE = "Synthetic: repeats a request of the mechanism's earlier review of the same State."


def _reply_yaml(item: Item, reply: Reply) -> dict:
    entry = {"id": reply.id, "recommendation": item.id, "document": reply.document, "relation": reply.relation,
             "paragraphs": [_yaml_ref(p) for p in reply.paragraphs]}
    if reply.bodies:
        entry["bodies"] = list(reply.bodies)
    return entry | {"summary": reply.summary, "status": reply.status, "rationale": RATIONALES[reply.status]}


def _dump(path: Path, header: str, data) -> None:
    text = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                     allow_unicode=True, width=1000, default_flow_style=None)
    path.write_text(header + text, encoding="utf-8")


_HEADER = "# Synthetic record written by `tracker synth` (items={items}, seed={seed}): not real data.\n"


def write_yaml(synthetic: Synthetic, folder: Path) -> Path:
    """Write the record as curated YAML that `tracker validate --data-dir folder` accepts."""
    folder.mkdir(parents=True, exist_ok=True)
    header = _HEADER.format(**synthetic.spec)
    shutil.copyfile(DATA / "convention.yaml", folder / "convention.yaml")
    _dump(folder / "actors.yaml", header, synthetic.actors)
    _dump(folder / "documents.yaml", header, [_doc_yaml(d) for d in synthetic.documents])
    _dump(folder / "recommendations.yaml", header, [_item_yaml(i) for i in synthetic.items])
    _dump(folder / "responses.yaml", header, [_reply_yaml(i, r) for i in synthetic.items for r in i.responses])
    return folder


def write_stand_in(synthetic: Synthetic, folder: Path) -> Path:
    """A small valid record (the Convention and the actors, no items) whose digest a synthetic database stores.

    Start the app with TRACKER_DATA_DIR pointing here: the digests agree, so the app opens the database as it
    is instead of loading data/ over it. Never run `tracker load` with it: the items live only in the database.
    """
    folder.mkdir(parents=True, exist_ok=True)
    header = (_HEADER + "# Stand-in record: the items live only in the database (do not `tracker load` it).\n"
              ).format(**synthetic.spec)
    shutil.copyfile(DATA / "convention.yaml", folder / "convention.yaml")
    _dump(folder / "actors.yaml", header, synthetic.actors)
    for name in ("documents.yaml", "recommendations.yaml", "responses.yaml"):
        (folder / name).write_text(header, encoding="utf-8")
    return folder


# --- database --------------------------------------------------------------------------------------------------

def _ref(span: tuple[int, int]) -> str:
    return str(ParagraphRef(*span))


def _curated_tables(s: Synthetic) -> Iterator[tuple[object, int, Iterable[dict]]]:
    """(model, row count, rows) for every curated table, in an order that satisfies the foreign keys.

    The rows are what tracker.store.sync writes for the same record read from YAML.
    """
    conv, items = s.convention, s.items
    yield ConventionPart, len(conv["parts"]), (
        dict(id=p["id"], position=i, title=p["title"], first_article=p["first_article"],
             last_article=p["last_article"]) for i, p in enumerate(conv["parts"]))
    yield ConventionArticle, len(conv["articles"]), (
        dict(number=a["number"], part_id=a["part"], title=a["title"]) for a in conv["articles"])
    yield Actor, len(s.actors), (dict(id=a["id"], name=a["name"], kind=a["kind"], parent=a.get("parent"))
                                 for a in s.actors)
    yield Document, len(s.documents), (
        dict(id=d.id, symbol=d.symbol, title=d.title, date=d.date, year=d.year, author=d.author, paragraph_first=1,
             paragraph_last=max(d.last, 1), source_file=None, notes=[]) for d in s.documents)
    yield Recommendation, len(items), (
        dict(id=i.id, mechanism=i.mechanism, document_id=i.document, paragraphs=_ref(i.paragraphs), year=i.year,
             section=i.section, topic=i.topic, topic_basis=i.topic_basis, addressee=i.addressee,
             addressee_as_named=None, themes=list(i.themes), seen_in=None, notes=[], active=True) for i in items)
    yield RecommendationArticle, sum(len(i.articles) for i in items), (
        dict(recommendation_id=i.id, article=n) for i in items for n in i.articles)
    yield RecommendationPart, sum(len(i.parts) for i in items), (
        dict(recommendation_id=i.id, part_id=p) for i in items for p in i.parts)
    yield Lineage, sum(1 for i in items if i.takes_up), (
        dict(recommendation_id=i.id, takes_up_id=i.takes_up, note=_LINEAGE_NOTE) for i in items if i.takes_up)
    yield Response, sum(len(i.responses) for i in items), (
        dict(id=r.id, recommendation_id=i.id, document_id=r.document, relation=r.relation,
             paragraphs=[_ref(p) for p in r.paragraphs], boundary=None, summary=r.summary, status=r.status,
             rationale=RATIONALES[r.status], notes=[]) for i in items for r in i.responses)
    yield ResponseBody, sum(len(r.bodies) for i in items for r in i.responses), (
        dict(response_id=r.id, actor_id=b) for i in items for r in i.responses for b in r.bodies)


class _History:
    """The assessment history, generated row by row; remembers where each item ended for its assessment row."""

    def __init__(self, s: Synthetic):
        self.s, self.rng, self.last = s, Random(s.seed * 1_000_003 + 7), {}

    def events(self) -> Iterator[dict]:
        rng, statuses = self.rng, STATUSES
        for item in self.s.items:
            status = item.curated_status
            at = EPOCH + timedelta(seconds=rng.randrange(86_400 * 30))
            yield dict(recommendation_id=item.id, at=at, who=CURATION, old_status=None, new_status=status,
                       note="Curated status loaded from data/responses.yaml", source=CURATION, version=1)
            who = CURATION
            for version in range(2, item.events + 1):
                old, status = status, rng.choices(statuses, STATUS_WEIGHTS)[0]
                at += timedelta(seconds=rng.randrange(3_600, 86_400 * 60))
                who = MONITORS[rng.randrange(len(MONITORS))]
                yield dict(recommendation_id=item.id, at=at, who=who, old_status=old, new_status=status,
                           note=f"Status set from {old} to {status}: reply {item.responses[0].document}, "
                                f"see the cited paragraphs.", source="monitor", version=version)
            self.last[item.id] = (status, item.events, who, at)

    def assessments(self) -> Iterator[dict]:
        for item in self.s.items:
            status, version, who, at = self.last[item.id]
            yield dict(recommendation_id=item.id, status=status, curated_status=item.curated_status, version=version,
                       assessed_by_monitor=version > 1, needs_review=False, review_reason=None, updated_by=who,
                       updated_at=at)


def _tables(s: Synthetic, digest: str) -> Iterator[tuple[object, int, Iterable[dict]]]:
    yield from _curated_tables(s)
    history = _History(s)
    yield AssessmentEvent, s.history, history.events()
    yield Assessment, len(s.items), history.assessments()  # after the events: they decide each item's status
    yield Person, len(MONITORS), (dict(name=name, role="monitor", password_hash=None, created_at=EPOCH)
                                  for name in MONITORS)
    yield Meta, 2, (dict(key=DIGEST_KEY, value=digest), dict(key=SYNTHETIC_KEY, value=json.dumps(s.spec)))


def _chunks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Progress:
    """A one-line progress bar on stderr: rows written of the total."""

    def __init__(self, total: int, stream=sys.stderr, width: int = 30):
        self.total, self.stream, self.width = total, stream, width
        self.done, self.started = 0, time.perf_counter()

    def update(self, rows: int, table: str) -> None:
        self.done += rows
        filled = self.width * self.done // max(self.total, 1)
        elapsed = time.perf_counter() - self.started
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.done:,}/{self.total:,} rows "
                          f"{elapsed:5.1f}s {table:<24}")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


OnChunk = Callable[[str, int], None]


def write_database(synthetic: Synthetic, engine: Engine, digest: str, *, chunk_rows: int = CHUNK_ROWS,
                   progress: bool = False, on_chunk: OnChunk | None = None) -> dict[str, int]:
    """Bulk-insert the record into an empty, migrated database, in one transaction; return rows per table.

    Everything is written or nothing is: an exception (Ctrl-C included) rolls the whole load back.
    `on_chunk(table, rows)` is called after every chunk (tests use it to interrupt the load).
    """
    tables = list(_tables(synthetic, digest))
    bar = Progress(sum(count for _, count, _ in tables)) if progress else None
    written: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            if (conn.execute(select(func.count()).select_from(Recommendation.__table__)).scalar_one()
                    or read_digest(conn) is not None):
                raise SynthError(f"{engine.url.render_as_string(hide_password=True)} already holds a record; "
                                 "synth writes only into an empty database")
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MiB for this connection's index builds
            for model, _, rows in tables:
                table = model.__table__
                for chunk in _chunks(rows, chunk_rows):
                    conn.execute(insert(table), chunk)
                    written[table.name] = written.get(table.name, 0) + len(chunk)
                    if bar:
                        bar.update(len(chunk), table.name)
                    if on_chunk:
                        on_chunk(table.name, len(chunk))
    finally:
        if bar:
            bar.close()
    return written


# --- command line ----------------------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--items", type=int, required=True, help="number of items (recommendations)")
    parser.add_argument("--seed", type=int, default=0, help="the same seed always gives the same record")
    parser.add_argument("--history", type=int, help="history rows in total (default: 10 for every 3 items)")
    parser.add_argument("--yaml-dir", help="write the record there as curated YAML")
    parser.add_argument("--database-url", help="bulk-load the record into this (empty) database")
    parser.add_argument("--record-dir", help="with --database-url and no --yaml-dir: where to write the stand-in "
                                             "record to start the app with (default: next to a SQLite file, "
                                             "<file>.record)")


def _stand_in_dir(args: argparse.Namespace, url) -> Path:
    if args.record_dir:
        return Path(args.record_dir)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_suffix(".record")
    raise SynthError("give --record-dir (or --yaml-dir) for a database that is not a SQLite file")


def main(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from tracker.store.db import make_engine, migrate

    if not (args.yaml_dir or args.database_url):
        raise SynthError("give --yaml-dir, --database-url or both")
    started = time.perf_counter()
    synthetic = generate(args.items, args.seed, args.history)
    print(f"generated {len(synthetic.items):,} items, {len(synthetic.documents):,} documents, "
          f"{sum(len(i.responses) for i in synthetic.items):,} responses in {time.perf_counter() - started:.1f}s",
          file=sys.stderr)
    if args.yaml_dir:
        write_yaml(synthetic, Path(args.yaml_dir))
        print(f"wrote the record to {args.yaml_dir}", file=sys.stderr)
    if args.database_url:
        url = make_url(args.database_url)
        record = Path(args.yaml_dir) if args.yaml_dir else write_stand_in(synthetic, _stand_in_dir(args, url))
        engine = make_engine(args.database_url)
        migrate(engine)
        try:
            written = write_database(synthetic, engine, record_digest(record), progress=True)
        except KeyboardInterrupt:
            print("interrupted: the load was rolled back, nothing was written", file=sys.stderr)
            return 130
        finally:
            engine.dispose()
        print(f"loaded {sum(written.values()):,} rows in {time.perf_counter() - started:.1f}s; start the app with "
              f"TRACKER_DATA_DIR={record}", file=sys.stderr)
    return 0
