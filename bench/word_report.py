"""Measure the full Word report of the Mexico record (data/): build time with and without charts, page count.

    .venv/bin/python bench/word_report.py [--runs 3] [--lang es]

The record is loaded into a scratch SQLite first (not timed); the PDF is printed by LibreOffice headless.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tracker import reports  # noqa: E402
from tracker.filters import Filters  # noqa: E402
from tracker.i18n import LANGUAGES, translator  # noqa: E402
from tracker.settings import load_settings  # noqa: E402
from tracker.startup import open_database  # noqa: E402


def timed(build) -> tuple[float, bytes]:
    start = time.perf_counter()
    built = build()
    return time.perf_counter() - start, built


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default="en", help="the report's language")
    args = parser.parse_args()
    t = translator(args.lang)
    with tempfile.TemporaryDirectory(prefix="bench-word-") as scratch:
        settings = load_settings({"DATABASE_URL": f"sqlite:///{scratch}/m.db", "TRACKER_CACHE_DIR": f"{scratch}/c"})
        engine = open_database(settings).engine
        items = len(reports.item_rows(engine, Filters()))
        results = {}
        for label, charts in (("with charts", True), ("without charts", False)):
            runs = [timed(lambda: reports.word_report(engine, Filters(), settings.report_author, charts=charts,
                                                      t=t))
                    for _ in range(args.runs)]
            results[label] = ([seconds for seconds, _ in runs], runs[-1][1])
        briefing = [timed(lambda: reports.briefing(engine, Filters(), settings.report_author, settings.sources_dir,
                                           t=t))
                    for _ in range(args.runs)]
        engine.dispose()
    print(f"Mexico record: {items} items, {args.runs} runs, medians, in {LANGUAGES[args.lang]}")
    for label, (seconds, docx) in results.items():
        start = time.perf_counter()
        pdf = reports.docx_to_pdf(docx)
        printed = time.perf_counter() - start
        print(f"Word report {label}: build {statistics.median(seconds):.2f} s (runs: "
              f"{', '.join(f'{s:.2f}' for s in seconds)}), {len(docx) / 1024:.0f} KiB, "
              f"{reports.page_count(pdf)} PDF pages (LibreOffice print {printed:.1f} s)")
    seconds = [s for s, _ in briefing]
    pdf = reports.docx_to_pdf(briefing[-1][1])
    print(f"Briefing of all items: build {statistics.median(seconds):.2f} s, {reports.page_count(pdf)} PDF pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
