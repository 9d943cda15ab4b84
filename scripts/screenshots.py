"""Screenshot every page in headless chromium at laptop and narrow widths (for review and the README)."""

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server, wait_for_app, wait_for_charts  # noqa: E402
from tracker.i18n import LANGUAGES, translator  # noqa: E402

PAGES = ["", "open-items", "item?item={item}", "assess?item={item}", "history", "export", "account", "people", "review"]
ADMIN, PASSWORD = "screenshots@example.org", "screenshot password"
# Streamlit scrolls inside its own container, so a tall viewport is what shows a whole page.
WIDTHS = {"laptop": (1366, 900), "laptop-full": (1366, 2600), "narrow": (420, 2600)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="var/screenshots")
    parser.add_argument("--data-dir", help="curated YAML folder (default: data/)")
    parser.add_argument("--item", default="CMW-2016-Q23")
    parser.add_argument("--lang", default="en", choices=sorted(LANGUAGES), help="the interface's language")
    parser.add_argument("--pages", nargs="*", help="url paths to take (default: every page)")
    parser.add_argument("--widths", nargs="*", choices=sorted(WIDTHS), help="default: every width")
    args = parser.parse_args()
    t = translator(args.lang)
    pages = [path for path in PAGES if args.pages is None or (path.split("?")[0] or "overview") in args.pages]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    env = {"DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/shots.db"}
    if args.data_dir:
        env["TRACKER_DATA_DIR"] = args.data_dir
    _add_admin(env)
    with streamlit_server(env) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, (width, height) in WIDTHS.items():
            if args.widths and name not in args.widths:
                continue
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{base}/sign-in?lang={args.lang}")
            wait_for_app(page)
            page.screenshot(path=out / f"sign-in-{name}.png", full_page=True)
            page.get_by_label(t.tr("E-mail or user name")).fill(ADMIN)
            page.get_by_label(t.tr("Password"), exact=True).fill(PASSWORD)
            page.get_by_role("button", name=t.tr("Sign in")).click()
            wait_for_app(page)
            for path in pages:
                address = path.format(item=args.item)
                page.goto(f"{base}/{address}{'&' if '?' in address else '?'}lang={args.lang}")
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
