"""Imports into a review queue: a State's reply documents (segmented into proposed responses, with
deferrals found) and UHRI records (proposed items). Nothing here writes the curated record except
`accept`, which a person calls for one reviewed proposal."""

from tracker.imports.deferrals import Deferral, find_deferral
from tracker.imports.replies import ReplyImport, queue_replies, read_reply
from tracker.imports.segment import ProposedReply, Segmentation, segment
from tracker.imports.text import UnreadableDocument, read_lines

__all__ = [
    "Deferral", "ProposedReply", "ReplyImport", "Segmentation", "UnreadableDocument",
    "find_deferral", "queue_replies", "read_lines", "read_reply", "segment",
]
