"""Paragraph texts of the source documents, so a reader sees what a cited paragraph says."""

import re
from functools import lru_cache
from pathlib import Path

from tracker.schema import ParagraphRef

_NUMBERED = re.compile(r"^\s*(\d+)\.\s+(.*)$")
_PAGE = re.compile(r"^page \d+$")
_SUB = re.compile(r"^\s*\(?([a-z])\)\s+(.*)$")
# Lines that open a heading, not paragraph text: Word bookmarks, Markdown headings and rules.
_HEADING = re.compile(r"^(\[bookmark:|#|---|\s*\t\tAbbreviations)")


@lru_cache(maxsize=16)
def _paragraphs(path: Path, mtime: float) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    current: str | None = None
    sub: str | None = None
    leading: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if _HEADING.match(line):
            current = sub = None
            continue
        numbered = _NUMBERED.match(line)
        if numbered and (current is None or int(numbered.group(1)) == int(current) + 1):
            current, sub = numbered.group(1), None
            texts[current] = [numbered.group(2)]
            continue
        if current is None:
            if not texts and line.strip():
                leading.append(line.strip())
            continue
        subpara = _SUB.match(line)
        if subpara:
            sub = f"{current}({subpara.group(1)})"
            texts[sub] = [line.strip()]
        elif sub and line.strip():
            texts[sub].append(line.strip())
        texts[current].append(line.strip())
    first = min((int(key) for key in texts if key.isdigit()), default=1)
    page = [i for i, line in enumerate(leading) if _PAGE.match(line)]
    if first > 1 and page and leading[page[-1] + 1:]:
        # A page excerpt that opens mid-paragraph: the text above the first number ends the previous paragraph.
        texts[str(first - 1)] = leading[page[-1] + 1:]
    return {key: "\n".join(part for part in lines if part) for key, lines in texts.items()}


def paragraph_texts(path: Path) -> dict[str, str]:
    """Every numbered paragraph ("94") and sub-paragraph ("2(a)") of a source file, keyed as cited."""
    return _paragraphs(path, path.stat().st_mtime)


def cited_texts(path: Path, refs: list[ParagraphRef]) -> list[tuple[str, str | None]]:
    """(label, text) for each cited paragraph, text None where the file does not hold it."""
    texts = paragraph_texts(path)
    cited = []
    for ref in refs:
        keys = [f"{ref.first}({ref.sub})"] if ref.sub else [str(n) for n in ref.numbers()]
        cited.extend((key, texts.get(key)) for key in keys)
    return cited
