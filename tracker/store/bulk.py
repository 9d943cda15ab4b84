"""Bulk assessment: one status and one note for several items, each saved exactly as a single save would be."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine

from tracker.store.crud import AssessmentRejected, Change, check_change, save_change


@dataclass
class BulkOutcome:
    """What became of each item: saved (its new version), refused (the reason, as crud raised it), or not tried
    because the database failed first (`fault`)."""

    saved: dict[str, int] = field(default_factory=dict)
    refused: dict[str, AssessmentRejected] = field(default_factory=dict)
    not_tried: list[str] = field(default_factory=list)
    fault: Exception | None = None


def save_changes(engine: Engine, changes: Sequence[Change], who: str) -> BulkOutcome:
    """Save each change through crud.save_change, in its own transaction, so that every item gets the history
    row, version, role check and conflict check a single save gives it; a refusal leaves the others to go on.

    A malformed change (no note, no such status) is the same for every item: it is refused before any is saved.
    A database fault stops the run; the items after it are reported as not tried."""
    outcome = BulkOutcome()
    for change in changes:
        check_change(change)
    for position, change in enumerate(changes):
        try:
            outcome.saved[change.item_id] = save_change(engine, change, who)
        except AssessmentRejected as refused:
            outcome.refused[change.item_id] = refused
        except Exception as fault:  # noqa: BLE001 - reported to the page, which puts it into words
            outcome.fault = fault
            outcome.not_tried = [c.item_id for c in changes[position:]]
            break
    return outcome
