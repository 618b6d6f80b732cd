"""Reading Word (.docx) files as Word shows them: paragraphs, headings, numbering, alignment.

The document is read from its XML (``package``), its styles resolved through their bases
(``wordstyles``), its automatic numbering counted as Word counts it (``numbering``), each
paragraph's text taken in one view of its tracked changes (``wordtext``). ``revisions``
chooses the view: ``"accept"`` (insertions kept, deletions applied: the text as proposed)
or ``"reject"`` (the text as it stood). A paragraph mark that a view removes joins the
paragraph to the next one, as accepting or rejecting does in Word.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.texts.blocks import Block, Progress
from workbench.texts.clean import heading_mark, normalize_text
from workbench.texts.contents import is_contents_line
from workbench.texts.files import MAX_BYTES, MAX_RATIO, MAX_UNZIPPED_BYTES, Source
from workbench.texts.numbering import Numbering
from workbench.texts.ooxml import Notes, children, number, on_off, val, w
from workbench.texts.package import WordPackage, open_package
from workbench.texts.recognize import recognize
from workbench.texts.structure import ParsedInstrument, format_paragraph
from workbench.texts.wordstyles import StyleSheet, outline_level
from workbench.texts.wordtext import (
    DELETED,
    INSERTED,
    ParagraphReader,
    Revisions,
    View,
)

_CONTAINERS = {w("sdtContent"), w("customXml"), w("tr"), w("tc")}


@dataclass
class WordParagraph:
    """One paragraph of a Word body, in reading order (table cells and controls included)."""

    index: int
    element: object  # the w:p element
    container: int  # paragraphs join across a removed mark only within one container
    contents: bool = False  # inside a table-of-contents content control


@dataclass
class WordDocument:
    """A Word file as the reader sees it: its parts, styles, numbering and paragraphs."""

    package: WordPackage
    notes: Notes
    styles: StyleSheet
    numbering: Numbering
    paragraphs: list[WordParagraph] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.package.name


def open_document(
    source: Source,
    *,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> WordDocument:
    """A Word document from a path, bytes or stream, after the safety checks."""
    package = open_package(
        source, max_bytes=max_bytes, max_unzipped_bytes=max_unzipped_bytes, max_ratio=max_ratio
    )
    notes = Notes()
    styles = StyleSheet(package.styles, notes)
    document = WordDocument(package, notes, styles, Numbering(package.numbering, styles, notes))
    document.paragraphs = list(_paragraphs(document))
    return document


def _paragraphs(document: WordDocument) -> Iterator[WordParagraph]:
    body = document.package.document.find(w("body"))
    index = 0
    containers = 0

    def walk(element, container: int, contents: bool) -> Iterator[WordParagraph]:
        nonlocal index, containers
        for child in children(element):
            tag = child.tag
            if tag == w("p"):
                yield WordParagraph(index, child, container, contents)
                index += 1
            elif tag == w("tbl") or tag in _CONTAINERS:
                containers += 1
                yield from walk(child, containers, contents)
            elif tag == w("sdt"):
                containers += 1
                yield from walk(child, containers, contents or _is_contents_control(child))
            elif tag == w("altChunk"):
                document.notes.tell(
                    "Left out a part embedded as a separate file (w:altChunk); open the "
                    "document in Word or LibreOffice and save it again to include it."
                )

    if body is not None:
        yield from walk(body, 0, False)


def _is_contents_control(sdt) -> bool:
    gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return val(gallery) in ("Table of Contents", "Table of contents")


@dataclass
class ReadParagraph:
    """A paragraph in one view: its text, the label Word numbers it with, its marks."""

    index: int
    indexes: tuple[int, ...]  # the paragraphs joined into it (a removed mark joins two)
    text: str
    label: str
    heading: int | None
    bold: bool
    centered: bool


def read_paragraphs(
    document: WordDocument, view: View, progress: Progress | None = None
) -> Iterator[ReadParagraph]:
    """The paragraphs as the view shows them, numbered, tables of contents left out."""
    document.numbering.reset()
    reader = ParagraphReader(view, document.notes)
    carry_text, carry_container = "", None
    carry_indexes: tuple[int, ...] = ()
    paragraphs = document.paragraphs
    for position, item in enumerate(paragraphs):
        if progress is not None:
            progress(position + 1, len(paragraphs))
        read = reader.read(item.element)
        ppr = _properties(item.element, view)
        if carry_container is not None and carry_container != item.container:
            carry_text, carry_indexes = "", ()
        text = carry_text + read.text
        indexes = (*carry_indexes, item.index)
        carry_text, carry_indexes, carry_container = "", (), None
        following = paragraphs[position + 1] if position + 1 < len(paragraphs) else None
        last = following is None or following.container != item.container
        if _mark_removed(item.element, view) and not last:
            if text:
                carry_text, carry_indexes, carry_container = text, indexes, item.container
            continue
        style = document.styles.paragraph(val(ppr, "pStyle"))
        # A numbered paragraph counts in its list even where it is not read (Word's rule).
        label = document.numbering.label(*_numbering(document, ppr, style))
        if item.contents or style.contents or reader.fields.paragraph_generated:
            continue
        direct_outline = number(val(ppr, "outlineLvl"))
        heading = outline_level(ppr) if direct_outline is not None else style.heading
        runs = read.runs
        yield ReadParagraph(
            index=item.index,
            indexes=indexes,
            text=text,
            label=label,
            heading=heading,
            bold=heading is None and _bold(document, runs, style.bold),
            centered=(document.styles.alignment(ppr) or style.alignment) == "center",
        )


def _properties(paragraph, view: View):
    """The paragraph's properties in the view: the former ones where a change is not taken."""
    ppr = paragraph.find(w("pPr"))
    change = ppr.find(w("pPrChange")) if ppr is not None else None
    if change is not None and not view.accepts(change):
        former = change.find(w("pPr"))
        return former if former is not None else ppr
    return ppr


