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
# Entries and heading of a table of contents: they repeat the headings, they are not text.
_TOC_STYLE = re.compile(r"^(?:toc\s*\d|toc\s*heading|table of contents)$", re.IGNORECASE)
_TOC_FIELD = re.compile(r"^\s*TOC\b")
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


def paragraph_text(
    paragraph: Paragraph, revisions: Revisions = "accept", authors: set[str] | None = None
) -> str:
    """The text of a paragraph in one view of its tracked changes; line breaks as "\\n".

    ``authors``: in the "accept" view, accept only these authors' changes and read the
    others' as rejected (one delegation's proposal out of a file several have marked up).
    """
    parts: list[str] = []

    def accepted(element) -> bool:
        if revisions != "accept":
            return False
        return authors is None or (element.get(qn("w:author")) or "Unknown author") in authors

    def walk(element, hidden: bool) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag in _INSERTED:
                walk(child, hidden or not accepted(child))
            elif tag in _DELETED:
                walk(child, hidden or accepted(child))
            elif tag in _TEXT or tag in _BREAKS or tag in _SPACES:
                if hidden:
                    continue
                if tag in _TEXT:
                    parts.append(child.text or "")
                else:
                    parts.append("\n" if tag in _BREAKS else " ")
            elif tag == qn("w:noBreakHyphen"):
                if not hidden:
                    parts.append("-")
            else:
                walk(child, hidden)

    walk(paragraph._p, False)
    return "".join(parts)


def _cache(paragraph: Paragraph) -> dict:
    """Per-document memo of style lookups, kept on the document part."""
    part = paragraph.part
    cache = getattr(part, "_workbench_styles", None)
    if cache is None:
        cache = {}
        part._workbench_styles = cache
    return cache


def style_of(paragraph: Paragraph):
    """The paragraph's style; python-docx scans every style on each lookup, this only once."""
    cache = _cache(paragraph)
    key = ("p", paragraph._p.style)
    if key not in cache:
        cache[key] = paragraph.style
    return cache[key]


def _run_style(run: Run, paragraph: Paragraph):
    cache = _cache(paragraph)
    key = ("r", run._r.style)
    if key not in cache:
        cache[key] = run.style
    return cache[key]


def heading_level(paragraph: Paragraph) -> int | None:
    """0 for a Title, N for Heading N (or a style based on it, or an outline level)."""
    outline = _outline_level(paragraph._p.pPr)
    if outline is not None:
        return outline
    cache = _cache(paragraph)
    key = ("heading", paragraph._p.style)
    if key not in cache:
        cache[key] = _style_heading_level(style_of(paragraph))
    return cache[key]


def _style_heading_level(style) -> int | None:
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
    cache = _cache(paragraph)
    key = ("bold", paragraph._p.style)
    if key not in cache:
        cache[key] = _style_bold(style_of(paragraph))
    style_bold = cache[key]
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
            run_key = ("run-bold", run._r.style)
            if run_key not in cache:
                style = _run_style(run, paragraph)
                cache[run_key] = _style_bold(style) if style is not None else None
            bold = cache[run_key]
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


def is_contents(paragraph: Paragraph) -> bool:
    """Whether a paragraph is set in a table-of-contents style."""
    style = style_of(paragraph)
    return style is not None and bool(_TOC_STYLE.match((style.name or "").strip()))


def _field_marks(paragraph: Paragraph) -> Iterator[tuple[str, str]]:
    """The complex-field marks of a paragraph in order: ("begin"|"end", "") or ("instr", text)."""
    for element in paragraph._p.iter(qn("w:fldChar"), qn("w:instrText")):
        if element.tag == qn("w:instrText"):
            yield "instr", element.text or ""
        elif element.get(qn("w:fldCharType")) in ("begin", "end"):
            yield element.get(qn("w:fldCharType")), ""


class _ContentsField:
    """Follows complex fields across paragraphs to tell which lie inside a TOC field."""

    def __init__(self) -> None:
        self.stack: list[bool] = []  # per open field: is it a TOC?

    def covers(self, paragraph: Paragraph) -> bool:
        """Whether any of the paragraph lies inside a TOC field (read before its own marks)."""
        inside = any(self.stack)
        for mark, text in _field_marks(paragraph):
            if mark == "begin":
                self.stack.append(False)
            elif mark == "instr" and self.stack and _TOC_FIELD.match(text):
                self.stack[-1] = True
                inside = True
            elif mark == "end" and self.stack:
                self.stack.pop()
        return inside


def is_centered(paragraph: Paragraph) -> bool:
    """Whether a paragraph is centred, directly or by its style."""
    alignment = paragraph.alignment
    if alignment is None:
        cache = _cache(paragraph)
        key = ("align", paragraph._p.style)
        if key not in cache:
            style = style_of(paragraph)
            while alignment is None and style is not None:
                alignment = style.paragraph_format.alignment
                style = style.base_style
            cache[key] = alignment
        alignment = cache[key]
    return alignment is not None and int(alignment) == 1


def docx_blocks(
    document,
    revisions: Revisions = "accept",
    progress: Progress | None = None,
    authors: set[str] | None = None,
) -> list[Block]:
    """The blocks of a Word body: one per paragraph line, with heading level and bold."""
    paragraphs = list(iter_paragraphs(document))
    numbering = Numbering(document)
    contents = _ContentsField()
    blocks: list[Block] = []
    for done, item in enumerate(paragraphs, 1):
        paragraph = item.paragraph
        if contents.covers(paragraph) or is_contents(paragraph):
            if progress is not None:
                progress(done, len(paragraphs))
            continue
        text = paragraph_text(paragraph, revisions, authors)
        # Word shows the number of an empty numbered paragraph too ("1." opening a list of
        # sub-paragraphs), and the paragraphs after it count on from it.
        label = numbering.label(paragraph)
        level = heading_level(paragraph)
        bold = level is None and is_bold(paragraph, revisions)
        centered = is_centered(paragraph)
        for number, line in enumerate(text.split("\n")):
            line = normalize_space(line)
            if number == 0 and label:
                line = format_paragraph(label, line)
            if line:
                blocks.append(
                    Block(text=line, index=item.index, heading=level, bold=bold, centered=centered)
                )
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
    parsed = recognize(
        blocks, name=source_name(source), title=title, language=language, rejoin=False
    )
    changes = count_tracked_changes(document)
    if changes:
        view = "accepted" if revisions == "accept" else "left out (the text as it stands)"
        parsed.warnings.append(
            f"The document has {changes} tracked change{'s' if changes > 1 else ''}; they were "
            f"{view}. Import a delegation's changes as proposals with import-proposals."
        )
    return parsed


def count_tracked_changes(document) -> int:
    """How many tracked insertions and deletions of text the body holds."""
    body = document.element.body
    return sum(
        1
        for element in body.iter(*_INSERTED, *_DELETED)
        if element.getparent().tag not in (qn("w:rPr"), qn("w:pPr"))
        and any((node.text or "").strip() for node in element.iter(*_TEXT))
    )
