"""Coverage tables a reader understands: names, no empty rows under a filter, the whole-Convention term, legend."""

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from tracker.coverage import NO_PART
from tracker.filters import Filters
from tracker.reports import METHOD_NOTE, STATUS_MEANS, WHOLE_CONVENTION, legend_table, report_tables
from tracker.schema import STATUS_LABELS
from tracker.store.changes import new_generation

DOCS = Path(__file__).resolve().parents[2] / "docs" / "data-model.md"
TITLES = ["Legend", "Coverage by Convention part", "Coverage by article", "Coverage by year",
          "Coverage by issuing mechanism", "Coverage by State body named in the replies", "Items"]


def by_title(tables):
    return {table.title: table for table in tables}


def test_tables_in_order_with_filters_stated(engine, article_titles):
    filters = Filters(year_from=2010)
    tables = report_tables(engine, filters)
    assert [t.title for t in tables] == TITLES
    assert all("Items put to the State in 2010–…." in t.note for t in tables[1:])
    articles = by_title(tables)["Coverage by article"]
    assert articles.frame["Article"].tolist() == [16, 17]
    assert articles.frame["Title"].tolist() == [article_titles[16], article_titles[17]]
    assert "91 of the 93 articles were never asked about" in articles.note


@pytest.mark.parametrize("filters, parts, left_out", [
    (Filters(), ["Part III", "Part IV", "Part VI"], "I, II, V, VII, VIII, IX"),
    (Filters(parts=("III",)), ["Part III"], "I, II, IV, V, VI, VII, VIII, IX"),
    (Filters(statuses=("deferred",)), ["Part IV"], "I, II, III, V, VI, VII, VIII, IX"),
    (Filters(mechanisms=("SR-MIGRANTS",)), ["Part VI"], "I, II, III, IV, V, VII, VIII, IX"),
])
def test_no_all_zero_row_under_any_filter(engine, filters, parts, left_out):
    tables = by_title(report_tables(engine, filters))
    for title in TITLES[1:-1]:
        assert (tables[title].frame["Total"] > 0).all(), title
    labels = tables["Coverage by Convention part"].frame["Convention part"].tolist()
    assert [label.split(":")[0] for label in labels] == parts
    assert f"left out: {left_out}." in tables["Coverage by Convention part"].note


def test_items_with_no_part_are_called_the_convention_as_a_whole(engine):
    with engine.begin() as conn:  # R94 loses its article, so it concerns no single part
        conn.execute(text("DELETE FROM recommendation_part WHERE recommendation_id = 'R94'"))
        conn.execute(text("DELETE FROM recommendation_article WHERE recommendation_id = 'R94'"))
        new_generation(conn)  # written behind the tracker's back: say so, as a restore does, so indexes rebuild
    tables = report_tables(engine, Filters())
    parts = by_title(tables)["Coverage by Convention part"].frame.set_index("Convention part")
    assert parts.loc[WHOLE_CONVENTION, "Total"] == 1
    cells = [str(v) for t in tables for v in [*t.frame.columns, *t.frame.values.ravel()]]
    assert NO_PART not in cells
    legend = legend_table().frame.set_index("Term")
    assert "no particular article" in legend.loc[WHOLE_CONVENTION, "Meaning"]


def test_mechanisms_and_bodies_by_name(engine, actor_names):
    tables = by_title(report_tables(engine, Filters()))
    mechanisms = tables["Coverage by issuing mechanism"].frame["Issuing mechanism"].tolist()
    bodies = tables["Coverage by State body named in the replies"].frame["State body named in the replies"].tolist()
    assert set(mechanisms) == {actor_names["CMW"], actor_names["SR-MIGRANTS"]}
    assert set(bodies) == {actor_names["INM"], actor_names["CNDH"]}


def test_legend_says_what_docs_data_model_says():
    documented = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", DOCS.read_text(encoding="utf-8"), re.M))
    legend = legend_table()
    rows = dict(zip(legend.frame["Term"], legend.frame["Meaning"]))
    for status, label in STATUS_LABELS.items():
        assert rows[label] == STATUS_MEANS[status] == documented[status]
    assert "docs/assessment-method.md" in METHOD_NOTE and METHOD_NOTE in legend.note
    assert "except Addressed" in legend.note
