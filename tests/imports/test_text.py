"""tracker/imports/text.py: the lines of .txt, .docx and .pdf reply documents, and located refusals."""

import pytest
from docx import Document

from tracker.imports import UnreadableDocument, read_lines, segment

from .conftest import FIXTURES


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing each line in Helvetica, built by hand so the test needs no PDF writer."""
    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(f"({escaped(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_text_file_lines():
    lines = read_lines(FIXTURES / "replies-en.txt")
    assert lines[12] == "Reply to paragraph 1" and len(lines) == 34


def test_docx_paragraphs_and_table_cells_in_order(tmp_path):
    document = Document()
    document.add_paragraph("Respuesta al párrafo 1 de la lista de cuestiones")
    document.add_paragraph("1.\tEl presupuesto fue el siguiente:")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, (("2015", "2016"), ("10", "12"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph(" 2.\tLa Comisión visita las estaciones migratorias.")
    document.add_paragraph("3.\tRecibió 1 200 quejas.")
    path = tmp_path / "reply.docx"
    document.save(path)

    lines = read_lines(path)

    assert lines == ["Respuesta al párrafo 1 de la lista de cuestiones", "1.\tEl presupuesto fue el siguiente:",
                     "2015", "2016", "10", "12", " 2.\tLa Comisión visita las estaciones migratorias.",
                     "3.\tRecibió 1 200 quejas."]
    assert [(r.question, r.first, r.last) for r in segment(lines).replies] == [(1, 1, 1), (2, 2, 3)]


def test_pdf_text_is_read(tmp_path):
    path = tmp_path / "reply.pdf"
    path.write_bytes(_pdf(["Reply to paragraph 1", "1. The Act applies nationwide.",
                           "Reply to paragraph 2", "2. The reply will be provided to the Committee later."]))

    result = segment(read_lines(path))

    assert [r.dry_run() for r in result.replies] == [
        {"question": 1, "first": 1, "last": 1, "deferred": False},
        {"question": 2, "first": 2, "last": 2, "deferred": True}]


@pytest.mark.parametrize("name, content, message", [
    ("reply.odt", b"x", "unsupported file type '.odt'"),
    ("reply.docx", b"not a zip", "cannot read as docx"),
    ("reply.pdf", b"not a pdf", "cannot read as pdf"),
    ("reply.txt", b"\xff\xfe\x00caf\xe9", "not UTF-8 text"),
])
def test_unreadable_documents_are_refused_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=message) as raised:
        read_lines(path)
    assert str(path) in str(raised.value)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(UnreadableDocument, match="No such file"):
        read_lines(tmp_path / "absent.txt")


def test_docx_paragraphs_numbered_by_word_show_their_numbers(tmp_path):
    # Word draws these numbers itself (a numbered list style); the text holds none.
    document = Document()
    document.add_paragraph("Reply to paragraph 1")
    document.add_paragraph("The Act applies nationwide.", style="List Number")
    document.add_paragraph("a point made in a bullet", style="List Bullet")
    document.add_paragraph("Reply to paragraph 2")
    document.add_paragraph("The reply will be provided to the Committee later.", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)

    lines = read_lines(path)

    assert lines == ["Reply to paragraph 1", "1.\tThe Act applies nationwide.", "a point made in a bullet",
                     "Reply to paragraph 2", "2.\tThe reply will be provided to the Committee later."]
    assert [r.dry_run() for r in segment(lines).replies] == [
        {"question": 1, "first": 1, "last": 1, "deferred": False},
        {"question": 2, "first": 2, "last": 2, "deferred": True}]