def _mark_removed(paragraph, view: View) -> bool:
    """Whether the view removes the paragraph mark (a deleted mark taken, an inserted one not)."""
    rpr = paragraph.find(f"{w('pPr')}/{w('rPr')}")
    if rpr is None:
        return False
    for child in rpr:
        if child.tag in DELETED and view.accepts(child):
            return True
        if child.tag in INSERTED and not view.accepts(child):
            return True
    return False


def _numbering(document: WordDocument, ppr, style) -> tuple[str | None, int]:
    """The paragraph's list (numId) and level: its own w:numPr over its style's."""
    direct = ppr.find(w("numPr")) if ppr is not None else None
    own_id = val(direct, "numId") if direct is not None else None
    own_level = number(val(direct, "ilvl")) if direct is not None else None
    inherited = style.numbering
    num_id = own_id if own_id is not None else (inherited[0] if inherited else None)
    if num_id is None or num_id == "0":
        return None, 0
    if own_level is not None:
        return num_id, own_level
    if inherited and inherited[1] is not None and own_id is None:
        return num_id, inherited[1]
    found = document.numbering.level_for_style(num_id, val(ppr, "pStyle"))
    return num_id, found or 0


def _bold(document: WordDocument, runs: list, style_bold: bool | None) -> bool:
    """Whether every run that shows text is bold: a heading set by hand."""
    shown = [run for run in runs if "".join(t.text or "" for t in run.iter(w("t"))).strip()]
    if not shown:
        return False
    for run in shown:
        rpr = run.find(w("rPr"))
        bold = on_off(rpr, "b")
        if bold is None:
            bold = document.styles.run_bold(val(rpr, "rStyle") if rpr is not None else None)
        if bold is None:
            bold = style_bold
        if not bold:
            return False
    return True


def docx_blocks(
    document: WordDocument,
    revisions: Revisions = "accept",
    progress: Progress | None = None,
    authors: set[str] | None = None,
) -> list[Block]:
    """The blocks of a Word body in one view: one per paragraph line, with its marks."""
    view = View(revisions, frozenset(authors) if authors is not None else None)
    blocks: list[Block] = []
    for paragraph in read_paragraphs(document, view, progress):
        level = paragraph.heading
        for number_, raw in enumerate(paragraph.text.split("\n")):
            mark, raw = heading_mark(raw)
            line = normalize_text(raw)
            if number_ == 0 and paragraph.label:
                line = format_paragraph(paragraph.label, line)
            if not line:
                continue
            blocks.append(
                Block(
                    text=line,
                    index=paragraph.index,
                    heading=level if mark is None else mark,
                    bold=paragraph.bold,
                    centered=paragraph.centered,
                    indexes=paragraph.indexes,
                    leader=is_contents_line(raw),
                    numbered=bool(paragraph.label) and number_ == 0,
                )
            )
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
    parsed = recognize(blocks, name=document.name, title=title, language=language, rejoin=False)
    parsed.warnings[:0] = document.notes.messages()
    changes = count_tracked_changes(document)
    if changes:
        view = "accepted" if revisions == "accept" else "left out (the text as it stands)"
        parsed.warnings.append(
            f"The document has {changes} tracked change{'s' if changes > 1 else ''}; they were "
            f"{view}. Import a delegation's changes as proposals with import-proposals."
        )
    return parsed


def count_tracked_changes(document: WordDocument) -> int:
    """How many tracked insertions and deletions of text the body holds."""
    body = document.package.document
    return sum(
        1
        for element in body.iter(*INSERTED, *DELETED)
        if (parent := element.getparent()) is not None
        and parent.tag not in (w("rPr"), w("pPr"))
        and any((node.text or "").strip() for node in element.iter(w("t"), w("delText")))
    )
