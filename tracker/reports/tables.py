"""The tables every export holds: coverage with readable names and no empty rows, the items, the legend.

Every title, header, note and name is in the translator's language (record texts from the record's
translations); the constants below are English, marked for the catalogue and translated where used.
"""

import re
from dataclasses import dataclass

import pandas as pd
from babel.lists import format_list
from sqlalchemy import Engine

from tracker.coverage import DIMENSIONS, ENGLISH, NO_PART, TOTAL, coverage_table
from tracker.filters import Filters
from tracker.i18n import N_, PSEUDO, Translator
from tracker.reports.rows import item_rows
from tracker.schema import ARTICLE_COUNT, CONFIDENCE_LABELS, STATUS_LABELS
from tracker.store.queries import actor_labels, article_titles, part_titles

WHOLE_CONVENTION = N_("The Convention as a whole (no single part)")
WHOLE_CONVENTION_MEANS = N_("Items that concern no particular article and sit in no report section that is a "
                            "Convention part: general information, new measures, data and statistics.")
# docs/data-model.md, "Status vocabulary"; tests/reports check that the two say the same.
STATUS_MEANS = {
    "addressed": N_("The reply answers what the question or recommendation evidently asked."),
    "partial": N_("The reply describes measures but leaves out what was evidently asked (data, outcomes, a specific "
                  "case), or only points to annexes that are not among the sources."),
    "deferred": N_("The State says the information will be provided later (for example \"the reply will be provided "
                   "to the Committee when the report is considered\")."),
    "not_addressed": N_("Nothing in the document answers it."),
}
OPEN_MEANS = N_("“Open” items are every status except Addressed.")
METHOD_NOTE = N_("Each status is a curator's reading of the State's reply against what the question or "
                 "recommendation evidently asked, as the legend defines it; monitors may then assess it again, "
                 "and every change is kept in the history with its note. The method, and how confident a reading "
                 "is, are set out in docs/assessment-method.md.")
COVERAGE_TITLES = {
    "part": N_("Coverage by Convention part"),
    "article": N_("Coverage by article"),
    "year": N_("Coverage by year"),
    "mechanism": N_("Coverage by issuing mechanism"),
    "body": N_("Coverage by State body named in the replies"),
}
# Where one item can sit in several rows, the rows do not add up to the number of items; say so.
SEVERAL = {"part": N_("An item that concerns several parts is counted under each."),
           "article": N_("An item that concerns several articles is counted under each."),
           "body": N_("An item whose replies name several State bodies is counted under each.")}


@dataclass(frozen=True)
class Table:
    """A titled table with a note on what it shows and under which filters."""

    title: str
    frame: pd.DataFrame
    note: str


def record_names(engine: Engine, t: Translator = ENGLISH) -> dict[str, dict]:
    """Actor names (with acronyms), part titles and article titles in `t`'s language, keyed by id or number."""
    with engine.connect() as conn:
        return {"actors": actor_labels(conn, t), "parts": part_titles(conn, t), "articles": article_titles(conn, t)}


def listed(values, t: Translator, style: str = "or") -> str:
    """`a, b or c` (style "or") or `a, b and c` ("standard") in the reader's language: `a, b o c`, `a, b y c`."""
    return format_list([str(v) for v in values], style=style, locale="en" if t.language == PSEUDO else t.language)


def filters_in_words(filters: Filters, actor_names: dict, t: Translator = ENGLISH) -> str:
    """`Items whose current status is Partial, Deferred or Not addressed; concerning Part III of the Convention.`"""
    said = []
    if filters.statuses:
        said.append(t.tr("whose current status is {statuses}",
                         statuses=listed((t.tr(STATUS_LABELS[s]) for s in filters.statuses), t)))
    if filters.parts:
        said.append(t.tr("concerning Part {parts} of the Convention", parts=listed(filters.parts, t)))
    if filters.articles:
        said.append(t.tr("concerning article {articles}", articles=listed(filters.articles, t)))
    if filters.mechanisms:
        said.append(t.tr("issued by {mechanisms}", mechanisms=listed((actor_names.get(m, m) for m in filters.mechanisms), t)))
    if filters.bodies:
        said.append(t.tr("whose replies name {bodies}", bodies=listed((actor_names.get(b, b) for b in filters.bodies), t)))
    if filters.confidences:
        said.append(t.tr("whose curated status is held with {confidences} confidence",
                         confidences=listed((t.tr(CONFIDENCE_LABELS[c]) for c in filters.confidences), t)))
    if filters.cycles:
        said.append(t.tr("of reporting cycle {cycles}", cycles=listed(filters.cycles, t)))
    for labels, said_as in ((filters.uhri_themes, N_("under the UHRI theme {labels}")),
                            (filters.sdgs, N_("linked to the SDG {labels}")),
                            (filters.affected_persons, N_("concerning, in the UHRI, {labels}"))):
        if labels:
            said.append(t.tr(said_as, labels=listed(labels, t)))
    if filters.year_from is not None or filters.year_to is not None:
        said.append(t.tr("put to the State in {first}–{last}", first=filters.year_from or "…", last=filters.year_to or "…"))
    if text := filters.text.strip():
        # A search that is one quoted phrase is shown inside the sentence's own quotes, not in two pairs.
        phrase = re.fullmatch(r'"([^"]+)"', text)
        said.append(t.tr("mentioning “{text}”", text=phrase.group(1) if phrase else text))
    return t.tr("Items {conditions}.", conditions="; ".join(said)) if said else t.tr("All items of the record.")


