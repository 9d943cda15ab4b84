"""The `tracker` command: validate the curated YAML, load it, migrate the database."""

import argparse
import sys
from pathlib import Path

from tracker.errors import RecordInvalid
from tracker.settings import load_settings
from tracker.store.db import DatabaseError
from tracker.validation import check_record


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else load_settings().data_dir
    record, problems = check_record(data_dir)
    for problem in problems:
        print(problem)
    if record is None:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    print(f"{data_dir}: {len(record.recommendations)} recommendations, {len(record.responses)} responses: valid",
          file=sys.stderr)
    return 0


def _load(_args: argparse.Namespace) -> int:
    from tracker.startup import open_database
    from tracker.store.sync import sync_record
    from tracker.validation import load_record

    settings = load_settings()
    opened = open_database(settings)
    report = opened.loaded or sync_record(opened.engine, load_record(settings.data_dir))
    print(report.summary())
    for item in report.flagged:
        print(f"flagged for review: {item}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from tracker.store.db import make_engine, migrate

    migrate(make_engine(load_settings().database_url), args.revision)
    print(f"database at {args.revision}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every file in data/; exit 1 and list problems if any")
    validate.add_argument("--data-dir", help="folder holding the YAML (default: data/ or TRACKER_DATA_DIR)")
    validate.set_defaults(run=_validate)
    load = commands.add_parser("load", help="validate data/ and load it into the database (idempotent)")
    load.set_defaults(run=_load)
    migrate = commands.add_parser("migrate", help="bring the database schema to a revision (default: head)")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.set_defaults(run=_migrate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except RecordInvalid as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    except DatabaseError as exc:
        print(f"tracker: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
