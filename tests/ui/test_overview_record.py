"""The Overview over the real curated record shows the counts the YAML holds."""

from collections import Counter

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tracker.schema import STATUS_LABELS
from tracker.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"


def yaml_counts():
    """Counts computed straight from the YAML, independently of the tracker's code."""
    load = lambda name: yaml.safe_load((DATA / name).read_text(encoding="utf-8"))  # noqa: E731
    part_of = {a["number"]: a["part"] for a in load("convention.yaml")["articles"]}
    years = {d["id"]: d["year"] for d in load("documents.yaml")}
    responses = load("responses.yaml")
    statuses, parts = Counter(), Counter()
    for rec in load("recommendations.yaml"):
        mine = [r for r in responses if r["recommendation"] == rec["id"]]
        replies = [r for r in mine if r["relation"] == "reply"] or mine
        status = max(replies, key=lambda r: (years[r["document"]], r["id"]))["status"]
        statuses[status] += 1
        rec_parts = {part_of[n] for n in rec.get("articles", [])}
        section = rec.get("section") or ""
        if not rec_parts and section.startswith("part-"):
            rec_parts = {section.removeprefix("part-")}
        for part in {f"Part {p}" for p in rec_parts} or {"Convention as a whole"}:  # as the page's table names them
            parts[part, status] += 1
    return statuses, parts


@pytest.fixture
def overview(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'real.db'}")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(DATA))
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception
    return app


def test_overview_counts_per_status_and_part_match_the_yaml(overview):
    statuses, parts = yaml_counts()
    metrics = {m.label: int(m.value) for m in overview.metric}
    assert metrics["Items"] == sum(statuses.values())
    for status, label in STATUS_LABELS.items():
        shown = next(value for name, value in metrics.items() if name.endswith(label))
        assert shown == statuses[status], status
    table = overview.dataframe[0].value.set_index("Convention part")
    for (part, status), count in parts.items():
        assert table.loc[part, STATUS_LABELS[status]] == count, (part, status)
    assert table.drop(columns="Total").to_numpy().sum() == sum(parts.values())


def test_the_item_page_shows_the_cited_paragraphs_from_the_source(overview):
    from tracker.settings import load_settings

    if not load_settings().sources_dir.is_dir():
        pytest.skip("source documents not found; set TRACKER_SOURCES_DIR")
    overview.query_params["item"] = "CMW-2016-Q23"
    overview.switch_page("tracker/ui/pages/item.py").run()
    assert not overview.exception, overview.exception
    shown = "\n".join(text.value for text in overview.text)
    assert "The Constitution and labour legislation guarantee non-discrimination" in shown  # ¶ 140
    assert "Office of the Advocate for Workers is responsible for protecting" in shown  # ¶ 144
    labels = [m.value for m in overview.markdown]
    assert "**¶ 140**" in labels and "**¶ 145**" in labels and "**¶ 146**" not in labels


RESPONSES = {r["id"]: r for r in yaml.safe_load((DATA / "responses.yaml").read_text(encoding="utf-8"))}
# one reply per confidence level present in the record
ONE_PER_CONFIDENCE = sorted({r["confidence"]: r["id"] for r in RESPONSES.values()
                             if r["recommendation"].startswith("CMW")}.values())


@pytest.mark.parametrize("response_id", ONE_PER_CONFIDENCE)
def test_the_item_page_shows_rationale_and_confidence_next_to_the_status(overview, response_id):
    from tracker.ui.labels import plain  # the page escapes Markdown in curated text; compare like with like

    response = RESPONSES[response_id]
    overview.query_params["item"] = response["recommendation"]
    overview.switch_page("tracker/ui/pages/item.py").run()
    assert not overview.exception, overview.exception
    markdown = "\n".join(m.value for m in overview.markdown)
    captions = "\n".join(c.value for c in overview.caption)
    assert f"confidence {response['confidence']}" in markdown  # in the heading, with the status
    assert plain(response["rationale"]) in markdown
    if response.get("confidence_reason"):
        assert plain(response["confidence_reason"]) in captions
    assert f"assessment method {response['method']}" in captions


def test_the_headline_counts_the_open_items_of_the_yaml(overview):
    statuses, _ = yaml_counts()
    metrics = {m.label: m.value for m in overview.metric}
    still_open = sum(count for status, count in statuses.items() if status != "addressed")
    assert int(metrics["Still open"]) == still_open
    share = f"{round(100 * still_open / sum(statuses.values()))}%"
    assert any(c.value.startswith(f"{share} of {sum(statuses.values())}") for c in overview.caption)
    assert int(next(value for label, value in metrics.items() if label.startswith("Changed since"))) == 0


@pytest.mark.parametrize("status", list(STATUS_LABELS), ids=list(STATUS_LABELS))
def test_a_status_count_opens_open_items_with_that_status(overview, status):
    statuses, _ = yaml_counts()
    overview.button(key=f"go-{status}").click().run()
    assert not overview.exception, overview.exception
    assert [t.value for t in overview.title] == ["Open items"]
    assert overview.multiselect(key="status").value == [status]
    assert len(overview.dataframe[0].value) == statuses[status]


def test_a_click_keeps_the_other_filters(overview):
    overview.multiselect(key="part").set_value(["III"]).run()
    overview.button(key="go-open").click().run()
    assert [t.value for t in overview.title] == ["Open items"]
    assert overview.multiselect(key="part").value == ["III"]
    shown = overview.dataframe[0].value
    assert set(shown["status"]) <= {"Partial", "Deferred", "Not addressed"}
    _, parts = yaml_counts()
    assert len(shown) == sum(count for (part, status), count in parts.items()
                             if part == "Part III" and status != "addressed")


def test_previous_and_next_walk_the_open_items_list(overview):
    """From the first open item, Next visits every item Open items lists, in its order, and stops at the last."""
    statuses, _ = yaml_counts()
    overview.switch_page("tracker/ui/pages/open_items.py").run()
    listed = [link.split("=", 1)[1] for link in overview.dataframe[0].value["link"]]
    overview.query_params["item"] = listed[0]
    overview.switch_page("tracker/ui/pages/item.py").run()
    walked = []
    while True:
        assert not overview.exception, overview.exception
        walked.append(overview.selectbox(key="item").value)
        assert f"Item {len(walked)} of {len(listed)} in the Open items list" in overview.caption[0].value
        if not any(button.key == "item-next" for button in overview.button):
            break
        overview.button(key="item-next").click().run()
    assert walked == listed and len(listed) == sum(n for s, n in statuses.items() if s != "addressed")
    overview.button(key="item-previous").click().run()
    assert overview.selectbox(key="item").value == listed[-2]
