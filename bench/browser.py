"""Real-browser timings: `streamlit run` on a free port, driven by Debian's chromium through Playwright."""

import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, free_port, http_process, streamlit_command

TIMEOUT_MS = 600_000
# True once the script is idle and at least `expected` plotly charts exist, every one with its SVG drawn.
CHARTS_DRAWN = """(expected) => {
  const app = document.querySelector('[data-testid=stApp]');
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  return !!app && app.dataset.testConnectionState === 'CONNECTED' && app.dataset.testScriptState === 'notRunning'
    && charts.length >= expected && charts.every(chart => chart.querySelector('.main-svg'));
}"""
PAGE_DONE = """(title) => {
  const app = document.querySelector('[data-testid=stApp]');
  return !!app && app.dataset.testScriptState === 'notRunning'
    && [...document.querySelectorAll('h1')].some(h => h.textContent.includes(title));
}"""


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    launched: float  # perf_counter() just before the process was started

    def peak_memory_mb(self) -> float:
        """VmHWM: the most resident memory the server process has held."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmHWM not found")


@contextmanager
def streamlit(script: Path, env: dict[str, str], timeout: float = 600):
    """A running `streamlit run script`, stopped afterwards, polled often so that start times are exact."""
    port = free_port()
    with http_process(streamlit_command(script, port), port, "/_stcore/health", "streamlit", env, timeout,
                      poll=0.02, ready_body=b"ok") as (url, process, launched):
        yield Server(url, process, launched)


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def new_page(browser):
    return browser.new_context(viewport={"width": 1366, "height": 900}).new_page()


@dataclass
class FirstVisit:
    cold_start: float  # launch of `streamlit run` until the first chart is drawn
    charts: float  # navigation until every chart is drawn and the script is idle


def first_visit(browser, server: Server, path: str, expected_charts: int) -> tuple[FirstVisit, object]:
    """Visit a freshly started server; return the timings and the page, left open."""
    page = new_page(browser)
    start = time.perf_counter()
    page.goto(server.url + path, timeout=TIMEOUT_MS)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT_MS)
    first_chart = time.perf_counter()
    page.wait_for_function(CHARTS_DRAWN, arg=expected_charts, timeout=TIMEOUT_MS)
    return FirstVisit(first_chart - server.launched, time.perf_counter() - start), page


def reload(page, expected_charts: int) -> float:
    """A warm visit: reload the page (a new session on a server whose caches are filled)."""
    start = time.perf_counter()
    page.reload(timeout=TIMEOUT_MS)
    page.wait_for_function(CHARTS_DRAWN, arg=expected_charts, timeout=TIMEOUT_MS)
    return time.perf_counter() - start


def visit(page, url: str, title: str) -> float:
    start = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_function(PAGE_DONE, arg=title, timeout=TIMEOUT_MS)
    return time.perf_counter() - start


# Records, from the moment it is installed, when the page's DOM last changed, and marks the charts shown then: a
# chart whose figure changes is drawn anew, in a new element, so an unmarked chart is one redrawn since.
WATCH_PAGE = """() => {
  window.__benchLastChange = performance.now();
  document.querySelectorAll('[data-testid=stPlotlyChart]').forEach(chart => { chart.__benchBefore = true; });
  // A screen reader's live region is not seen: the multiselect empties its "3 options available" seconds later.
  const seen = record => {
    const element = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    return !(element && element.closest('[aria-live]'));
  };
  window.__benchObserver?.disconnect();  // the last change's watcher
  window.__benchObserver = new MutationObserver(records => {
    if (records.some(seen)) window.__benchLastChange = performance.now();
  });
  window.__benchObserver.observe(document.body, {subtree: true, childList: true, attributes: true,
                                                 characterData: true});
  return performance.now();
}"""
# True once the script is idle, at least `redrawn` charts have been drawn anew since WATCH_PAGE (their SVG in
# place), and nothing on the page changed for `quiet` ms. The count matters: the old charts stay on the page,
# drawn, until their new figures arrive, and plotly draws a chart in passes (a first plot, then the margins
# and sizes it measured), so a quiet window alone can end between one chart's passes or before a chart's turn.
# Not "a run began and ended": a quick run can start and end within one frame, and the script state then never
# visibly changes; the quiet window covers the rerun's start.
SETTLED = """([redrawn, quiet]) => {
  const app = document.querySelector('[data-testid=stApp]');
  const fresh = [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .filter(chart => !chart.__benchBefore && chart.querySelector('.main-svg'));
  return app.dataset.testScriptState === 'notRunning' && fresh.length >= redrawn
    && performance.now() - window.__benchLastChange > quiet;
}"""
QUIET_MS = 2000


def sidebar_multiselect(page, label: str):
    return page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True))


def filter_change(page, label: str, option: str, redrawn: int) -> float:
    """A filter change as a person feels it: from the click that picks `option` in the sidebar multiselect
    `label` to the last change on the page, once the script is idle, `redrawn` charts have been drawn anew and
    the page has been still for QUIET_MS."""
    box = sidebar_multiselect(page, label)
    box.get_by_role("combobox").click()
    box.get_by_role("combobox").fill(option)  # narrows the list, so that the option is rendered
    choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for(timeout=TIMEOUT_MS)
    clicked = page.evaluate(WATCH_PAGE)
    choice.click()
    page.wait_for_function(SETTLED, arg=[redrawn, QUIET_MS], timeout=TIMEOUT_MS, polling=50)
    return (page.evaluate("window.__benchLastChange") - clicked) / 1000


def clear_filter(page, label: str, option: str, redrawn: int) -> None:
    """Take `option` out of the filter again and wait until the page is still."""
    page.keyboard.press("Escape")
    page.evaluate(WATCH_PAGE)
    sidebar_multiselect(page, label).get_by_role("button", name=f"Remove {option}", exact=True).click(force=True)
    page.wait_for_function(SETTLED, arg=[redrawn, QUIET_MS], timeout=TIMEOUT_MS, polling=50)
