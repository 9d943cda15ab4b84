"""The Assess page's bulk assessment: several items, one status, one note; refusals listed, the note kept."""

from sqlalchemy import select

from tests.ui.test_pages import open_page
from tracker.store.crud import Change, save_change
from tracker.store.models import AssessmentEvent

E = AssessmentEvent.__table__
NOTE = "CMW/C/TST/1 ¶ 3–5 give no figures on the outcome."


def monitor_events(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(select(E.c.recommendation_id, E.c.who, E.c.old_status, E.c.new_status, E.c.note,
                                   E.c.version).where(E.c.source == "monitor").order_by(E.c.recommendation_id)).all()


def choose(app, items: list[str], status: str = "not_addressed", note: str = NOTE) -> None:
    open_page(app, "assess")
    app.multiselect(key="bulk-items").set_value(items).run()
    app.radio(key="bulk-status").set_value(status)
    app.text_area(key="bulk-note").input(note)
    app.button(key="bulk-save").click().run()
    assert not app.exception, app.exception


def test_several_items_are_saved_each_with_its_history_row(app, engine):
    choose(app, ["Q1", "Q2"])
    assert monitor_events(engine) == [("Q1", "monitor@example.org", "partial", "not_addressed", NOTE, 2),
                                      ("Q2", "monitor@example.org", "deferred", "not_addressed", NOTE, 2)]
    assert "Saved 2 items: Q1 (v2), Q2 (v2)." in [s.value for s in app.success]
    assert app.multiselect(key="bulk-items").value == [] and app.text_area(key="bulk-note").value == ""


def test_a_stale_item_is_listed_with_the_change_that_beat_it_and_the_note_stays(app, engine):
    open_page(app, "assess")
    app.multiselect(key="bulk-items").set_value(["Q1", "Q2"]).run()  # both seen at version 1
    save_change(engine, Change("Q2", 1, "addressed", "Paragraph 9 answers the question."), "other@example.org")
    app.radio(key="bulk-status").set_value("not_addressed")
    app.text_area(key="bulk-note").input(NOTE)
    app.button(key="bulk-save").click().run()
    errors = "\n".join(e.value for e in app.error)
    assert "Refused: 1 item." in errors and "Q2" in errors and "it is now at version 2" in errors
    assert "other@example.org" not in errors  # named as the viewer's role may see them
    assert app.multiselect(key="bulk-items").value == ["Q2"] and app.text_area(key="bulk-note").value == NOTE
    assert [e.recommendation_id for e in monitor_events(engine)] == ["Q1", "Q2"]  # Q1 by us, Q2 by the other
    app.button(key="bulk-take-shown").click().run()
    app.button(key="bulk-save").click().run()
    assert monitor_events(engine)[-1][:4] == ("Q2", "monitor@example.org", "addressed", "not_addressed")


def test_a_note_too_short_saves_nothing_and_keeps_the_choice(app, engine):
    choose(app, ["Q1", "R94"], note="short")
    assert monitor_events(engine) == []
    assert any("at least 10 characters" in e.value for e in app.error)
    assert app.multiselect(key="bulk-items").value == ["Q1", "R94"] and app.text_area(key="bulk-note").value == "short"
