"""The printable briefing: one page per item with citation, topic, reply, cited text, status, rationale, history."""

from io import BytesIO

import docx
from docx.oxml.ns import qn

from tracker.filters import Filters
from tracker.reports import briefing
from tracker.schema import OPEN_STATUSES
from tests.reports.conftest import set_column

MONITOR = "carol.monitor@example.org"


def read(data: bytes):
    document = docx.Document(BytesIO(data))
    return document, [p.text for p in document.paragraphs]


def page_breaks(document) -> int:
    return sum(1 for br in document.element.body.iter(qn("w:br")) if br.get(qn("w:type")) == "page")


def test_one_page_per_item_with_what_a_reviewer_needs(engine, assess):
    assess("Q2", "not_addressed", "The later report says nothing either (CMW/C/TST/1).", MONITOR)
    document, paragraphs = read(briefing(engine, Filters(statuses=OPEN_STATUSES), "Reviewers", None))
    assert paragraphs[0] == "Mexico: briefing on 3 items"
    assert page_breaks(document) == 2
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["CMW/C/TST/QPR/1 ¶ 1", "CMW/C/TST/QPR/1 ¶ 2", "A/HRC/0/0 ¶ 94"]
    assert "Detention conditions" in paragraphs and "Describes detention standards." in paragraphs
    assert "Reply: CMW/C/TST/1 ¶ 1–5" in paragraphs and "Reply: CMW/C/TST/1 ¶ — (related)" in paragraphs
    assert ("Why partial: Describes the detention standards (1-5) but gives no data on outcomes.  (confidence: "
            "medium. The question's own text is not in the record.)") in paragraphs
    assert any(p.startswith("Status: Partial") and "Committee on Migrant Workers" in p for p in paragraphs)
    assert any(p.endswith("the curated record: Deferred. Curated status loaded from data/responses.yaml")
               for p in paragraphs)
    assert any(p.endswith("a monitor: Deferred → Not addressed. The later report says nothing either (CMW/C/TST/1).")
               for p in paragraphs)
    assert MONITOR not in " ".join(paragraphs)
    assert any("text is not shown" in p for p in paragraphs)


def test_cited_paragraphs_are_quoted_from_the_source(engine, tmp_path):
    (tmp_path / "report.txt").write_text("1. First paragraph.\n2. Second paragraph.\n3. Third.\n4. Fourth.\n"
                                         "5. Fifth paragraph text.\n6. Sixth, the deferral.\n", encoding="utf-8")
    set_column(engine, "document", "source_file", "report.txt", "id", "REPORT")
    _, paragraphs = read(briefing(engine, Filters(parts=("III",)), "Reviewers", tmp_path))
    assert "¶ 1  First paragraph." in paragraphs and "¶ 5  Fifth paragraph text." in paragraphs
    assert "¶ 6  Sixth, the deferral." not in paragraphs


def test_an_empty_selection_gives_a_title_page_only(engine):
    document, paragraphs = read(briefing(engine, Filters(statuses=("addressed",)), "Reviewers", None))
    assert paragraphs[0] == "Mexico: briefing on 0 items" and page_breaks(document) == 0
