"""The lines of a Word document in reading order, with the numbers Word draws itself: a reply whose
paragraphs are numbered by a numbered list or style (not typed) must still show "1.", "2.", … as text."""

import re
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

_LEVEL_NUMBER = re.compile(r"%([1-9])")


def _formats(document) -> dict[tuple[str, str], tuple[str, str]]:
    """(numId, ilvl) → (number format, level text such as "%1.") from the numbering part."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):  # a document without any list has no numbering part
        return {}
    levels: dict[str, dict[str, tuple[str, str]]] = {}
    for abstract in root.iterchildren(qn("w:abstractNum")):
        levels[abstract.get(qn("w:abstractNumId"))] = {
            level.get(qn("w:ilvl")): (_val(level, "w:numFmt") or "decimal", _val(level, "w:lvlText") or "")
            for level in abstract.iterchildren(qn("w:lvl"))}
    formats = {}
    for num in root.iterchildren(qn("w:num")):
        abstract_id = _val(num, "w:abstractNumId")
        for ilvl, value in levels.get(abstract_id, {}).items():
            formats[(num.get(qn("w:numId")), ilvl)] = value
    return formats


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _style_numbering(document) -> dict[str, tuple[str, str]]:
    """Paragraph style id → (numId, ilvl) for styles that number their paragraphs ("List Number")."""
    numbered = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None and _val(num_pr, "w:numId"):
            numbered[style.get(qn("w:styleId"))] = (_val(num_pr, "w:numId"), _val(num_pr, "w:ilvl") or "0")
    return numbered


class _Numberer:
    """Counts numbered paragraphs per list and level, as Word does when it draws them."""

    def __init__(self, document):
        self.formats, self.styles = _formats(document), _style_numbering(document)
        self.counters: dict[str, list[int]] = {}

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph ("12." or ""), bullets and unnumbered ones ""."""
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if num_pr is not None and _val(num_pr, "w:numId"):
            num_id, ilvl = _val(num_pr, "w:numId"), _val(num_pr, "w:ilvl") or "0"
        elif style is not None and style.get(qn("w:val")) in self.styles:
            num_id, ilvl = self.styles[style.get(qn("w:val"))]
        else:
            return ""
        number_format, text = self.formats.get((num_id, ilvl), ("", ""))
        if num_id == "0" or number_format != "decimal":
            return ""
        level = int(ilvl)
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[level] += 1
        counts[level + 1:] = [0] * (8 - level)
        return _LEVEL_NUMBER.sub(lambda m: str(counts[int(m[1]) - 1]), text) + "\t"


def _paragraph_text(paragraph) -> str:
    breaks = {qn("w:tab"): "\t", qn("w:br"): "\n"}
    return "".join(breaks.get(node.tag) or node.text or ""
                   for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")))


def docx_lines(path: Path) -> list[str]:
    """Paragraphs and table cells (one cell per line, as the UN's text conversions show them), in order."""
    document = Document(str(path))
    numberer = _Numberer(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            lines.extend((numberer.label(block) + _paragraph_text(block)).split("\n"))
        elif block.tag == qn("w:tbl"):
            for paragraph in block.iter(qn("w:p")):
                lines.extend(_paragraph_text(paragraph).split("\n"))
    return lines
