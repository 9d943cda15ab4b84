"""Settings read from the environment, with defaults that work in a fresh clone."""

import os
from dataclasses import dataclass
from pathlib import Path

from tracker.i18n import N_

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The tracker's own name, the report author where no setting names one; translated where it is written.
DEFAULT_REPORT_AUTHOR = N_("Convention compliance tracker")


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    sources_dir: Path
    show_source_text: bool
    anonymous_view: bool
    cache_dir: Path
    language: str
    time_zone: str
    report_author: str

    @property
    def sources_available(self) -> bool:
        return self.show_source_text and self.sources_dir.is_dir()


def _flag(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() not in {"0", "false", "no", "off", ""}


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from `env` (default: the process environment)."""
    env = os.environ if env is None else env
    default_db = PROJECT_ROOT / "var" / "tracker.db"
    return Settings(
        database_url=env.get("DATABASE_URL") or f"sqlite:///{default_db}",
        data_dir=Path(env.get("TRACKER_DATA_DIR") or PROJECT_ROOT / "data"),
        sources_dir=Path(env.get("TRACKER_SOURCES_DIR") or PROJECT_ROOT.parent / "shared" / "sources"),
        show_source_text=_flag(env.get("TRACKER_SHOW_SOURCE_TEXT"), True),
        anonymous_view=_flag(env.get("TRACKER_ANONYMOUS_VIEW"), True),
        cache_dir=Path(env.get("TRACKER_CACHE_DIR") or PROJECT_ROOT / "var" / "cache"),
        language=env.get("TRACKER_LANGUAGE") or "en",
        # The first record is Mexico's: its monitors read times in Mexico City's zone unless told otherwise.
        time_zone=env.get("TRACKER_TIME_ZONE") or "America/Mexico_City",
        report_author=(env.get("TRACKER_REPORT_AUTHOR") or "").strip() or DEFAULT_REPORT_AUTHOR,
    )
