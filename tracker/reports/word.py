"""The Word report: what it covers in words, the legend and method, the Overview's charts, the tables."""

from datetime import date
from io import BytesIO

import pandas as pd
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from sqlalchemy import Engine, select

from tracker.filters import Filters
from tracker.reports import images
from tracker.reports.tables import (METHOD_NOTE, OPEN_MEANS, Table, coverage_tables, items_table, legend_table,
                                    record_names)
from tracker.reports.word_parts import (add_table, keep_with_next, natural_widths, new_document, orient, saved, text,
                                        usable_width)
from tracker.schema import OPEN_STATUSES, STATUS_LABELS, STATUSES
from tracker.settings import DEFAULT_REPORT_AUTHOR
from tracker.store.models import Actor
from tracker.store.queries import RS, A, D, R, items_base

NBSP = "\u00a0"
# About 300 pages of items; beyond that a report is a dump, and the workbook is the file to use.
WORD_ITEMS_MAX = 1000
# The items table in Word keeps what a reader of a printed page needs; the workbook holds every column.
WORD_ITEM_COLUMNS = ("Citation", "Topic", "Status", "Rationale", "Reply", "Articles", "State bodies",
                     "Latest assessment")
# A table whose text would need this much more than a portrait line turns the page.
LANDSCAPE_BEYOND = 1.6
PORTRAIT_TEXT_WIDTH = Cm(17)


def state_name(engine: Engine) -> str:
    """The State the record is about (the actor of kind `state`)."""
    actors = Actor.__table__
    with engine.connect() as conn:
        names = conn.execute(select(actors.c.name).where(actors.c.kind == "state").order_by(actors.c.id)).scalars()
        return " and ".join(names) or "the State"


def covered(engine: Engine, filters: Filters) -> tuple[list[str], list[str]]:
    """(mechanism names, documents cited as `symbol, title (date)`) of the filtered items and their replies."""
    joined, where = items_base(filters, engine.dialect.name)
    actors = Actor.__table__
    with engine.connect() as conn:
        mechanisms = conn.execute(select(actors.c.name).distinct().select_from(
            joined.join(actors, actors.c.id == R.c.mechanism)).where(where).order_by(actors.c.name)).scalars().all()
        asked = select(R.c.document_id).select_from(joined).where(where)
        answered = select(RS.c.document_id).select_from(joined.join(RS, RS.c.recommendation_id == R.c.id)).where(where)
        documents = conn.execute(select(D.c.symbol, D.c.title, D.c.date).where(D.c.id.in_(asked.union(answered)))
                                 .order_by(D.c.year, D.c.id)).all()
    return mechanisms, [f"{symbol}, {title}" if symbol else title for symbol, title, _ in documents]


def filters_in_words(filters: Filters, actor_names: dict) -> str:
    """`Items whose current status is Partial, Deferred or Not addressed, concerning Part III.`"""
    def listed(values) -> str:
        values = [str(v) for v in values]
        return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]

    said = []
    if filters.statuses:
        said.append(f"whose current status is {listed(STATUS_LABELS[s] for s in filters.statuses)}")
    if filters.parts:
        said.append(f"concerning Part {listed(filters.parts)} of the Convention")
    if filters.articles:
        said.append(f"concerning article {listed(filters.articles)}")
    if filters.mechanisms:
        said.append(f"issued by {listed(actor_names.get(m, m) for m in filters.mechanisms)}")
    if filters.bodies:
        said.append(f"whose replies name {listed(actor_names.get(b, b) for b in filters.bodies)}")
    if filters.year_from is not None or filters.year_to is not None:
        said.append(f"put to the State in {filters.year_from or '…'}–{filters.year_to or '…'}")
    if filters.text.strip():
        said.append(f"mentioning “{filters.text.strip()}”")
    return ("Items " + "; ".join(said) + ".") if said else "All items of the record."


def prepared_on(today: date | None) -> str:
    """`2 December 2026` (today when None)."""
    today = today or date.today()
    return f"{today.day} {today:%B %Y}"


def summary_line(items: pd.DataFrame) -> str:
    total = len(items)
    counts = items["Status"].value_counts()
    still_open = int(sum(counts.get(STATUS_LABELS[s], 0) for s in OPEN_STATUSES))
    share = f" ({still_open / total:.0%})" if total else ""
    parts = ", ".join(f"{int(counts.get(STATUS_LABELS[s], 0))} {STATUS_LABELS[s].lower()}" for s in STATUSES)
    return f"{total} items: {parts}. Still open: {still_open}{share}."


