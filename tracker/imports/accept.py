"""Accepting a reviewed proposal: append it to the curated YAML as a clean diff (new entries at the end of
responses.yaml, recommendations.yaml and, for a new document, documents.yaml), keep it only if
`tracker validate` accepts the result, and mark the proposal accepted in its queue file."""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from tracker.i18n import N_, Refusal, Words
from tracker.imports.queue import read_queue, write_queue
from tracker.schema import UHRI_LABELS, parse_paragraph_ref
from tracker.validation import check_record


class _RecordDumper(yaml.SafeDumper):
    """Dumps entries the way the curated files are written: short lists inline, notes one per line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "  notes:\n    - …", as the curated files indent


def _list(dumper: yaml.SafeDumper, values: list) -> yaml.Node:
    inline = all(not isinstance(v, (dict, list)) and len(str(v)) < 40 for v in values)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", values, flow_style=inline)


_RecordDumper.add_representer(list, _list)


class AcceptRefused(Refusal):
    """A proposal that cannot be accepted as it stands; the message says why and what to do."""


@dataclass(frozen=True)
class Correction:
    """What the reviewer decided for a reply proposal: any of these replaces what was proposed."""

    status: str | None = None
    rationale: str | None = None
    summary: str | None = None
    question: int | None = None
    first: int | None = None
    last: int | None = None
    confidence: str | None = None
    confidence_reason: str | None = None


# What docs/assessment-method.md asks of every curated status, for entries a reviewer accepts from the queue.
METHOD = "1.0"
UNREAD = "Accepted from an imported proposal; not yet re-read under the assessment method."


def _entries(data_dir: Path, name: str) -> list[dict]:
    return yaml.safe_load((data_dir / name).read_text(encoding="utf-8")) or []


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").upper()


def _append(data_dir: Path, additions: dict[str, list[dict]]) -> None:
    """Append the entries to their files; undo every append unless the whole record still validates."""
    before = {name: (data_dir / name).read_text(encoding="utf-8") for name in additions}
    for name, entries in additions.items():
        rendered = yaml.dump(entries, Dumper=_RecordDumper, sort_keys=False, allow_unicode=True, width=120)
        (data_dir / name).write_text(before[name].rstrip("\n") + "\n\n" + rendered.replace("\n- ", "\n\n- "),
                                     encoding="utf-8")
    record, problems = check_record(data_dir)
    if record is None:
        for name, text in before.items():
            (data_dir / name).write_text(text, encoding="utf-8")
        raise AcceptRefused(N_("the record would not validate: {problems}"), problems="; ".join(str(p) for p in problems))


def _document(documents: list[dict], key: str, value: str, what: Words) -> dict:
    found = next((doc for doc in documents if doc.get(key) == value), None)
    if found is None:
        raise AcceptRefused(N_("no document with {key} {value} in documents.yaml: add {what} there first"), key=key,
                            value=repr(value), what=what)
    return found


def _pending(queue_file: Path, key: int | str) -> tuple[dict, dict]:
    """(queue, proposal) for a question number or an AnnotationId; AcceptRefused when absent or accepted."""
    queue = read_queue(queue_file)
    entries = queue.get("proposals") or queue.get("items") or []
    entry = next((e for e in entries if key in (e.get("question"), e.get("annotation_id"))), None)
    if entry is None:
        raise AcceptRefused(N_("{queue} holds no proposal {key}"), queue=queue_file.name, key=repr(key))
    if entry.get("decision") == "accepted":
        raise AcceptRefused(N_("{key} was already accepted as {ids}"), key=repr(key), ids=", ".join(entry["accepted_as"]))
    return queue, entry


def _accepted(data_dir: Path, queue_file: Path, queue: dict, entry: dict, additions: dict[str, list[dict]]) -> list[str]:
    """Append the additions (or nothing, if the record would not validate), mark the proposal; the ids written."""
    _append(data_dir, additions)
    written = [e["id"] for entries in additions.values() for e in entries]
    entry["decision"], entry["accepted_as"] = "accepted", written
    write_queue(queue_file, queue)
    return written


def accept_reply(data_dir: Path, queue_file: Path, question: int, correction: Correction = Correction()) -> list[str]:
    """Append the proposed reply to question N (as corrected) to responses.yaml, and the question to
    recommendations.yaml when the record does not hold it yet; the ids written."""
    queue, proposal = _pending(queue_file, question)
    documents = _entries(data_dir, "documents.yaml")
    asked = _document(documents, "symbol", queue["replies_to"],
                      Words(N_("the list of issues {symbol}"), symbol=queue["replies_to"]))
    reply = _document(documents, "source_file", queue["source"],
                      Words(N_("the reply document (source_file {file})"), file=queue["source"]))
    number = correction.question or question
    first, last = correction.first or proposal["first"], correction.last or proposal["last"]
    status = correction.status or ("deferred" if proposal["deferred"] else None)
    summary = correction.summary or ("The State defers its reply." if status == "deferred" else None)
    if status is None or summary is None:
        raise AcceptRefused(N_("a reply that does not defer needs a status and a summary written by the reviewer"))
    rationale = correction.rationale or proposed_rationale(proposal, first, last)
    if rationale is None:
        raise AcceptRefused(N_("give the rationale for the status"))
    additions: dict[str, list[dict]] = {}
    items = _entries(data_dir, "recommendations.yaml")
    item = next((i for i in items if i["document"] == asked["id"] and number in i["paragraphs"]), None)
    if item is None:
        item = {"id": f"{asked['author']}-{asked['year']}-Q{number:02d}", "mechanism": asked["author"],
                "document": asked["id"], "paragraphs": [number], "year": asked["year"], "topic": None,
                "topic_basis": "unknown", "addressee": reply["author"],
                "notes": [f"Added on accepting the reply proposed from {queue['source']}; the question's topic is "
                          "still to be curated."]}
        additions["recommendations.yaml"] = [item]
    response = {"id": f"{reply['author']}-{reply['year']}-Q{number:02d}", "recommendation": item["id"],
                "document": reply["id"], "relation": "reply",
                "paragraphs": [first] if first == last else [f"{first}-{last}"],
                "boundary": f"Proposed by tracker import-reply (confidence {proposal['confidence']}): cut at "
                            f"{proposal['evidence']}; accepted by a reviewer.",
                "summary": summary, "status": status, "rationale": rationale, "method": METHOD,
                **_confidence(correction.confidence, correction.confidence_reason)}
    additions["responses.yaml"] = [response]
    return _accepted(data_dir, queue_file, queue, proposal, additions)


def proposed_rationale(proposal: dict, first: int, last: int) -> str | None:
    """A deferral's rationale, quoting the sentence and citing the paragraphs; None for other proposals."""
    sentence = (proposal.get("deferral") or {}).get("sentence")
    if not sentence:
        return None
    return f'The reply says: "{sentence}" ({first}' + ("" if first == last else f"-{last}") + ")"


