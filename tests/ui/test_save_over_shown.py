"""Assess: "let me save over it" overwrites the change the monitor was shown, never a later one."""

from tests.ui.test_pages import fill_assessment, open_page
from tracker.store.crud import Change, HistoryFilter, history_frame, save_change

NOTE = "My evidence: paragraphs 1-5 answer it in full."


def errors_shown(app) -> str:
    return "\n".join(e.value for e in app.error).replace("\\", "")  # the page escapes Markdown


def test_saving_over_a_conflict_is_refused_again_when_a_third_person_saved_since(app, engine):
    open_page(app, "assess", item="Q1")
    save_change(engine, Change("Q1", 1, "deferred", "Another monitor: paragraph 6 defers it."), "other@example.org")
    fill_assessment(app, "addressed", NOTE)
    assert "a monitor changed it" in errors_shown(app)  # the author as a monitor may see them (tracker.privacy)

    save_change(engine, Change("Q1", 2, "not_addressed", "Ana: nothing in the reply answers it."), "ana@example.org")
    app.button[0].click().run()  # "I have read their change" -- the one by other@, at version 2
    fill_assessment(app, "addressed", NOTE)
    errors = errors_shown(app)
    assert "Not saved" in errors and "it is now at version 3" in errors, "Ana's later change was overwritten unseen"
    assert list(history_frame(engine, HistoryFilter(item_id="Q1"))["who"]) == \
        ["ana@example.org", "other@example.org", "curation"]
    assert app.text_area(key="note:Q1").value == NOTE

    app.button[0].click().run()  # now they have read Ana's change too
    fill_assessment(app, "addressed", NOTE)
    assert any("Saved: Q1" in s.value for s in app.success)
    history = history_frame(engine, HistoryFilter(item_id="Q1"))
    assert list(zip(history["who"], history["version"])) == \
        [("monitor@example.org", 4), ("ana@example.org", 3), ("other@example.org", 2), ("curation", 1)]
