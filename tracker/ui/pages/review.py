"""Review: an administrator accepts, corrects or rejects imported proposals, each beside its source text."""

import pandas as pd
import streamlit as st

from tracker import imports
from tracker.i18n import N_
from tracker.schema import STATUSES
from tracker.ui import database, identity, language
from tracker.ui.labels import status_label

DECISIONS = {"pending": N_("pending"), "accepted": N_("accepted"), "rejected": N_("rejected")}
FIELD_LABELS = {"themes": N_("Themes"), "sdgs": N_("SDGs"), "affected_persons": N_("Affected persons")}
engine, t = database.engine(), language.current()
settings = database.settings()
me = identity.current_person()
st.title(t.tr("Review"))
files = imports.queue_files(settings.data_dir)
if not files:
    st.info(t.tr("Nothing to review. `tracker import-reply` and `tracker import-uhri` put proposals in "
                 "data/proposed/."))
    st.stop()

for key, show in (("review-error", st.error), ("review-done", st.success)):
    if message := st.session_state.pop(key, None):
        show(message)

queue_file = st.selectbox(t.tr("Queue"), files, format_func=lambda path: path.name)
queue = imports.read_queue(queue_file)
for problem in queue.get("problems") or []:
    st.warning(problem)


def _decide(key, accept: bool, correction=imports.Correction()) -> bool:
    try:
        st.session_state["review-done"] = imports.decide(engine, settings.data_dir, me, queue_file, key, accept,
                                                         correction).in_language(t)
    except imports.AcceptRefused as refused:
        st.error(t.tr("Not saved: {reason}", reason=refused.in_language(t)))  # the form keeps what was typed
        return False
    return True


def _decision(proposal: dict) -> str:
    """A proposal's decision in the reader's words."""
    decision = proposal.get("decision", "pending")
    return t.tr(DECISIONS[decision]) if decision in DECISIONS else decision


def _replies() -> None:
    proposals = queue.get("proposals") or []
    st.caption(t.tr("{source}, replying to {document}", source=queue["source"], document=queue["replies_to"]))
    st.dataframe(pd.DataFrame([{
        t.tr("Question"): p["question"], t.tr("Paragraphs"): f"{p['first']}–{p['last']}",
        t.tr("Deferred"): p["deferred"], t.tr("Confidence"): p["confidence"], t.tr("Cut at"): p["evidence"],
        t.tr("Decision"): _decision(p)} for p in proposals]), hide_index=True)
    proposal = st.selectbox(t.tr("Proposal"), proposals, format_func=lambda p: t.tr(
        "Question {number} ({decision})", number=p["question"], decision=_decision(p)))
    texts = imports.source_paragraphs(settings.sources_dir, queue)
    left, right = st.columns(2)
    key = f"review-{queue_file.name}-{proposal['question']}"
    with left.form(key):
        question = st.number_input(t.tr("Question"), min_value=1, value=proposal["question"], key=f"{key}-q")
        first = st.number_input(t.tr("First paragraph"), min_value=1, value=proposal["first"], key=f"{key}-first")
        last = st.number_input(t.tr("Last paragraph"), min_value=1, value=proposal["last"], key=f"{key}-last")
        status = st.selectbox(t.tr("Status"), STATUSES, format_func=status_label, key=f"{key}-status",
                              index=STATUSES.index("deferred") if proposal["deferred"] else 0)
        summary = st.text_area(t.tr("Summary"), key=f"{key}-summary")
        rationale = st.text_area(t.tr("Rationale"), key=f"{key}-rationale",
                                 value=imports.proposed_rationale(proposal, proposal["first"], proposal["last"]) or "")
        accepted = st.form_submit_button(t.tr("Accept"))
        rejected = st.form_submit_button(t.tr("Reject"))
    if (accepted or rejected) and _decide(proposal["question"], accepted, imports.Correction(
            status=status, summary=summary.strip() or None, rationale=rationale.strip() or None,
            question=int(question), first=int(first), last=int(last))):
        st.rerun()
    right.markdown(t.tr("**Cut at** {evidence} (confidence {confidence})", evidence=proposal["evidence"],
                        confidence=proposal["confidence"]))
    if deferral := proposal.get("deferral"):
        right.markdown(t.tr("**Defers:** “{sentence}”", sentence=deferral["sentence"]) if deferral["whole"] else
                       t.tr("**Defers in part:** “{sentence}”", sentence=deferral["sentence"]))
    if texts is None:
        right.info(t.tr("{source} is not in the sources folder, so its text cannot be shown.", source=queue["source"]))
    else:
        for number in range(int(first), int(last) + 1):
            right.text(f"{number}. {texts.get(number, t.tr('(not found)'))}")


def _items() -> None:
    items = queue.get("items") or []
    st.caption(t.tr_n("{source}: {body}, {country} ({count} record read)",
                      "{source}: {body}, {country} ({count} records read)", queue.get("records", 0),
                      source=queue["source"], body=queue["body"], country=queue["country"]))
    choices = {field: sorted({v for item in items for v in item.get(field) or []}) for field in FIELD_LABELS}
    columns = st.columns(3)
    wanted = {field: column.multiselect(t.tr(FIELD_LABELS[field]), values, select_all=False, key=f"review-{field}")
              for (field, values), column in zip(choices.items(), columns)}
    shown = [item for item in items
             if all(not chosen or set(chosen) & set(item.get(field) or []) for field, chosen in wanted.items())]
    st.dataframe(pd.DataFrame([{t.tr("Id"): i["id"], t.tr("Symbol"): i["symbol"], t.tr("Paragraph"): i["paragraph"],
                                t.tr("Type"): i["type"], t.tr("Date"): i["date"],
                                t.tr("Themes"): ", ".join(i["themes"]), t.tr("Decision"): _decision(i)}
                               for i in shown]), hide_index=True)
    if not shown:
        return
    item = st.selectbox(t.tr("Proposal"), shown, format_func=lambda i: f"{i['id']} ({_decision(i)})")
    left, right = st.columns(2)
    if left.button(t.tr("Accept"), key="review-accept") and _decide(item["annotation_id"], True):
        st.rerun()
    if left.button(t.tr("Reject"), key="review-reject") and _decide(item["annotation_id"], False):
        st.rerun()
    if item.get("heading"):
        right.markdown(f"**{item['heading']}**")
    right.text(f"{item['paragraph']}. {item['text']}")


if queue.get("kind") == "replies":
    _replies()
else:
    _items()
