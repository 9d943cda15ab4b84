"""The review queue: proposals written as YAML files under data/proposed/, one file per import, so that
a person reviews them (and git shows them) before anything reaches the curated record."""

import hashlib
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import yaml


def queue_dir(data_dir: Path) -> Path:
    """Where proposals wait for review."""
    return data_dir / "proposed"


def queue_path(data_dir: Path, kind: str, key: str) -> Path:
    """The queue file for one import: data/proposed/<kind>-<key as a file name>.yaml."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-") or "all"
    return queue_dir(data_dir) / f"{kind}-{slug}.yaml"


def file_digest(path: Path) -> str:
    """SHA-256 of a file, streamed, so a queue names exactly which source it came from."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def now() -> str:
    """The current UTC time, to the second, as queue files record it."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def read_queue(path: Path) -> dict:
    """A queue file's content (an empty queue when the file does not exist yet)."""
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def write_queue(path: Path, queue: dict) -> None:
    """Write a queue file atomically: an interrupted write leaves the previous file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    what, command = ("responses", "import-reply") if queue.get("kind") == "replies" else ("items", "import-uhri")
    text = (f"# Proposed {what} from {queue.get('source')}, written by `tracker {command}`.\n"
            "# Review, then accept or reject each proposal: see docs/proposals.md.\n"
            + yaml.safe_dump(queue, sort_keys=False, allow_unicode=True, width=120))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def decision_of(entry: dict | None) -> dict:
    """The review fields of a queued proposal, to carry over when an import refreshes it."""
    return {name: entry[name] for name in ("decision", "accepted_as") if entry and name in entry}
