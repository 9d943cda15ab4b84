"""Coverage: how many filtered items sit in each status, by part, article, year, mechanism or State body."""

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, func, select

from tracker.filters import Filters
from tracker.schema import ARTICLE_COUNT, PARTS, STATUS_LABELS, STATUSES
from tracker.store.queries import RA, RB, RP, RS, A, R, has_row, items_base

NO_PART = "No part"
DIMENSIONS = {
    "part": "Convention part",
    "article": "Article",
    "year": "Year",
    "mechanism": "Issuing mechanism",
    "body": "State body named in the replies",
}


def status_counts(engine: Engine, filters: Filters) -> pd.Series:
    """Number of filtered items per status, every status present."""
    joined, where = items_base(filters)
    with engine.connect() as conn:
        rows = conn.execute(select(A.c.status, func.count()).select_from(joined).where(where)
                            .group_by(A.c.status)).all()
    return pd.Series(dict(rows), dtype="int64").reindex(list(STATUSES), fill_value=0)


def _grouped(engine: Engine, filters: Filters, dimension: str) -> list[tuple]:
    base, where = items_base(filters)
    joined = base
    if dimension == "part":
        key, joined = RP.c.part_id, joined.join(RP, RP.c.recommendation_id == R.c.id)
    elif dimension == "article":
        key, joined = RA.c.article, joined.join(RA, RA.c.recommendation_id == R.c.id)
    elif dimension == "body":
        key = RB.c.actor_id
        joined = joined.join(RS, RS.c.recommendation_id == R.c.id).join(RB, RB.c.response_id == RS.c.id)
    elif dimension == "year":
        key = R.c.year
    elif dimension == "mechanism":
        key = R.c.mechanism
    else:
        raise ValueError(f"unknown dimension {dimension!r}; choose one of {', '.join(DIMENSIONS)}")
    stmt = (select(key, A.c.status, func.count(func.distinct(R.c.id))).select_from(joined).where(where)
            .group_by(key, A.c.status))
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
        if dimension == "part":
            no_part = (select(A.c.status, func.count()).select_from(base)
                       .where(where, ~has_row(RP, RP.c.recommendation_id == R.c.id)).group_by(A.c.status))
            rows += [(NO_PART, status, count) for status, count in conn.execute(no_part).all()]
    return rows


def _categories(dimension: str, found: Sequence) -> list:
    if dimension == "part":
        return [*PARTS, NO_PART] if NO_PART in found else list(PARTS)
    if dimension == "article":
        return list(range(1, ARTICLE_COUNT + 1))
    return sorted(found)


def coverage_table(engine: Engine, filters: Filters, dimension: str) -> pd.DataFrame:
    """One row per value of `dimension`, one column per status label, and a Total column."""
    rows = _grouped(engine, filters, dimension)
    long = pd.DataFrame(rows, columns=[dimension, "status", "count"])
    wide = (long.pivot_table(index=dimension, columns="status", values="count", aggfunc="sum", fill_value=0)
            .reindex(columns=list(STATUSES), fill_value=0)
            .reindex(_categories(dimension, long[dimension].unique().tolist()), fill_value=0))
    wide = wide.astype("int64").rename(columns=STATUS_LABELS)
    wide["Total"] = wide.sum(axis=1)
    wide.index.name = DIMENSIONS[dimension]
    wide.columns.name = None
    return wide.reset_index()


def open_share(table: pd.DataFrame) -> pd.Series:
    """Share of each row's items that are not addressed (NaN where the row has none)."""
    total = table["Total"].where(table["Total"] > 0)
    return (total - table[STATUS_LABELS["addressed"]]) / total
