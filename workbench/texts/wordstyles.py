"""Word's styles as the reader needs them: each property resolved through ``w:basedOn``.

A paragraph's alignment, outline level, numbering and boldness come from its own
properties first, then from its style and the styles that style is based on, then from the
document defaults. Style names are matched as Word, LibreOffice and WPS write them
("heading 1", "Heading1", "标题 1"; "toc 1", "Contents 1", "目录 1").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.texts.ooxml import Notes, number, on_off, val, w

_HEADING = re.compile(r"^(?:heading|标题|überschrift|titre)\s*([1-9])$", re.IGNORECASE)
_TITLE = re.compile(r"^(?:title|标题|titel|titre)$", re.IGNORECASE)
_CONTENTS = re.compile(
    r"^(?:toc\s*\d|toc\s*heading|table of contents|contents\s*(?:\d|heading)?"
    r"|目录\s*\d*|目录标题|index\s*heading)$",
    re.IGNORECASE,
)
# ST_Jc as ECMA-376 (both editions) and the programs that write it define it.
ALIGNMENTS = {
    "start",
    "end",
    "left",
    "right",
    "center",
    "both",
    "justify",
    "distribute",
    "mediumKashida",
    "highKashida",
    "lowKashida",
    "thaiDistribute",
    "numTab",
}
_MAX_DEPTH = 20  # basedOn chains longer than this are a loop


@dataclass(frozen=True)
class ParagraphStyle:
    """What a paragraph style contributes, already resolved through its base styles."""

    name: str
    heading: int | None  # 0 for a Title, N for Heading N or outline level N-1
    contents: bool  # a table-of-contents style
    alignment: str | None
    numbering: tuple[str | None, int | None] | None  # (numId, ilvl) from the style chain
    bold: bool | None


_PLAIN = ParagraphStyle("", None, False, None, None, None)


class StyleSheet:
    """The styles part of a document, looked up by style id with memoized resolution."""

    def __init__(self, root, notes: Notes) -> None:
        self.notes = notes
        self._styles: dict[str, object] = {}
        self._default_paragraph: str | None = None
        self._default_character: str | None = None
        self._resolved: dict[str | None, ParagraphStyle] = {}
        self._run_bold: dict[str | None, bool | None] = {}
        self._doc_ppr = self._doc_rpr = None
        if root is None:
            return
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"))
            if style_id is None:
                continue
            self._styles.setdefault(style_id, style)
            if style.get(w("default")) in ("1", "true", "on"):
                kind = style.get(w("type"))
                if kind == "paragraph" and self._default_paragraph is None:
                    self._default_paragraph = style_id
                elif kind == "character" and self._default_character is None:
                    self._default_character = style_id
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self._doc_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
            self._doc_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")

    def chain(self, style_id: str | None) -> Iterator:
        """The style and the styles it is based on, nearest first (loops cut)."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(seen) < _MAX_DEPTH:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return
            yield style
            style_id = val(style, "basedOn")

    def name(self, style_id: str | None) -> str:
        style = self._styles.get(style_id) if style_id else None
        return (val(style, "name") or style_id or "").strip() if style is not None else ""

    def paragraph(self, style_id: str | None) -> ParagraphStyle:
        """The resolved paragraph style (the default paragraph style when none is named)."""
        if style_id is None or style_id not in self._styles:
            style_id = self._default_paragraph
        if style_id not in self._resolved:
            self._resolved[style_id] = self._resolve(style_id) if style_id else _PLAIN
        return self._resolved[style_id]

    def _resolve(self, style_id: str) -> ParagraphStyle:
        chain = list(self.chain(style_id))
        names = [(val(style, "name") or "").strip() for style in chain]
        heading = None
        for style, name in zip(chain, names, strict=True):
            heading = _heading_of(name, style.find(w("pPr")))
            if heading is not None:
                break
        pprs = [style.find(w("pPr")) for style in chain] + [self._doc_ppr]
        rprs = [style.find(w("rPr")) for style in chain] + [self._doc_rpr]
        return ParagraphStyle(
            name=names[0] if names else style_id,
            heading=heading,
            contents=any(_CONTENTS.match(name) for name in [*names[:1], style_id]),
            alignment=self.alignment(*pprs),
            numbering=_first_numbering(pprs),
            bold=next((b for rpr in rprs if (b := on_off(rpr, "b")) is not None), None),
        )

    def alignment(self, *pprs) -> str | None:
        """The first w:jc the standard knows among paragraph properties, nearest first."""
        for ppr in pprs:
            value = val(ppr, "jc")
            if value is None:
                continue
            if value in ALIGNMENTS:
                return value
            self.notes.unknown("paragraph alignment (w:jc)", value)
        return None

    def run_bold(self, style_id: str | None) -> bool | None:
        """Whether a character style (and its bases) sets bold; None when it says nothing."""
        if style_id not in self._run_bold:
            found = None
            for style in self.chain(style_id or self._default_character):
                found = on_off(style.find(w("rPr")), "b")
                if found is not None:
                    break
            self._run_bold[style_id] = found
        return self._run_bold[style_id]

    def numbering_style_target(self, style_id: str) -> str | None:
        """The numId a numbering style (w:numStyleLink's target) applies, through its bases."""
        for style in self.chain(style_id):
            num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
            num_id = val(num_pr, "numId") if num_pr is not None else None
            if num_id is not None:
                return num_id
        return None


def _heading_of(name: str, ppr) -> int | None:
    match = _HEADING.match(name)
    if match:
        return int(match.group(1))
    if _TITLE.match(name):
        return 0
    if name.lower() == "subtitle":
        return 1
    return outline_level(ppr)


def outline_level(ppr) -> int | None:
    """Heading level N for ``w:outlineLvl`` N-1; None for body text (9) or none at all."""
    level = number(val(ppr, "outlineLvl"))
    return level + 1 if level is not None and 0 <= level < 9 else None


def _first_numbering(pprs) -> tuple[str | None, int | None] | None:
    """(numId, ilvl) of the nearest style that numbers its paragraphs."""
    ilvl = None
    for ppr in pprs:
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is None:
            continue
        if ilvl is None:
            ilvl = number(val(num_pr, "ilvl"))
        num_id = val(num_pr, "numId")
        if num_id is not None:
            return num_id, ilvl
    return None
