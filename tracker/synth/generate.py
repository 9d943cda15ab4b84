"""The synthetic record itself: deterministic for (items, seed)."""

import itertools
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from random import Random

import yaml

from tracker.schema import PARTS, STATUSES
from tracker.settings import PROJECT_ROOT

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
