"""Reading Word (.docx) files: paragraphs with their heading styles, bold and numbering.

The text of a paragraph is read from the XML, not from python-docx's ``paragraph.text``,
which skips runs inside tracked insertions (``w:ins``). ``revisions`` chooses the view of
a document with tracked changes: ``"accept"`` (insertions kept, deletions dropped: the
text as proposed) or ``"reject"`` (insertions dropped, deleted text kept: the original).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from workbench.errors import InvalidInput
from workbench.texts.clean import normalize_space
from workbench.texts.files import (
    MAX_BYTES,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    Source,
    check_docx_package,
    read_limited,
    source_name,
)
from workbench.texts.numbering import Numbering
from workbench.texts.recognize import Block, Progress, recognize
from workbench.texts.structure import ParsedInstrument, format_paragraph

Revisions = Literal["accept", "reject"]

_P, _TBL, _SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")
_INSERTED = {qn("w:ins"), qn("w:moveTo")}
_DELETED = {qn("w:del"), qn("w:moveFrom")}
_TEXT = {qn("w:t"), qn("w:delText")}
_SKIP = {qn("w:pPr"), qn("w:rPr"), qn("w:instrText"), qn("w:delInstrText"), qn("w:rPrChange")}
_BREAKS = {qn("w:br"), qn("w:cr")}
_SPACES = {qn("w:tab"), qn("w:ptab")}
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_OFF = {"0", "false", "off", "none"}


@dataclass
class WordParagraph:
    """One paragraph of a Word body, in document order, with what tells its role."""

    index: int
    paragraph: Paragraph


def open_document(
    source: Source,
    *,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
):
    """A python-docx Document from a path, bytes or stream, after the safety checks."""
    name = source_name(source)
    data = read_limited(source, name, max_bytes)
    check_docx_package(data, name, max_unzipped_bytes=max_unzipped_bytes, max_ratio=max_ratio)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        summary = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InvalidInput(f"{name} is a damaged Word document ({summary}).") from None


def iter_paragraphs(document) -> Iterator[WordParagraph]:
    """The body's paragraphs in reading order, table cells and content controls included."""
    body = document.element.body
    index = 0

    def walk(element):
        nonlocal index
        for child in element:
            if child.tag == _P:
                yield WordParagraph(index, Paragraph(child, document))
                index += 1
            elif child.tag in (_TBL, _SDT) or child.tag.endswith(("}tr", "}tc", "}sdtContent")):
                yield from walk(child)

    yield from walk(body)


def paragraph_text(paragraph: Paragraph, revisions: Revisions = "accept") -> str:
    """The text of a paragraph in one view of its tracked changes; line breaks as "\\n"."""
    parts: list[str] = []

    def walk(element, inserted: bool, deleted: bool) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag in _INSERTED:
                walk(child, True, deleted)
            elif tag in _DELETED:
                walk(child, inserted, True)
            elif tag in _TEXT or tag in _BREAKS or tag in _SPACES:
                hidden = deleted if revisions == "accept" else inserted
                if hidden:
                    continue
                if tag in _TEXT:
                    parts.append(child.text or "")
                else:
                    parts.append("\n" if tag in _BREAKS else " ")
            elif tag == qn("w:noBreakHyphen"):
                parts.append("-")
            else:
                walk(child, inserted, deleted)

    walk(paragraph._p, False, False)
    return "".join(parts)


def heading_level(paragraph: Paragraph) -> int | None:
    """0 for a Title, N for Heading N (or a style based on it, or an outline level)."""
    outline = _outline_level(paragraph._p.pPr)
    if outline is not None:
        return outline
    style = paragraph.style
    while style is not None:
        name = (style.name or "").strip()
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1))
        if name.lower() == "title":
            return 0
        if name.lower() == "subtitle":
            return 1
        outline = _outline_level(style.element.pPr)
        if outline is not None:
            return outline
        style = style.base_style
    return None


def _outline_level(ppr) -> int | None:
    if ppr is None:
        return None
    element = ppr.find(qn("w:outlineLvl"))
    value = None if element is None else element.get(qn("w:val"))
    if value is None or not value.isdigit() or int(value) >= 9:
        return None
    return int(value) + 1


def is_bold(paragraph: Paragraph, revisions: Revisions = "accept") -> bool:
    """Whether every run that shows text is bold: a heading set by hand."""
    style_bold = _style_bold(paragraph.style)
    runs = [
        Run(element, paragraph)
        for element in paragraph._p.iter(qn("w:r"))
        if _visible(element, paragraph._p, revisions) and _run_text(element).strip()
    ]
    if not runs:
        return False
    for run in runs:
        bold = run.bold
        if bold is None:
            bold = _style_bold(run.style) if run.style is not None else None
        if not (bold or (bold is None and style_bold)):
            return False
    return True


def _style_bold(style) -> bool:
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _run_text(run) -> str:
    return "".join(child.text or "" for child in run if child.tag in _TEXT)


def _visible(run, paragraph, revisions: Revisions) -> bool:
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            break
        if ancestor.tag in (_DELETED if revisions == "accept" else _INSERTED):
            return False
    return True


def docx_blocks(
    document, revisions: Revisions = "accept", progress: Progress | None = None
) -> list[Block]:
    """The blocks of a Word body: one per paragraph line, with heading level and bold."""
    paragraphs = list(iter_paragraphs(document))
    numbering = Numbering(document)
    blocks: list[Block] = []
    for done, item in enumerate(paragraphs, 1):
        paragraph = item.paragraph
        text = paragraph_text(paragraph, revisions)
        label = numbering.label(paragraph) if text.strip() else ""
        level = heading_level(paragraph)
        bold = level is None and is_bold(paragraph, revisions)
        for number, line in enumerate(text.split("\n")):
            line = normalize_space(line)
            if number == 0 and label:
                line = format_paragraph(label, line)
            if line:
                blocks.append(Block(text=line, index=item.index, heading=level, bold=bold))
        if progress is not None:
            progress(done, len(paragraphs))
    return blocks


def parse_docx(
    source: Source,
    *,
    title: str | None = None,
    language: str | None = None,
    revisions: Revisions = "accept",
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> ParsedInstrument:
    """The structure of a Word document (a path, bytes or a binary stream)."""
    # revisions="accept" reads tracked changes as if accepted, "reject" as if rejected;
    # progress(done, total) is called as paragraphs are read.
    if revisions not in ("accept", "reject"):
        raise ValueError(f"revisions must be 'accept' or 'reject', not {revisions!r}")
    document = open_document(
        source, max_bytes=max_bytes, max_unzipped_bytes=max_unzipped_bytes, max_ratio=max_ratio
    )
    blocks = docx_blocks(document, revisions, progress)
    return recognize(blocks, name=source_name(source), title=title, language=language)
