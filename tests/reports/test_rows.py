"""Item rows a drafter pastes: citations, names not ids, rationale, confidence when present, latest assessment."""

import pytest
from sqlalchemy import text

from tracker.filters import Filters
from tracker.reports import ITEM_COLUMNS, citation, item_rows, who_shown
from tracker.reports.rows import MONITOR_WORD

from tests.reports.conftest import load, set_column

MONITOR = "alice.monitor@example.org"


def rows_by_item(engine, filters=Filters(), **kwargs):
    return item_rows(engine, filters, **kwargs).set_index("Tracker item")


@pytest.mark.parametrize("symbol, title, paragraphs, expected", [
    ("CMW/C/MEX/QPR/3", "List of issues", "13", "CMW/C/MEX/QPR/3 ¶ 13"),
    ("CMW/C/MEX/3", "Report", "92–95", "CMW/C/MEX/3 ¶ 92–95"),
    (None, "General Assembly resolution 54/166", "4", "General Assembly resolution 54/166 ¶ 4"),
    (float("nan"), "General Assembly resolution 54/166", "1, 3", "General Assembly resolution 54/166 ¶ 1, 3"),
    ("", "Untitled symbol", "2(a)", "Untitled symbol ¶ 2(a)"),
    ("A/HRC/11/7/Add.2", "Mission", "", "A/HRC/11/7/Add.2 ¶ —"),
])
def test_citation(symbol, title, paragraphs, expected):
    assert citation(symbol, title, paragraphs) == expected


def test_rows_cite_the_un_documents_and_name_every_actor(engine, actor_names, article_titles):
    assert list(item_rows(engine, Filters()).columns) == list(ITEM_COLUMNS)
    rows = rows_by_item(engine)
    documents = {doc["id"]: doc for doc in load("documents.yaml")}
    responses = {r["recommendation"]: r for r in load("responses.yaml")}
    for rec in load("recommendations.yaml"):
        row, reply = rows.loc[rec["id"]], responses[rec["id"]]
        assert row["Citation"] == f"{documents[rec['document']]['symbol']} ¶ {rec['paragraphs'][0]}"
        assert row["Issued by"] == actor_names[rec["mechanism"]]
        assert row["Year"] == rec["year"]
        assert row["Articles"] == "; ".join(f"{n} ({article_titles[n]})" for n in sorted(rec.get("articles") or []))
        assert row["State bodies"] == "; ".join(sorted(actor_names[b] for b in reply.get("bodies") or []))
        assert row["Rationale"] == reply["rationale"]
        assert (row["Confidence"], row["Why this confidence"]) == (reply["confidence"],
                                                                   reply.get("confidence_reason") or "")
    assert rows.loc["Q1", "Reply"] == "CMW/C/TST/1 ¶ 1–5"
    assert rows.loc["R94", "Reply"] == "CMW/C/TST/1 ¶ — (related)"
    assert rows.loc["Q1", "Status"] == "Partial" and rows.loc["Q2", "Status"] == "Deferred"
    assert rows.loc["Q2", "Topic"].startswith("Unknown")
    # No actor id (slug) stands as a value where a name belongs.
    named = [name for cell in rows[["Issued by", "State bodies"]].values.ravel() for name in cell.split("; ") if name]
    assert named and not set(named) & set(actor_names)


def test_latest_monitor_assessment_with_a_role_word_for_who(engine, assess):
    assess("Q1", "addressed", "First reading: CMW/C/TST/1 ¶ 1–5 covers it.", MONITOR)
    assess("Q1", "partial", "Second reading: no outcome data in ¶ 3.", MONITOR)
    rows = rows_by_item(engine)
    assert rows.loc["Q1", "Assessment note"] == "Second reading: no outcome data in ¶ 3."
    assert rows.loc["Q1", "Assessed by"] == MONITOR_WORD == who_shown(MONITOR, "viewer")
    with engine.connect() as conn:
        saved_on = conn.execute(text("SELECT max(at) FROM assessment_event WHERE source = 'monitor'")).scalar_one()
    assert str(rows.loc["Q1", "Last assessed"]) == str(saved_on)[:10]
    assert rows.loc["Q2", "Last assessed"] is None and rows.loc["Q2", "Assessed by"] == ""
    assert MONITOR not in rows.to_csv() and "alice" not in rows.to_csv()


@pytest.mark.parametrize("filters, limit, expected", [
    (Filters(), None, ["Q1", "Q2", "R94"]),
    (Filters(), 2, ["Q1", "Q2"]),
    (Filters(statuses=("deferred", "not_addressed")), None, ["Q2", "R94"]),
    (Filters(parts=("III",)), None, ["Q1"]),
    (Filters(text="detention"), 5, ["Q1"]),
    (Filters(statuses=("addressed",)), None, []),
])
def test_rows_follow_the_filters(engine, filters, limit, expected):
    rows = item_rows(engine, filters, limit=limit)
    assert rows["Tracker item"].tolist() == expected
    assert not rows.empty or list(rows.columns)[0] == "Citation"


def test_a_document_without_symbol_is_cited_by_its_title(engine):
    set_column(engine, "document", "symbol", None, "id", "QPR")
    set_column(engine, "document", "symbol", None, "id", "REPORT")
    rows = rows_by_item(engine)
    assert rows.loc["Q1", "Citation"] == "List of issues (test) ¶ 1"
    assert rows.loc["Q1", "Reply"] == "Report (test) ¶ 1–5"
    assert not [cell for cell in map(str, rows.values.ravel()) if cell.lower().startswith("nan")]
