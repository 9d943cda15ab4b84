"""Reading OHCHR's Universal Human Rights Index export record by record: the JSON export (one array of
flat objects, streamed with ijson) and the XLSX export (same fields as columns, read-only)."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

# XLSX header → JSON key. Some exports spell "Recommending" as "Reccomending" (sic).
XLSX_COLUMNS = {
    "Text": "Text",
    "Countries Concerned": "Countries",
    "Reccomending Body": "Body",
    "Recommending Body": "Body",
    "Document Symbol": "Symbol",
    "Themes": "Themes",
    "Affected Persons": "AffectedPersons",
    "Sdgs": "Sdgs",
    "Document Publication Date": "PublicationDate",
    "UPR Reccomending States": "UprRecommendingCountry",
    "UPR Recommending States": "UprRecommendingCountry",
    "UPR Position": "UprPositions",
    "Type": "AnnotationType",
    "OHCHR Annotation Id": "AnnotationId",
    "UPR Session": "UprSession",
    "Regions Concerned": "Regions",
    "Recommending Regions": "UprRecommendingRegions",
    "Date of publication on UHRI": "PublicationDateOnUhri",
}
LIST_FIELDS = {"Countries", "Regions", "Themes", "Sdgs", "AffectedPersons", "UprRecommendingCountry",
               "UprPositions", "UprSession", "UprRecommendingRegions"}
DATE_FIELDS = {"PublicationDate", "PublicationDateOnUhri"}
_EXCEL_EPOCH = datetime(1899, 12, 30)


class UnreadableExport(Exception):
    """The export cannot be read at all (not JSON, not an array, not a workbook); nothing is imported."""


def _json_records(path: Path) -> Iterator[tuple[int, object]]:
    import ijson

    with path.open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start != b"[":
            raise UnreadableExport(f"{path}: not a UHRI JSON export: it does not open with an array ('[')")
        handle.seek(0)
        position = 0
        try:
            for record in ijson.items(handle, "item"):
                position += 1
                yield position, record
        except ijson.JSONError as exc:
            raise UnreadableExport(f"{path}: the JSON breaks off after record {position}: {exc}") from exc


def _excel_date(value: object) -> object:
    if isinstance(value, (int, float)):
        return (_EXCEL_EPOCH + timedelta(days=float(value))).isoformat(timespec="seconds")
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value


def _cell_list(value: object) -> list[str]:
    """A multi-valued cell ("- A\\n- B") as a list of its values."""
    if value in (None, ""):
        return []
    return [part for part in str(value).splitlines() if part.strip()]


def _xlsx_records(path: Path) -> Iterator[tuple[int, object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors on a damaged file
        raise UnreadableExport(f"{path}: not an XLSX workbook: {exc}") from exc
    try:
        rows = workbook.active.iter_rows(values_only=True)
        header = [XLSX_COLUMNS.get(str(name).strip(), str(name).strip()) if name else None
                  for name in next(rows, ())]
        if "AnnotationId" not in header:
            raise UnreadableExport(f"{path}: row 1 has no 'OHCHR Annotation Id' column: not a UHRI export")
        for row_number, row in enumerate(rows, start=2):
            if not any(cell not in (None, "") for cell in row):
                continue
            record = {}
            for key, value in zip(header, row):
                if key in LIST_FIELDS:
                    value = _cell_list(value)
                elif key in DATE_FIELDS:
                    value = _excel_date(value)
                if key:
                    record[key] = value
            yield row_number, record
    finally:
        workbook.close()


def raw_records(path: Path) -> Iterator[tuple[int, object]]:
    """(position, record) for every record: the position is the record's place in the JSON array, or
    the XLSX row number; UnreadableExport when the file is not an export at all."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UnreadableExport(f"{path}: no such file")
    if suffix == ".json":
        return _json_records(path)
    if suffix == ".xlsx":
        return _xlsx_records(path)
    raise UnreadableExport(f"{path}: unsupported file type {suffix!r} (use the .json or .xlsx export)")
