"""Assess: a monitor changes an item's status with a note that cites the evidence."""

import streamlit as st

from tracker.schema import CAN_ASSESS, STATUSES
from tracker.store.crud import MAX_NOTE, AssessmentRejected, Change, StaleChange, save_change
from tracker.ui import database, drafts, filters, guard, identity
from tracker.ui.labels import author_labeller, document_label, plain, plain_list, status_badge

engine = database.engine()
state = st.session_state


def _seen_key(item_id: str) -> str:
    return f"seen-version:{item_id}"


def _unsaved_key(item_id: str) -> str:
    return f"unsaved:{item_id}"


def _save(item_id: str, person: str) -> None:
    """Runs before the rerun, so it may clear the note widget after a successful save."""
    change = Change(item_id, state[_seen_key(item_id)], state[f"status:{item_id}"], state.get(f"note:{item_id}", ""))
    try:
        version = save_change(engine, change, who=person)
    except StaleChange as conflict:
        # The version of the change shown: saving over it overwrites that change and no later one.
        state["assess-conflict"] = (item_id, conflict.explain(author_labeller(identity.current_role())(
            conflict.latest.who)), conflict.current_version)
    except AssessmentRejected as rejected:
        state["assess-rejected"] = (item_id, str(rejected))
    except Exception as fault:  # the database failed: say so in words and keep what the monitor typed
        # Kept outside the widgets: a rerun that cannot draw them (database gone) would drop their values.
        state[_unsaved_key(item_id)] = change
        state["assess-rejected"] = (item_id, f"**Not saved.** {guard.explain(fault, 'Saving an assessment')}\n\n"
                                             "Your note and chosen status are kept below; save again when the "
                                             "problem is solved.")
    else:
        state.pop(_unsaved_key(item_id), None)
        state[_seen_key(item_id)] = version
        drafts.discard(item_id, person, change.new_status)
        state["assess-saved"] = (item_id, f"Saved: {item_id} is now {status_badge(change.new_status)} "
                                          f"(version {version}).")


def _take_shown(item_id: str) -> None:
    conflict = state.pop("assess-conflict", None)
    if conflict and conflict[0] == item_id:
        state[_seen_key(item_id)] = conflict[2]


st.title("Assess")
person = identity.current_person()
if identity.current_role() not in CAN_ASSESS:
    st.error("Assessing needs the monitor or admin role. Sign in with such an account.")
    st.stop()
st.caption(f"Signed in as {plain(person)}. Every save records who, when, the old and new status and your note.")
item = filters.chosen_item("Item to assess", "Choose an item to assess.")
if item is None:
    st.stop()
item_id = item["id"]

state.setdefault(_seen_key(item_id), item["version"])
for key, show in (("assess-saved", st.success), ("assess-rejected", st.error)):
    message = state.pop(key, None)
    if message and message[0] == item_id:
        show(message[1])
conflict = state.get("assess-conflict")
if conflict and conflict[0] == item_id:
    st.error(f"**Not saved.** {plain(conflict[1])}\n\nYour note and chosen status are kept below. "
             "Read their change, then save again if you still disagree.")
    st.button("I have read their change: let me save over it", on_click=_take_shown, args=(item_id,))

st.markdown(f"**{plain(item['topic'] or 'Topic unknown')}**")
st.caption(" · ".join(f"{document_label(r['document'])} ¶ {plain_list(r['paragraphs'])}: "
                      f"{status_badge(r['status'])}" for r in item["responses"]))
st.markdown(f"Current status: **{status_badge(item['status'])}** (version {item['version']})")
if item["needs_review"]:
    st.warning(plain(item["review_reason"] or "Flagged for review."))

unsaved = state.get(_unsaved_key(item_id))
if unsaved and f"status:{item_id}" not in state:  # what a failed save kept, over any older stored draft
    state[f"status:{item_id}"], state[f"note:{item_id}"] = unsaved.new_status, unsaved.note
drafts.restore(item_id, person, item["status"])
drafts.notice(item_id, person, item["status"])
st.radio("New status", STATUSES, key=f"status:{item_id}", format_func=status_badge, horizontal=True,
         on_change=drafts.keep, args=(item_id, person))
st.text_area("Note: the evidence for this status (document and paragraphs)", key=f"note:{item_id}",
             on_change=drafts.keep, args=(item_id, person),
             max_chars=MAX_NOTE, placeholder="e.g. CMW/C/MEX/3 ¶ 140–145 describe the measures but give no figures")
st.button("Save assessment", type="primary", on_click=_save, args=(item_id, person))
st.page_link("tracker/ui/pages/item.py", label="See the item's replies and full history", icon=":material/description:",
             query_params={"item": item_id})
