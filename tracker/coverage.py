"""Coverage: how many filtered items sit in each status, by part, article, year, mechanism or State body."""

import pandas as pd
from sqlalchemy import Engine

from tracker.filters import Filters
from tracker.serving_index import filtered
from tracker.schema import STATUS_LABELS, STATUSES

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
    index, mask = filtered(engine, filters)
    return pd.Series(index.status_counts(mask), index=list(STATUSES), dtype="int64")


def coverage_table(engine: Engine, filters: Filters, dimension: str) -> pd.DataFrame:
    """One row per value of `dimension`, one column per status label, and a Total column."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; choose one of {', '.join(DIMENSIONS)}")
    index, mask = filtered(engine, filters)
    labels, grid = index.counts_by(dimension, mask)
    wide = pd.DataFrame(grid, columns=[STATUS_LABELS[s] for s in STATUSES], dtype="int64")
    wide.insert(0, DIMENSIONS[dimension], [NO_PART if label is None else label for label in labels])
    wide["Total"] = wide[[STATUS_LABELS[s] for s in STATUSES]].sum(axis=1)
    if dimension == "article":
        wide = wide.iloc[1:]  # position 0 is not an article
    elif dimension == "part":
        wide = wide[(wide.iloc[:, 0] != NO_PART) | (wide["Total"] > 0)]
    else:
        wide = wide[wide["Total"] > 0]
    return wide.reset_index(drop=True)


def open_share(table: pd.DataFrame) -> pd.Series:
    """Share of each row's items that are not addressed (NaN where the row has none)."""
    total = table["Total"].where(table["Total"] > 0)
    return (total - table[STATUS_LABELS["addressed"]]) / total
