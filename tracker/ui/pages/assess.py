"""Assess: a monitor changes an item's status with a note that cites the evidence, or several items' at once."""

import streamlit as st

from tracker.drilldown import open_items_list
from tracker.filters import PARAMS
from tracker.i18n import N_, localized
from tracker.schema import CAN_ASSESS, STATUSES
from tracker.store import own_notes
from tracker.store.bulk import save_changes
from tracker.store.crud import MAX_NOTE, AssessmentRejected, Change, StaleChange, save_change
from tracker.ui import database, drafts, filters, guard, identity, language
from tracker.ui.labels import author_labeller, document_label, plain, plain_list, status_badge

engine = database.engine()
state = st.session_state
t = language.current()
ZONE = database.settings().time_zone
BULK_LIMIT = 5000  # a picker of more items is no use to a person; narrow the filters first
NOTE_EXAMPLE = N_("e.g. CMW/C/MEX/3 ¶ 140–145 describe the measures but give no figures")


def _seen_key(item_id: str) -> str:
    return f"seen-version:{item_id}"


def _unsaved_key(item_id: str) -> str:
    return f"unsaved:{item_id}"


def _conflict_text(conflict: StaleChange) -> str:
    """The other person's change, naming them as this viewer may see them (tracker.privacy)."""
    return conflict.explain(author_labeller(identity.current_role())(conflict.latest.who)).in_language(t, ZONE)


def _save(item_id: str, person: str) -> None:
    """Runs before the rerun, so it may clear the note widget after a successful save."""
    change = Change(item_id, state[_seen_key(item_id)], state[f"status:{item_id}"], state.get(f"note:{item_id}", ""))
    try:
        version = save_change(engine, change, who=person)
    except StaleChange as conflict:
        # The version of the change shown: saving over it overwrites that change and no later one.
        state["assess-conflict"] = (item_id, _conflict_text(conflict), conflict.current_version)
    except AssessmentRejected as rejected:
        state["assess-rejected"] = (item_id, t.tr("**Not saved.** {reason}",
                                                  reason=plain(rejected.in_language(t, ZONE))))
    except Exception as fault:  # the database failed: say so in words and keep what the monitor typed
        # Kept outside the widgets: a rerun that cannot draw them (database gone) would drop their values.
        state[_unsaved_key(item_id)] = change
        state["assess-rejected"] = (item_id, t.tr("**Not saved.** {reason}\n\nYour note and chosen status are kept "
                                                  "below; save again when the problem is solved.",
                                                  reason=guard.explain(fault, "Saving an assessment")))
    else:
        state.pop(_unsaved_key(item_id), None)
        state[_seen_key(item_id)] = version
        drafts.discard(item_id, person, change.new_status)
        state["assess-saved"] = (item_id, t.tr("Saved: {item} is now {status} (version {version}).", item=item_id,
                                               status=status_badge(change.new_status), version=version))


def _take_shown(item_id: str) -> None:
    conflict = state.pop("assess-conflict", None)
    if conflict and conflict[0] == item_id:
        state[_seen_key(item_id)] = conflict[2]


# --- Several items at once -------------------------------------------------------------------------------------
BULK_ITEMS, BULK_STATUS, BULK_NOTE, BULK_KEPT = "bulk-items", "bulk-status", "bulk-note", "bulk-note-kept"
BULK_SEEN, BULK_OUTCOME = "bulk-seen", "bulk-outcome"


