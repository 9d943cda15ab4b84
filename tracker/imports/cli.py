"""What `tracker import-reply` and `tracker import-uhri` print; tracker/cli.py only wires them in."""

import argparse
import json
import sys
from pathlib import Path

from tracker.imports.replies import queue_replies, read_reply
from tracker.imports.text import UnreadableDocument
from tracker.imports.uhri import Choice, queue_uhri, read_uhri
from tracker.imports.uhri_read import UnreadableExport


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


def _progress(count: int) -> None:
    print(f"\rread {count:,} records", end="", file=sys.stderr, flush=True)


def import_uhri(args: argparse.Namespace, data_dir: Path) -> int:
    """Stream args.file and print (dry run) or queue the chosen records. Ctrl-C writes nothing."""
    try:
        imported = read_uhri(Path(args.file), Choice(args.country, args.body),
                             _progress if sys.stderr.isatty() else None)
    except UnreadableExport as exc:
        print(f"tracker: {exc}; nothing imported", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ntracker: interrupted; nothing imported", file=sys.stderr)
        return 130
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.dry_run and args.json:
        print(json.dumps(imported.dry_run(), ensure_ascii=False, indent=1))
    else:
        for problem in imported.problems:
            print(problem, file=sys.stderr)
    if not args.dry_run:
        path, added, updated = queue_uhri(data_dir, imported)
        print(f"{imported.records:,} records read, {len(imported.items)} chosen: {added} new and {updated} "
              f"updated proposals in {path}; {len(imported.problems)} bad record(s)", file=sys.stderr)
    elif not args.json:
        print(f"{imported.records:,} records read, {len(imported.items)} chosen, {len(imported.problems)} bad "
              "record(s)", file=sys.stderr)
    return 0
