"""Start the real Streamlit server on a free port and drive Debian's chromium with Playwright."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def http_process(command: list[str], port: int, ready_path: str, name: str, env: dict[str, str] | None = None,
                 timeout: float = 60, poll: float = 0.2, ready_body: bytes | None = None):
    """Run a server until `ready_path` answers; yield (base URL, process, launch time); stop it afterwards."""
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    launched = time.perf_counter()
    # Output goes to a file, not a pipe: a full pipe would block the server.
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}{ready_path}", timeout=2) as reply:
                    if ready_body is None or reply.read() == ready_body:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"{name} did not start:\n{log.read()[-3000:]}")
            time.sleep(poll)
        yield base, process, launched
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        os.unlink(log.name)


def streamlit_command(script: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--global.developmentMode", "false"]


@contextmanager
def streamlit_server(env: dict[str, str], timeout: float = 60, poll: float = 0.2, script: Path = ROOT / "app.py"):
    """Yield the base URL of `streamlit run` started with `env`; stop it afterwards."""
    port = free_port()
    with http_process(streamlit_command(script, port), port, "/_stcore/health", "streamlit", env, timeout, poll,
                      ready_body=b"ok") as (base, _, _):
        yield base


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and its script has finished running (Streamlit's own convention)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout)
    # Every page has a title; before the first run ends there is none, even while the state reads notRunning.
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    # Elements whose code is still loading show a skeleton placeholder.
    page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)
    page.wait_for_timeout(150)


def wait_for_charts(page, timeout: float = 30_000) -> None:
    """Wait until every plotly chart on the page has drawn its SVG."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".every(chart => chart.querySelector('.main-svg'))", timeout=timeout)
