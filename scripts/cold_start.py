"""Measure the cold start: from `streamlit run` to the first plotly chart drawn in headless chromium."""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402


def cold_start(fresh_database: bool) -> float:
    folder = Path(tempfile.mkdtemp())
    env = {"DATABASE_URL": f"sqlite:///{folder / 'cold.db'}"}
    if not fresh_database:
        with streamlit_server(env):
            pass  # first start creates and fills the database; the measured start then finds it ready
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        start = time.perf_counter()
        with streamlit_server(env, poll=0.05) as base:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.goto(base)
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            elapsed = time.perf_counter() - start
        browser.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for fresh in (True, False):
        times = [cold_start(fresh) for _ in range(args.runs)]
        label = "empty database (created and filled from YAML)" if fresh else "database already filled"
        print(f"cold start, {label}: median {statistics.median(times):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