def word_items(table: Table, items_max: int) -> Table:
    """The items table cut to the columns (and at most `items_max` rows) a printed report can hold."""
    frame, note = table.frame, table.note
    if len(frame) > items_max:
        note += (f" The first {items_max:,} of {len(frame):,} items are listed; the workbook (XLSX) holds them all,"
                 " and narrower filters give a shorter list.")
        frame = frame.head(items_max)
    latest = [f"{at:%Y-%m-%d}, {who}: {note}" if at else "" for at, who, note in
              zip(frame["Last assessed"], frame["Assessed by"], frame["Assessment note"])]
    frame = frame.assign(**{"Latest assessment": latest})
    frame["Rationale"] = [f"{why} (confidence: {level}" + (f"; {reason})" if reason else ")") if level else why
                          for why, level, reason in zip(frame["Rationale"], frame["Confidence"],
                                                        frame["Why this confidence"])]
    columns = [name for name in WORD_ITEM_COLUMNS if name != "Latest assessment" or any(latest)]
    # A citation stays on one line: "CMW/C/MEX/QPR/3 ¶ 13" never breaks before its paragraph number.
    frame = frame.assign(**{name: frame[name].str.replace(" ¶ ", NBSP + "¶" + NBSP, regex=False)
                            for name in ("Citation", "Reply")})
    return Table(table.title, frame[columns], note)


def word_report(engine: Engine, filters: Filters, author: str, viewer_role: str | None = None,
                charts: bool = True, today: date | None = None, items_max: int = WORD_ITEMS_MAX) -> bytes:
    """The report a drafter hands on: title, scope, legend, method, charts, coverage tables, items."""
    names = record_names(engine)
    state = state_name(engine)
    mechanisms, documents = covered(engine, filters)
    items = items_table(engine, filters, viewer_role)
    title = f"{state}: replies to the UN mechanisms on the rights of migrant workers"
    doc = new_document(title, author, subject=filters_in_words(filters, names["actors"]))
    doc.add_heading(text(title), level=0)
    for label, values in (("Issued by", mechanisms), ("Documents covered", documents)):
        keep_with_next(doc.add_paragraph(f"{label}:" if values else f"{label}: none under these filters."))
        for value in values:
            doc.add_paragraph(text(value), style="List Bullet")
    doc.add_paragraph(text(f"Prepared on {prepared_on(today)} by {author}. "
                           f"{filters_in_words(filters, names['actors'])} {summary_line(items.frame)}"))
    doc.add_heading("Legend", level=1)
    add_table(doc, legend_table().frame)
    doc.add_paragraph(OPEN_MEANS).paragraph_format.space_before = Pt(6)
    doc.add_heading("Method", level=1)
    doc.add_paragraph(METHOD_NOTE)
    if charts:
        _charts(doc, engine, filters, names["actors"])
    for table in coverage_tables(engine, filters, names):
        _table_section(doc, table)
    _table_section(doc, word_items(items, items_max), font_size=8)
    return saved(doc)


def tables_document(tables: list[Table], title: str, filters_stated: str | None = None,
                    author: str = DEFAULT_REPORT_AUTHOR) -> bytes:
    """The tables alone, each under its heading and note, for pasting (no charts, no legend beyond the tables)."""
    doc = new_document(title, author)
    doc.add_heading(text(title), level=0)
    stated = f" Filters: {filters_stated}." if filters_stated else ""
    doc.add_paragraph(text(f"Prepared on {prepared_on(None)}.{stated}"))
    for table in tables:
        _table_section(doc, table)
    return saved(doc)


def _table_section(doc, table: Table, font_size: float = 9) -> None:
    orient(doc, landscape=sum(natural_widths(table.frame, font_size)[1]) > LANDSCAPE_BEYOND * PORTRAIT_TEXT_WIDTH)
    doc.add_heading(text(table.title), level=1)
    keep_with_next(doc.add_paragraph(text(table.note)))
    if table.frame.empty:
        doc.add_paragraph("No item under these filters.")
    else:
        add_table(doc, table.frame, font_size)


def _charts(doc, engine: Engine, filters: Filters, actor_names: dict) -> None:
    doc.add_heading("Coverage charts", level=1)
    drawn = images.render(images.chart_specs(engine, filters, actor_names))
    if drawn is None:
        doc.add_paragraph(images.NO_BROWSER)
        return
    section = doc.sections[-1]
    width = usable_width(doc)
    tallest = section.page_height - section.top_margin - section.bottom_margin - Cm(3)
    for number, chart in enumerate(drawn, start=1):
        caption = doc.add_paragraph(text(f"Figure {number}. {chart.title}"))
        caption.runs[0].bold, caption.runs[0].font.size = True, Pt(9)
        keep_with_next(caption)
        if width * chart.aspect > tallest:  # a long bar list: fit the page's height instead
            doc.add_picture(BytesIO(chart.png), height=tallest)
        else:
            doc.add_picture(BytesIO(chart.png), width=width)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
