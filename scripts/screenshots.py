"""Screenshot every page in headless chromium at laptop and narrow widths (for review and the README)."""

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_for_app, wait_for_charts  # noqa: E402

PAGES = ["", "open-items", "item?item={item}", "assess?item={item}", "history", "export"]
# Streamlit scrolls inside its own container, so a tall viewport is what shows a whole page.
WIDTHS = {"laptop": (1366, 900), "laptop-full": (1366, 2600), "narrow": (420, 2600)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="var/screenshots")
    parser.add_argument("--data-dir", help="curated YAML folder (default: data/)")
    parser.add_argument("--item", default="CMW-2016-Q23")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    env = {"DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/shots.db"}
    if args.data_dir:
        env["TRACKER_DATA_DIR"] = args.data_dir
    with streamlit_server(env) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in PAGES:
                page.goto(f"{base}/{path.format(item=args.item)}")
                wait_for_app(page)
                wait_for_charts(page)
                page.wait_for_timeout(300)
                target = out / f"{path.split('?')[0] or 'overview'}-{name}.png"
                page.screenshot(path=target, full_page=True)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
