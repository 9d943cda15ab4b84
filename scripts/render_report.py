"""Build the Word report (and the briefing) of a record, print them to PDF with LibreOffice, and to PNG pages.

    .venv/bin/python scripts/render_report.py --out var/report                # data/ into a scratch SQLite
    .venv/bin/python scripts/render_report.py --out var/report --open --part III
    .venv/bin/python scripts/render_report.py --out var/informe --lang es
    DATABASE_URL=postgresql://... .venv/bin/python scripts/render_report.py --database --out var/report

Look at every PNG before handing a report on; pdftoppm (poppler-utils) draws them.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker import reports  # noqa: E402
from tracker.filters import Filters  # noqa: E402
from tracker.i18n import LANGUAGES, translator  # noqa: E402
from tracker.schema import OPEN_STATUSES  # noqa: E402
from tracker.settings import load_settings  # noqa: E402
from tracker.startup import open_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the .docx, .pdf and page PNGs")
    parser.add_argument("--database", action="store_true", help="use DATABASE_URL instead of a scratch copy")
    parser.add_argument("--open", action="store_true", help="open items only")
    parser.add_argument("--part", action="append", default=[], help="a Convention part (repeatable)")
    parser.add_argument("--no-charts", action="store_true")
    parser.add_argument("--dpi", type=int, default=60, help="resolution of the page PNGs")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default="en", help="the documents' language")
    args = parser.parse_args()
    t = translator(args.lang)
    filters = Filters(statuses=OPEN_STATUSES if args.open else (), parts=tuple(args.part))
    with tempfile.TemporaryDirectory(prefix="tracker-render-") as scratch:
        env = None if args.database else {"DATABASE_URL": f"sqlite:///{scratch}/report.db",
                                          "TRACKER_CACHE_DIR": f"{scratch}/cache"}
        settings = load_settings(env)
        engine = open_database(settings).engine
        state = reports.state_name(engine, t)
        sources = settings.sources_dir if settings.sources_available else None
        built = {"report": reports.word_report(engine, filters, settings.report_author, charts=not args.no_charts, t=t),
                 "briefing": reports.briefing(engine, filters, settings.report_author, sources, t=t)}
        engine.dispose()
    args.out.mkdir(parents=True, exist_ok=True)
    for content, docx in built.items():
        stem = reports.file_name(state, content, filters, date.today(), "docx", t).removesuffix(".docx")
        (args.out / f"{stem}.docx").write_bytes(docx)
        pdf = reports.docx_to_pdf(docx)
        (args.out / f"{stem}.pdf").write_bytes(pdf)
        print(f"{stem}: {reports.page_count(pdf)} pages")
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(args.out / f"{stem}.pdf"),
                            str(args.out / stem)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
