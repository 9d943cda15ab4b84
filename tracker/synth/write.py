"""Writing a synthetic record: as curated YAML, or straight into a database in one transaction."""

import itertools
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from pathlib import Path
from random import Random

import yaml
from sqlalchemy import Engine, func, insert, select

from tracker import search
from tracker.schema import METHOD_VERSIONS, STATUSES, ParagraphRef
from tracker.store import own_notes
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
from tracker.synth.generate import (
    CHUNK_ROWS, DATA, EPOCH, MONITORS, RATIONALES, STATUS_WEIGHTS, SYNTHETIC_KEY, Doc, Item, Reply, SynthError,
    Synthetic,
)


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
    return entry | {"summary": reply.summary, "status": reply.status, "rationale": _rationale(reply),
                    "confidence": "high", "method": METHOD_VERSIONS[-1]}


def _rationale(reply: Reply) -> str:
    """A rationale the curation rules accept: its own (the reply's id spelt out) and citing the reply's paragraphs."""
    cited = f" ({_yaml_ref(reply.paragraphs[0])})" if reply.paragraphs else ""
    return f"{RATIONALES[reply.status]}{cited} Synthetic reply {reply.id.replace('-', ' ')}."


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
             last_article=p["last_article"], translations=p.get("translations")) for i, p in enumerate(conv["parts"]))
    yield ConventionArticle, len(conv["articles"]), (
        dict(number=a["number"], part_id=a["part"], title=a["title"], translations=a.get("translations"))
        for a in conv["articles"])
    yield Actor, len(s.actors), (dict(id=a["id"], name=a["name"], kind=a["kind"], parent=a.get("parent"),
                                      acronym=a.get("acronym"), translations=a.get("translations"))
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
             rationale=_rationale(r), confidence="high", confidence_reason=None, method=METHOD_VERSIONS[-1],
             notes=[]) for i in items for r in i.responses)
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
                       note=own_notes.CURATION_LOADED, source=CURATION, version=1)
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


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
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
    """Bulk-insert the record and its search index into an empty, migrated database, in one transaction; return
    rows per table.

    Everything is written or nothing is: an exception (Ctrl-C included) rolls the whole load back.
    `on_chunk(table, rows)` is called after every chunk (tests use it to interrupt the load).
    """
    tables = list(_tables(synthetic, digest))
    bar = Progress(sum(count for _, count, _ in tables) + len(synthetic.items)) if progress else None
    written: dict[str, int] = {}

    def wrote(table: str, rows: int) -> None:
        written[table] = written.get(table, 0) + rows
        if bar:
            bar.update(rows, table)
        if on_chunk:
            on_chunk(table, rows)

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
                    wrote(table.name, len(chunk))
            # The search index too, as a load fills it: the first search after a bulk load needs no rebuild.
            for texts in _chunks(search.item_texts(conn, None).items(), chunk_rows):
                search.write(conn, dict(texts))
                wrote(search.TABLE, len(texts))
    finally:
        if bar:
            bar.close()
    return written