def _bulk_save(person: str) -> None:
    """Save the chosen items one by one, as single saves; saved ones leave the selection, refused ones stay with
    their reason, and the note stays until every item is saved."""
    chosen, seen = list(state.get(BULK_ITEMS) or []), state.setdefault(BULK_SEEN, {})
    # Kept outside the widget too: a rerun that cannot draw it (database gone) would drop its value.
    state[BULK_KEPT] = state.get(BULK_NOTE, "")
    batch = [Change(item_id, seen[item_id], state[BULK_STATUS], state.get(BULK_NOTE, "")) for item_id in chosen]
    try:
        outcome = save_changes(engine, batch, person)
    except AssessmentRejected as rejected:  # the note or status, the same for every item: nothing was saved
        state[BULK_OUTCOME] = ({}, {}, rejected.in_language(t, ZONE), {})
        return
    except Exception as fault:  # noqa: BLE001 - put into words; nothing was saved, the note stays
        state[BULK_OUTCOME] = ({}, {}, guard.explain(fault, "Saving assessments"), {})
        return
    refused = {item_id: _conflict_text(reason) if isinstance(reason, StaleChange) else reason.in_language(t, ZONE)
               for item_id, reason in outcome.refused.items()}
    stale = {item_id: reason.current_version for item_id, reason in outcome.refused.items()
             if isinstance(reason, StaleChange)}
    fault = ""
    if outcome.fault is not None:
        fault = t.tr("{reason} Not tried: {items}.", reason=guard.explain(outcome.fault, "Saving assessments"),
                     items=", ".join(outcome.not_tried))
    for item_id in outcome.saved:
        seen.pop(item_id, None)
        drafts.discard(item_id, person, state[BULK_STATUS])
    state[BULK_ITEMS] = [item_id for item_id in chosen if item_id not in outcome.saved]
    if not state[BULK_ITEMS]:
        state[BULK_NOTE] = state[BULK_KEPT] = ""
    state[BULK_OUTCOME] = (outcome.saved, refused, fault, stale)


def _bulk_take_shown() -> None:
    """The monitor has read the changes that made their save stale: save over those versions next time."""
    outcome = state.pop(BULK_OUTCOME, None)
    if outcome:
        state.setdefault(BULK_SEEN, {}).update(outcome[3])


def _bulk_section(person: str) -> None:
    listed = open_items_list(filters.current(), bool(state.get(PARAMS["statuses"])))
    ids = database.matching_ids(listed, database.version())
    st.caption(t.tr("Choose items from the Open items list for the filters in the sidebar; each is saved as a "
                    "single save would be, with its own history row and version."))
    if len(ids) > BULK_LIMIT:
        st.info(t.tr("The filters select {count} items; narrow them to at most {limit} to choose from a list.",
                     count=t.number(len(ids)), limit=t.number(BULK_LIMIT)))
        return
    # Items already chosen stay on offer when a save (someone else's) takes them out of the list.
    listed_ids = set(ids)
    options = ids + [item_id for item_id in state.get(BULK_ITEMS) or [] if item_id not in listed_ids]
    rows = database.item_rows(tuple(options), database.version()).set_index("id")
    # No "Select all": Streamlit writes it in English only.
    st.multiselect(t.tr("Items"), options, select_all=False, key=BULK_ITEMS, placeholder=t.tr("Choose items"),
                   format_func=lambda i: filters.item_label(i, rows.at[i, "topic"]))
    seen = state.setdefault(BULK_SEEN, {})
    for item_id in state.get(BULK_ITEMS) or []:
        seen.setdefault(item_id, int(rows.at[item_id, "version"]))  # the version seen when it was chosen
    st.radio(t.tr("New status for all of them"), STATUSES, key=BULK_STATUS, format_func=status_badge, horizontal=True)
    if BULK_NOTE not in state and state.get(BULK_KEPT):
        state[BULK_NOTE] = state[BULK_KEPT]
    # Its own label: the single item's note above is on the same page, and a label names one field.
    st.text_area(t.tr("Note for all of them: the evidence for this status (document and paragraphs)"), key=BULK_NOTE,
                 max_chars=MAX_NOTE, placeholder=t.tr(NOTE_EXAMPLE))
    count = len(state.get(BULK_ITEMS) or [])
    st.button(t.tr_n("Save for {count} item", "Save for {count} items", count), type="primary", key="bulk-save",
              on_click=_bulk_save, args=(person,), disabled=count == 0)
    outcome = state.get(BULK_OUTCOME)
    if outcome:
        saved, refused, fault, stale = outcome
        if saved:
            st.success(t.tr_n("Saved {count} item: {items}.", "Saved {count} items: {items}.", len(saved),
                              items=", ".join(f"{i} (v{v})" for i, v in saved.items())))
        if fault:
            st.error(t.tr("**Not saved.** {reason}", reason=plain(fault)))
        if refused:
            st.error(t.tr_n("**Refused: {count} item.** It is still chosen above; your note is kept.",
                            "**Refused: {count} items.** They are still chosen above; your note is kept.",
                            len(refused)) + "\n\n" + "\n".join(f"- **{plain(i)}**: {plain(reason)}"
                                                                for i, reason in refused.items()))
        if stale:
            st.button(t.tr("I have read their changes: let me save over them"), key="bulk-take-shown",
                      on_click=_bulk_take_shown)


