"""What `tracker import-reply` and `tracker import-uhri` print; tracker/cli.py only wires them in."""

import argparse
import json
import sys
from pathlib import Path

from tracker.imports.replies import queue_replies, read_reply
from tracker.imports.text import UnreadableDocument


def _print_replies(imported) -> None:
    for reply in imported.segmentation.replies:
        span = f"{reply.first}" if reply.first == reply.last else f"{reply.first}-{reply.last}"
        deferral = ""
        if reply.deferral:
            deferral = f"  {'deferred' if reply.deferral.whole else 'partly deferred'}: \"{reply.deferral.sentence}\""
        print(f"question {reply.question}: paragraphs {span}  confidence {reply.confidence:.2f}  "
              f"cut at {reply.evidence}{deferral}")


def import_reply(args: argparse.Namespace, data_dir: Path) -> int:
    """Segment args.file; print (dry run) or queue the proposals. 1 when nothing could be segmented."""
    try:
        imported = read_reply(Path(args.file), args.replies_to)
    except UnreadableDocument as exc:
        print(f"tracker: {exc}", file=sys.stderr)
        return 1
    found = bool(imported.segmentation.replies)
    if args.dry_run and args.json:
        print(json.dumps(imported.dry_run(), ensure_ascii=False, indent=1))
    elif found:
        _print_replies(imported)
    for problem in imported.segmentation.problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    if not found:
        print(f"tracker: {imported.nothing_found()}", file=sys.stderr)
        return 1
    if not args.dry_run:
        path = queue_replies(data_dir, imported)
        print(f"{len(imported.segmentation.replies)} proposed replies queued in {path}", file=sys.stderr)
    return 0
