"""Word files written with python-docx the ways delegations and secretariats write them.

Each style sets headings differently, so that a parser that knows only one layout fails:

- ``styled``: Word heading styles, label and title on two heading paragraphs.
- ``styled-inline``: Word heading styles, "Article 1 – Definitions" in one heading.
- ``bold``: headings typed as bold Normal paragraphs, the title on the next line.
- ``typed-inline``: nothing but Normal paragraphs, "Article 1 – Definitions" in one line.
- ``typed-next-line``: nothing but Normal paragraphs, "Article 1" then "Definitions".
- ``numbered``: heading styles, and the wording's "1." and "a)" as Word automatic numbering.

``letters`` rewrites lettered sub-paragraphs: "a)" as in the Convention, "(a)" or "a.".
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision

STYLES = ("styled", "styled-inline", "bold", "typed-inline", "typed-next-line", "numbered")
_LEVELS = {"part": 1, "chapter": 1, "section": 2, "title": 3, "annex": 1}
_LETTER = re.compile(r"^([a-z])\) ")
_NUMBERED = re.compile(r"^(\d{1,3})\.(?: |$)")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def relabel(line: str, letters: str) -> str:
    """A paragraph with its letter label written another way: "a)" → "(a)" or "a."."""
    if letters == "a)":
        return line
    template = {"(a)": "({})", "a.": "{}."}[letters]
    return _LETTER.sub(lambda m: template.format(m.group(1)) + " ", line)


def _heading_lines(item, lang: str, inline: bool) -> list[str]:
    label = item.label.upper() if isinstance(item, ParsedChapter) else item.label
    title = item.title.get(lang)
    if not title:
        return [label]
    return [f"{label} – {title}"] if inline else [label, title]


def write_budapest_docx(
    instrument: ParsedInstrument, path: Path, style: str, *, letters: str = "a)"
) -> Path:
    """A Word file of a parsed instrument in one of the STYLES."""
    if style not in STYLES:
        raise ValueError(style)
    writer = _StyleWriter(docx.Document(), instrument.language, style, letters)
    writer.heading(instrument.title[instrument.language], 0)
    writer.add(instrument.children)
    writer.document.save(path)
    return path


class _StyleWriter:
    """Headings and wording written as one of the STYLES writes them."""

    def __init__(self, document, lang: str, style: str, letters: str) -> None:
        self.document = document
        self.lang = lang
        self.style = style
        self.letters = letters
        self.numbers = _numbering(document) if style == "numbered" else None
        self.styled = style in ("styled", "styled-inline", "numbered")
        self.inline = style in ("styled-inline", "typed-inline")

    def heading(self, text: str, level: int) -> None:
        if self.styled:
            self.document.add_heading(text, level=level)
        else:
            paragraph = self.document.add_paragraph()
            paragraph.add_run(text).bold = self.style == "bold"

    def headings(self, item, level: int) -> None:
        for line in _heading_lines(item, self.lang, self.inline):
            self.heading(line, level)

    def wording(self, text: str) -> None:
        for line in text.split("\n"):
            line = relabel(line, self.letters)
            if self.numbers is not None:
                line = _numbered_paragraph(self.document, self.numbers, line)
                if line is None:
                    continue
            self.document.add_paragraph(line)

    def add(self, items) -> None:
        for item in items:
            if isinstance(item, ParsedChapter):
                self.headings(item, _LEVELS[item.kind])
                self.add(item.children)
            elif item.kind == "article":
                self.headings(item, 4)
                if self.numbers is not None:
                    self.numbers["restart"] = True
                self.wording(item.text[self.lang])
            else:
                if item.kind == "preamble" and self.style != "typed-inline":
                    self.heading(item.label, 1)
                self.wording(item.text[self.lang])


def _numbering(document) -> dict:
    """A list definition "1." / "a)" / "(i)" added to the document's numbering part."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "70")
    for ilvl, (fmt, text) in enumerate(
        [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "(%3)")]
    ):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("start", "1"), ("numFmt", fmt), ("lvlText", text)):
            child = OxmlElement(f"w:{tag}")
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    return {"element": numbering, "next_id": 200, "current": None, "restart": True}


def _numbered_paragraph(document, numbers: dict, line: str) -> str | None:
    """Write "1. text" as an automatically numbered paragraph; other lines are returned."""
    match = _NUMBERED.match(line)
    if not match:
        return line
    if numbers["restart"]:
        # A new w:num per article whose w:startOverride restarts the count at 1, as Word
        # writes "Restart at 1" (a num without the override would continue the list).
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(numbers["next_id"]))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), "70")
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        numbers["element"].append(num)
        numbers["current"] = numbers["next_id"]
        numbers["next_id"] += 1
        numbers["restart"] = False
    paragraph = document.add_paragraph(line[match.end() :])
    num_pr = paragraph._p.get_or_add_pPr()._add_numPr()
    num_pr._add_ilvl().val = 0
    num_pr._add_numId().val = numbers["current"]
    return None


def write_paragraphs(path: Path, lines: list[tuple[str, str]]) -> Path:
    """A Word file from (kind, text) lines: kind "title", "h1".."h4", "bold" or "p"."""
    document = docx.Document()
    for kind, text in lines:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind.startswith("h"):
            document.add_heading(text, level=int(kind[1:]))
        elif kind == "bold":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text)
    document.save(path)
    return path


def articles(instrument: ParsedInstrument) -> list[ParsedProvision]:
    return instrument.provisions("article")