def part_label(part: str, titles: dict[str, str], t: Translator = ENGLISH) -> str:
    """`Part III: Human rights of all migrant workers…`, or the whole-Convention term for no part."""
    if part == t.tr(NO_PART):
        return t.tr(WHOLE_CONVENTION)
    return t.tr("Part {part}: {title}", part=part, title=titles.get(part, "")).rstrip(": ")


def coverage_tables(engine: Engine, filters: Filters, names: dict | None = None,
                    t: Translator = ENGLISH) -> list[Table]:
    """The coverage tables by part, article, year, mechanism and State body, rows with no item left out."""
    names = names or record_names(engine, t)
    stated = filters_in_words(filters, names["actors"], t)
    total = t.tr(TOTAL)
    tables = []
    for dimension, title in COVERAGE_TITLES.items():
        frame = coverage_table(engine, filters, dimension, t).rename_axis(columns=None)
        label = t.tr(DIMENSIONS[dimension])
        empty = frame.loc[frame[total] == 0, label].tolist()
        frame = frame[frame[total] > 0].reset_index(drop=True)
        notes = [t.tr("Items by current status."), stated]
        if dimension in SEVERAL:
            notes.append(t.tr(SEVERAL[dimension]))
        if dimension == "article":
            frame.insert(1, t.tr("Title"), frame[label].map(names["articles"]).fillna(""))
            notes.append(t.tr("{never} of the {count} articles were never asked about under these filters and are "
                              "left out.", never=t.number(ARTICLE_COUNT - len(frame)), count=t.number(ARTICLE_COUNT)))
        elif dimension == "part":
            frame[label] = frame[label].map(lambda part: part_label(part, names["parts"], t))
            if empty:  # coverage_table keeps every part; other dimensions list only values with items
                notes.append(t.tr("Parts with no item under these filters are left out: {parts}.",
                                  parts=", ".join(empty)))
        elif dimension in ("mechanism", "body"):
            # Named most often first, as the chart draws them; ties by name.
            frame[label] = frame[label].map(lambda actor: names["actors"].get(actor, actor))
            frame = frame.sort_values([total, label], ascending=[False, True], kind="stable").reset_index(drop=True)
        tables.append(Table(t.tr(title), frame, " ".join(notes)))
    return tables


def items_table(engine: Engine, filters: Filters, viewer_role: str | None = None, t: Translator = ENGLISH,
                names: dict | None = None) -> Table:
    """Every filtered item as a drafter cites it."""
    actors = (names or record_names(engine, t))["actors"]
    title = t.tr("Open items") if filters.is_open_only else t.tr("Items")
    note = t.tr("{filters} Citations give the document symbol and paragraph numbers (¶); the rationale is the "
                "curator's reason for the status.", filters=filters_in_words(filters, actors, t))
    return Table(title, item_rows(engine, filters, viewer_role, t=t), note)


def legend_table(t: Translator = ENGLISH) -> Table:
    """Each status and the whole-Convention term, with what it means."""
    rows = [(t.tr(STATUS_LABELS[status]), t.tr(means)) for status, means in STATUS_MEANS.items()]
    rows.append((t.tr(WHOLE_CONVENTION), t.tr(WHOLE_CONVENTION_MEANS)))
    return Table(t.tr("Legend"), pd.DataFrame(rows, columns=[t.tr("Term"), t.tr("Meaning")]),
                 f"{t.tr(OPEN_MEANS)} {t.tr(METHOD_NOTE)}")


def report_tables(engine: Engine, filters: Filters, viewer_role: str | None = None,
                  t: Translator = ENGLISH) -> list[Table]:
    """The legend, the coverage tables, then the items list: what every multi-table file holds."""
    names = record_names(engine, t)
    return [legend_table(t), *coverage_tables(engine, filters, names, t), items_table(engine, filters, viewer_role, t, names)]
