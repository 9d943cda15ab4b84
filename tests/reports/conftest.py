"""Helpers for the report tests: the fixture record read straight from its YAML, and monitor saves."""

from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from tracker.store.crud import Change, save_change

RECORD = Path(__file__).resolve().parents[1] / "fixtures" / "record"


def load(name: str):
    return yaml.safe_load((RECORD / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def actor_names() -> dict[str, str]:
    return {actor["id"]: actor["name"] for actor in load("actors.yaml")}


@pytest.fixture(scope="session")
def article_titles() -> dict[int, str]:
    return {article["number"]: article["title"] for article in load("convention.yaml")["articles"]}


@pytest.fixture
def assess(engine, grant):
    """`assess(item, status, note, who)`: a monitor's save through the real core function."""
    granted: set[str] = set()

    def save(item_id: str, status: str, note: str, who: str = "alice.monitor@example.org") -> None:
        if who not in granted:
            grant(engine, "monitor", who)
            granted.add(who)
        with engine.connect() as conn:
            version = conn.execute(text("SELECT version FROM assessment WHERE recommendation_id = :id"),
                                   {"id": item_id}).scalar_one()
        save_change(engine, Change(item_id, version, status, note), who)
    return save


def set_column(engine, table: str, column: str, value, where: str, key: str) -> None:
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET {column} = :value WHERE {where} = :key"), {"value": value, "key": key})
