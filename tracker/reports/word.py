"""The Word report: what it covers in words, the legend and method, the Overview's charts, the tables.

Everything in it is in the translator's language, and the document says so (its properties and the
Normal style's language: es-MX, en-GB), so that Word checks the spelling in the right language.
"""

from datetime import date
from io import BytesIO

import pandas as pd
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from sqlalchemy import Engine, select

from tracker.coverage import ENGLISH
from tracker.filters import Filters
from tracker.i18n import N_, Translator
from tracker.i18n.record import shown
from tracker.reports import images
from tracker.reports.tables import (METHOD_NOTE, OPEN_MEANS, Table, coverage_tables, filters_in_words, items_table,
                                    legend_table, listed, record_names)
from tracker.reports.word_parts import (add_table, author_in, keep_with_next, natural_widths, new_document, orient,
                                        saved, text, usable_width)
from tracker.schema import OPEN_STATUSES, STATUS_LABELS, STATUSES
from tracker.settings import DEFAULT_REPORT_AUTHOR
from tracker.store.models import Actor
from tracker.store.queries import RS, D, R, actor_labels, items_base

NBSP = "\u00a0"
# About 300 pages of items; beyond that a report is a dump, and the workbook is the file to use.
WORD_ITEMS_MAX = 1000
LATEST = N_("Latest assessment")
# The items table in Word keeps what a reader of a printed page needs; the workbook holds every column.
WORD_ITEM_COLUMNS = (N_("Citation"), N_("Topic"), N_("Status"), N_("Rationale"), N_("Reply"), N_("Articles"),
                     N_("State bodies"), LATEST)
# A table whose text would need this much more than a portrait line turns the page.
LANDSCAPE_BEYOND = 1.6
PORTRAIT_TEXT_WIDTH = Cm(17)


def state_name(engine: Engine, t: Translator = ENGLISH) -> str:
    """The State the record is about (the actor of kind `state`), named in `t`'s language."""
    actors = Actor.__table__
    with engine.connect() as conn:
        rows = conn.execute(select(actors.c.name, actors.c.translations).where(actors.c.kind == "state")
                            .order_by(actors.c.id)).all()
    names = [shown(name, texts, t, "name") for name, texts in rows]
    return listed(names, t, "standard") if names else t.tr("the State")


def covered(engine: Engine, filters: Filters, t: Translator = ENGLISH) -> tuple[list[str], list[str]]:
    """(mechanism names, documents cited as `symbol, title`) of the filtered items and their replies."""
    joined, where = items_base(filters, engine.dialect.name)
    with engine.connect() as conn:
        names = actor_labels(conn, t)
        mechanisms = conn.execute(select(R.c.mechanism).distinct().select_from(joined).where(where)).scalars().all()
        asked = select(R.c.document_id).select_from(joined).where(where)
        answered = select(RS.c.document_id).select_from(joined.join(RS, RS.c.recommendation_id == R.c.id)).where(where)
        documents = conn.execute(select(D.c.symbol, D.c.title, D.c.translations)
                                 .where(D.c.id.in_(asked.union(answered))).order_by(D.c.year, D.c.id)).all()
    return (sorted(names.get(m, m) for m in mechanisms),
            [", ".join(filter(None, (symbol, shown(title, texts, t, "title")))) for symbol, title, texts in documents])


def prepared_on(today: date | None, t: Translator = ENGLISH) -> str:
    """`2 December 2026` / `2 de diciembre de 2026` (today when None)."""
    return t.date(today or date.today())


def summary_line(items: pd.DataFrame, t: Translator = ENGLISH) -> str:
    total = len(items)
    counts = items[t.tr("Status")].value_counts()
    count = {s: int(counts.get(t.tr(STATUS_LABELS[s]), 0)) for s in STATUSES}
    still_open = sum(count[s] for s in OPEN_STATUSES)
    # "Partial: 26", not "26 partial": a label read as a noun needs no agreement with the count in any language.
    by_status = "; ".join(t.tr("{status}: {count}", status=t.tr(STATUS_LABELS[s]), count=t.number(count[s]))
                          for s in STATUSES)
    if not total:
        return t.tr("No item under these filters.")
    return t.tr_n("{count} item: {by_status}. Still open: {open} ({share}).",
                  "{count} items: {by_status}. Still open: {open} ({share}).", total,
                  by_status=by_status, open=t.number(still_open), share=t.percent(still_open / total))


