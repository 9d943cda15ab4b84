"""The results table (medians, targets, verdicts, ratios) and a description of the machine it ran on."""

import os
import platform
import sqlite3
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Row:
    number: str  # which of the measures asked for it answers
    measure: str
    items: str
    values: list[float]  # seconds, or megabytes when unit is "MB"
    unit: str = "s"
    limit: float | None = None  # the target: the median must not exceed it
    target: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def verdict(self) -> str:
        if self.limit is None:
            return ""
        return "met" if self.median <= self.limit else "**not met**"

    def shown(self, value: float) -> str:
        if self.unit == "MB":
            return f"{value:,.0f} MB"
        return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    ratios: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        return row

    def table(self) -> str:
        lines = ["| # | measure | items | median | runs | target | verdict |", "|---|---|---|---|---|---|---|"]
        for row in self.rows:
            lines.append(f"| {row.number} | {row.measure} | {row.items} | {row.shown(row.median)} | "
                         f"{len(row.values)} | {row.target} | {row.verdict} |")
        return "\n".join(lines)


def _run(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine(extra: dict[str, str]) -> list[str]:
    """One line per fact: CPUs, memory, CPU model, the versions that matter, and the code's git state."""
    import streamlit

    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown")
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal:"))
    changed = [line for line in _run("git", "status", "--porcelain").splitlines() if line.strip()]
    return [
        f"CPUs (nproc): {os.cpu_count()}; RAM: {memory_kb / 1024 / 1024:.1f} GiB; CPU: {model}",
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {_run('psql', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-tAc', 'show server_version')}, "
        f"Streamlit {streamlit.__version__}, "
        + ", ".join(f"{name} {value}" for name, value in extra.items()),
        f"Code: commit {_run('git', 'rev-parse', '--short', 'HEAD')}"
        + (f" with {len(changed)} uncommitted change(s) in the working tree" if changed else ""),
    ]
