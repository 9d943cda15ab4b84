"""What the Review page needs from the core: the queue files, a reply proposal's source paragraphs, and
one decision taken by an administrator (checked against the stored role), after which the record reloads."""

from pathlib import Path

from sqlalchemy import Engine

from tracker.i18n import N_, Words
from tracker.imports.accept import AcceptRefused, Correction, accept_item, accept_reply, reject
from tracker.imports.queue import queue_dir
from tracker.imports.segment import segment
from tracker.imports.text import UnreadableDocument, read_lines

REVIEWER_ROLES = ("admin",)


def queue_files(data_dir: Path) -> list[Path]:
    """The queue files waiting under data/proposed/, by name."""
    folder = queue_dir(data_dir)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def source_paragraphs(sources_dir: Path, queue: dict) -> dict[int, str] | None:
    """The numbered paragraphs of the reply document a queue was cut from, None when it is not in the
    sources folder (or no longer reads)."""
    path = sources_dir / str(queue.get("source"))
    try:
        return segment(read_lines(path)).paragraphs if path.is_file() else None
    except UnreadableDocument:
        return None


def decide(engine: Engine, data_dir: Path, by: str | None, queue_file: Path, key: int | str, accept: bool,
           correction: Correction = Correction()) -> Words:
    """Accept (with the correction) or reject one proposal as `by`; what happened, in a sentence.
    AcceptRefused when `by` is not an administrator or the proposal cannot be accepted."""
    from tracker.store.queries import role_of
    from tracker.store.sync import sync_record
    from tracker.validation import load_record

    if role_of(engine, by) not in REVIEWER_ROLES:
        raise AcceptRefused(N_("only an administrator may accept or reject proposals"))
    if not accept:
        reject(queue_file, key)
        return Words(N_("Rejected {key}."), key=str(key))
    if isinstance(key, int):
        written = accept_reply(data_dir, queue_file, key, correction)
    else:
        written = accept_item(data_dir, queue_file, key)
    report = sync_record(engine, load_record(data_dir))
    return Words(N_("Accepted as {ids}. {summary}"), ids=", ".join(written), summary=report.summary())
