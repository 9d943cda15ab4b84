"""The Assess page's drafts: what a monitor chose and typed for an item survives a reload until saved or discarded."""

import streamlit as st

from tracker.store.drafts import discard_draft, draft_of, keep_draft
from tracker.ui import database, guard, language


def _keys(item_id: str) -> tuple[str, str]:
    return f"status:{item_id}", f"note:{item_id}"


def restore(item_id: str, person: str, current_status: str) -> None:
    """Fill the status and note widgets from the stored draft (or the item) the first time this session shows them."""
    status_key, note_key = _keys(item_id)
    state = st.session_state
    if status_key in state:
        return
    draft = draft_of(database.engine(), person, item_id)
    state[status_key], state[note_key] = (draft.status, draft.note) if draft else (current_status, "")
    if draft:
        state[f"draft-restored:{item_id}"] = draft.updated_at


# Streamlit sends a text field's value when the field loses focus. A reload or a closed tab does not blur it, so
# this (static, data-free) script blurs it as the page goes away, and the draft is kept with what was typed.
_BLUR_ON_LEAVE = """<script>
if (!window.trackerBlurOnLeave) {
  window.trackerBlurOnLeave = true;
  window.addEventListener("beforeunload", () => document.activeElement?.blur());
}
</script>"""


def notice(item_id: str, person: str, current_status: str) -> None:
    """Say that an unsaved draft was brought back, with a way to throw it away."""
    st.html(_BLUR_ON_LEAVE, unsafe_allow_javascript=True)
    restored = st.session_state.get(f"draft-restored:{item_id}")
    if restored:
        t = language.current()
        st.info(t.tr("Your unsaved draft from {when} is back below.",
                     when=t.datetime(restored, database.settings().time_zone)))
        st.button(t.tr("Discard the draft"), on_click=discard, args=(item_id, person, current_status))


def keep(item_id: str, person: str) -> None:
    status_key, note_key = _keys(item_id)
    try:
        keep_draft(database.engine(), person, item_id, st.session_state[status_key],
                   st.session_state.get(note_key, ""))
    except Exception as fault:  # the database failed: the session still holds what was typed; the save says why
        guard.explain(fault, "Keeping a draft")


def discard(item_id: str, person: str, current_status: str) -> None:
    status_key, note_key = _keys(item_id)
    discard_draft(database.engine(), person, item_id)
    st.session_state[status_key], st.session_state[note_key] = current_status, ""
    st.session_state.pop(f"draft-restored:{item_id}", None)
