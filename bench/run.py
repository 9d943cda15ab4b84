"""Measure the tracker at UN Human Rights Index scale against a hello-world floor and against Datasette.

    python bench/run.py             # full: 1k, 10k, 100k and 270k items; writes bench/RESULTS.md
    python bench/run.py --quick     # smoke run at small sizes; writes var/bench/RESULTS-quick.md

Every measure is the median of several runs. Generated databases go to var/bench/.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import browser, peer  # noqa: E402
from bench.apptest import SEARCHES  # noqa: E402
from bench.report import Results, machine  # noqa: E402
from tracker.schema import OPEN_STATUSES  # noqa: E402
from tracker.synth import default_history  # noqa: E402

WORK = ROOT / "var" / "bench"
SEED = 0
OVERVIEW_CHARTS = 4  # by part, all articles, by year, by actor
QUESTION = {"part": "III", "years": (2010, 2020)}  # open items, one part, a year range, by mechanism
# One word that both searches read alike: its English and Spanish stems find no word its folded form does not.
FULL_TEXT = "reunification"
FILTER_PARTS = ("III", "IV", "VI", "II", "V", "VII", "VIII", "IX", "I")  # one new part per filter change


@dataclass(frozen=True)
class Scale:
    sizes: tuple[int, ...]
    big_history: int  # history rows at the largest size
    yaml_items: int
    runs: int  # server starts, loads, reloads
    reruns: int = 5  # AppTest reruns (each with a filter value not seen before, so at most 5)
    saves: int = 20
    requests: int = 5

    @property
    def big(self) -> int:
        return self.sizes[-1]


FULL = Scale((1_000, 10_000, 100_000, 270_000), 1_000_000, 10_000, 3)
QUICK = Scale((1_000, 5_000), default_history(5_000), 2_000, 3)


def label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


@dataclass(frozen=True)
class Database:
    items: int
    path: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    @property
    def record(self) -> Path:
        return self.path.with_suffix(".record")

    @property
    def cache(self) -> Path:
        return WORK / "cache" / self.path.stem

    @property
    def fresh(self) -> Path:
        """Where the database file and its cache folder are kept as they were right after the bulk load."""
        return WORK / "fresh" / self.path.stem

    @property
    def env(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url, "TRACKER_DATA_DIR": str(self.record), "TRACKER_CACHE_DIR": str(self.cache)}


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


# --- databases and loads ----------------------------------------------------------------------------------------

def synth(database: Database, history: int | None = None) -> float:
    """Write a fresh synthetic database through `tracker synth --database-url`; return the wall time."""
    database.path.unlink(missing_ok=True)
    for folder in (database.record, database.cache):
        shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, "-m", "tracker.cli", "synth", "--items", str(database.items), "--seed", str(SEED),
               "--database-url", database.url]
    if history:
        command += ["--history", str(history)]
    start = time.perf_counter()
    # The database's own environment, so that the item index's disk copy lands in its cache folder, as after
    # `tracker synth` run with the app's settings.
    subprocess.run(command, cwd=ROOT, check=True, stderr=subprocess.DEVNULL, env={**os.environ, **database.env})
    elapsed = time.perf_counter() - start
    shutil.rmtree(database.fresh, ignore_errors=True)
    database.fresh.mkdir(parents=True)
    shutil.copy2(database.path, database.fresh / database.path.name)
    if database.cache.is_dir():
        shutil.copytree(database.cache, database.fresh / "cache")
    return elapsed


def as_freshly_loaded(database: Database, history: int) -> None:
    """Put back the database file and its cache folder as the bulk load left them (synthesizing afresh when
    no copy was kept), so that a "first start after the load" meets exactly what `tracker synth` leaves."""
    kept = database.fresh / database.path.name
    if not kept.is_file():
        say(f"no copy of {database.path.name} as loaded: synthesizing it afresh")
        synth(database, history)
        return
    shutil.copy2(kept, database.path)
    shutil.rmtree(database.cache, ignore_errors=True)
    if (database.fresh / "cache").is_dir():
        shutil.copytree(database.fresh / "cache", database.cache)


def databases(scale: Scale, results: Results, reuse: bool = False) -> dict[int, Database]:
    found = {}
    for n in scale.sizes:
        database = Database(n, WORK / f"items-{label(n)}.db")
        if reuse and database.path.is_file():
            say(f"reusing {database.path.name}")
        elif n != scale.big:
            say(f"synth {n:,} items")
            synth(database)
        else:
            say(f"bulk load of {n:,} items and {scale.big_history:,} history rows, {scale.runs} times")
            times = [synth(database, scale.big_history) for _ in range(scale.runs)]
            results.add("5", f"bulk load (`tracker synth --database-url`, {scale.big_history:,} history rows)",
                        label(n), times)
        found[n] = database
    return found


def yaml_load(scale: Scale, results: Results) -> None:
    """Validate and load curated YAML into a fresh SQLite file, as `tracker load` does."""
    from tracker import synth as synthetic
    from tracker.store.db import make_engine, migrate
    from tracker.store.sync import sync_record
    from tracker.validation import load_record

    folder = WORK / f"yaml-{label(scale.yaml_items)}"
    shutil.rmtree(folder, ignore_errors=True)
    synthetic.write_yaml(synthetic.generate(scale.yaml_items, SEED), folder)
    os.environ["TRACKER_MAX_FILE_BYTES"] = str(50_000_000)
    validate, load = [], []
    for run in range(scale.runs):
        say(f"validate and load {scale.yaml_items:,} YAML items ({run + 1}/{scale.runs})")
        target = WORK / "yaml-load.db"
        target.unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{target}")
        migrate(engine)
        start = time.perf_counter()
        record = load_record(folder)
        validate.append(time.perf_counter() - start)
        load.append(timed(sync_record, engine, record))
        engine.dispose()
    items = label(scale.yaml_items)
    results.add("5", "validate curated YAML (`load_record`)", items, validate)
    results.add("5", "load it into a fresh SQLite (`sync_record`)", items, load)
    results.add("5", "validate + load", items, [a + b for a, b in zip(validate, load)])


# --- AppTest reruns ---------------------------------------------------------------------------------------------

def apptest(*args: str, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.apptest", *args], cwd=ROOT, check=True, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def reruns(scale: Scale, found: dict[int, Database], results: Results, profile: bool) -> float:
    say("AppTest: hello world")
    hello = results.add("1", "hello world: AppTest rerun", "—", apptest("hello", str(scale.reruns))["rerun"])
    limit = 20 * hello.median
    for n, database in found.items():
        say(f"AppTest: Overview and Open items at {n:,} items")
        extra = ["--profile", str(WORK / f"profile-overview-{label(n)}.html")] if profile and n == scale.big else []
        timings = apptest("tracker", database.url, str(database.record), str(scale.reruns), *extra, env=database.env)
        results.add("2", "Overview: part filter changed (AppTest rerun)", label(n), timings["overview_part"],
                    limit=limit, target="≤ 20× hello rerun")
        results.add("2", "Overview: search text changed (AppTest rerun)", label(n), timings["overview_text"])
        results.add("2", "Open items: part filter changed (AppTest rerun)", label(n), timings["open_part"])
        for page, prefix in (("Overview", "overview"), ("Open items", "open")):
            for kind, queries in SEARCHES.items():
                results.add("2", f"{page}: search changed to {kind} (AppTest rerun; e.g. `{queries[0]}`)", label(n),
                            timings[f"{prefix}_search_{kind}"], limit=limit if n == scale.big else None,
                            target="≤ 20× hello rerun" if n == scale.big else "")
    return hello.median


# --- the browser ------------------------------------------------------------------------------------------------

def hello_render(scale: Scale, results: Results, pw) -> float:
    cold, start = [], []
    chrome = browser.launch(pw)
    for run in range(scale.runs):
        say(f"chromium: hello world, first visit ({run + 1}/{scale.runs})")
        with browser.streamlit(ROOT / "bench" / "hello.py", {}) as server:
            visit, page = browser.first_visit(chrome, server, "/", 1)
            page.context.close()
        cold.append(visit.charts)
        start.append(visit.cold_start)
    chrome.close()
    results.add("1", "hello world: time to render in chromium (first visit)", "—", cold)
    results.add("1", "hello world: cold start (`streamlit run` to chart drawn)", "—", start)
    return statistics.median(cold)


def app_in_browser(scale: Scale, database: Database, results: Results, pw, hello_cold: float) -> None:
    """First visits after fresh starts, both the first start after the load (the database and the app's cache
    folder as the bulk load left them) and restarts (cache kept); reloads; and the peak memory once Overview,
    Open items and Export were visited."""
    chrome = browser.launch(pw)
    n = label(database.items)
    for kind, title in (("first", "first start after the load"), ("restart", "restart")):
        visits, warm, memory = [], [], []
        for run in range(scale.runs):
            say(f"chromium: Overview at {database.items:,} items, {title} ({run + 1}/{scale.runs})")
            if kind == "first":
                as_freshly_loaded(database, scale.big_history)
            with browser.streamlit(ROOT / "app.py", database.env) as server:
                visit, page = browser.first_visit(chrome, server, "/", OVERVIEW_CHARTS)
                visits.append(visit)
                if run == scale.runs - 1:
                    if kind == "restart":
                        warm = [browser.reload(page, OVERVIEW_CHARTS) for _ in range(scale.runs)]
                    memory = _pages_and_memory(server, page, title, results)
                page.context.close()
        results.add("3", f"Overview: time to charts in chromium, cold ({title})", n, [v.charts for v in visits],
                    limit=2 * hello_cold, target="≤ 2× hello render")
        if warm:
            results.add("3", "Overview: time to charts in chromium, warm (reload)", n, warm)
        results.add("4", f"cold start, {title} (`streamlit run` to first chart)", n,
                    [v.cold_start for v in visits], limit=3.0, target="≤ 3 s")
        results.add("7", f"server peak memory (VmHWM) after Overview, Open items, Export ({title})", n, memory,
                    unit="MB", limit=600, target="≤ 600 MB")
    chrome.close()


def _pages_and_memory(server: browser.Server, page, title: str, results: Results) -> list[float]:
    say(f"chromium: Open items and Export ({title}), then the server's peak memory")
    steps = [f"Overview {server.peak_memory_mb():,.0f} MB"]
    for path, heading in (("/open-items", "Open items"), ("/export", "Export")):
        seconds = browser.visit(page, server.url + path, heading)
        steps.append(f"{heading} {server.peak_memory_mb():,.0f} MB (visit {seconds:.1f} s)")
    results.notes.append(f"Server VmHWM after each page, {title}: " + ", ".join(steps) + ".")
    return [server.peak_memory_mb()]


def filter_in_browser(scale: Scale, big: Database, results: Results, pw, before: Path | None = None) -> float:
    """A filter change as a person feels it (click to last redraw, page idle), on the hello-world filter page,
    on the curated record in data/ and at the largest size; each change picks a part not picked before.
    `before`: another checkout whose Overview is measured in the same run, over the same databases."""
    chrome = browser.launch(pw)
    small = Database(0, WORK / "curated.db")  # the curated record (data/), loaded on the first start
    small.path.unlink(missing_ok=True)
    pages = (("hello world: a filter change in chromium (one filter, one chart)", "—", ROOT / "bench" / "hello_filter.py",
              {}, 1),
             ("Overview: a filter change in chromium", "curated record", ROOT / "app.py",
              {"DATABASE_URL": small.url, "TRACKER_DATA_DIR": str(ROOT / "data"), "TRACKER_CACHE_DIR": str(small.cache)},
              OVERVIEW_CHARTS),
             ("Overview: a filter change in chromium", label(big.items), ROOT / "app.py", big.env, OVERVIEW_CHARTS))
    if before is not None:
        pages = pages[:1] + tuple((f"{measure}, before ({before.name})", items, before / "app.py", env, charts)
                                  for measure, items, _, env, charts in pages[1:]) + pages[1:]
    hello = None
    for measure, items, script, env, charts in pages:
        say(f"chromium: filter changes, {measure} ({items})")
        with browser.streamlit(script, env) as server:
            _, page = browser.first_visit(chrome, server, "/", charts)
            times = []
            for part in FILTER_PARTS[:scale.reruns]:
                times.append(browser.filter_change(page, "Convention part", part, charts))
                browser.clear_filter(page, "Convention part", part, charts)
            page.context.close()
        if hello is None:
            hello = results.add("1", measure, items, times)
        else:
            results.add("9", measure + " (click to last chart redrawn, page idle)", items, times,
                        limit=2 * hello.median if items == label(big.items) and script.parent == ROOT else None,
                        target="≤ 2× hello filter change" if items == label(big.items) and script.parent == ROOT
                        else "")
    chrome.close()
    return hello.median


# --- the peer and the save --------------------------------------------------------------------------------------

def question(scale: Scale, database: Database, results: Results) -> None:
    from tracker.coverage import coverage_table
    from tracker.filters import Filters
    from tracker.search import search_ids
    from tracker.store.db import make_engine

    os.environ.update(database.env)
    engine = make_engine(database.url)
    years = QUESTION["years"]
    filters = Filters(statuses=OPEN_STATUSES, parts=(QUESTION["part"],), year_from=years[0], year_to=years[1])
    first = timed(coverage_table, engine, filters, "mechanism")
    core = [timed(coverage_table, engine, filters, "mechanism") for _ in range(scale.requests)]
    table = coverage_table(engine, filters, "mechanism")
    ours = {name: int(total) for name, total in zip(table.iloc[:, 0], table["Total"]) if total}
    search_ids(engine, FULL_TEXT)  # warm up, as Datasette is below
    our_search = [timed(search_ids, engine, FULL_TEXT) for _ in range(scale.requests)]
    our_matches = len(search_ids(engine, FULL_TEXT))
    engine.dispose()
    say("Datasette: the same question, and the same full-text query")
    copy = peer.copy_with_view(database.path, WORK / "peer" / database.path.name)
    with peer.serve(copy) as base:
        url = peer.question_url(base, copy, QUESTION["part"], years)
        peer.ask(url)  # warm up
        answers = [peer.ask(url) for _ in range(scale.requests)]
        fts = peer.search_url(base, copy, FULL_TEXT)
        peer.search_count(fts)
        searches = [peer.search_count(fts) for _ in range(scale.requests)]
    copy.unlink()
    theirs = answers[-1][1]
    if ours != theirs:
        raise RuntimeError(f"the tracker and Datasette disagree:\n{ours}\n{theirs}")
    if our_matches != searches[-1][1]:
        raise RuntimeError(f"the searches disagree: ours {our_matches:,}, Datasette's {searches[-1][1]:,}")
    n = label(database.items)
    datasette = results.add("8", "open-items question via Datasette (JSON request with facet)", n,
                            [seconds for seconds, _ in answers])
    results.add("8", f"open-items question via the tracker's core (`coverage_table`; first call {first:.2f} s)",
                n, core, limit=datasette.median, target="≤ Datasette")
    their_search = results.add("8", f"full-text query `{FULL_TEXT}` via Datasette's FTS (`?_search=`, counted)", n,
                               [seconds for seconds, _ in searches])
    results.add("8", "the same query via the tracker's core (`search_ids`: stems too, ranked)", n, our_search,
                limit=their_search.median, target="≤ Datasette")
    results.notes.append(f"Full-text query `{FULL_TEXT}`: both find {our_matches:,} items.")
    results.notes.append(f"Open-items question (status not addressed, part {QUESTION['part']}, {years[0]}–{years[1]}, "
                         f"by mechanism): both answer {sum(ours.values()):,} items over {len(ours)} mechanisms.")


def saves(scale: Scale, database: Database, results: Results) -> None:
    from sqlalchemy import select

    from tracker.accounts import add_person
    from tracker.store.crud import Change, current_version, save_change
    from tracker.store.db import make_engine
    from tracker.store.models import Recommendation

    engine = make_engine(database.url)
    who = "bench-monitor@example.org"
    add_person(engine, who, "monitor")
    with engine.connect() as conn:
        ids = conn.execute(select(Recommendation.id).order_by(Recommendation.id)
                           .offset(database.items // 2).limit(scale.saves)).scalars().all()
    times = []
    for number, item in enumerate(ids):
        change = Change(item, current_version(engine, item), ("partial", "addressed")[number % 2],
                        "Benchmark: reply paragraphs 3-5 answer the request.")
        times.append(timed(save_change, engine, change, who))
    engine.dispose()
    results.add("6", "save one assessment (`save_change`)", label(database.items), times, limit=0.050,
                target="≤ 50 ms")


# --- the run ----------------------------------------------------------------------------------------------------

def ratios(results: Results, hello_rerun: float, hello_cold: float, hello_filter: float) -> None:
    for row in results.rows:
        if row.number == "2":
            results.ratios.append(f"{row.measure}, {row.items}: {row.median / hello_rerun:.1f}× hello rerun")
        elif row.number == "3" and "cold" in row.measure:
            results.ratios.append(f"{row.measure}, {row.items}: {row.median / hello_cold:.1f}× hello render")
    peers = [row for row in results.rows if row.number == "8"]
    for theirs, ours in zip(peers[::2], peers[1::2]):  # each Datasette row is followed by ours
        results.ratios.append(f"{ours.measure}: tracker / Datasette = {ours.median / theirs.median:.2f}")
    for row in results.rows:
        if row.number == "9":
            results.ratios.append(f"{row.measure}, {row.items}: {row.median / hello_filter:.1f}× hello filter change")


def render(results: Results, facts: list[str], scale: Scale, elapsed: float, quick: bool) -> str:
    lines = ["# Benchmark results", "",
             f"`python bench/run.py{' --quick' if quick else ''}`: sizes {', '.join(map(label, scale.sizes))} items, "
             f"seed {SEED}, medians of {scale.runs} runs ({scale.reruns} AppTest reruns, {scale.saves} saves, "
             f"{scale.requests} requests); "
             f"the whole run took {elapsed / 60:.1f} min.", "", "Machine:", ""]
    lines += [f"- {fact}" for fact in facts]
    lines += ["", results.table(), "", "Ratios:", ""] + [f"- {ratio}" for ratio in results.ratios]
    if results.notes:
        lines += ["", "Notes:", ""] + [f"- {note}" for note in results.notes]
    return "\n".join(lines) + "\n"


PARTS = ("yaml", "reruns", "browser", "filter", "peer", "saves")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run at small sizes")
    parser.add_argument("--profile", action="store_true",
                        help="also profile an Overview part change and a text search at the largest size "
                             "(var/bench/profile-*)")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=PARTS,
                        help="measure only these parts (each with its own hello-world floor); written to "
                             "var/bench/RESULTS-partial.md")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the synthetic databases in var/bench/ when present (no bulk-load row)")
    parser.add_argument("--sizes", type=int, nargs="+", help="only these item counts (the largest is the big one)")
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="with 'filter': also measure the Overview of this checkout (say, `git worktree add` of "
                             "the commit before a change) in the same run")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    scale = QUICK if args.quick else FULL
    if args.sizes:
        scale = replace(scale, sizes=tuple(sorted(args.sizes)))
    started, load = time.perf_counter(), [os.getloadavg()[0]]
    WORK.mkdir(parents=True, exist_ok=True)
    results = Results()
    found = databases(scale, results, args.reuse)
    big = found[scale.big]
    if "yaml" in args.only:
        yaml_load(scale, results)
    hello_rerun = hello_cold = hello_filter = float("nan")
    if "reruns" in args.only:
        hello_rerun = reruns(scale, found, results, args.profile)
    load.append(os.getloadavg()[0])
    with sync_playwright() as pw:
        if "browser" in args.only:
            hello_cold = hello_render(scale, results, pw)
            app_in_browser(scale, big, results, pw, hello_cold)
        if "filter" in args.only:
            hello_filter = filter_in_browser(scale, big, results, pw, args.before)
    load.append(os.getloadavg()[0])
    if "peer" in args.only:
        question(scale, big, results)
    if "saves" in args.only:
        saves(scale, big, results)
    ratios(results, hello_rerun, hello_cold, hello_filter)
    load.append(os.getloadavg()[0])
    results.rows.sort(key=lambda row: row.number)
    facts = machine({"Datasette": peer.version(), "chromium": browser_version()})
    facts.append("Load while it ran (1-minute load average at the start, after the reruns, after the browser, at "
                 "the end): " + ", ".join(f"{value:.1f}" for value in load))
    report = render(results, facts, scale, time.perf_counter() - started, args.quick)
    print(report)
    partial = args.only != PARTS or args.sizes
    target = (WORK / "RESULTS-quick.md" if args.quick else WORK / "RESULTS-partial.md" if partial
              else ROOT / "bench" / "RESULTS.md")
    target.write_text(report, encoding="utf-8")
    say(f"wrote {target.relative_to(ROOT)}")


def browser_version() -> str:
    out = subprocess.run([str(browser.CHROMIUM), "--version"], capture_output=True, text=True).stdout.split()
    return next((word for word in out if word[:1].isdigit()), "unknown")


if __name__ == "__main__":
    main()
