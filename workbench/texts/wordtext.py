"""The text of one Word paragraph in one view of its tracked changes.

A view accepts tracked changes ("accept": the text as proposed) or rejects them ("reject":
the text as it stood), optionally accepting only some authors' changes. The text keeps
tabs ("\\t", which tell a contents line from a heading) and line breaks ("\\n"); it leaves
out what Word does not show as text: field codes, page-number fields, generated contents
lists, hidden runs, content controls showing their placeholder, phonetic guides, drawings
and text boxes (noted), footnote and comment marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from workbench.texts.fields import FieldState
from workbench.texts.ooxml import Notes, children, on_off, w

Revisions = Literal["accept", "reject"]

INSERTED = {w("ins"), w("moveTo")}
DELETED = {w("del"), w("moveFrom")}
_TEXT = {w("t"), w("delText"), "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"}
_SKIPPED = {
    w(tag)
    for tag in (
        "pPr",
        "rPr",
        "sdtPr",
        "sdtEndPr",
        "smartTagPr",
        "customXmlPr",
        "rPrChange",
        "pPrChange",
        "delInstrText",
        "fldData",
        "rt",
        "rubyPr",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "annotationRef",
        "softHyphen",
        "lastRenderedPageBreak",
    )
}
_DRAWINGS = {w("drawing"), w("pict"), w("object")}


@dataclass(frozen=True)
class View:
    """Which tracked changes a reading shows: all accepted, all rejected, or some authors'."""

    revisions: Revisions = "accept"
    authors: frozenset[str] | None = None

    def accepts(self, revision) -> bool:
        """Whether this reading takes the change (an insertion shown, a deletion applied)."""
        if self.revisions != "accept":
            return False
        return self.authors is None or author_of(revision) in self.authors


def author_of(revision) -> str:
    """The author a tracked change names ("Unknown author" when it names none)."""
    return (revision.get(w("author")) or "").strip() or "Unknown author"


@dataclass
class ParagraphText:
    """A paragraph's text in one view and the runs that carry it."""

    text: str = ""
    runs: list = field(default_factory=list)


class ParagraphReader:
    """Reads paragraphs in document order for one view (fields may span paragraphs)."""

    def __init__(self, view: View, notes: Notes) -> None:
        self.view = view
        self.notes = notes
        self.fields = FieldState()

    def read(self, paragraph) -> ParagraphText:
        """The text of a w:p element, with field state carried on from the paragraph before."""
        self.fields.start_paragraph()
        out = ParagraphText()
        parts: list[str] = []
        self._walk(paragraph, False, False, None, parts, out)
        out.text = "".join(parts)
        return out

    def _walk(self, element, gone, hidden, run, parts, out) -> None:
        for child in children(element):
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            if tag == w("r"):
                vanish = _vanished(child.find(w("rPr")))
                self._walk(child, gone, hidden or vanish, child, parts, out)
            elif tag in INSERTED:
                self._walk(child, gone or not self.view.accepts(child), hidden, run, parts, out)
            elif tag in DELETED:
                self._walk(child, gone or self.view.accepts(child), hidden, run, parts, out)
            elif tag == w("fldChar"):
                if not gone:
                    self.fields.mark(child.get(w("fldCharType")))
            elif tag == w("instrText"):
                if not gone:
                    self.fields.code(child.text or "")
            elif tag == w("fldSimple"):
                if self.fields.simple(child.get(w("instr")) or ""):
                    self._walk(child, gone, hidden, run, parts, out)
            elif tag == w("sdt"):
                if not on_off(child.find(w("sdtPr")), "showingPlcHdr"):
                    self._walk(child, gone, hidden, run, parts, out)
            elif tag in _DRAWINGS:
                if any((node.text or "").strip() for node in child.iter(w("t"))):
                    self.notes.tell(
                        "Left out text in text boxes or drawings, which stand apart from "
                        "the body text."
                    )
            else:
                piece = _piece(child)
                if piece is None:
                    self._walk(child, gone, hidden, run, parts, out)
                elif piece and not (gone or hidden or self.fields.hidden):
                    parts.append(piece)
                    if run is not None and (not out.runs or out.runs[-1] is not run):
                        out.runs.append(run)


def _piece(element) -> str | None:
    """The text an inline element stands for; None for a container to walk into."""
    tag = element.tag
    if tag in _TEXT:
        return element.text or ""
    if tag in (w("tab"), w("ptab")):
        return "\t"
    if tag in (w("br"), w("cr")):
        return "\n"
    if tag == w("noBreakHyphen"):
        return "-"
    if tag == w("sym"):
        return _symbol(element)
    return None


def _symbol(element) -> str:
    """A w:sym character; symbol-font glyphs (private use area) are decoration, left out."""
    try:
        code = int(element.get(w("char")) or "", 16)
    except ValueError:
        return ""
    return "" if code >= 0xE000 and code < 0xF900 else chr(code)


def _vanished(rpr) -> bool:
    return bool(on_off(rpr, "vanish") or on_off(rpr, "specVanish") or on_off(rpr, "webHidden"))
