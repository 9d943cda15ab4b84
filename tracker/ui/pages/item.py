"""Item: one recommendation, its reply paragraphs side by side with the source text, and its history."""

from urllib.parse import quote

import streamlit as st

from tracker.drilldown import open_items_list
from tracker.filters import PARAMS
from tracker.i18n import N_, localized, marked_english
from tracker.item_nav import neighbours
from tracker.record import refs
from tracker.schema import CAN_ASSESS, STATUS_LABELS
from tracker.sources import cited_texts
from tracker.store import own_notes
from tracker.store.crud import HistoryFilter, history_frame
from tracker.ui import database, filters, identity, language, lineage
from tracker.ui.labels import (author_labeller, document_label, plain, plain_list, section_label, status_badge,
                                theme_label)

CONFIDENCE_NAMES = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
engine = database.engine()
t = language.current()
st.title(t.tr("Item"))
item = filters.chosen_item(t.tr("Item"), t.tr("Choose an item above, or open one from the Open items list."))
if item is None:
    st.stop()
item_id = item["id"]

# Previous and next within the list Open items shows for these filters (an empty status filter: the open ones).
listed = open_items_list(filters.current(), bool(st.session_state.get(PARAMS["statuses"])))
ids_listed = database.matching_ids(listed, database.version())
before, after, position = neighbours(ids_listed, item_id)


back_col, where_col, next_col = st.columns([1, 2, 1], vertical_alignment="center")
if before:
    back_col.button(t.tr("Previous: {item}", item=before), key="item-previous", on_click=filters.show_item,
                    args=(before,), icon=":material/arrow_back:", type="tertiary")
if after:
    next_col.button(t.tr("Next: {item}", item=after), key="item-next", on_click=filters.show_item,
                    args=(after,), icon=":material/arrow_forward:", type="tertiary")
where_col.caption(t.tr("Item {position} of {count} in the Open items list for these filters",
                       position=t.number(position), count=t.number(len(ids_listed))) if position else
                  t.tr("This item is not in the Open items list for these filters."))

settings = database.settings()
document = item["document"]
names = database.choices()["actor_names"]
topic = localized(item["topic"], item["translations"], t.language, "topic").text
st.header(plain(item_id))
unknown_topic = t.tr("Topic unknown: the reply does not show what was asked.")
st.markdown(f"**{plain(topic or unknown_topic)}**")
st.caption(t.tr("{mechanism} · {document} ¶ {paragraphs} · {year} · addressed to {addressee}",
                mechanism=plain(names.get(item["mechanism"], item["mechanism"])), document=document_label(document),
                paragraphs=plain(item["paragraphs"]), year=item["year"],
                addressee=plain(item["addressee_as_named"] or names.get(item["addressee"], item["addressee"]))))


def _confidence(value: str | None) -> str:
    return t.tr(CONFIDENCE_NAMES[value]) if value in CONFIDENCE_NAMES else t.tr("not recorded")


status_col, facts_col = st.columns([1, 2])
with status_col:
    st.markdown(t.tr("Current status  \n#### {status}", status=status_badge(item["status"])))
    if item["status"] != item["curated_status"]:
        st.caption(t.tr("Curated status: {status}", status=status_badge(item["curated_status"])))
    if item["needs_review"]:
        st.warning(plain(own_notes.in_language(item["review_reason"], t) or t.tr("Flagged for review.")))
    if identity.current_role() in CAN_ASSESS:
        st.page_link("tracker/ui/pages/assess.py", label=t.tr("Assess this item"), icon=":material/edit_note:",
                     query_params={"item": item_id})
with facts_col:
    titles = database.choices()["article_titles"]
    articles = ", ".join(f"{n} ({plain(titles.get(n, ''))})" for n in item["articles"]) or t.tr("none listed")
    st.markdown(t.tr("**Convention parts:** {parts}  \n**Articles:** {articles}  \n**Report section:** {section}  \n"
                     "**Themes:** {themes}", parts=plain_list(item["parts"], t.tr("none")), articles=articles,
                     section=section_label(item["section"]), themes=plain_list([theme_label(theme) for theme in item["themes"]])))
    for note in item["notes"]:  # the curators' notes are kept in English only
        st.info(plain(marked_english(note, t)), icon=":material/info:")


