"""The printable briefing for a reviewers' meeting: one page per filtered item, with the cited text."""

from datetime import date
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.shared import Pt

from tracker.coverage import ENGLISH
from tracker.filters import Filters
from tracker.i18n import Translator
from tracker.record import refs
from tracker.reports.rows import citation, who_shown
from tracker.reports.tables import filters_in_words, record_names
from tracker.reports.word import prepared_on, state_name
from tracker.reports.word_parts import author_in, new_document, saved, text
from tracker.schema import CONFIDENCE_LABELS, STATUS_LABELS
from tracker.sources import cited_texts
from tracker.store.crud import HistoryFilter, history_frame
from tracker.store.queries import item_detail, item_ids
from tracker.store import own_notes
from tracker.store.own_notes import CURATION

BRIEFING_MAX_ITEMS = 200


def briefing(engine, filters: Filters, author: str, sources_dir: Path | None, viewer_role: str | None = None,
             today: date | None = None, t: Translator = ENGLISH) -> bytes:
    """A Word briefing of the filtered items, the first BRIEFING_MAX_ITEMS; `sources_dir` None hides source text."""
    author = author_in(author, t)
    names = record_names(engine, t)
    ids = item_ids(engine, filters)  # in the order of the items table
    title = t.tr_n("{state}: briefing on {count} item", "{state}: briefing on {count} items", len(ids),
                   state=state_name(engine, t))
    scope = filters_in_words(filters, names["actors"], t)
    doc = new_document(title, author, subject=scope, language=t.language)
    doc.add_heading(text(title), level=0)
    doc.add_paragraph(text(t.tr("{scope} Prepared on {date} by {author}. One page per item: the request, the reply "
                                "and the text of the paragraphs it cites, the status and why, and the history.",
                                scope=scope, date=prepared_on(today, t), author=author)))
    if len(ids) > BRIEFING_MAX_ITEMS:
        doc.add_paragraph(t.tr("This briefing holds the first {shown} of {count} items; narrow the filters for the "
                               "rest.", shown=t.number(BRIEFING_MAX_ITEMS), count=t.number(len(ids))))
    for number, item_id in enumerate(ids[:BRIEFING_MAX_ITEMS]):
        if number:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        _item_page(doc, engine, item_detail(engine, item_id, t.language), names, sources_dir, viewer_role, t)
    return saved(doc)


def _item_page(doc, engine, item: dict, names: dict, sources_dir: Path | None, viewer_role: str | None,
               t: Translator) -> None:
    document = item["document"]
    doc.add_heading(text(citation(document["symbol"], document["title"], item["paragraphs"])), level=1)
    doc.add_paragraph(text(item["topic"] or t.tr("Topic unknown: the reply does not show what was asked.")))
    articles = "; ".join(f"{n} ({title})" for n, title in item["article_titles"].items()) or t.tr("none listed")
    facts = doc.add_paragraph()
    facts.add_run(t.tr("Status: {status}", status=t.tr(STATUS_LABELS[item["status"]]))).bold = True
    facts.add_run(text("  ·  " + t.tr("Issued by {mechanism}, {year}", mechanism=item["mechanism_name"],
                                      year=item["year"]) + "  ·  " + t.tr("Articles: {articles}", articles=articles)))
    for response in item["responses"]:
        doc_ = response["document"]
        heading = citation(doc_["symbol"], doc_["title"], ", ".join(response["paragraphs"]))
        doc.add_heading(text(t.tr("Reply: {cited} (related)", cited=heading) if response["relation"] == "related"
                             else t.tr("Reply: {cited}", cited=heading)), level=2)
        doc.add_paragraph(text(response["summary"]))
        why = doc.add_paragraph()
        why.add_run(t.tr("Why {status}:", status=t.tr(STATUS_LABELS[response["status"]]).lower()) + " ").bold = True
        why.add_run(text(response["rationale"]))
        if response["confidence"]:
            level = t.tr(CONFIDENCE_LABELS[response["confidence"]])
            why.add_run(text("  " + (t.tr("(confidence: {level}. {reason})", level=level,
                                          reason=response["confidence_reason"]) if response["confidence_reason"]
                                     else t.tr("(confidence: {level})", level=level))))
        if response["body_names"]:
            doc.add_paragraph(text(t.tr("State bodies named: {bodies}", bodies="; ".join(response["body_names"]))))
        _cited(doc, sources_dir, doc_["source_file"], response["paragraphs"], t)
    _history(doc, engine, item["id"], viewer_role, t)


def _cited(doc, sources_dir: Path | None, source_file: str | None, paragraphs: list[str], t: Translator) -> None:
    path = sources_dir / source_file if sources_dir and source_file else None
    if not paragraphs:
        return
    if path is None or not path.is_file():
        doc.add_paragraph(t.tr("The cited paragraphs' text is not shown: the document is not among the sources, or "
                               "showing source text is turned off.")).runs[0].italic = True
        return
    for label, quoted in cited_texts(path, refs(paragraphs)):
        paragraph = doc.add_paragraph(style="Quote")
        paragraph.add_run(f"¶ {label}  ").bold = True
        paragraph.add_run(text(quoted or t.tr("(not found in the source file)"))).font.size = Pt(9)


def _history(doc, engine, item_id: str, viewer_role: str | None, t: Translator) -> None:
    doc.add_heading(t.tr("History"), level=2)
    for event in history_frame(engine, HistoryFilter(item_id=item_id)).iloc[::-1].itertuples():
        change = t.tr(STATUS_LABELS[event.new_status])
        if isinstance(event.old_status, str):
            change = t.tr("{old} → {new}", old=t.tr(STATUS_LABELS[event.old_status]), new=change)
        who = t.tr("the curated record") if event.source == CURATION else who_shown(event.who, viewer_role, t)
        note = own_notes.history_note(event.note, event.source, t)
        doc.add_paragraph(text(t.tr("{date}, {who}: {change}. {note}", date=t.date(event.at, "medium"), who=who,
                                    change=change, note=note)), style="List Bullet")
