"""Coverage: how many filtered items sit in each status, by part, article, year, mechanism or State body.

A coverage table's headers and its no-part row read in the translator's language: the first column is named
after the dimension, then one column per status label, then Total.
"""

import pandas as pd
from sqlalchemy import Engine

from tracker.filters import Filters
from tracker.i18n import DEFAULT_LANGUAGE, N_, Translator, translator
from tracker.serving_index import filtered
from tracker.schema import STATUS_LABELS, STATUSES

NO_PART = N_("No part")
TOTAL = N_("Total")
DIMENSIONS = {
    "part": N_("Convention part"),
    "article": N_("Article"),
    "year": N_("Year"),
    "mechanism": N_("Issuing mechanism"),
    "body": N_("State body named in the replies"),
}
ENGLISH = translator(DEFAULT_LANGUAGE)


def status_counts(engine: Engine, filters: Filters) -> pd.Series:
    """Number of filtered items per status, every status present."""
    index, mask = filtered(engine, filters)
    return pd.Series(index.status_counts(mask), index=list(STATUSES), dtype="int64")


def status_columns(t: Translator) -> list[str]:
    """The status columns of a coverage table in `t`'s language, in STATUSES order."""
    return [t.tr(STATUS_LABELS[status]) for status in STATUSES]


def coverage_table(engine: Engine, filters: Filters, dimension: str, t: Translator = ENGLISH) -> pd.DataFrame:
    """One row per value of `dimension`, one column per status label, and a Total column, in `t`'s language."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; choose one of {', '.join(DIMENSIONS)}")
    index, mask = filtered(engine, filters)
    labels, grid = index.counts_by(dimension, mask)
    statuses, total, no_part = status_columns(t), t.tr(TOTAL), t.tr(NO_PART)
    wide = pd.DataFrame(grid, columns=statuses, dtype="int64")
    wide.insert(0, t.tr(DIMENSIONS[dimension]), [no_part if label is None else label for label in labels])
    wide[total] = wide[statuses].sum(axis=1)
    if dimension == "article":
        wide = wide.iloc[1:]  # position 0 is not an article
    elif dimension == "part":
        wide = wide[(wide.iloc[:, 0] != no_part) | (wide[total] > 0)]
    else:
        wide = wide[wide[total] > 0]
    return wide.reset_index(drop=True)


def open_share(table: pd.DataFrame, t: Translator = ENGLISH) -> pd.Series:
    """Share of each row's items that are not addressed (NaN where the row has none)."""
    total = table[t.tr(TOTAL)].where(table[t.tr(TOTAL)] > 0)
    return (total - table[t.tr(STATUS_LABELS["addressed"])]) / total
