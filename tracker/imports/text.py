"""The text of a reply document as lines: plain text, Word (.docx) or PDF."""

from pathlib import Path


class UnreadableDocument(Exception):
    """A document that cannot be read as text; the message names the file and why."""


def _pdf_lines(path: Path) -> list[str]:
    from pypdf import PdfReader

    lines: list[str] = []
    for page in PdfReader(str(path)).pages:
        lines.extend((page.extract_text() or "").splitlines())
    return lines


def read_lines(path: Path) -> list[str]:
    """The document's lines in reading order (.txt, .docx, .pdf); UnreadableDocument otherwise."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            from tracker.imports.docx_text import docx_lines

            return docx_lines(path)
        if suffix == ".pdf":
            return _pdf_lines(path)
        if suffix in (".txt", ".text", ".md", ""):
            return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise UnreadableDocument(f"{path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # python-docx and pypdf raise their own, varied errors on a damaged file
        raise UnreadableDocument(f"{path}: cannot read as {suffix[1:]}: {exc}") from exc
    raise UnreadableDocument(f"{path}: unsupported file type {suffix!r} (use .txt, .docx or .pdf)")
