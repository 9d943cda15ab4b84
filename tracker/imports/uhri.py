"""`tracker import-uhri`: the chosen UHRI records as proposed items, queued under data/proposed/ and keyed
by AnnotationId, so that importing the same export again updates the queue instead of adding to it."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.imports.queue import decision_of, file_digest, now, queue_path, read_queue, write_queue
from tracker.imports.uhri_read import raw_records
from tracker.imports.uhri_records import (BadRecord, UhriRecord, annotation_id_of, body_of, country, country_code,
                                          usable)

PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class Choice:
    """Which records to import: a country (name or ISO-2 code) and a body (acronym or full name)."""

    country: str
    body: str

    def matches_body(self, raw: dict) -> bool:
        return isinstance(raw.get("Body"), str) and body_of(raw["Body"]).casefold() == body_of(self.body).casefold()

    def matches_country(self, countries: object) -> bool:
        if isinstance(countries, str):
            countries = [countries]
        if not isinstance(countries, list):
            return True  # let the full check report the field
        wanted_name, _ = country(self.country)
        wanted_code = country_code(wanted_name)
        for entry in countries:
            name, _ = country(entry)
            if name.casefold() == wanted_name.casefold() or (wanted_code and country_code(name) == wanted_code):
                return True
        return False


@dataclass
class UhriImport:
    """What one pass over an export found: how many records it read, the proposed items, the problems."""

    source: Path
    choice: Choice
    records: int = 0
    items: list[UhriRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def item_ids(self) -> dict[str, str]:
        """AnnotationId → the item id it is proposed under (symbol and paragraph, unique within the import)."""
        ids: dict[str, str] = {}
        taken: set[str] = set()
        for item in self.items:
            proposed = f"{re.sub(r'[^A-Za-z0-9]+', '-', item.symbol).strip('-')}-P{item.paragraph}"
            if proposed in taken:
                proposed = f"{proposed}-{item.annotation_id[:8]}"
            taken.add(proposed)
            ids[item.annotation_id] = proposed
        return ids

    def dry_run(self) -> dict:
        """The object `import-uhri --dry-run --json` prints."""
        ids = self.item_ids()
        return {"records": self.records, "items": [
            {"id": ids[item.annotation_id], "symbol": item.symbol, "paragraph": item.paragraph,
             "mechanism": mechanism_of(item.body), "year": int(item.date[:4]), "countries": list(item.countries),
             "themes": list(item.themes)} for item in self.items], "problems": self.problems}


def mechanism_of(body: str) -> str:
    """The actor id a body's items are issued under ("CMW", "SR-MIGRANTS")."""
    return re.sub(r"[^A-Za-z0-9]+", "-", body).strip("-").upper()


def read_uhri(path: Path, choice: Choice, progress: Callable[[int], None] | None = None) -> UhriImport:
    """Stream the export and keep the chosen records; a bad record is reported and the rest kept.
    UnreadableExport (nothing kept) when the file is not an export or breaks off."""
    found = UhriImport(path, choice)
    seen: set[str] = set()
    unit = "row" if path.suffix.lower() == ".xlsx" else "record"
    for position, raw in raw_records(path):
        found.records += 1
        where = f"{unit} {position}"
        if progress and found.records % PROGRESS_EVERY == 0:
            progress(found.records)
        try:
            if not isinstance(raw, dict):
                annotation_id_of(raw, where)  # raises: a record must be an object
            if not choice.matches_body(raw):
                if not isinstance(raw.get("Body"), str):
                    raise BadRecord(where, raw.get("AnnotationId"), "Body", "missing or not a label")
                continue
            if not choice.matches_country(raw.get("Countries")):
                continue
            item = usable(raw, where)
            if item.annotation_id in seen:
                raise BadRecord(where, item.annotation_id, "AnnotationId", "appears twice in the export; "
                                "the first is kept")
        except BadRecord as exc:
            found.problems.append(f"{path}: {exc}")
            continue
        seen.add(item.annotation_id)
        found.items.append(item)
    return found


def _queued(item: UhriRecord, item_id: str) -> dict:
    return {"annotation_id": item.annotation_id, "id": item_id, "symbol": item.symbol, "paragraph": item.paragraph,
            "mechanism": mechanism_of(item.body), "type": item.annotation_type, "date": item.date,
            "countries": list(item.countries), "observers": list(item.observers), "regions": list(item.regions),
            "themes": list(item.themes), "sdgs": list(item.sdgs), "affected_persons": list(item.affected_persons),
            "heading": item.heading, "text": item.text, "document_id": item.document_id, "decision": "pending"}


def queue_uhri(data_dir: Path, imported: UhriImport) -> tuple[Path, int, int]:
    """Merge the items into their queue file by AnnotationId: (path, added, updated). An item keeps the
    id and the decision it already has."""
    choice = imported.choice
    path = queue_path(data_dir, "uhri", f"{body_of(choice.body)}-{choice.country}")
    queue = read_queue(path)
    entries = {entry["annotation_id"]: entry for entry in queue.get("items") or []}
    added = updated = 0
    ids = imported.item_ids()
    for item in imported.items:
        before = entries.get(item.annotation_id)
        entry = _queued(item, before["id"] if before else ids[item.annotation_id])
        entry.update(decision_of(before))
        added, updated = (added, updated + 1) if before else (added + 1, updated)
        entries[item.annotation_id] = entry
    write_queue(path, {
        "kind": "uhri", "source": imported.source.name, "source_sha256": file_digest(imported.source),
        "country": choice.country, "body": body_of(choice.body), "created": now(), "records": imported.records,
        "problems": imported.problems,
        "items": sorted(entries.values(), key=lambda e: (e["symbol"], _paragraph_key(e["paragraph"]), e["id"])),
    })
    return path, added, updated


def _paragraph_key(paragraph: str) -> tuple[int, ...]:
    return tuple(int(part) for part in str(paragraph).split(".") if part.isdigit())
