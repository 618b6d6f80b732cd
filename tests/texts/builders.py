"""Word and text files built from parsed structures, for the round-trip tests."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision

STYLES = ("headings", "bold", "plain")
_HEADING_LEVELS = {"part": 1, "chapter": 1, "section": 2, "title": 3, "annex": 1}


def _heading_line(item: ParsedChapter | ParsedProvision, lang: str, style: str) -> list[str]:
    """The heading as a document would print it: one line, or label then title."""
    label = item.label
    if isinstance(item, ParsedChapter) and lang == "en":
        label = label.upper()  # "CHAPTER I", as the printed Convention has it
    title = item.title.get(lang)
    if style == "headings" and title:
        return [f"{label} – {title}"]  # the title on the same line, after a dash
    return [label, title] if title else [label]


def write_docx(instrument: ParsedInstrument, path: Path, style: str) -> Path:
    """A Word file of an instrument with headings as styles, as bold text, or plain."""
    lang = instrument.language
    document = docx.Document()

    def heading(text: str, level: int) -> None:
        if style == "headings":
            document.add_heading(text, level=level)
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(text).bold = style == "bold"

    heading(instrument.title[lang], 0)

    def add(items, depth: int) -> None:
        for item in items:
            if isinstance(item, ParsedChapter):
                for line in _heading_line(item, lang, style):
                    heading(line, _HEADING_LEVELS[item.kind])
                add(item.children, depth + 1)
                continue
            if item.kind == "article":
                for line in _heading_line(item, lang, style):
                    heading(line, 4)
            elif item.kind == "preamble" and style != "plain":
                heading(item.label, 1)
            for line in item.text[lang].split("\n"):
                document.add_paragraph(line)

    add(instrument.children, 0)
    document.save(path)
    return path


def write_text(instrument: ParsedInstrument, path: Path, encoding: str = "utf-8") -> Path:
    """A plain text file of an instrument: one paragraph per line, headings on their own."""
    lang = instrument.language
    lines = [instrument.title[lang], ""]
    for _depth, item in instrument.walk():
        if isinstance(item, ParsedChapter) or item.kind == "article":
            lines.extend(_heading_line(item, lang, "plain"))
        if isinstance(item, ParsedProvision):
            lines.extend(item.text[lang].split("\n"))
        lines.append("")
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def tracked_run(kind: str, text: str, author: str, date: str, revision_id: int):
    """A w:ins or w:del element holding one run of text, by an author at a date."""
    element = OxmlElement(f"w:{kind}")
    element.set(qn("w:id"), str(revision_id))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:delText" if kind == "del" else "w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    element.append(run)
    return element


def plain_run(text: str):
    """A w:r with text, for building paragraphs by hand."""
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    return run