def word_items(table: Table, items_max: int, t: Translator = ENGLISH) -> Table:
    """The items table cut to the columns (and at most `items_max` rows) a printed report can hold."""
    frame, note = table.frame, table.note
    col = t.tr
    if len(frame) > items_max:
        note += " " + t.tr("The first {shown} of {count} items are listed; the workbook (XLSX) holds them all, and "
                           "narrower filters give a shorter list.", shown=t.number(items_max), count=t.number(len(frame)))
        frame = frame.head(items_max)
    latest = [t.tr("{date}, {who}: {note}", date=t.date(at, "medium"), who=who, note=said) if at else ""
              for at, who, said in zip(frame[col("Last assessed")], frame[col("Assessed by")],
                                       frame[col("Assessment note")])]
    frame = frame.assign(**{col(LATEST): latest})
    frame[col("Rationale")] = [
        (t.tr("{why} (confidence: {level}. {reason})", why=why, level=level, reason=reason) if reason else
         t.tr("{why} (confidence: {level})", why=why, level=level)) if level else why
        for why, level, reason in zip(frame[col("Rationale")], frame[col("Confidence")],
                                      frame[col("Why this confidence")])]
    columns = [col(name) for name in WORD_ITEM_COLUMNS if name != LATEST or any(latest)]
    # A citation stays on one line: "CMW/C/MEX/QPR/3 ¶ 13" never breaks before its paragraph number.
    frame = frame.assign(**{name: frame[name].str.replace(" ¶ ", NBSP + "¶" + NBSP, regex=False)
                            for name in (col("Citation"), col("Reply"))})
    return Table(table.title, frame[columns], note)


def word_report(engine: Engine, filters: Filters, author: str, viewer_role: str | None = None,
                charts: bool = True, today: date | None = None, items_max: int = WORD_ITEMS_MAX,
                t: Translator = ENGLISH) -> bytes:
    """The report a drafter hands on: title, scope, legend, method, charts, coverage tables, items."""
    author = author_in(author, t)
    names = record_names(engine, t)
    state = state_name(engine, t)
    mechanisms, documents = covered(engine, filters, t)
    items = items_table(engine, filters, viewer_role, t, names)
    scope = filters_in_words(filters, names["actors"], t)
    title = t.tr("{state}: replies to the UN mechanisms on the rights of migrant workers", state=state)
    doc = new_document(title, author, subject=scope, language=t.language)
    doc.add_heading(text(title), level=0)
    for label, empty, values in ((t.tr("Issued by:"), t.tr("Issued by: none under these filters."), mechanisms),
                                 (t.tr("Documents covered:"), t.tr("Documents covered: none under these filters."),
                                  documents)):
        keep_with_next(doc.add_paragraph(label if values else empty))
        for value in values:
            doc.add_paragraph(text(value), style="List Bullet")
    doc.add_paragraph(text(t.tr("Prepared on {date} by {author}. {scope} {summary}", date=prepared_on(today, t),
                                author=author, scope=scope, summary=summary_line(items.frame, t))))
    doc.add_heading(t.tr("Legend"), level=1)
    add_table(doc, legend_table(t).frame)
    doc.add_paragraph(t.tr(OPEN_MEANS)).paragraph_format.space_before = Pt(6)
    doc.add_heading(t.tr("Method"), level=1)
    doc.add_paragraph(t.tr(METHOD_NOTE))
    if charts:
        _charts(doc, engine, filters, names["actors"], t)
    for table in coverage_tables(engine, filters, names, t):
        _table_section(doc, table, t)
    _table_section(doc, word_items(items, items_max, t), t, font_size=8)
    return saved(doc)


def tables_document(tables: list[Table], title: str, filters_stated: str | None = None,
                    author: str = DEFAULT_REPORT_AUTHOR, t: Translator = ENGLISH) -> bytes:
    """The tables alone, each under its heading and note, for pasting (no charts, no legend beyond the tables)."""
    doc = new_document(title, author_in(author, t), language=t.language)
    doc.add_heading(text(title), level=0)
    prepared = t.tr("Prepared on {date}.", date=prepared_on(None, t))
    doc.add_paragraph(text(t.tr("{prepared} Filters: {filters}.", prepared=prepared, filters=filters_stated)
                           if filters_stated else prepared))
    for table in tables:
        _table_section(doc, table, t)
    return saved(doc)


def _table_section(doc, table: Table, t: Translator, font_size: float = 9) -> None:
    orient(doc, landscape=sum(natural_widths(table.frame, font_size)[1]) > LANDSCAPE_BEYOND * PORTRAIT_TEXT_WIDTH)
    doc.add_heading(text(table.title), level=1)
    keep_with_next(doc.add_paragraph(text(table.note)))
    if table.frame.empty:
        doc.add_paragraph(t.tr("No item under these filters."))
    else:
        add_table(doc, table.frame, font_size)


def _charts(doc, engine: Engine, filters: Filters, actor_names: dict, t: Translator) -> None:
    doc.add_heading(t.tr("Coverage charts"), level=1)
    drawn = images.render(images.chart_specs(engine, filters, actor_names, t))
    if drawn is None:
        doc.add_paragraph(t.tr(images.NO_BROWSER))
        return
    section = doc.sections[-1]
    width = usable_width(doc)
    tallest = section.page_height - section.top_margin - section.bottom_margin - Cm(3)
    for number, chart in enumerate(drawn, start=1):
        caption = doc.add_paragraph(text(t.tr("Figure {number}. {title}", number=number, title=chart.title)))
        caption.runs[0].bold, caption.runs[0].font.size = True, Pt(9)
        keep_with_next(caption)
        if width * chart.aspect > tallest:  # a long bar list: fit the page's height instead
            doc.add_picture(BytesIO(chart.png), height=tallest)
        else:
            doc.add_picture(BytesIO(chart.png), width=width)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
