"""Password rules and hashing: NFC-normalised, 12 to 256 characters, not the name, not a common password."""

import base64
import hashlib
import hmac
import secrets
import unicodedata
from functools import cache
from pathlib import Path

from tracker.i18n import N_, Refusal

MIN_LENGTH = 12
MAX_LENGTH = 256
# scrypt at n=2**15, r=8: about 32 MiB and tens of milliseconds per attempt (RFC 7914's interactive setting
# raised), slow enough to blunt guessing from a stolen database.
_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024
COMMON_LIST = Path(__file__).with_name("common_passwords.txt")


class PasswordRefused(Refusal, ValueError):
    """A password the rules refuse; the message says which rule."""


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def normalised(password: str) -> str:
    """The NFC form: the same password typed on two keyboards hashes the same."""
    return unicodedata.normalize("NFC", password)


def checked(password: str, name: str) -> str:
    """The normalised password, or PasswordRefused naming the rule it breaks."""
    password = normalised(password)
    if len(password) < MIN_LENGTH:
        raise PasswordRefused(N_("A password needs at least {count} characters."), count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise PasswordRefused(N_("A password may have at most {count} characters."), count=MAX_LENGTH)
    folded, name = password.casefold(), name.strip().casefold()
    if folded in {name, name.split("@")[0]}:
        raise PasswordRefused(N_("A password may not be the account name."))
    if folded in common_passwords():
        raise PasswordRefused(N_("That password is on the list of the most common passwords; choose another."))
    return password


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(normalised(password).encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check; a missing hash verifies nothing (but costs the same time)."""
    password = normalised(password)[:MAX_LENGTH * 4]
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        expected = base64.b64decode(digest)
        candidate = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                   maxmem=_MAXMEM)
    except ValueError:
        hashlib.scrypt(password.encode(), salt=b"0" * 16, n=_N, r=_R, p=_P, maxmem=_MAXMEM)
        return False
    return hmac.compare_digest(candidate, expected)
