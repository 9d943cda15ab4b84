"""`tracker import-reply`: read a reply document, segment it, and report or queue the proposals."""

from dataclasses import dataclass
from pathlib import Path

from tracker.imports.queue import decision_of, file_digest, now, queue_path, read_queue, write_queue
from tracker.imports.segment import Segmentation, segment
from tracker.imports.text import read_lines


@dataclass(frozen=True)
class ReplyImport:
    """A segmented reply document: where it came from, what it replies to, and the proposals."""

    source: Path
    replies_to: str
    segmentation: Segmentation

    def dry_run(self) -> dict:
        """The object `--dry-run --json` prints."""
        problems = list(self.segmentation.problems)
        if not self.segmentation.replies:
            problems.append(self.nothing_found())
        return {"replies": [reply.dry_run() for reply in self.segmentation.replies], "problems": problems}

    def nothing_found(self) -> str:
        """The located message for a document in which no reply could be cut."""
        count = len(self.segmentation.paragraphs)
        return (f"{self.source}: no reply could be segmented: {count} numbered paragraph(s) found, but no "
                "reply heading (\"Reply to paragraph N\", \"Respuesta al párrafo N\", \"Réponse au paragraphe "
                "N\"), no reproduced question and no paragraph led by a space where a heading was lost")


def read_reply(path: Path, replies_to: str) -> ReplyImport:
    """Read and segment a reply document (.txt, .docx, .pdf); UnreadableDocument when it cannot be read."""
    return ReplyImport(path, replies_to, segment(read_lines(path)))


def _proposal(reply) -> dict:
    deferral = reply.deferral
    return {
        "question": reply.question,
        "first": reply.first,
        "last": reply.last,
        "deferred": reply.deferred,
        "deferral": None if deferral is None else {
            "whole": deferral.whole, "paragraph": deferral.paragraph, "sentence": deferral.sentence},
        "evidence": reply.evidence,
        "confidence": reply.confidence,
        "decision": "pending",
    }


def queue_replies(data_dir: Path, imported: ReplyImport) -> Path:
    """Write (or refresh) the document's queue file under data/proposed/; decisions already taken stay."""
    path = queue_path(data_dir, "replies", imported.replies_to)
    previous = {entry["question"]: entry for entry in read_queue(path).get("proposals") or []}
    proposals = []
    for reply in imported.segmentation.replies:
        proposal = _proposal(reply)
        before = previous.get(reply.question)
        if before and (before["first"], before["last"]) == (reply.first, reply.last):
            proposal.update(decision_of(before))
        proposals.append(proposal)
    queue = {"kind": "replies", "source": imported.source.name, "source_sha256": file_digest(imported.source),
             "replies_to": imported.replies_to, "created": now(),
             "problems": list(imported.segmentation.problems), "proposals": proposals}
    write_queue(path, queue)
    return path
