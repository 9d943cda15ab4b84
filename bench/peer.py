"""The peer: Datasette, in a virtual environment of its own, answering the open-items question with facets."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.server import free_port, http_process

# A virtual environment of its own, never the project's (BENCH_DATASETTE_VENV puts it elsewhere, e.g. under /tmp).
VENV = Path(os.environ.get("BENCH_DATASETTE_VENV") or Path(__file__).resolve().parent / ".venv")
VIEW = "open_question"
VIEW_SQL = f"""CREATE VIEW {VIEW} AS
SELECT r.id AS id, r.mechanism AS mechanism, r.year AS year, a.status AS status, rp.part_id AS part_id
FROM recommendation r
JOIN assessment a ON a.recommendation_id = r.id
JOIN recommendation_part rp ON rp.recommendation_id = r.id
WHERE r.active"""


def datasette() -> Path:
    """bench/.venv/bin/datasette, creating the environment and installing Datasette on first use."""
    executable = VENV / "bin" / "datasette"
    if not executable.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "datasette"], check=True)
    return executable


def version() -> str:
    out = subprocess.run([str(datasette()), "--version"], capture_output=True, text=True, check=True).stdout
    return out.strip().split()[-1]


def copy_with_view(database: Path, target: Path) -> Path:
    """A copy of the tracker's SQLite file with the view Datasette facets over (facets need a table or view)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(database, target)
    with sqlite3.connect(target) as conn:
        conn.execute(f"DROP VIEW IF EXISTS {VIEW}")
        conn.execute(VIEW_SQL)
    return target


@contextmanager
def serve(database: Path, timeout: float = 120):
    """Datasette on 127.0.0.1 and a free port, with time limits raised so that facets are never cut short."""
    port = free_port()
    command = [str(datasette()), "serve", str(database), "--host", "127.0.0.1", "--port", str(port),
               "--setting", "sql_time_limit_ms", "120000", "--setting", "facet_time_limit_ms", "120000"]
    with http_process(command, port, "/-/versions.json", "datasette", timeout=timeout, poll=0.1) as (url, _, _):
        yield url


def question_url(base: str, database: Path, part: str, years: tuple[int, int], dimension: str = "mechanism") -> str:
    query = urllib.parse.urlencode({"status__not": "addressed", "part_id": part, "year__gte": years[0],
                                    "year__lte": years[1], "_facet": dimension, "_size": 0,
                                    "_extra": "facet_results"})
    return f"{base}/{database.stem}/{VIEW}.json?{query}"


def ask(url: str) -> tuple[float, dict[str, int]]:
    """(seconds, count per facet value) for one request."""
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as reply:
        body = json.loads(reply.read())
    elapsed = time.perf_counter() - start
    facets = body["facet_results"]
    facets = facets.get("results", facets)  # Datasette 1.0 nests them under "results"
    (facet,) = facets.values()
    if facet.get("truncated"):
        raise RuntimeError("Datasette truncated the facet")
    return elapsed, {row["value"]: row["count"] for row in facet["results"]}


def search_url(base: str, database: Path, query: str) -> str:
    """Datasette's own full-text search over the tracker's FTS5 table: the matching rows, counted."""
    return f"{base}/{database.stem}/item_search.json?" + urllib.parse.urlencode(
        {"_search": query, "_size": 0, "_extra": "count"})


def search_count(url: str) -> tuple[float, int]:
    """(seconds, rows matched) for one full-text request."""
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as reply:
        body = json.loads(reply.read())
    elapsed = time.perf_counter() - start
    count = body.get("filtered_table_rows_count", body.get("count"))
    if count is None:
        raise RuntimeError(f"Datasette gave no count: {sorted(body)}")
    return elapsed, int(count)
