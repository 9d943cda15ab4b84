"""What the derived views must show, by plain SQL over the assessment and recommendation tables.

Written for the tests, independently of tracker.store.queries and tracker.item_index: every figure the core
gives is compared with these.
"""

from collections import Counter, defaultdict

from sqlalchemy import text

from tracker import coverage, exports, reports
from tracker.coverage import NO_PART
from tracker.filters import Filters
from tracker.serving_index import matching_ids
from tracker.schema import OPEN_STATUSES, STATUS_LABELS, STATUSES

ACTIVE = "FROM recommendation r JOIN assessment a ON a.recommendation_id = r.id WHERE r.active"
BY_DIMENSION = {
    "part": f"SELECT p.part_id, a.status {ACTIVE.replace('WHERE', 'JOIN recommendation_part p ON p.recommendation_id = r.id WHERE')}",
    "article": f"SELECT x.article, a.status {ACTIVE.replace('WHERE', 'JOIN recommendation_article x ON x.recommendation_id = r.id WHERE')}",
    "year": f"SELECT r.year, a.status {ACTIVE}",
    "mechanism": f"SELECT r.mechanism, a.status {ACTIVE}",
    # docs/assessment-method.md: an item put to someone other than the State counts under no State body
    "body": "SELECT DISTINCT s.recommendation_id, b.actor_id, a.status FROM response_body b "
            "JOIN response s ON s.id = b.response_id JOIN recommendation r ON r.id = s.recommendation_id "
            "JOIN assessment a ON a.recommendation_id = r.id JOIN actor t ON t.id = r.addressee "
            "WHERE r.active AND t.kind IN ('state', 'state-body')",
}
NO_PART_SQL = (f"SELECT NULL, a.status {ACTIVE} AND NOT EXISTS "
               "(SELECT 1 FROM recommendation_part p WHERE p.recommendation_id = r.id)")


def _grid(rows) -> dict:
    counts: dict = defaultdict(Counter)
    for label, status in rows:
        counts[NO_PART if label is None else label][STATUS_LABELS[status]] += 1
    return {label: dict(found) for label, found in counts.items()}


def expected(engine) -> dict:
    """{"statuses": {status: n}, "open": [ids], "part"|"article"|...: {label: {status label: n}}}."""
    with engine.connect() as conn:
        truth = {"statuses": dict(Counter(conn.execute(text(f"SELECT a.status {ACTIVE}")).scalars())),
                 "open": list(conn.execute(text(
                     f"SELECT r.id {ACTIVE} AND a.status <> 'addressed' ORDER BY r.id")).scalars())}
        for dimension, sql in BY_DIMENSION.items():
            rows = conn.execute(text(sql)).all()
            truth[dimension] = _grid([row[-2:] for row in rows] if dimension == "body" else rows)
        truth["part"].update(_grid(conn.execute(text(NO_PART_SQL)).all()))
    return truth


def _from_table(frame) -> dict:
    label = frame.columns[0]
    return {row[label]: {STATUS_LABELS[s]: int(row[STATUS_LABELS[s]]) for s in STATUSES
                         if int(row[STATUS_LABELS[s]])}
            for _, row in frame.iterrows() if int(row["Total"])}


def _by_id(engine) -> dict:
    """The export tables name actors and parts; their ids, from the actor and part tables."""
    with engine.connect() as conn:
        actors = dict(conn.execute(text("SELECT name, id FROM actor")).all())
        parts = conn.execute(text("SELECT id, title FROM convention_part")).all()
    return {**actors, **{f"Part {part}: {title}": part for part, title in parts}, reports.WHOLE_CONVENTION: NO_PART}


def shown(engine) -> dict:
    """The same figures as the core gives them to the pages and exports."""
    counts = coverage.status_counts(engine, Filters())
    figures = {"statuses": {s: int(n) for s, n in counts.items() if n},
               "open": matching_ids(engine, Filters(statuses=OPEN_STATUSES))}
    for dimension in coverage.DIMENSIONS:
        figures[dimension] = _from_table(coverage.coverage_table(engine, Filters(), dimension))
    ids = _by_id(engine)
    for dimension, table in zip(reports.COVERAGE_TITLES, exports.coverage_tables(engine, Filters())):
        figures[f"export {dimension}"] = {ids.get(label, label): counts
                                          for label, counts in _from_table(table.frame).items()}
    return figures


def assert_index_matches_sql(engine) -> None:
    truth, figures = expected(engine), shown(engine)
    for name in truth:
        assert figures[name] == truth[name], f"{name}: the index says {figures[name]}, SQL says {truth[name]}"
    for dimension in coverage.DIMENSIONS:
        assert figures[f"export {dimension}"] == truth[dimension], f"export coverage by {dimension}"


def with_curated_status(record_dir, response_id: str, status: str):
    """The record in `record_dir` with one response's curated status changed (the folder is edited)."""
    import yaml

    from tracker.validation import load_record

    path = record_dir / "responses.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(r for r in data if r["id"] == response_id)["status"] = status
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_record(record_dir)
