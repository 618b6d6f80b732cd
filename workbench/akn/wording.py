"""A provision's wording as Akoma Ntoso elements, and any AKN provision's text as wording.

Writing: each paragraph of the wording (``split_paragraphs``) becomes a ``<paragraph>``
(numbered labels: ``1.``, ``(1)``, ``一、``) or a ``<point>`` (letters, Roman numerals,
dashes) with its label in ``<num>``, nested by level; unlabelled text before a list is the
``<intro>``, after it the ``<wrapUp>``, between two items an ``<alinea>``. Reading walks any
AKN structure in document order (Indigo's ``subsection``, ``list``, ``blockList``, tables)
and gives one line per block, each element's ``<num>`` before its first line, so that the
workbench's own documents come back word for word and nothing of the others is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from workbench.akn.names import EidMaker, akn, local
from workbench.texts.structure import format_paragraph, split_paragraphs

# What XML formatting may put into text: these collapse to one space (the wording itself
# never holds them, see workbench.validation.clean_text).
_LAYOUT_SPACES = re.compile(r"[ \t\r\n\u00a0\u3000]+")
_BREAK = "\x00"  # stands for <br/> while a block's text is collected (XML text never holds it)
_NUMBERED = re.compile(r"[0-9〇零一二三四五六七八九十百]")


def clean_line(text: str) -> str:
    """A block's text as one paragraph of wording: layout whitespace collapsed, trimmed."""
    return _LAYOUT_SPACES.sub(" ", text).strip()


@dataclass
class _Item:
    """A labelled paragraph with what it holds: running text and sub-items, in order."""

    label: str | None
    level: int
    text: str | None = None
    children: list[_Item | str] = field(default_factory=list)
    wrap: list[str] = field(default_factory=list)

    def add(self, child: _Item | str) -> None:
        # Text already wrapping up this item's list comes before anything added later: it
        # joins the children in its place (an alinea before a later sub-item), order kept.
        if self.wrap:
            self.children.extend(self.wrap)
            self.wrap = []
        self.children.append(child)


def wording_tree(wording: str) -> _Item:
    """The wording's paragraphs nested by level under a root item (the provision)."""
    root = _Item(label=None, level=-1)
    lines = [line for line in wording.split("\n") if line.strip()]
    paragraphs = split_paragraphs(wording)
    stack: list[_Item] = []
    for raw, paragraph in zip(lines, paragraphs, strict=False):
        # A label is kept apart only where putting it back gives the line as written.
        labelled = bool(paragraph.label) and str(paragraph) == raw
        level = paragraph.level
        closed: _Item | None = None
        while (
            stack
            and stack[-1].level >= level
            and not (not labelled and stack[-1].level == level and stack[-1].wrap)
        ):
            closed = stack.pop()
        parent = stack[-1] if stack else root
        if labelled:
            item = _Item(label=paragraph.label, level=level, text=paragraph.text)
            parent.add(item)
            stack.append(item)
        elif stack and stack[-1].level == level and stack[-1].wrap:
            stack[-1].wrap.append(raw)
        elif closed is not None and closed.level == level and closed.children:
            closed.wrap.append(raw)  # the text closing a list belongs to the list's item
            stack.append(closed)
        else:
            parent.add(raw)
    return root


def write_wording(element: etree._Element, wording: str, prefix: str, maker: EidMaker) -> None:
    """Append a provision's wording to its element (after its num and heading)."""
    _write_body(element, wording_tree(wording), prefix, maker)


def _write_body(element: etree._Element, item: _Item, prefix: str, maker: EidMaker) -> None:
    entries: list[_Item | str] = list(item.children)
    lead: list[str] = []
    while entries and isinstance(first := entries[0], str):
        lead.append(first)
        del entries[0]
    if item.label is not None and (item.text or lead):
        # The item's own words come first, even none: a reader puts its num before them.
        lead.insert(0, item.text or "")
    if not any(isinstance(entry, _Item) for entry in entries):
        tail = [entry for entry in entries if isinstance(entry, str)]
        content = etree.SubElement(element, akn("content"))
        _paragraphs(content, [*lead, *tail, *item.wrap] or [""], f"{prefix}", maker)
        return
    last = max(i for i, entry in enumerate(entries) if isinstance(entry, _Item))
    wrap = [entry for entry in entries[last + 1 :] if isinstance(entry, str)] + item.wrap
    if lead:
        _paragraphs(etree.SubElement(element, akn("intro")), lead, f"{prefix}__intro", maker)
    for entry in entries[: last + 1]:
        if isinstance(entry, str):
            alinea = etree.SubElement(element, akn("alinea"))
            alinea.set("eId", eid := maker.make(prefix, "alinea"))
            content = etree.SubElement(alinea, akn("content"))
            _paragraphs(content, [entry], eid, maker)
            continue
        tag = "paragraph" if _NUMBERED.search(entry.label or "") else "point"
        child = etree.SubElement(element, akn(tag))
        child.set("eId", eid := maker.make(prefix, tag, entry.label))
        etree.SubElement(child, akn("num")).text = entry.label
        _write_body(child, entry, eid, maker)
    if wrap:
        _paragraphs(etree.SubElement(element, akn("wrapUp")), wrap, f"{prefix}__wrapup", maker)