def _item_link(other: str) -> str:
    """A link to another item of the record: its id as text, the address quoted."""
    return f"[{plain(other)}](item?item={quote(other, safe='')})"


lineage.show(item)
if item["takes_up"] or item["taken_up_by"]:
    st.subheader(t.tr("Lineage"))
    for link in item["takes_up"]:
        st.markdown("- " + t.tr("takes up {item}: {note}", item=_item_link(link["takes_up_id"]),
                                note=plain(link["note"])))
    for link in item["taken_up_by"]:
        st.markdown("- " + t.tr("taken up by {item}: {note}", item=_item_link(link["recommendation_id"]),
                                note=plain(link["note"])))

st.subheader(t.tr("Replies"))
for response in item["responses"]:
    doc = response["document"]
    texts = {field: localized(response[field], response["translations"], t.language, field).text
             for field in ("summary", "rationale", "confidence_reason")}
    heading = t.tr("{document} ¶ {paragraphs} · {status} · confidence {confidence}", document=document_label(doc),
                   paragraphs=plain_list(response["paragraphs"]), status=status_badge(response["status"]),
                   confidence=_confidence(response["confidence"]))
    if response["relation"] == "related":
        heading = t.tr("{heading} · related", heading=heading)
    with st.container(border=True):
        st.markdown(f"**{heading}**")
        summary_col, source_col = st.columns(2)
        with summary_col:
            st.markdown(plain(texts["summary"] or ""))
            st.markdown(t.tr("**Rationale ({status}):** {rationale}", status=t.tr(STATUS_LABELS[response["status"]]),
                             rationale=plain(texts["rationale"] or "")))
            confidence = (t.tr("Confidence {confidence}: {reason}", confidence=_confidence(response["confidence"]),
                               reason=plain(texts["confidence_reason"])) if texts["confidence_reason"] else
                          t.tr("Confidence {confidence}", confidence=_confidence(response["confidence"])))
            if response["method"]:
                confidence = t.tr("{confidence} · assessment method {method}", confidence=confidence,
                                  method=response["method"])
            st.caption(confidence)
            if response["bodies"]:
                st.caption(t.tr("State bodies named: {bodies}", bodies=plain_list(response["body_names"])))
            if response["boundary"]:
                st.caption(t.tr("Boundary: {boundary}", boundary=plain(marked_english(response["boundary"], t))))
            for note in response["notes"]:
                st.caption(t.tr("Note: {note}", note=plain(marked_english(note, t))))
        with source_col:
            path = settings.sources_dir / doc["source_file"] if doc["source_file"] else None
            if path and settings.show_source_text and path.is_file():
                with st.container(height=320):
                    for label, text in cited_texts(path, refs(response["paragraphs"])):
                        st.markdown(f"**¶ {label}**")
                        st.text(text or t.tr("(not found in the source file)"))
            elif not response["paragraphs"]:
                st.caption(t.tr("No paragraph of this document bears on the item."))
            else:
                st.caption(t.tr("Source text not shown (the document is not among the sources, or showing it is "
                                "turned off with TRACKER_SHOW_SOURCE_TEXT). Check the paragraph numbers above."))

st.subheader(t.tr("History"))
history = history_frame(engine, HistoryFilter(item_id=item_id))
author = author_labeller(identity.current_role())
for event in history.itertuples():
    old = status_badge(event.old_status) if isinstance(event.old_status, str) else "—"
    st.markdown(f"**{t.datetime(event.at, settings.time_zone)}** · {plain(author(event.who))} · {old} → "
                f"{status_badge(event.new_status)}")
    st.text(own_notes.history_note(event.note, event.source, t))
