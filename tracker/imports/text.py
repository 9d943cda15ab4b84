"""The text of a reply document as lines: plain text, Word (.docx) or PDF."""

from pathlib import Path


class UnreadableDocument(Exception):
    """A document that cannot be read as text; the message names the file and why."""


def _docx_lines(path: Path) -> list[str]:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(path))
    lines: list[str] = []
    # Walk the body in order so that tables stay where they stand; each table cell becomes one line,
    # as in the UN's own text conversions.
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            lines.extend(_paragraph_text(block).split("\n"))
        elif block.tag == qn("w:tbl"):
            for cell in block.iter(qn("w:tc")):
                for paragraph in cell.iter(qn("w:p")):
                    lines.extend(_paragraph_text(paragraph).split("\n"))
    return lines


def _paragraph_text(paragraph) -> str:
    from docx.oxml.ns import qn

    breaks = {qn("w:tab"): "\t", qn("w:br"): "\n"}
    return "".join(breaks.get(node.tag) or node.text or ""
                   for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")))


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
            return _docx_lines(path)
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
