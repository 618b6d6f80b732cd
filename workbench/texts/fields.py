"""Fields in a Word body: a field's code is never text, and some results are not either.

A complex field runs ``w:fldChar begin`` → code (``w:instrText``) → ``separate`` → result →
``end``, possibly across paragraphs (a table of contents spans many) and nested; a simple
field is one ``w:fldSimple`` whose runs are its result. The result stands for the field in
the text (a cross-reference reads "Article 5"), except for generated lists (a table of
contents, an index) and page furniture (page numbers, dates of printing), which are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Results that repeat or point into the document rather than say anything.
GENERATED = {"TOC", "INDEX", "TOA", "BIBLIOGRAPHY"}
FURNITURE = {
    "PAGE",
    "NUMPAGES",
    "SECTIONPAGES",
    "SECTION",
    "FILENAME",
    "FILESIZE",
    "DATE",
    "TIME",
    "PRINTDATE",
    "SAVEDATE",
    "CREATEDATE",
    "EDITTIME",
    "NUMWORDS",
    "NUMCHARS",
    "USERNAME",
    "USERINITIALS",
    "TEMPLATE",
}


def field_kind(code: str) -> str:
    """The field's name from its code: ' TOC \\o "1-3" \\h ' → "TOC"."""
    words = code.strip().lstrip("\\").split(None, 1)
    return words[0].upper() if words else ""


@dataclass
class _Field:
    code: list[str] = field(default_factory=list)
    kind: str | None = None  # known once the code is complete (at "separate" or "end")


class FieldState:
    """The complex fields open at the current point of one reading of the body."""

    def __init__(self) -> None:
        self._open: list[_Field] = []
        self._generated_seen = False

    def start_paragraph(self) -> None:
        """A new paragraph: it is part of a generated list if one is open as it starts."""
        self._generated_seen = self.in_generated()

    def mark(self, kind: str | None) -> None:
        """A w:fldChar of type begin, separate or end."""
        if kind == "begin":
            self._open.append(_Field())
        elif kind == "separate" and self._open:
            top = self._open[-1]
            top.kind = field_kind("".join(top.code))
            self._generated_seen = self._generated_seen or top.kind in GENERATED
        elif kind == "end" and self._open:
            top = self._open.pop()
            if top.kind is None and field_kind("".join(top.code)) in GENERATED:
                self._generated_seen = True

    def code(self, text: str) -> None:
        """Text of a w:instrText: part of the innermost open field's code."""
        if self._open:
            self._open[-1].code.append(text)

    def simple(self, code: str) -> bool:
        """A w:fldSimple: whether its result is text to keep."""
        kind = field_kind(code)
        if kind in GENERATED:
            self._generated_seen = True
        return kind not in GENERATED and kind not in FURNITURE

    @property
    def hidden(self) -> bool:
        """Whether text here is a field's code, or the result of a field left out."""
        return any(f.kind is None or f.kind in GENERATED or f.kind in FURNITURE for f in self._open)

    def in_generated(self) -> bool:
        return any(f.kind in GENERATED for f in self._open)

    @property
    def paragraph_generated(self) -> bool:
        """Whether the current paragraph lay, even in part, inside a generated list."""
        return self._generated_seen
