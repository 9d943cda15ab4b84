"""Segmentation and deferral figures on Mexico's 2017 replies (as converted, and with every "Reply to
paragraph N" heading stripped the way replies 23-36 lost theirs) against data/responses.yaml, and on the
English, Spanish and French fixtures against the boundaries read off them by hand. Where LibreOffice
(`soffice`) is installed, Mexico's replies are also converted to .docx and .pdf and read back.

    .venv/bin/python bench/segmentation.py
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.imports.conftest import FIXTURES, MEXICO_REPLIES, curated_replies, strip_reply_headings  # noqa: E402
from tests.imports.test_segment import EXPECTED  # noqa: E402
from tracker.imports import read_lines, segment  # noqa: E402
from tracker.settings import load_settings  # noqa: E402


def _score(name: str, lines: list[str], truth: dict[int, tuple[int, int, bool]]) -> str:
    found = {r.question: (r.first, r.last, r.deferred) for r in segment(lines).replies}
    questions = sum(q in found for q in truth)
    boundaries = sum(found.get(q, (None, None))[:2] == truth[q][:2] for q in truth)
    deferrals = sum(q in found and found[q][2] == truth[q][2] for q in truth)
    extra = len(set(found) - set(truth))
    return f"| {name} | {questions}/{len(truth)} | {boundaries}/{len(truth)} | {deferrals}/{len(truth)} | {extra} |"


def main() -> None:
    print("| document | questions found | boundaries right | deferral flags right | extra sections |")
    print("|---|---|---|---|---|")
    mexico = (load_settings().sources_dir / MEXICO_REPLIES).read_text(encoding="utf-8").splitlines()
    truth = curated_replies()
    print(_score("Mexico 2017, as converted", mexico, truth))
    print(_score("Mexico 2017, all headings stripped", strip_reply_headings(mexico), truth))
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as folder:
            for name, lines in (("as converted", mexico), ("all headings stripped", strip_reply_headings(mexico))):
                text = Path(folder) / f"{name.replace(' ', '-')}.txt"
                text.write_text("\n".join(lines) + "\n", encoding="utf-8")
                for kind in ("docx", "pdf"):
                    subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", folder, str(text)],
                                   capture_output=True, check=True, timeout=300)
                    print(_score(f"Mexico 2017, {name}, .{kind}", read_lines(text.with_suffix(f".{kind}")), truth))
    for name, expected in sorted(EXPECTED.items()):
        lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
        print(_score(name, lines, {q: (first, last, deferred) for q, first, last, deferred, *_ in expected}))


if __name__ == "__main__":
    main()
