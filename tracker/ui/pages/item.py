"""Item: one recommendation, its reply paragraphs side by side with the source text, and its history."""

from urllib.parse import quote

import streamlit as st

from tracker.record import refs
from tracker.schema import CAN_ASSESS, STATUS_LABELS
from tracker.sources import cited_texts
from tracker.store.crud import HistoryFilter, history_frame
from tracker.ui import database, filters, identity, lineage
from tracker.ui.labels import author_labeller, document_label, plain, plain_list, section_label, status_badge

engine = database.engine()
st.title("Item")
item = filters.chosen_item("Item", "Choose an item above, or open one from the Open items list.")
if item is None:
    st.stop()
item_id = item["id"]

settings = database.settings()
document = item["document"]
st.header(plain(item_id))
st.markdown(f"**{plain(item['topic'] or 'Topic unknown: the reply does not show what was asked.')}**")
names = database.choices()["actor_names"]
st.caption(f"{plain(names.get(item['mechanism'], item['mechanism']))} · {document_label(document)} "
           f"¶ {plain(item['paragraphs'])} · {item['year']} · addressed to "
           f"{plain(item['addressee_as_named'] or names.get(item['addressee'], item['addressee']))}")

status_col, facts_col = st.columns([1, 2])
with status_col:
    st.markdown(f"Current status  \n#### {status_badge(item['status'])}")
    if item["status"] != item["curated_status"]:
        st.caption(f"Curated status: {status_badge(item['curated_status'])}")
    if item["needs_review"]:
        st.warning(plain(item["review_reason"] or "Flagged for review."))
    if identity.current_role() in CAN_ASSESS:
        st.page_link("tracker/ui/pages/assess.py", label="Assess this item", icon=":material/edit_note:",
                     query_params={"item": item_id})
with facts_col:
    titles = database.choices()["article_titles"]
    articles = ", ".join(f"{n} ({plain(titles.get(n, ''))})" for n in item["articles"]) or "none listed"
    st.markdown(f"**Convention parts:** {plain_list(item['parts'], 'none')}  \n"
                f"**Articles:** {articles}  \n"
                f"**Report section:** {section_label(item['section'])}  \n"
                f"**Themes:** {plain_list(item['themes'])}")
    for note in item["notes"]:
        st.info(plain(note), icon=":material/info:")



def _item_link(other: str) -> str:
    """A link to another item of the record: its id as text, the address quoted."""
    return f"[{plain(other)}](item?item={quote(other, safe='')})"


lineage.show(item)
if item["takes_up"] or item["taken_up_by"]:
    st.subheader("Lineage")
    for link in item["takes_up"]:
        st.markdown(f"- takes up {_item_link(link['takes_up_id'])}: {plain(link['note'])}")
    for link in item["taken_up_by"]:
        st.markdown(f"- taken up by {_item_link(link['recommendation_id'])}: {plain(link['note'])}")

st.subheader("Replies")
for response in item["responses"]:
    doc = response["document"]
    heading = (f"{document_label(doc)} ¶ {plain_list(response['paragraphs'])} · "
               f"{status_badge(response['status'])} · confidence {response['confidence'] or 'not recorded'}"
               + (" · related" if response["relation"] == "related" else ""))
    with st.container(border=True):
        st.markdown(f"**{heading}**")
        summary_col, source_col = st.columns(2)
        with summary_col:
            st.markdown(plain(response["summary"]))
            st.markdown(f"**Why {STATUS_LABELS[response['status']].lower()}:** {plain(response['rationale'])}")
            st.caption(f"Confidence {response['confidence'] or 'not recorded'}"
                       + (f": {plain(response['confidence_reason'])}" if response["confidence_reason"] else "")
                       + (f" · assessment method {response['method']}" if response["method"] else ""))
            if response["bodies"]:
                st.caption("State bodies named: " + plain_list(response["bodies"]))
            if response["boundary"]:
                st.caption(f"Boundary: {plain(response['boundary'])}")
            for note in response["notes"]:
                st.caption(f"Note: {plain(note)}")
        with source_col:
            path = settings.sources_dir / doc["source_file"] if doc["source_file"] else None
            if path and settings.show_source_text and path.is_file():
                with st.container(height=320):
                    for label, text in cited_texts(path, refs(response["paragraphs"])):
                        st.markdown(f"**¶ {label}**")
                        st.text(text or "(not found in the source file)")
            elif not response["paragraphs"]:
                st.caption("No paragraph of this document bears on the item.")
            else:
                st.caption("Source text not shown (the document is not among the sources, or showing it is "
                           "turned off with TRACKER_SHOW_SOURCE_TEXT). Check the paragraph numbers above.")

st.subheader("History")
history = history_frame(engine, HistoryFilter(item_id=item_id))
author = author_labeller(identity.current_role())
for event in history.itertuples():
    old = status_badge(event.old_status) if isinstance(event.old_status, str) else "—"
    st.markdown(f"**{event.at:%Y-%m-%d %H:%M}** · {plain(author(event.who))} · {old} → "
                f"{status_badge(event.new_status)}")
    st.text(event.note)