def _one_item(item: dict) -> None:
    """The single save: the item's status, its note, and the conflict rules of crud.save_change."""
    item_id = item["id"]

    state.setdefault(_seen_key(item_id), item["version"])
    for key, show in (("assess-saved", st.success), ("assess-rejected", st.error)):
        message = state.pop(key, None)
        if message and message[0] == item_id:
            show(message[1])
    conflict = state.get("assess-conflict")
    if conflict and conflict[0] == item_id:
        st.error(t.tr("**Not saved.** {reason}\n\nYour note and chosen status are kept below. Read their change, then "
                      "save again if you still disagree.", reason=plain(conflict[1])))
        st.button(t.tr("I have read their change: let me save over it"), on_click=_take_shown, args=(item_id,))

    topic = localized(item["topic"], item["translations"], t.language, "topic").text or t.tr("Topic unknown")
    st.markdown(f"**{plain(topic)}**")
    st.caption(" · ".join(f"{document_label(r['document'])} ¶ {plain_list(r['paragraphs'])}: "
                          f"{status_badge(r['status'])}" for r in item["responses"]))
    st.markdown(t.tr("Current status: **{status}** (version {version})", status=status_badge(item["status"]),
                     version=item["version"]))
    if item["needs_review"]:
        st.warning(plain(own_notes.in_language(item["review_reason"], t) or t.tr("Flagged for review.")))

    unsaved = state.get(_unsaved_key(item_id))
    if unsaved and f"status:{item_id}" not in state:  # what a failed save kept, over any older stored draft
        state[f"status:{item_id}"], state[f"note:{item_id}"] = unsaved.new_status, unsaved.note
    drafts.restore(item_id, person, item["status"])
    drafts.notice(item_id, person, item["status"])
    st.radio(t.tr("New status"), STATUSES, key=f"status:{item_id}", format_func=status_badge, horizontal=True,
             on_change=drafts.keep, args=(item_id, person))
    st.text_area(t.tr("Note: the evidence for this status (document and paragraphs)"), key=f"note:{item_id}",
                 on_change=drafts.keep, args=(item_id, person), max_chars=MAX_NOTE, placeholder=t.tr(NOTE_EXAMPLE))
    st.button(t.tr("Save assessment"), type="primary", on_click=_save, args=(item_id, person))
    st.page_link("tracker/ui/pages/item.py", label=t.tr("See the item's replies and full history"),
                 icon=":material/description:", query_params={"item": item_id})


st.title(t.tr("Assess"))
person = identity.current_person()
if identity.current_role() not in CAN_ASSESS:
    st.error(t.tr("Assessing needs the monitor or admin role. Sign in with such an account."))
    st.stop()
st.caption(t.tr("Signed in as {person}. Every save records who, when, the old and new status and your note.",
                person=plain(person)))
item = filters.chosen_item(t.tr("Item to assess"), t.tr("Choose an item to assess, or several below."))
if item is not None:
    _one_item(item)
with st.expander(t.tr("Several items at once"), expanded=bool(state.get(BULK_ITEMS) or state.get(BULK_OUTCOME)),
                 icon=":material/checklist:"):
    _bulk_section(person)

