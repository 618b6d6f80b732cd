"""Word building blocks shared by the writers: runs, paragraphs, revisions, fields and tables.

Body content is built as raw WordprocessingML elements with ``lxml.etree.SubElement``: a
consolidated text can hold tens of thousands of runs, and python-docx's object layer (or
parsing XML snippets) costs several times more per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache

from docx.oxml import OxmlElement
from docx.oxml.ns import qn as _qn
from lxml import etree

BODY_FONT = "Times New Roman"
# UN Chinese documents are set in SimSun (宋体), present on every Windows and Mac Office
# install; elsewhere (LibreOffice on Linux) fontconfig substitutes Noto Serif CJK SC.
EAST_ASIA_FONT = "SimSun"
EAST_ASIA_LANG = "zh-CN"
LATIN_LANG = "en-GB"

TWIPS_PER_CM = 567
INDENT_PER_LEVEL_CM = 1.0

# XML 1.0 forbids these; text imported from old Word files sometimes carries them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@cache
def qn(tag: str) -> str:
    """Clark name of a prefixed tag or attribute, cached (called for every element)."""
    return _qn(tag)


def sub(parent, tag: str, attrs: dict[str, str] | None = None):
    """Append a child element ``tag`` (prefixed, e.g. "w:r") with prefixed attributes."""
    child = etree.SubElement(parent, qn(tag))
    if attrs:
        for key, value in attrs.items():
            child.set(qn(key), value)
    return child


def make(tag: str, attrs: dict[str, str] | None = None):
    """A new detached element, later appended to the body or a cell."""
    element = OxmlElement(tag)
    if attrs:
        for key, value in attrs.items():
            element.set(qn(key), value)
    return element


_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    """Whether text holds Chinese characters or full-width punctuation."""
    return _CJK.search(text) is not None


def clean(text: str) -> str:
    """Text safe to store in XML."""
    return _INVALID_XML.sub("", text)


def format_date(day: date, lang: str) -> str:
    """A date as a UN title page writes it, independent of the process locale."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def revision_date(day: date | datetime) -> str:
    """The ISO 8601 UTC timestamp Word expects in ``w:date``."""
    if isinstance(day, datetime):
        moment = day.astimezone(UTC) if day.tzinfo else day
    else:
        moment = datetime.combine(day, time(0, 0))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- runs ------------------------------------------------------------------------------------


def run_properties(run, *, bold=False, italic=False, zh=False, style=None, size=None) -> None:
    """Give a ``w:r`` its ``w:rPr`` (children in schema order: Word rejects any other)."""
    if not (bold or italic or zh or style or size):
        return
    rpr = sub(run, "w:rPr")
    if style:
        sub(rpr, "w:rStyle", {"w:val": style})
    if zh:
        sub(rpr, "w:rFonts", {"w:eastAsia": EAST_ASIA_FONT, "w:hint": "eastAsia"})
    if bold:
        sub(rpr, "w:b")
        sub(rpr, "w:bCs")
    if italic:
        sub(rpr, "w:i")
        sub(rpr, "w:iCs")
    if size:
        sub(rpr, "w:sz", {"w:val": str(size * 2)})
        sub(rpr, "w:szCs", {"w:val": str(size * 2)})
    if zh:
        sub(rpr, "w:lang", {"w:eastAsia": EAST_ASIA_LANG})


def add_run(parent, text: str, *, deleted=False, **props):
    """Append a run holding ``text`` to a paragraph, ``w:ins`` or ``w:del``."""
    run = sub(parent, "w:r")
    run_properties(run, **props)
    add_text(run, text, deleted=deleted)
    return run


def add_text(run, text: str, *, deleted=False) -> None:
    """Put text into a run: tabs as ``w:tab``, spaces preserved."""
    tag = "w:delText" if deleted else "w:t"
    for index, piece in enumerate(clean(text).split("\t")):
        if index:
            sub(run, "w:tab")
        if piece:
            node = sub(run, tag)
            node.text = piece
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# -- paragraphs ------------------------------------------------------------------------------


