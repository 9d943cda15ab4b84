"""On the Item page: the reporting cycle of the item's document, and each earlier item it takes up shown side by
side with it, so a 2025 recommendation is read against the 2017 question it follows up."""

import streamlit as st

from tracker.i18n import N_, localized
from tracker.store.queries import item_detail
from tracker.ui import database, language
from tracker.ui.labels import document_label, plain, status_badge

STAGE_LABELS = {"list-of-issues": N_("list of issues"), "state-report": N_("State report"),
                "dialogue": N_("dialogue"), "concluding-observations": N_("concluding observations"),
                "follow-up": N_("follow-up")}
_UNKNOWN_TOPIC = N_("Topic unknown: the reply does not show what was asked.")


def cycle_caption(t, document) -> str | None:
    """Where the document stands in its reporting cycle, in words; None outside any cycle."""
    if document["cycle_number"] is None:
        return None
    names = database.choices()["actor_names"]
    return t.tr("Reporting cycle: {mechanism}, cycle {number} · {stage}",
                mechanism=plain(names.get(document["cycle_mechanism"], document["cycle_mechanism"])),
                number=document["cycle_number"], stage=t.tr(STAGE_LABELS[document["cycle_stage"]]))


def _column(t, column, heading: str, item: dict) -> None:
    document = item["document"]
    topic = localized(item["topic"], item["translations"], t.language, "topic").text
    column.markdown(f"**{heading}**")
    column.markdown(f"{plain(item['id'])} · {document_label(document)} ¶ {plain(item['paragraphs'])} · {item['year']}")
    column.markdown(plain(topic) if topic else t.tr(_UNKNOWN_TOPIC))
    column.caption(status_badge(item["status"]))
    caption = cycle_caption(t, document)
    if caption:
        column.caption(caption)


def show(item: dict) -> None:
    """The item's cycle, and each item it takes up beside it (the Lineage section below gives the curators' note)."""
    t = language.current()
    caption = cycle_caption(t, item["document"])
    if caption:
        st.caption(caption)
    for link in item["takes_up"]:
        earlier = item_detail(database.engine(), link["takes_up_id"])
        if earlier is None:
            continue
        with st.container(border=True):
            left, right = st.columns(2)
            _column(t, left, t.tr("Earlier: what it takes up"), earlier)
            _column(t, right, t.tr("This item"), item)
