"""Password rules: NFC, length bounds, not the name, not a common password; hashes verify only the password."""

import unicodedata

import pytest

from tracker.access.passwords import (
    MAX_LENGTH, MIN_LENGTH, PasswordRefused, checked, common_passwords, hash_password, verify_password,
)

NAME = "ana.lopez@example.org"


@pytest.mark.parametrize("password, name, rule", [
    ("short pass", NAME, "at least 12"),
    ("x" * (MAX_LENGTH + 1), NAME, "at most"),
    ("ANA.LOPEZ@example.org", NAME, "account name"),
    ("ana.lopez@example.org", NAME, "account name"),
    ("Anamaria.Lopez", "anamaria.lopez@example.org", "account name"),  # the part before the @
    ("Password1234", NAME, "most common"),
    ("correct horse battery staple", NAME, "most common"),
    ("QWERTY123456", NAME, "most common"),
])
def test_refused_passwords_name_their_rule(password, name, rule):
    with pytest.raises(PasswordRefused, match=rule):
        checked(password, name)


@pytest.mark.parametrize("password", ["a" * 5 + "b" * 7, "x" * MAX_LENGTH, "vingt-et-un éléphants", "ana.lopez@exampl3"])
def test_acceptable_passwords_pass(password):
    assert checked(password, NAME) == unicodedata.normalize("NFC", password)


def test_length_counts_characters_after_nfc():
    decomposed = "e\u0301" * MIN_LENGTH  # 24 code points, 12 once composed
    assert len(checked(decomposed, NAME)) == MIN_LENGTH
    with pytest.raises(PasswordRefused, match="at least"):
        checked("e\u0301" * (MIN_LENGTH - 1), NAME)


def test_the_same_password_typed_composed_or_decomposed_verifies():
    stored = hash_password("contraseña segura 2026")
    assert verify_password(unicodedata.normalize("NFD", "contraseña segura 2026"), stored)
    assert not verify_password("contrasena segura 2026", stored)


@pytest.mark.parametrize("stored", [None, "", "plain", "md5$abc", "scrypt$1$2$3$notbase64$x"])
def test_a_missing_or_broken_hash_verifies_nothing(stored):
    assert not verify_password("whatever password", stored)


def test_every_listed_common_password_is_long_enough_to_need_listing():
    assert common_passwords() and all(len(p) >= MIN_LENGTH for p in common_passwords())
