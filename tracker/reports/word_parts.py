"""Word building blocks shared by the report and the briefing: properties, sections, fitted tables."""

import re
from io import BytesIO

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tracker.settings import DEFAULT_REPORT_AUTHOR

# The document language Word checks spelling in, per interface language (Mexican Spanish for `es`).
DOCUMENT_LANGUAGES = {"en": "en-GB", "es": "es-MX"}
HEADER_SHADE = "DDE4EE"
# An average character of Liberation Sans is about 0.55 em wide; bold headers a little more.
CHAR_EM, CELL_PADDING = 0.6, Cm(0.3)
# A column's floor is its longest word, measured by letter: capitals and digits (symbols such as CMW/C/MEX/QPR/3)
# are wider than lower case, and a generous floor for every letter would leave seven columns' long texts nothing
# to share.
CAPITAL_EM, DIGIT_EM, LETTER_EM = 0.75, 0.56, 0.5
# A long text column takes a share of the width in proportion to its length, up to this many characters: a
# row is as tall as its fullest cell, and a rationale of 600 characters should not wrap as narrow as a name.
WIDEST_NATURAL, LONGEST_WORD = 1200, 22


def author_in(author: str, t) -> str:
    """The author a document names: as the settings name it, or else the tracker's own name in `t`'s language."""
    return t.tr(author) if author == DEFAULT_REPORT_AUTHOR else author


def text(value) -> str:
    """Cell or paragraph text without the control characters XML cannot hold ("" for missing values)."""
    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return ""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def new_document(title: str, author: str, subject: str = "", language: str = "en"):
    """A document with its properties set, A4 margins of 2 cm, and 10-point body text in `language`."""
    tag = DOCUMENT_LANGUAGES.get(language, DOCUMENT_LANGUAGES["en"])
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.subject, props.language = text(title), text(author), text(subject), tag
    props.last_modified_by = text(author)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Liberation Sans", Pt(10)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    normal.element.get_or_add_rPr().append(lang)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    return doc


def saved(doc) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def orient(doc, landscape: bool) -> None:
    """Start a new section in the wanted orientation, unless the current one already has it."""
    section = doc.sections[-1]
    if (section.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    width, height = section.page_width, section.page_height
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = height, width


def usable_width(doc) -> int:
    section = doc.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def _word_em(word: str) -> float:
    return sum(CAPITAL_EM if c.isupper() else DIGIT_EM if c.isdigit() else LETTER_EM for c in word)


def natural_widths(frame: pd.DataFrame, font_size: float) -> tuple[list[int], list[int]]:
    """(floors, wants) per column: the width of its longest word, and of its typical text on one line."""
    char = Pt(font_size * CHAR_EM)
    floors, wants = [], []
    for name in frame.columns:
        values = [text(v) for v in frame[name]]
        lengths = sorted(len(v) for v in values) or [0]
        typical = max(lengths[int(0.9 * (len(lengths) - 1))], len(str(name)) // 2)
        # Split at spaces and line breaks only: a no-break space holds a citation together.
        longest_word = max([_word_em(w) for value in [str(name), *values] for w in re.split(r"[ \n]", value)] or [1])
        floors.append(Pt(font_size * min(longest_word, LONGEST_WORD * CHAR_EM)) + CELL_PADDING)
        wants.append(max(char * min(typical, WIDEST_NATURAL) + CELL_PADDING, floors[-1]))
    return floors, wants


def column_widths(frame: pd.DataFrame, total: int, font_size: float) -> list[int]:
    """Widths that sum to `total`: each column at least its longest word, and the long texts sharing the rest so
    that they take about as many lines as each other (the row is as tall as its tallest cell)."""
    floors, wants = natural_widths(frame, font_size)
    if sum(wants) <= total:
        return [int(want * total / sum(wants)) for want in wants]
    if sum(floors) >= total:
        return [int(floor * total / sum(floors)) for floor in floors]

    def at(lines: float) -> list[float]:  # each column wide enough for its typical text in this many lines
        return [min(want, max(floor, want / lines)) for floor, want in zip(floors, wants)]

    fewest, most = 1.0, max(want / floor for floor, want in zip(floors, wants))
    for _ in range(50):  # the total width falls as the lines grow: bisect for the count that fills the page
        middle = (fewest + most) / 2
        fewest, most = (middle, most) if sum(at(middle)) > total else (fewest, middle)
    widths = at(most)
    return [int(width * total / sum(widths)) for width in widths]


SPLIT_BEYOND_LINES = 15  # about a third of a landscape page at 9 pt


def _lines(value, width, font_size: float) -> int:
    """About how many lines a cell's text takes at this width (an average character is half the type size wide)."""
    per_line = max(1, int(Length(width).pt / (0.5 * font_size)))
    return sum(-(-max(1, len(line)) // per_line) for line in text(value).split("\n"))


def add_table(doc, frame: pd.DataFrame, font_size: float = 9):
    """A table that fills the text width, columns sized to their content, header repeated on every page."""
    grid = doc.add_table(rows=1, cols=len(frame.columns))
    grid.style = "Table Grid"
    grid.autofit = False
    widths = column_widths(frame, usable_width(doc), font_size)
    _cell_margins(grid, Cm(0.1))
    header = grid.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, name in zip(header.cells, frame.columns):
        run = cell.paragraphs[0].add_run(text(name))
        run.bold, run.font.size = True, Pt(font_size)
        _shade(cell, HEADER_SHADE)
    numeric = [pd.api.types.is_numeric_dtype(frame[name]) for name in frame.columns]
    for row in frame.itertuples(index=False):
        added = grid.add_row()
        # A row stays on one page, so a reader never joins an item's cells across a page break; but one taller
        # than a third of a page would leave most of the page before it blank, so it continues under the header.
        if max(_lines(value, width, font_size) for value, width in zip(row, widths)) <= SPLIT_BEYOND_LINES:
            added._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = added.cells
        for cell, value, is_number in zip(cells, row, numeric):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(text(value)).font.size = Pt(font_size)
            if is_number:
                paragraph.alignment = 2  # right
    for column, width in zip(grid.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return grid


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_margins(grid, margin: int) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(int(margin / 635)))  # twentieths of a point
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    grid._tbl.tblPr.append(margins)


def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True
