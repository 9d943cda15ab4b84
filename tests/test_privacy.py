"""Who sees whom: the one label for authors of changes, and the display names people choose."""

import pytest

from tracker.accounts import add_person
from tracker.privacy import DisplayNameRefused, check_display_name, display_names, set_display_name, who_label

NAMES = {"ana@example.org": "Ana R."}


@pytest.mark.parametrize("name, viewer, expected", [
    # A visitor who is not signed in sees a role, whatever the person chose.
    ("ana@example.org", None, "a monitor"),
    ("ben@example.org", None, "a monitor"),
    ("curation", None, "curation"),
    # Signed-in viewers and monitors see the chosen name, or the role when there is none.
    ("ana@example.org", "viewer", "Ana R."),
    ("ben@example.org", "viewer", "a monitor"),
    ("ana@example.org", "monitor", "Ana R."),
    ("ben@example.org", "monitor", "a monitor"),
    ("curation", "monitor", "curation"),
    # Admins see the account, and the name it shows to others.
    ("ana@example.org", "admin", "ana@example.org (Ana R.)"),
    ("ben@example.org", "admin", "ben@example.org"),
    ("curation", "admin", "curation"),
])
def test_who_label_by_viewer_role(name, viewer, expected):
    assert who_label(name, viewer, NAMES) == expected


@pytest.mark.parametrize("text, stored", [
    ("Ana R.", "Ana R."), ("  Ana   R. ", "Ana R."), ("José", "José"), ("Jose\u0301", "José"),
    ("Red de Defensoras", "Red de Defensoras"), ("李明", "李明"),
])
def test_display_names_accepted(text, stored):
    assert check_display_name(text) == stored


@pytest.mark.parametrize("text, reason", [
    ("A", "2 to 60"), ("x" * 61, "2 to 60"), ("   ", "2 to 60"),
    ("Ana\x00R", "control"), ("Ana\x1b[31m", "control"), ("Ana\u202eR.", "direction"),
    ("ana@example.org", "e-mail"), ("ana\uff20example.org", "e-mail"), ("Ana @ home", "e-mail"),
    ("curation", "uses for itself"), ("Curation", "uses for itself"), ("a monitor", "uses for itself"),
    ("A  Monitor", "uses for itself"), ("admin", "uses for itself"),
])
def test_display_names_refused_with_the_reason(text, reason):
    with pytest.raises(DisplayNameRefused, match=reason):
        check_display_name(text)


@pytest.fixture
def people(engine):
    for name, role in (("ana@example.org", "monitor"), ("ben@example.org", "monitor"),
                       ("admin@example.org", "admin"), ("bob", "viewer")):
        add_person(engine, name, role)
    return engine


def test_a_person_sets_and_clears_their_own_display_name(people):
    assert set_display_name(people, "ana@example.org", "  Ana  R. ", by="ana@example.org") == "Ana R."
    assert display_names(people) == {"ana@example.org": "Ana R."}
    set_display_name(people, "ana@example.org", "", by="ana@example.org")
    assert display_names(people) == {}


def test_only_an_admin_sets_another_persons_display_name(people):
    with pytest.raises(Exception, match="may not set another person's display name"):
        set_display_name(people, "ana@example.org", "Not Ana", by="ben@example.org")
    assert display_names(people) == {}
    set_display_name(people, "ana@example.org", "Ana R.", by="admin@example.org")
    assert display_names(people) == {"ana@example.org": "Ana R."}


@pytest.mark.parametrize("taken", ["Ana R.", "ana r.", "BOB"])
def test_a_display_name_cannot_pass_for_someone_else(people, taken):
    set_display_name(people, "ana@example.org", "Ana R.", by="ana@example.org")
    with pytest.raises(DisplayNameRefused, match="someone else's"):
        set_display_name(people, "ben@example.org", taken, by="ben@example.org")
    assert display_names(people) == {"ana@example.org": "Ana R."}


def test_a_refused_display_name_changes_nothing(people):
    set_display_name(people, "ana@example.org", "Ana R.", by="ana@example.org")
    with pytest.raises(DisplayNameRefused):
        set_display_name(people, "ana@example.org", "ana@example.org", by="ana@example.org")
    with pytest.raises(DisplayNameRefused, match="no account"):
        set_display_name(people, "nobody@example.org", "Nobody", by="admin@example.org")
    assert display_names(people) == {"ana@example.org": "Ana R."}
