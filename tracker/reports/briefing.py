"""The printable briefing for a reviewers' meeting: one page per filtered item, with the cited text."""

from datetime import date
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.shared import Pt

from tracker.filters import Filters
from tracker.record import refs
from tracker.reports.rows import citation, who_shown
from tracker.reports.tables import record_names
from tracker.reports.word import filters_in_words, prepared_on, state_name
from tracker.reports.word_parts import new_document, saved, text
from tracker.schema import STATUS_LABELS
from tracker.sources import cited_texts
from tracker.store.crud import HistoryFilter, history_frame
from tracker.store.queries import item_detail, item_ids
from tracker.store.sync import CURATION

BRIEFING_MAX_ITEMS = 200


def briefing(engine, filters: Filters, author: str, sources_dir: Path | None, viewer_role: str | None = None,
             today: date | None = None) -> bytes:
    """A Word briefing of the filtered items, the first BRIEFING_MAX_ITEMS; `sources_dir` None hides source text."""
    names = record_names(engine)
    ids = item_ids(engine, filters)  # in the order of the items table
    title = f"{state_name(engine)}: briefing on {len(ids)} item{'s' if len(ids) != 1 else ''}"
    doc = new_document(title, author, subject=filters_in_words(filters, names["actors"]))
    doc.add_heading(text(title), level=0)
    doc.add_paragraph(text(f"{filters_in_words(filters, names['actors'])} Prepared on {prepared_on(today)} by "
                           f"{author}. One page per item: the request, the reply and the text of the paragraphs "
                           "it cites, the status and why, and the history."))
    if len(ids) > BRIEFING_MAX_ITEMS:
        doc.add_paragraph(f"This briefing holds the first {BRIEFING_MAX_ITEMS} of {len(ids)} items; narrow the "
                          "filters for the rest.")
    for number, item_id in enumerate(ids[:BRIEFING_MAX_ITEMS]):
        if number:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        _item_page(doc, engine, item_detail(engine, item_id), names, sources_dir, viewer_role)
    return saved(doc)


def _item_page(doc, engine, item: dict, names: dict, sources_dir: Path | None, viewer_role: str | None) -> None:
    document = item["document"]
    doc.add_heading(text(citation(document["symbol"], document["title"], item["paragraphs"])), level=1)
    doc.add_paragraph(text(item["topic"] or "Topic unknown: the reply does not show what was asked."))
    articles = "; ".join(f"{n} ({names['articles'].get(n, '')})" for n in item["articles"]) or "none listed"
    facts = doc.add_paragraph()
    facts.add_run(f"Status: {STATUS_LABELS[item['status']]}").bold = True
    facts.add_run(text(f"  ·  Issued by {names['actors'].get(item['mechanism'], item['mechanism'])}, "
                       f"{item['year']}  ·  Articles: {articles}"))
    for response in item["responses"]:
        doc_ = response["document"]
        heading = citation(doc_["symbol"], doc_["title"], ", ".join(response["paragraphs"]))
        doc.add_heading(text(f"Reply: {heading}" + (" (related)" if response["relation"] == "related" else "")),
                        level=2)
        doc.add_paragraph(text(response["summary"]))
        why = doc.add_paragraph()
        why.add_run(f"Why {STATUS_LABELS[response['status']].lower()}: ").bold = True
        why.add_run(text(response["rationale"]))
        if response["confidence"]:
            why.add_run(text(f"  (confidence: {response['confidence']}"
                             + (f"; {response['confidence_reason']}" if response["confidence_reason"] else "") + ")"))
        if response["bodies"]:
            doc.add_paragraph(text("State bodies named: " + "; ".join(names["actors"].get(b, b)
                                                                       for b in response["bodies"])))
        _cited(doc, sources_dir, doc_["source_file"], response["paragraphs"])
    _history(doc, engine, item["id"], viewer_role)


def _cited(doc, sources_dir: Path | None, source_file: str | None, paragraphs: list[str]) -> None:
    path = sources_dir / source_file if sources_dir and source_file else None
    if not paragraphs:
        return
    if path is None or not path.is_file():
        doc.add_paragraph("The cited paragraphs' text is not shown: the document is not among the sources, or "
                          "showing source text is turned off.").runs[0].italic = True
        return
    for label, quoted in cited_texts(path, refs(paragraphs)):
        paragraph = doc.add_paragraph(style="Quote")
        paragraph.add_run(f"¶ {label}  ").bold = True
        paragraph.add_run(text(quoted or "(not found in the source file)")).font.size = Pt(9)


def _history(doc, engine, item_id: str, viewer_role: str | None) -> None:
    doc.add_heading("History", level=2)
    for event in history_frame(engine, HistoryFilter(item_id=item_id)).iloc[::-1].itertuples():
        change = STATUS_LABELS[event.new_status]
        if isinstance(event.old_status, str):
            change = f"{STATUS_LABELS[event.old_status]} → {change}"
        who = "the curated record" if event.source == CURATION else who_shown(event.who, viewer_role)
        doc.add_paragraph(text(f"{event.at:%Y-%m-%d}, {who}: {change}. {event.note}"), style="List Bullet")
