"""One UHRI record made usable: labels without their "- " and stray spaces, committees under one name,
bare ISO-2 country codes and observer asterisks resolved, HTML out of the text, the paragraph number found."""

import html
import re
from dataclasses import dataclass
from functools import lru_cache

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")
_TAG_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\s*/?\s*>", re.I)
_TAG = re.compile(r"<[^>]+>")
# The paragraph number opens the text, perhaps after a section heading: "4.The Committee …",
# "Rural women 49.The Committee …", "Women and peace and security\n11.The Committee …", "124.5 Ratify …".
_PARAGRAPH = re.compile(r"^(?P<heading>[^\d]{0,200}?)(?<![\d.])(?P<number>\d{1,3}(?:\.\d{1,3})?)(?:\.\s*|\s+)"
                        r"(?=[A-Z(\"“‘'\[])", re.S)
# Committees that some records name in full; the acronym is what most records carry.
BODY_ACRONYMS = {
    "Committee on Migrant Workers": "CMW",
    "Committee on the Rights of the Child": "CRC",
    "Committee on the Elimination of Discrimination against Women": "CEDAW",
    "Committee on Economic, Social and Cultural Rights": "CESCR",
    "Committee on the Elimination of Racial Discrimination": "CERD",
    "Committee against Torture": "CAT",
    "Human Rights Committee": "CCPR",
    "Committee on the Rights of Persons with Disabilities": "CRPD",
    "Committee on Enforced Disappearances": "CED",
}


class BadRecord(Exception):
    """A record that cannot become an item; str() names where it is ("record 7", "row 8"), its
    AnnotationId, the field and why."""

    def __init__(self, where: str, annotation_id: str | None, field: str, message: str):
        super().__init__(f"{where} (AnnotationId {annotation_id or 'missing'}): {field}: {message}")
        self.where, self.annotation_id, self.field = where, annotation_id, field


@dataclass(frozen=True)
class UhriRecord:
    """A usable UHRI record: every label cleaned, the paragraph number and its heading split off."""

    annotation_id: str
    symbol: str
    body: str
    annotation_type: str | None  # None where the export carries a UUID instead of a label
    countries: tuple[str, ...]
    observers: tuple[str, ...]  # the countries marked with an asterisk (observer States)
    regions: tuple[str, ...]
    themes: tuple[str, ...]
    sdgs: tuple[str, ...]
    affected_persons: tuple[str, ...]
    date: str
    paragraph: str
    heading: str | None
    text: str
    document_id: str | None


def label(value: object) -> str:
    """A label as OHCHR means it: without the leading "- ", stray and doubled spaces."""
    text = _SPACES.sub(" ", str(value)).strip()
    return text[1:].strip() if text.startswith("-") else text


def body_of(value: object) -> str:
    """A body's acronym ("- Committee on Migrant Workers" and "- CMW" are both CMW)."""
    name = label(value)
    return BODY_ACRONYMS.get(name, name)


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    from babel import Locale

    return {code: name for code, name in Locale("en").territories.items() if len(code) == 2 and code.isalpha()}


def country_code(name: str) -> str | None:
    """The ISO-2 code of an English country name or of a code itself (None when unknown)."""
    if len(name) == 2 and name.upper() in _territories():
        return name.upper()
    wanted = name.casefold()
    return next((code for code, known in _territories().items() if known.casefold() == wanted), None)


def country(value: object) -> tuple[str, bool]:
    """(name, is an observer State) for one entry of Countries; a bare ISO-2 code becomes the name."""
    name = label(value)
    observer = name.endswith("*")
    name = name.rstrip("*").strip()
    if len(name) == 2 and name.isupper():
        name = _territories().get(name, name)
    return name, observer


def plain_text(value: str) -> str:
    """The text without HTML tags and entities, one paragraph per line."""
    text = _TAG.sub("", _TAG_BREAK.sub("\n", value))
    lines = (_SPACES.sub(" ", line).strip() for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _labels(record: dict, key: str, where: str, annotation_id: str) -> tuple[str, ...]:
    values = record.get(key) or []
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        raise BadRecord(where, annotation_id, key, f"expected a list of labels, found {type(values).__name__}")
    return tuple(label(v) for v in values if label(v))


def _required(record: dict, key: str, where: str, annotation_id: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BadRecord(where, annotation_id, key, "missing or empty")
    return value


def annotation_id_of(record: object, where: str) -> str:
    """The record's AnnotationId (a UUID); BadRecord for anything else."""
    if not isinstance(record, dict):
        raise BadRecord(where, None, "record", f"expected an object, found {type(record).__name__}")
    value = record.get("AnnotationId")
    if not isinstance(value, str) or not _UUID.match(value.strip()):
        raise BadRecord(where, value if isinstance(value, str) else None, "AnnotationId",
                        "missing" if value is None else f"{value!r} is not a UUID")
    return value.strip().lower()


def usable(record: dict, where: str) -> UhriRecord:
    """The record cleaned; BadRecord naming the first field that makes it unusable."""
    annotation_id = annotation_id_of(record, where)
    date = str(_required(record, "PublicationDate", where, annotation_id)).strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", date):
        raise BadRecord(where, annotation_id, "PublicationDate", f"{date!r} is not an ISO date")
    text = plain_text(_required(record, "Text", where, annotation_id))
    opening = _PARAGRAPH.match(text)
    if not opening:
        raise BadRecord(where, annotation_id, "Text", f"no paragraph number at the start: {text[:60]!r}")
    entries = [country(v) for v in _labels(record, "Countries", where, annotation_id)]
    kind = label(record.get("AnnotationType") or "")
    return UhriRecord(
        annotation_id=annotation_id,
        symbol=label(_required(record, "Symbol", where, annotation_id)),
        body=body_of(_required(record, "Body", where, annotation_id)),
        annotation_type=None if not kind or _UUID.match(kind) else kind,
        countries=tuple(name for name, _ in entries),
        observers=tuple(name for name, observer in entries if observer),
        regions=_labels(record, "Regions", where, annotation_id),
        themes=_labels(record, "Themes", where, annotation_id),
        sdgs=_labels(record, "Sdgs", where, annotation_id),
        affected_persons=_labels(record, "AffectedPersons", where, annotation_id),
        date=date[:10],
        paragraph=opening["number"],
        heading=opening["heading"].strip() or None,
        text=text[opening.end():].strip(),
        document_id=record.get("DocumentId") or None,
    )
