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


@dataclass(frozen=True)
class _Where:
    """Where the walk stands: inside a change this view drops, a hidden run, which run."""

    gone: bool = False
    hidden: bool = False
    run: object = None


class ParagraphReader:
    """Reads paragraphs in document order for one view (fields may span paragraphs)."""

    def __init__(self, view: View, notes: Notes) -> None:
        self.view = view
        self.notes = notes
        self.fields = FieldState()
        # Elements that change how their content reads; everything else is inline text.
        self._handlers = {
            w("r"): self._run,
            w("fldChar"): self._field_char,
            w("instrText"): self._field_code,
            w("fldSimple"): self._simple_field,
            w("sdt"): self._content_control,
            **dict.fromkeys(INSERTED, self._inserted),
            **dict.fromkeys(DELETED, self._deleted),
            **dict.fromkeys(_DRAWINGS, self._drawing),
        }

    def read(self, paragraph) -> ParagraphText:
        """The text of a w:p element, with field state carried on from the paragraph before."""
        self.fields.start_paragraph()
        out = ParagraphText()
        parts: list[str] = []
        self._walk(paragraph, _Where(), parts, out)
        out.text = "".join(parts)
        return out

    def _walk(self, element, where: _Where, parts: list[str], out: ParagraphText) -> None:
        for child in children(element):
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            handler = self._handlers.get(tag, self._inline)
            handler(child, where, parts, out)

    def _run(self, run, where: _Where, parts, out) -> None:
        vanish = _vanished(run.find(w("rPr")))
        self._walk(run, _Where(where.gone, where.hidden or vanish, run), parts, out)

    def _inserted(self, change, where: _Where, parts, out) -> None:
        gone = where.gone or not self.view.accepts(change)
        self._walk(change, _Where(gone, where.hidden, where.run), parts, out)

    def _deleted(self, change, where: _Where, parts, out) -> None:
        gone = where.gone or self.view.accepts(change)
        self._walk(change, _Where(gone, where.hidden, where.run), parts, out)

    def _field_char(self, element, where: _Where, parts, out) -> None:
        if not where.gone:
            self.fields.mark(element.get(w("fldCharType")))

    def _field_code(self, element, where: _Where, parts, out) -> None:
        if not where.gone:
            self.fields.code(element.text or "")

    def _simple_field(self, element, where: _Where, parts, out) -> None:
        if self.fields.simple(element.get(w("instr")) or ""):
            self._walk(element, where, parts, out)

    def _content_control(self, element, where: _Where, parts, out) -> None:
        if not on_off(element.find(w("sdtPr")), "showingPlcHdr"):
            self._walk(element, where, parts, out)

    def _drawing(self, element, where: _Where, parts, out) -> None:
        if any((node.text or "").strip() for node in element.iter(w("t"))):
            self.notes.tell(
                "Left out text in text boxes or drawings, which stand apart from the body text."
            )

    def _inline(self, element, where: _Where, parts, out) -> None:
        piece = _piece(element)
        if piece is None:
            self._walk(element, where, parts, out)
        elif piece and not (where.gone or where.hidden or self.fields.hidden):
            parts.append(piece)
            if where.run is not None and (not out.runs or out.runs[-1] is not where.run):
                out.runs.append(where.run)


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
