"""Review: an administrator accepts, corrects or rejects imported proposals, each beside its source text."""

import pandas as pd
import streamlit as st

from tracker import imports
from tracker.schema import STATUSES
from tracker.ui import database, identity

engine = database.engine()
settings = database.settings()
me = identity.current_person()
st.title("Review")
files = imports.queue_files(settings.data_dir)
if not files:
    st.info("Nothing to review. `tracker import-reply` and `tracker import-uhri` put proposals in data/proposed/.")
    st.stop()

for key, show in (("review-error", st.error), ("review-done", st.success)):
    if message := st.session_state.pop(key, None):
        show(message)

queue_file = st.selectbox("Queue", files, format_func=lambda path: path.name)
queue = imports.read_queue(queue_file)
for problem in queue.get("problems") or []:
    st.warning(problem)


def _decide(key, accept: bool, correction=imports.Correction()) -> bool:
    try:
        st.session_state["review-done"] = imports.decide(engine, settings.data_dir, me, queue_file, key, accept,
                                                         correction)
    except imports.AcceptRefused as refused:
        st.error(f"Not saved: {refused}")  # the form keeps what was typed
        return False
    return True


def _replies() -> None:
    proposals = queue.get("proposals") or []
    st.caption(f"{queue['source']}, replying to {queue['replies_to']}")
    st.dataframe(pd.DataFrame([{
        "Question": p["question"], "Paragraphs": f"{p['first']}–{p['last']}", "Deferred": p["deferred"],
        "Confidence": p["confidence"], "Cut at": p["evidence"], "Decision": p.get("decision", "pending")}
        for p in proposals]), hide_index=True)
    proposal = st.selectbox("Proposal", proposals, format_func=lambda p: f"Question {p['question']} "
                            f"({p.get('decision', 'pending')})")
    texts = imports.source_paragraphs(settings.sources_dir, queue)
    left, right = st.columns(2)
    key = f"review-{queue_file.name}-{proposal['question']}"
    with left.form(key):
        question = st.number_input("Question", min_value=1, value=proposal["question"], key=f"{key}-q")
        first = st.number_input("First paragraph", min_value=1, value=proposal["first"], key=f"{key}-first")
        last = st.number_input("Last paragraph", min_value=1, value=proposal["last"], key=f"{key}-last")
        status = st.selectbox("Status", STATUSES, index=STATUSES.index("deferred") if proposal["deferred"] else 0,
                              key=f"{key}-status")
        summary = st.text_area("Summary", key=f"{key}-summary")
        rationale = st.text_area("Rationale", key=f"{key}-rationale",
                                 value=imports.proposed_rationale(proposal, proposal["first"], proposal["last"]) or "")
        accepted = st.form_submit_button("Accept")
        rejected = st.form_submit_button("Reject")
    if (accepted or rejected) and _decide(proposal["question"], accepted, imports.Correction(
            status=status, summary=summary.strip() or None, rationale=rationale.strip() or None,
            question=int(question), first=int(first), last=int(last))):
        st.rerun()
    right.markdown(f"**Cut at** {proposal['evidence']} (confidence {proposal['confidence']})")
    if proposal.get("deferral"):
        right.markdown(f"**{'Defers' if proposal['deferral']['whole'] else 'Defers in part'}:** "
                       f"“{proposal['deferral']['sentence']}”")
    if texts is None:
        right.info(f"{queue['source']} is not in the sources folder, so its text cannot be shown.")
    else:
        for number in range(int(first), int(last) + 1):
            right.text(f"{number}. {texts.get(number, '(not found)')}")


def _items() -> None:
    items = queue.get("items") or []
    st.caption(f"{queue['source']}: {queue['body']}, {queue['country']} ({queue.get('records', 0):,} records read)")
    choices = {field: sorted({v for item in items for v in item.get(field) or []})
               for field in ("themes", "sdgs", "affected_persons")}
    columns = st.columns(3)
    wanted = {field: column.multiselect(field.replace("_", " ").capitalize(), values, key=f"review-{field}")
              for (field, values), column in zip(choices.items(), columns)}
    shown = [item for item in items
             if all(not chosen or set(chosen) & set(item.get(field) or []) for field, chosen in wanted.items())]
    st.dataframe(pd.DataFrame([{"Id": i["id"], "Symbol": i["symbol"], "Paragraph": i["paragraph"], "Type": i["type"],
                                "Date": i["date"], "Themes": ", ".join(i["themes"]),
                                "Decision": i.get("decision", "pending")} for i in shown]), hide_index=True)
    if not shown:
        return
    item = st.selectbox("Proposal", shown, format_func=lambda i: f"{i['id']} ({i.get('decision', 'pending')})")
    left, right = st.columns(2)
    if left.button("Accept", key="review-accept") and _decide(item["annotation_id"], True):
        st.rerun()
    if left.button("Reject", key="review-reject") and _decide(item["annotation_id"], False):
        st.rerun()
    if item.get("heading"):
        right.markdown(f"**{item['heading']}**")
    right.text(f"{item['paragraph']}. {item['text']}")


if queue.get("kind") == "replies":
    _replies()
else:
    _items()
