"""Script reruns under Streamlit's AppTest, in a process of its own (Streamlit's caches are per process).

    python -m bench.apptest hello RUNS
    python -m bench.apptest tracker DATABASE_URL RECORD_DIR RUNS [--profile FILE]

prints one JSON line of timings in seconds.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.schema import PARTS  # noqa: E402

OPEN_ITEMS = "tracker/ui/pages/open_items.py"
WORDS = ("detention", "health", "registration", "remittances", "inspection", "education", "trafficking",
         "expulsion", "consular")
# The search box's query kinds, each with values not used elsewhere here, so that no cached answer serves them.
SEARCHES = {
    "one word": ("reunification", "xenophobic", "recruitment", "reintegration", "voting", "earnings", "union",
                 "hearings", "regularization", "seasonal"),
    "three words": ("detention children women", "health care seasonal", "birth registration frontier",
                    "remittances cost domestic", "inspection agriculture families", "education access returning",
                    "trafficking victims protection", "expulsion procedures unaccompanied", "consular assistance data", "fees workers irregular"),
    "phrase": ('"access to health care"', '"birth registration"', '"recruitment fees"', '"family reunification"',
               '"expulsion procedures"', '"labour inspection"', '"trade union rights"', '"voting from abroad"',
               '"alternatives to detention"', '"the cost of remittances"'),
    "prefix": ("remit*", "detent*", "regist*", "traffick*", "educat*", "inspect*", "reunif*", "xenoph*", "consul*", "famil*"),
}


def _app(script: Path):
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(script), default_timeout=900)


def _run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the script failed: {at.exception[0].value}")
    return elapsed


def _expect(at, title: str) -> None:
    if not at.title or at.title[0].value != title:
        raise RuntimeError(f"expected the page {title!r}, found {[t.value for t in at.title]}")


def _set(at, kind: str, key: str, value) -> float:
    """Give a widget a new value, then time the rerun that follows."""
    getattr(at, kind)(key=key).set_value(value)
    return _run(at)


def hello(runs: int) -> dict:
    at = _app(ROOT / "bench" / "hello.py")
    first = _run(at)
    return {"first": first, "rerun": [_run(at) for _ in range(runs)]}


def tracker(runs: int, profile: Path | None = None) -> dict:
    """Filter changes on the Overview (part, then free text) and on Open items (part); every value a new one,
    so that no cached result answers it."""
    at = _app(ROOT / "app.py")
    result = {"first": _run(at)}
    _expect(at, "Overview")
    result["overview_part"] = [_set(at, "multiselect", "part", [p]) for p in PARTS[:runs]]
    _set(at, "multiselect", "part", [])
    result["overview_text"] = [_set(at, "text_input", "q", word) for word in WORDS[:runs]]
    _set(at, "text_input", "q", "")
    for kind, queries in SEARCHES.items():
        result[f"overview_search_{kind}"] = [_search(at, query) for query in queries[:runs]]
    if profile:  # values not used above, so that no cached result answers them
        _profile(at, "multiselect", "part", [PARTS[runs % len(PARTS)]], profile)
        _profile(at, "text_input", "q", WORDS[runs % len(WORDS)], profile.with_name(f"{profile.stem}-text.html"))
        _set(at, "text_input", "q", "")
    at.switch_page(OPEN_ITEMS)
    result["open_first"] = _set(at, "multiselect", "part", [])
    _expect(at, "Open items")
    result["open_part"] = [_set(at, "multiselect", "part", [p]) for p in PARTS[:runs]]
    _set(at, "multiselect", "part", [])
    for kind, queries in SEARCHES.items():  # queries the Overview did not ask, whose answers are not cached
        result[f"open_search_{kind}"] = [_search(at, query) for query in queries[runs:2 * runs]]
    _expect(at, "Open items")
    return result


def _search(at, query: str) -> float:
    """Time the rerun after the search text changes to `query`, then clear it (untimed)."""
    elapsed = _set(at, "text_input", "q", query)
    _set(at, "text_input", "q", "")
    return elapsed


def _profile(at, kind: str, key: str, value, target: Path) -> None:
    """Profile one rerun after a filter change. AppTest runs the script in a thread of its own, and pyinstrument
    profiles the thread that starts it, so the profiler is started inside the script thread."""
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    profiler, original = Profiler(interval=0.001), ScriptRunner._run_script

    def profiled(runner, rerun_data):
        with profiler:
            return original(runner, rerun_data)

    _set(at, kind, key, [] if kind == "multiselect" else "")
    ScriptRunner._run_script = profiled
    try:
        _set(at, kind, key, value)
    finally:
        ScriptRunner._run_script = original
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(profiler.output_html(), encoding="utf-8")
    target.with_suffix(".txt").write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")


def main(argv: list[str]) -> None:
    if argv[0] == "hello":
        result = hello(int(argv[1]))
    else:
        url, record, runs = argv[1], argv[2], int(argv[3])
        os.environ.update(DATABASE_URL=url, TRACKER_DATA_DIR=record)
        profile = Path(argv[argv.index("--profile") + 1]) if "--profile" in argv else None
        result = tracker(runs, profile)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
