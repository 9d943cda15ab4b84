"""The tables every export holds: coverage with readable names and no empty rows, the items, the legend."""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from tracker.coverage import DIMENSIONS, NO_PART, coverage_table
from tracker.filters import Filters
from tracker.reports.rows import item_rows
from tracker.schema import ARTICLE_COUNT, STATUS_LABELS
from tracker.store.models import Actor, ConventionArticle, ConventionPart

WHOLE_CONVENTION = "The Convention as a whole (no single part)"
WHOLE_CONVENTION_MEANS = ("Items that concern no particular article and sit in no report section that is a "
                          "Convention part: general information, new measures, data and statistics.")
# docs/data-model.md, "Status vocabulary"; tests/reports check that the two say the same.
STATUS_MEANS = {
    "addressed": "The reply answers what the question or recommendation evidently asked.",
    "partial": "The reply describes measures but leaves out what was evidently asked (data, outcomes, a specific "
               "case), or only points to annexes that are not among the sources.",
    "deferred": "The State says the information will be provided later (for example \"the reply will be provided "
                "to the Committee when the report is considered\").",
    "not_addressed": "Nothing in the document answers it.",
}
OPEN_MEANS = "“Open” items are every status except Addressed."
METHOD_NOTE = ("Each status is a curator's reading of the State's reply against what the question or "
               "recommendation evidently asked, as the legend defines it; monitors may then assess it again, "
               "and every change is kept in the history with its note. The method, and how confident a reading "
               "is, are set out in docs/assessment-method.md.")
COVERAGE_TITLES = {
    "part": "Coverage by Convention part",
    "article": "Coverage by article",
    "year": "Coverage by year",
    "mechanism": "Coverage by issuing mechanism",
    "body": "Coverage by State body named in the replies",
}
# Where one item can sit in several rows, the rows do not add up to the number of items; say so.
SEVERAL = {"part": "An item that concerns several parts is counted under each.",
           "article": "An item that concerns several articles is counted under each.",
           "body": "An item whose replies name several State bodies is counted under each."}


@dataclass(frozen=True)
class Table:
    """A titled table with a note on what it shows and under which filters."""

    title: str
    frame: pd.DataFrame
    note: str


def record_names(engine: Engine) -> dict[str, dict]:
    """Actor names, part titles and article titles, keyed by id or number."""
    parts, articles = ConventionPart.__table__, ConventionArticle.__table__
    with engine.connect() as conn:
        return {"actors": dict(conn.execute(select(Actor.__table__.c.id, Actor.__table__.c.name)).all()),
                "parts": dict(conn.execute(select(parts.c.id, parts.c.title)).all()),
                "articles": dict(conn.execute(select(articles.c.number, articles.c.title)).all())}


def part_label(part: str, titles: dict[str, str]) -> str:
    """`Part III: Human rights of all migrant workers…`, or the whole-Convention term for no part."""
    return WHOLE_CONVENTION if part == NO_PART else f"Part {part}: {titles.get(part, '')}".rstrip(": ")


def coverage_tables(engine: Engine, filters: Filters, names: dict | None = None) -> list[Table]:
    """The coverage tables by part, article, year, mechanism and State body, rows with no item left out."""
    names = names or record_names(engine)
    stated = f"Filters: {filters.describe()}."
    tables = []
    for dimension, title in COVERAGE_TITLES.items():
        frame = coverage_table(engine, filters, dimension).rename_axis(columns=None)
        label = DIMENSIONS[dimension]
        empty = frame.loc[frame["Total"] == 0, label].tolist()
        frame = frame[frame["Total"] > 0].reset_index(drop=True)
        note = f"Items by current status. {stated}"
        if dimension in SEVERAL:
            note += f" {SEVERAL[dimension]}"
        if dimension == "article":
            frame.insert(1, "Title", frame["Article"].map(names["articles"]).fillna(""))
            note += (f" {ARTICLE_COUNT - len(frame)} of the {ARTICLE_COUNT} articles were never asked about"
                     " under these filters and are left out.")
        elif dimension == "part":
            frame[label] = frame[label].map(lambda part: part_label(part, names["parts"]))
            if empty:  # coverage_table keeps every part; other dimensions list only values with items
                note += f" Parts with no item under these filters are left out: {', '.join(empty)}."
        elif dimension in ("mechanism", "body"):
            # Named most often first, as the chart draws them; ties by name.
            frame[label] = frame[label].map(lambda actor: names["actors"].get(actor, actor))
            frame = frame.sort_values(["Total", label], ascending=[False, True], kind="stable").reset_index(drop=True)
        tables.append(Table(title, frame, note))
    return tables


def items_table(engine: Engine, filters: Filters, viewer_role: str | None = None) -> Table:
    """Every filtered item as a drafter cites it."""
    return Table("Open items" if filters.is_open_only else "Items", item_rows(engine, filters, viewer_role),
                 f"Filters: {filters.describe()}. Citations give the document symbol and paragraph numbers (¶); "
                 "the rationale is the curator's reason for the status.")


def legend_table() -> Table:
    """Each status and the whole-Convention term, with what it means."""
    rows = [(STATUS_LABELS[status], means) for status, means in STATUS_MEANS.items()]
    rows.append((WHOLE_CONVENTION, WHOLE_CONVENTION_MEANS))
    return Table("Legend", pd.DataFrame(rows, columns=["Term", "Meaning"]), f"{OPEN_MEANS} {METHOD_NOTE}")


def report_tables(engine: Engine, filters: Filters, viewer_role: str | None = None) -> list[Table]:
    """The legend, the coverage tables, then the items list: what every multi-table file holds."""
    return [legend_table(), *coverage_tables(engine, filters), items_table(engine, filters, viewer_role)]