def paragraph_properties(
    p,
    *,
    style=None,
    level=0,
    align=None,
    keep_next=False,
    page_break_before=False,
    spacing_after=None,
):
    """Give a ``w:p`` its ``w:pPr`` (children in schema order); returns it."""
    ppr = sub(p, "w:pPr")
    if style:
        sub(ppr, "w:pStyle", {"w:val": style})
    if keep_next:
        sub(ppr, "w:keepNext")
    if page_break_before:
        sub(ppr, "w:pageBreakBefore")
    if spacing_after is not None:
        sub(ppr, "w:spacing", {"w:after": str(spacing_after)})
    if level:
        sub(ppr, "w:ind", {"w:left": str(round(level * INDENT_PER_LEVEL_CM * TWIPS_PER_CM))})
    if align:
        sub(ppr, "w:jc", {"w:val": align})
    return ppr


def new_paragraph(sink, **props):
    """Append a paragraph to ``sink`` (a list of body elements or a ``w:tc``)."""
    p = make("w:p")
    # No empty w:pPr for plain paragraphs (most of a text): level 0 and False are defaults.
    if any(
        value not in (None, False, 0) or (key == "spacing_after" and value is not None)
        for key, value in props.items()
    ):
        paragraph_properties(p, **props)
    sink.append(p)
    return p


def page_break_paragraph():
    """A paragraph holding only a page break."""
    p = make("w:p")
    sub(sub(p, "w:r"), "w:br", {"w:type": "page"})
    return p


# -- revisions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reviser:
    """Who made a tracked change and when, with the document's shared revision id counter."""

    author: str
    date: str  # ISO 8601 UTC, as revision_date() writes it
    ids: Iterator[int]

    def attrs(self) -> dict[str, str]:
        """The attributes of one revision element, with a fresh id."""
        return {"w:id": str(next(self.ids)), "w:author": self.author, "w:date": self.date}


def open_revision(parent, kind: str, reviser: Reviser):
    """Append a ``w:ins`` or ``w:del`` (kind "ins"/"del") to a paragraph; runs go inside it."""
    return sub(parent, f"w:{kind}", reviser.attrs())


def mark_paragraph(p, kind: str, reviser: Reviser) -> None:
    """Track the paragraph mark itself as inserted or deleted, so accepting/rejecting merges it."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = make("w:pPr")
        p.insert(0, ppr)
    # rPr is the last child of pPr that a writer here produces (schema: before sectPr/pPrChange).
    sub(sub(ppr, "w:rPr"), f"w:{kind}", reviser.attrs())


def mark_row(row, kind: str, reviser: Reviser) -> None:
    """Track a whole table row as inserted or deleted."""
    trpr = row.find(qn("w:trPr"))
    if trpr is None:
        trpr = make("w:trPr")
        row.insert(0, trpr)
    sub(trpr, f"w:{kind}", reviser.attrs())


# -- fields ----------------------------------------------------------------------------------


def field_begin(p, instruction: str) -> None:
    """Open a complex field in a paragraph: begin, instruction, separate."""
    sub(sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "begin"})
    instr = sub(sub(p, "w:r"), "w:instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    sub(sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "separate"})


def field_end(p) -> None:
    """Close a complex field."""
    sub(sub(p, "w:r"), "w:fldChar", {"w:fldCharType": "end"})


def borderless_table(widths: list[int]):
    """A table without borders, full text width, one row; returns (table, cells)."""
    table = make("w:tbl")
    tblpr = sub(table, "w:tblPr")
    sub(tblpr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
    borders = sub(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, f"w:{side}", {"w:val": "nil"})
    sub(tblpr, "w:tblLayout", {"w:type": "fixed"})
    margins = sub(tblpr, "w:tblCellMar")
    sub(margins, "w:left", {"w:w": "0", "w:type": "dxa"})
    sub(margins, "w:right", {"w:w": "284", "w:type": "dxa"})
    sub(
        tblpr,
        "w:tblLook",
        {
            "w:val": "0000",
            "w:firstRow": "0",
            "w:lastRow": "0",
            "w:firstColumn": "0",
            "w:lastColumn": "0",
            "w:noHBand": "1",
            "w:noVBand": "1",
        },
    )
    grid = sub(table, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", {"w:w": str(width)})
    row = sub(table, "w:tr")
    cells = []
    for width in widths:
        cell = sub(row, "w:tc")
        sub(sub(cell, "w:tcPr"), "w:tcW", {"w:w": str(width), "w:type": "dxa"})
        cells.append(cell)
    return table, cells


def finish_cell(cell) -> None:
    """A table cell must end with a paragraph; give an empty one to a cell that has none."""
    if cell[-1].tag != qn("w:p"):
        sub(cell, "w:p")
