"""Synthetic records at the scale of the Universal Human Rights Index, for benchmarks.

`generate` builds one deterministic record for (items, seed): forty synthetic States, a dozen mechanisms, the
years 2000–2026, every Convention article (some far more often than others), all four statuses, one to three
responses per item and a long assessment history. `write_yaml` writes it as a curated record that
`tracker validate` accepts; `write_database` bulk-inserts it into an empty database in one transaction, so an
interrupted load leaves nothing behind.
"""

import argparse
import sys
import time
from pathlib import Path

from tracker.validation import record_digest
from tracker.synth.generate import STATE_COUNT, SynthError, default_history, generate
from tracker.synth.write import write_database, write_stand_in, write_yaml

__all__ = ["STATE_COUNT", "SynthError", "add_arguments", "default_history", "generate", "main", "write_database",
           "write_stand_in", "write_yaml"]

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--items", type=int, required=True, help="number of items (recommendations)")
    parser.add_argument("--seed", type=int, default=0, help="the same seed always gives the same record")
    parser.add_argument("--history", type=int, help="history rows in total (default: 10 for every 3 items)")
    parser.add_argument("--yaml-dir", help="write the record there as curated YAML")
    parser.add_argument("--database-url", help="bulk-load the record into this (empty) database")
    parser.add_argument("--record-dir", help="with --database-url and no --yaml-dir: where to write the stand-in "
                                             "record to start the app with (default: next to a SQLite file, "
                                             "<file>.record)")


def _stand_in_dir(args: argparse.Namespace, url) -> Path:
    if args.record_dir:
        return Path(args.record_dir)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_suffix(".record")
    raise SynthError("give --record-dir (or --yaml-dir) for a database that is not a SQLite file")


def main(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from tracker import serving_index
    from tracker.store.db import make_engine, migrate

    if not (args.yaml_dir or args.database_url):
        raise SynthError("give --yaml-dir, --database-url or both")
    started = time.perf_counter()
    synthetic = generate(args.items, args.seed, args.history)
    print(f"generated {len(synthetic.items):,} items, {len(synthetic.documents):,} documents, "
          f"{sum(len(i.responses) for i in synthetic.items):,} responses in {time.perf_counter() - started:.1f}s",
          file=sys.stderr)
    if args.yaml_dir:
        write_yaml(synthetic, Path(args.yaml_dir))
        print(f"wrote the record to {args.yaml_dir}", file=sys.stderr)
    if args.database_url:
        url = make_url(args.database_url)
        record = Path(args.yaml_dir) if args.yaml_dir else write_stand_in(synthetic, _stand_in_dir(args, url))
        engine = make_engine(args.database_url)
        migrate(engine)
        try:
            written = write_database(synthetic, engine, record_digest(record), progress=True)
            # The first visit then reads the item index's disk copy (TRACKER_CACHE_DIR) instead of building it.
            serving_index.item_index(engine)
        except KeyboardInterrupt:
            print("interrupted: the load was rolled back, nothing was written", file=sys.stderr)
            return 130
        finally:
            engine.dispose()
        print(f"loaded {sum(written.values()):,} rows in {time.perf_counter() - started:.1f}s; start the app with "
              f"TRACKER_DATA_DIR={record}", file=sys.stderr)
    return 0
