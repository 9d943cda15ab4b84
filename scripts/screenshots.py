"""Screenshot every page in headless chromium at laptop and narrow widths (for review and the README)."""

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_for_app, wait_for_charts  # noqa: E402

PAGES = ["", "open-items", "item?item={item}", "assess?item={item}", "history", "export", "account", "people"]
ADMIN, PASSWORD = "screenshots@example.org", "screenshot password"
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
    _add_admin(env)
    with streamlit_server(env) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{base}/sign-in")
            wait_for_app(page)
            page.screenshot(path=out / f"sign-in-{name}.png", full_page=True)
            page.get_by_label("E-mail or user name").fill(ADMIN)
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            wait_for_app(page)
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


def _add_admin(env: dict) -> None:
    """An admin to sign in as, so that every page (Assess, People) is shown as its users see it."""
    from tracker.access import add_person
    from tracker.settings import load_settings
    from tracker.startup import open_database

    engine = open_database(load_settings(env)).engine
    add_person(engine, ADMIN, "admin", PASSWORD)
    add_person(engine, "ana@example.org", "monitor", None)
    engine.dispose()


if __name__ == "__main__":
    main()
