"""Shared fixtures: the small fixture record, an editable copy of it, and a database on each engine.

Database tests run once per engine. The PostgreSQL run gets a fresh database of its own on the server at
127.0.0.1:5432 (dropped afterwards) and is skipped, with the reason, when no server answers there.
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import yaml
from psycopg import sql

from tracker.settings import load_settings
from tracker.startup import open_database

FIXTURE_RECORD = Path(__file__).resolve().parent / "fixtures" / "record"

PG_HOST, PG_PORT, PG_MAINTENANCE_DB = "127.0.0.1", 5432, "test"


@pytest.fixture(autouse=True, scope="session")
def _item_index_cache(tmp_path_factory):
    """Keep the item index files the tests' databases produce out of the project's var/cache."""
    os.environ["TRACKER_CACHE_DIR"] = str(tmp_path_factory.mktemp("index-cache"))
PG_USERS = ("postgres", "root")  # trust auth; the first that connects is used


@pytest.fixture(scope="session")
def fixture_dir() -> Path:
    """The small valid record in tests/fixtures/record (never edit it: use record_copy)."""
    return FIXTURE_RECORD


@pytest.fixture
def record_copy(tmp_path, fixture_dir) -> Path:
    """A copy of the fixture record in tmp_path that a test may edit."""
    target = tmp_path / "record"
    shutil.copytree(fixture_dir, target)
    return target


def _pg_connect(user: str, dbname: str = PG_MAINTENANCE_DB) -> psycopg.Connection:
    return psycopg.connect(host=PG_HOST, port=PG_PORT, user=user, dbname=dbname, autocommit=True,
                           connect_timeout=5)


@pytest.fixture(scope="session")
def pg_user() -> str:
    """The PostgreSQL user that works here; skips every PostgreSQL test when the server is unreachable."""
    reasons = []
    for user in PG_USERS:
        try:
            with _pg_connect(user) as conn:
                conn.execute("SELECT 1")
            return user
        except psycopg.Error as exc:
            reasons.append(f"user {user}: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r}")
    pytest.skip(f"PostgreSQL not reachable at {PG_HOST}:{PG_PORT}: {'; '.join(reasons)}")


# The engines every database test runs on; use as `params=DB_KINDS` for fixtures of any scope.
DB_KINDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def new_database(kind: str, directory: Path, request) -> Iterator[str]:
    """URL of an empty database: a SQLite file in `directory`, or a fresh database on the PostgreSQL server
    (dropped on exit). Skips when PostgreSQL is unreachable."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'tracker.db'}"
        return
    user = request.getfixturevalue("pg_user")
    name = f"tracker_test_{uuid.uuid4().hex[:16]}"
    with _pg_connect(user) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"postgresql+psycopg://{user}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with _pg_connect(user) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def engine_on(kind: str, directory: Path, request, data_dir: Path):
    """An engine on a new database of that kind holding the record in data_dir, disposed of on exit."""
    with new_database(kind, directory, request) as url:
        engine = open_database(load_settings({"DATABASE_URL": url, "TRACKER_DATA_DIR": str(data_dir)})).engine
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.fixture(params=DB_KINDS)
def db_url(request, tmp_path):
    """A URL for an empty database: a SQLite file in tmp_path, or a fresh database on the PostgreSQL server."""
    with new_database(request.param, tmp_path, request) as url:
        yield url


@pytest.fixture
def settings_for(db_url):
    """Settings on this test's database for a given data folder."""
    def make(data_dir: Path):
        return load_settings({"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(data_dir)})
    return make


@pytest.fixture
def engine(db_url, fixture_dir):
    """An engine on a migrated database holding the fixture record."""
    engine = open_database(load_settings({"DATABASE_URL": db_url, "TRACKER_DATA_DIR": str(fixture_dir)})).engine
    try:
        yield engine
    finally:
        engine.dispose()


@dataclass(frozen=True)
class ExpectedItem:
    """What the YAML says about one item, read straight from the files by the rules in docs/data-model.md."""

    id: str
    status: str
    parts: frozenset
    articles: frozenset
    year: int
    mechanism: str
    bodies: frozenset
    texts: tuple  # id, topic, and the summaries and rationales of its responses (what the text filter searches)


def read_expected_items(data_dir: Path) -> dict[str, ExpectedItem]:
    """The items of a record, in file order, computed from the YAML without the tracker's code."""
    def load(name):
        return yaml.safe_load((data_dir / name).read_text(encoding="utf-8"))

    article_part = {a["number"]: a["part"] for a in load("convention.yaml")["articles"]}
    year_of = {d["id"]: d["year"] for d in load("documents.yaml")}
    state = {a["id"] for a in load("actors.yaml") if a["kind"] in ("state", "state-body")}
    responses = load("responses.yaml")
    items = {}
    for rec in load("recommendations.yaml"):
        mine = [r for r in responses if r["recommendation"] == rec["id"]]
        # the latest reply by document year; when it has no reply, the latest related response
        candidates = [r for r in mine if r["relation"] == "reply"] or mine
        latest_year = max(year_of[r["document"]] for r in candidates)
        latest = [r for r in candidates if year_of[r["document"]] == latest_year]
        assert len({r["status"] for r in latest}) == 1, f"{rec['id']}: test data must not tie on year"
        parts = {article_part[n] for n in rec.get("articles") or []}
        section = rec.get("section") or ""
        if not parts and section.startswith("part-"):
            parts = {section.removeprefix("part-")}
        items[rec["id"]] = ExpectedItem(
            id=rec["id"], status=latest[0]["status"], parts=frozenset(parts),
            articles=frozenset(rec.get("articles") or []), year=rec["year"], mechanism=rec["mechanism"],
            # an item put to someone else is never counted under a State body (docs/assessment-method.md)
            bodies=frozenset(b for r in mine for b in r.get("bodies") or [] if rec["addressee"] in state),
            texts=(rec["id"], rec.get("topic") or "", *(r["summary"] for r in mine), *(r["rationale"] for r in mine)),
        )
    return items


@pytest.fixture(scope="session")
def expected_items():
    """read_expected_items, for tests: `expected_items(data_dir)` -> {id: ExpectedItem}."""
    return read_expected_items


@pytest.fixture(scope="session")
def grant():
    """`grant(engine, role, *names)`: give each person an account with that role (saving a status needs
    the role monitor or admin, checked by tracker.store.crud.save_change)."""
    from tracker.accounts import add_person

    def give(engine, role: str, *names: str) -> None:
        for name in names:
            add_person(engine, name, role)
    return give