def _confidence(level: str | None, reason: str | None) -> dict:
    """The confidence fields: a reviewer's, else medium because nobody has re-read the entry under the method."""
    if level == "high":
        return {"confidence": "high"}
    return {"confidence": level or "medium", "confidence_reason": reason or UNREAD}


def _theme_slug(theme: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", theme.lower()).strip("-")


def accept_item(data_dir: Path, queue_file: Path, annotation_id: str) -> list[str]:
    """Append a proposed UHRI item to recommendations.yaml (and its document to documents.yaml when new),
    with a response recording that no reply is on record yet; the ids written."""
    queue, entry = _pending(queue_file, annotation_id)
    paragraph = str(entry["paragraph"])
    try:
        parse_paragraph_ref(paragraph)
    except ValueError as exc:
        raise AcceptRefused(N_("paragraph {paragraph} cannot be recorded: {reason}"), paragraph=repr(paragraph),
                            reason=str(exc)) from None
    actors = {actor["id"]: actor for actor in _entries(data_dir, "actors.yaml")}
    if actors.get(entry["mechanism"], {}).get("kind") != "mechanism":
        raise AcceptRefused(N_("add the mechanism {mechanism} to actors.yaml (kind: mechanism) first"),
                            mechanism=repr(entry["mechanism"]))
    state = next((a for a in actors.values() if a["kind"] == "state" and a["name"] in entry["countries"]), None)
    if state is None:
        raise AcceptRefused(N_("add the State ({countries}) to actors.yaml (kind: state) first"),
                            countries=", ".join(entry["countries"]))
    year = int(entry["date"][:4])
    additions: dict[str, list[dict]] = {}
    document = next((d for d in _entries(data_dir, "documents.yaml") if d.get("symbol") == entry["symbol"]), None)
    if document is None:
        document = {"id": _slug(entry["symbol"]), "symbol": entry["symbol"],
                    "title": f"{entry['symbol']}, as the Universal Human Rights Index lists it", "date": entry["date"],
                    "year": year, "author": entry["mechanism"], "paragraphs": None, "source_file": None,
                    "notes": ["Added on accepting a UHRI record; the title, date and paragraph count are still to be "
                              "checked against the document."]}
        additions["documents.yaml"] = [document]
    first_sentence = re.split(r"(?<=[.;:])\s", entry["text"], maxsplit=1)[0][:400]
    item = {"id": entry["id"], "mechanism": entry["mechanism"], "document": document["id"],
            # A UPR number (145.12) stays text, as written: YAML would read it as a decimal number.
            "paragraphs": [int(paragraph) if paragraph.isdigit() else paragraph], "year": year,
            "topic": first_sentence, "topic_basis": "source",
            "addressee": state["id"], "themes": sorted({_theme_slug(t) for t in entry["themes"]} - {""}),
            "uhri": {"annotation_id": entry["annotation_id"],
                     **{kind: list(dict.fromkeys(entry[kind])) for kind in UHRI_LABELS if entry.get(kind)}},
            "notes": [f"Imported from UHRI (AnnotationId {annotation_id}); the topic is the record's first sentence, "
                      "to be put in our own words."]}
    response = {"id": f"{entry['id']}-OPEN", "recommendation": entry["id"], "document": document["id"],
                "relation": "related", "paragraphs": [], "summary": "No reply from the State is on record yet.",
                "status": "not_addressed", "method": METHOD, **_confidence("low", "No reply has been read against it yet."),
                # rationales are each their own (docs/assessment-method.md), so this one names its item
                "rationale": f"No reply from the State to {entry['symbol']} paragraph {paragraph} has been "
                             "linked yet."}
    additions["recommendations.yaml"] = [item]
    additions["responses.yaml"] = [response]
    return _accepted(data_dir, queue_file, queue, entry, additions)


def reject(queue_file: Path, key: int | str) -> None:
    """Mark a proposal rejected (by question number, or by AnnotationId for a UHRI item); nothing else changes."""
    queue, entry = _pending(queue_file, key)
    entry["decision"] = "rejected"
    write_queue(queue_file, queue)