def _paragraphs(parent: etree._Element, lines: list[str], prefix: str, maker: EidMaker) -> None:
    for line in lines:
        p = etree.SubElement(parent, akn("p"))
        p.set("eId", maker.make(prefix, "p"))
        p.text = line


# --- reading -------------------------------------------------------------------------------

# Elements whose text is never wording: metadata, and what the reader takes apart itself.
_SKIP = {"num", "heading", "subheading", "meta", "componentRef", "authorialNote"}
_BLOCKS_WITH_INLINE = {"p", "block", "listIntroduction", "listWrapUp", "tblock", "li", "docTitle"}


@dataclass
class Line:
    """A line of wording read from AKN; ``joinable`` when it may follow its element's num."""

    text: str
    joinable: bool


def read_wording(element: etree._Element) -> str:
    """The wording of a provision element: its lines, without its own num and heading."""
    lines = [line.text for line in _lines_inside(element)]
    return "\n".join(line for line in lines if line)


def read_lines(element: etree._Element) -> list[Line]:
    """The lines of any element, its own num put before its first line."""
    num = element.find(akn("num"))
    if num is None:
        return block_lines([element])
    inner = _lines_inside(element)
    label = inline_text(num)
    heading = element.find(akn("heading"))
    if heading is not None and inline_text(heading):
        inner.insert(0, Line(inline_text(heading), False))  # a sub-item's heading is wording
    if inner and inner[0].joinable:
        return [Line(format_paragraph(label, inner[0].text), False), *inner[1:]]
    return [Line(label, False), *inner]


def _lines_inside(element: etree._Element) -> list[Line]:
    if (element.text or "").strip() or not _has_blocks(element):
        return _inline_lines(element, first=True)  # inline content: a crossHeading, a <p>
    return block_lines(child for child in element if local(child.tag) not in _SKIP)


def block_lines(elements: Iterable[etree._Element]) -> list[Line]:
    """The lines of a run of block elements in document order."""
    lines: list[Line] = []
    for child in elements:
        name = local(child.tag)
        if not name or name in _SKIP:
            continue
        first = not lines
        if name in ("item", "tr") or child.find(akn("num")) is not None:
            lines += read_lines(child) if name != "tr" else [Line(_row(child), False)]
        elif name in _BLOCKS_WITH_INLINE or not _has_blocks(child):
            lines += _inline_lines(child, first=first)
        else:
            joinable = first and name != "wrapUp"
            lines += [Line(line.text, line.joinable and joinable) for line in _lines_inside(child)]
    return lines


def _inline_lines(element: etree._Element, *, first: bool) -> list[Line]:
    texts = inline_text(element, breaks=True).split(_BREAK)
    return [Line(clean_line(text), first and index == 0) for index, text in enumerate(texts)]


def _has_blocks(element: etree._Element) -> bool:
    return any(local(child.tag) not in _INLINE_TAGS for child in element)


def _row(row: etree._Element) -> str:
    return " ".join(inline_text(cell) for cell in row if local(cell.tag) in ("td", "th"))


def inline_text(element: etree._Element, *, breaks: bool = False) -> str:
    """The text of an element with inline markup, footnotes and line breaks flattened."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = local(child.tag)
            if name in ("br", "eol", "eop"):
                parts.append(_BREAK if breaks else " ")
            elif name == "authorialNote":
                # lxml-stubs say itertext() may yield bytes; lxml yields str in Python 3.
                parts.append(" (" + clean_line(" ".join(child.itertext())) + ")")  # type: ignore[arg-type]
            elif name:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    text = "".join(parts)
    return text if breaks else clean_line(text)


_INLINE_TAGS = {
    "a", "abbr", "b", "i", "u", "sub", "sup", "span", "ins", "del", "ref", "mref", "rref",
    "term", "def", "entity", "inline", "marker", "br", "eol", "eop", "img", "date", "time",
    "person", "organization", "location", "quantity", "concept", "object", "event", "process",
    "role", "noteRef", "authorialNote", "remark", "mod", "quotedText", "docTitle", "docNumber",
    "docDate", "docProponent", "docStatus", "docStage", "docType", "docPurpose", "docketNumber",
    "shortTitle", "legislature", "session", "affectedDocument", "relatedDocument", "signature",
    "vote", "outcome", "argument", "courtType", "party", "judge", "lawyer", "neutralCitation",
    "popup", "placeholder", "fillIn", "opinion", "omissis", "extractText", "extractStructure",
    "embeddedText", "embeddedStructure", "subFlow", "recordedTime", "narrative", "summary",
}  # fmt: skip
