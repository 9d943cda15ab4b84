"""The `tracker` command: validate the curated YAML, load it, migrate the database."""

import argparse
import getpass
import sys
from pathlib import Path

from tracker.access import AccountError
from tracker.errors import RecordInvalid, report_lines
from tracker.settings import load_settings
from tracker.store.db import DatabaseError
from tracker.synth import add_arguments as add_synth_arguments
from tracker.validation import check_record_and_translations


def _validate(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else load_settings().data_dir
    # A missing translation does not make the record invalid: the reader sees the English, marked as such.
    record, problems, gaps = check_record_and_translations(data_dir)
    if record is None:
        print("\n".join(report_lines(problems)))
        print(f"{problems.total} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    for gap in gaps:
        print(gap)
    print(f"{data_dir}: {len(record.recommendations)} recommendations, {len(record.responses)} responses: valid"
          + (f"; {len(gaps)} text(s) lack a translation (listed above)" if gaps else ""), file=sys.stderr)
    return 0


def _reindex(_args: argparse.Namespace) -> int:
    from tracker.search import indexed_count, reindex
    from tracker.startup import open_database, search_sources

    settings = load_settings()
    opened = open_database(settings)
    if opened.search_rebuilt:  # opening found it stale, or loaded the record, and rebuilt it already
        with opened.engine.connect() as conn:
            count = indexed_count(conn)
    else:
        count = reindex(opened.engine, search_sources(settings))
    print(f"search index rebuilt: {count} item(s)" + ("" if search_sources(settings) else
                                                      " (the source documents are not at hand: reply text not indexed)"))
    return 0


def _load(_args: argparse.Namespace) -> int:
    from tracker.startup import open_database, search_sources
    from tracker.store.sync import sync_record
    from tracker.validation import load_record

    settings = load_settings()
    opened = open_database(settings)
    report = opened.loaded or sync_record(opened.engine, load_record(settings.data_dir), search_sources(settings))
    print(report.summary())
    for item in report.flagged:
        print(f"flagged for review: {item}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from tracker.store.db import make_engine, migrate

    migrate(make_engine(load_settings().database_url), args.revision)
    print(f"database at {args.revision}")
    return 0


def _engine():
    from tracker.startup import open_database

    return open_database(load_settings()).engine


def _password(args: argparse.Namespace) -> str | None:
    if getattr(args, "no_password", False):
        return None
    if args.password_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise AccountError("The two passwords differ.")
    return first


def _users(args: argparse.Namespace) -> int:
    from tracker import access

    engine = _engine()
    if args.action == "list":
        for account in access.list_people(engine):
            sign_in = "password" if account.has_password else "identity provider"
            print(f"{account.name}\t{account.role}\t{sign_in}")
        return 0
    if args.action == "add":
        account = access.add_person(engine, args.name, args.role, _password(args))
        print(f"added {account.name} as {account.role}")
    elif args.action == "remove":
        access.remove_person(engine, args.name)
        print(f"removed {args.name}")
    elif args.action == "set-role":
        access.set_role(engine, args.name, args.role)
        print(f"{args.name} is now {args.role}")
    elif args.action == "set-password":
        access.set_password(engine, args.name, _password(args))
        print(f"password changed for {args.name}; their sessions have ended")
    elif args.action == "sessions":
        for session in access.list_sessions(engine):
            print(f"{session.person}\t{session.started_at:%Y-%m-%d %H:%M}\t{session.last_seen_at:%Y-%m-%d %H:%M}\t"
                  f"{session.client or '-'}")
    elif args.action == "sign-out":
        ended = sum(access.end_session(engine, s.id) for s in access.list_sessions(engine, access.normalise(args.name)))
        print(f"ended {ended} session(s) of {args.name}")
    return 0


def _export_assessments(args: argparse.Namespace) -> int:
    from tracker.backup import dumps, export_assessments

    backup = export_assessments(_engine())
    Path(args.file).write_text(dumps(backup), encoding="utf-8")
    print(f"wrote {len(backup['assessments'])} assessments, {len(backup['history'])} history rows and "
          f"{len(backup['people'])} accounts to {args.file}")
    return 0


def _import_assessments(args: argparse.Namespace) -> int:
    from tracker.backup import RestoreRefused, import_assessments
    from tracker.backup_check import read_backup

    path = Path(args.file)
    backup, problems = read_backup(path)
    try:
        if problems:
            raise RestoreRefused(problems)
        counts = import_assessments(_engine(), backup, path.name)
    except RestoreRefused as exc:
        print(f"tracker: cannot restore {args.file}; nothing was changed:", file=sys.stderr)
        print("\n".join(report_lines(exc.problems)), file=sys.stderr)
        return 1
    print(", ".join(f"{count} {name}" for name, count in counts.items()) + " restored")
    return 0


def _synth(args: argparse.Namespace) -> int:
    from tracker.synth import SynthError, main as synth

    try:
        return synth(args)
    except SynthError as exc:
        print(f"tracker: {exc}", file=sys.stderr)
        return 1


def _import_reply(args: argparse.Namespace) -> int:
    from tracker.imports.cli import import_reply

    return import_reply(args, load_settings().data_dir)


def _import_uhri(args: argparse.Namespace) -> int:
    from tracker.imports.cli import import_uhri

    return import_uhri(args, load_settings().data_dir)


def _add_users(commands) -> None:
    from tracker.schema import ROLES

    users = commands.add_parser("users", help="manage who may sign in and their roles")
    actions = users.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="list accounts and roles")
    add = actions.add_parser("add", help="add an account (asks for the password; --no-password for OIDC-only)")
    add.add_argument("--role", choices=ROLES, default="viewer")
    add.add_argument("--no-password", action="store_true", help="sign in only through the identity provider")
    password = actions.add_parser("set-password", help="set a new password")
    for parser in (add, password):
        parser.add_argument("name", help="e-mail address or user name")
        parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    actions.add_parser("remove", help="remove an account").add_argument("name")
    set_role = actions.add_parser("set-role", help="change an account's role")
    set_role.add_argument("name")
    set_role.add_argument("role", choices=ROLES)
    actions.add_parser("sessions", help="list open sessions (who, since, last seen, client address)")
    actions.add_parser("sign-out", help="end every session of an account").add_argument("name")
    users.set_defaults(run=_users)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every file in data/; exit 1 and list problems if any")
    validate.add_argument("--data-dir", help="folder holding the YAML (default: data/ or TRACKER_DATA_DIR)")
    validate.set_defaults(run=_validate)
    load = commands.add_parser("load", help="validate data/ and load it into the database (idempotent)")
    load.set_defaults(run=_load)
    reindex = commands.add_parser("reindex", help="rebuild the full-text search index from the database")
    reindex.set_defaults(run=_reindex)
    migrate = commands.add_parser("migrate", help="bring the database schema to a revision (default: head)")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.set_defaults(run=_migrate)
    _add_users(commands)
    backup = commands.add_parser("export-assessments", help="write assessments, history and accounts to a JSON file")
    backup.add_argument("file")
    backup.set_defaults(run=_export_assessments)
    restore = commands.add_parser("import-assessments", help="restore such a file into a fresh database")
    restore.add_argument("file")
    restore.set_defaults(run=_import_assessments)
    synth = commands.add_parser("synth", help="write a synthetic record for benchmarks (deterministic for a seed)")
    add_synth_arguments(synth)
    synth.set_defaults(run=_synth)
    reply = commands.add_parser("import-reply", help="segment a State's replies to a list of issues into proposals")
    reply.add_argument("file", help="the reply document (.docx, .pdf or .txt)")
    reply.add_argument("--replies-to", required=True, metavar="SYMBOL", help="the list of issues it replies to")
    reply.add_argument("--dry-run", action="store_true", help="print the proposals; write nothing")
    reply.add_argument("--json", action="store_true", help="with --dry-run: print one JSON object")
    reply.set_defaults(run=_import_reply)
    uhri = commands.add_parser("import-uhri", help="queue UHRI records (JSON or XLSX export) as proposed items")
    uhri.add_argument("file", help="the export (.json or .xlsx)")
    uhri.add_argument("--country", required=True, help="country name or ISO-2 code (Mexico, MX)")
    uhri.add_argument("--body", required=True, help="body as UHRI names it (CMW, SR Migrants)")
    uhri.add_argument("--dry-run", action="store_true", help="print what would be queued; write nothing")
    uhri.add_argument("--json", action="store_true", help="with --dry-run: print one JSON object")
    uhri.set_defaults(run=_import_uhri)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except RecordInvalid as exc:
        print("\n".join(report_lines(exc.problems)))
        return 1
    except DatabaseError as exc:
        print(f"tracker: {exc}", file=sys.stderr)
        return 2
    except AccountError as exc:
        print(f"tracker: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
