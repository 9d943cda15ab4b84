"""Imports into a review queue: a State's reply documents (segmented into proposed responses, with
deferrals found) and UHRI records (proposed items). Nothing here writes the curated record except
`accept`, which a person calls for one reviewed proposal."""

from tracker.imports.accept import AcceptRefused, Correction, accept_item, accept_reply, proposed_rationale, reject
from tracker.imports.deferrals import Deferral, find_deferral
from tracker.imports.queue import queue_dir, read_queue
from tracker.imports.review import decide, queue_files, source_paragraphs
from tracker.imports.replies import ReplyImport, queue_replies, read_reply
from tracker.imports.segment import ProposedReply, Segmentation, segment
from tracker.imports.text import UnreadableDocument, read_lines
from tracker.imports.uhri import Choice, UhriImport, queue_uhri, read_uhri
from tracker.imports.uhri_read import UnreadableExport
from tracker.imports.uhri_records import BadRecord, UhriRecord

__all__ = [
    "decide", "queue_files", "source_paragraphs",
    "AcceptRefused", "Correction", "accept_item", "accept_reply", "proposed_rationale", "reject", "queue_dir", "read_queue",
    "BadRecord", "Choice", "Deferral", "ProposedReply", "ReplyImport", "Segmentation", "UhriImport", "UhriRecord",
    "UnreadableDocument", "UnreadableExport",
    "find_deferral", "queue_replies", "queue_uhri", "read_lines", "read_reply", "read_uhri", "segment",
]
