"""Time and peak memory of `tracker import-uhri` on a synthetic export at UHRI's full scale (270,000
records; targets: 60 s, 500 MB). Writes the export first if absent (bench/uhri_export.py).

    .venv/bin/python bench/uhri_import.py [--records 270000]

Prints a Markdown table; each figure is one run on a fresh queue (the second run is the idempotent re-import).
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.uhri_export import write_export  # noqa: E402

WORK = ROOT / "var" / "bench"
RUNS = [  # (label, country, body, extra arguments, reuse the queue of the previous run)
    ("dry run, Mexico × CMW", "Mexico", "CMW", ["--dry-run", "--json"], False),
    ("import, Mexico × CMW", "Mexico", "CMW", [], False),
    ("re-import (idempotent), Mexico × CMW", "Mexico", "CMW", [], True),
    ("import, Mexico × CRC (a larger share)", "Mexico", "CRC", [], False),
]


def _measure(export: Path, country: str, body: str, extra: list[str], data_dir: Path) -> tuple[float, float]:
    """(seconds, peak resident MB) of one import process."""
    command = [str(ROOT / ".venv" / "bin" / "tracker"), "import-uhri", str(export), "--country", country,
               "--body", body, *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "TRACKER_DATA_DIR": str(data_dir)})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=270_000)
    args = parser.parse_args()
    export = WORK / f"uhri-{args.records // 1000}k.json"
    if not export.is_file():
        write_export(export, args.records)
    data_dir = WORK / "uhri-queue"
    print(f"export: {export.name}, {args.records:,} records, {export.stat().st_size / 1e6:.0f} MB\n")
    print("| run | seconds | peak MB |\n|---|---|---|")
    for label, country, body, extra, reuse in RUNS:
        if not reuse:
            shutil.rmtree(data_dir, ignore_errors=True)
        seconds, peak = _measure(export, country, body, extra, data_dir)
        print(f"| {label} | {seconds:.1f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
