"""Real Word footnotes, which python-docx (1.2) has no API for: the footnotes part and its references."""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from workbench.export.docx_common import add_run, qn, sub

# Word numbers the two separator footnotes -1 and 0 and lists them in settings.xml.
_SEPARATORS = (("-1", "separator"), ("0", "continuationSeparator"))


class Footnotes:
    """The footnotes of one document; the part is added on the first footnote."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._root = None
        self._next_id = 1

    @property
    def count(self) -> int:
        """How many footnotes were added."""
        return self._next_id - 1

    def add(self, paragraph, lines: list[str], *, zh: bool = False) -> int:
        """Attach a footnote holding ``lines`` (one paragraph each) to the end of a paragraph."""
        if self._root is None:
            self._root = self._create_part()
        footnote_id = str(self._next_id)
        self._next_id += 1
        note = sub(self._root, "w:footnote", {"w:id": footnote_id})
        for index, line in enumerate(lines):
            p = sub(note, "w:p")
            sub(sub(p, "w:pPr"), "w:pStyle", {"w:val": "FootnoteText"})
            if index == 0:
                mark = sub(p, "w:r")
                sub(sub(mark, "w:rPr"), "w:rStyle", {"w:val": "FootnoteReference"})
                sub(mark, "w:footnoteRef")
                add_run(p, " ")
            add_run(p, line, zh=zh)
        reference = sub(paragraph, "w:r")
        sub(sub(reference, "w:rPr"), "w:rStyle", {"w:val": "FootnoteReference"})
        sub(reference, "w:footnoteReference", {"w:id": footnote_id})
        return int(footnote_id)

    def _create_part(self):
        root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}/>")
        for separator_id, kind in _SEPARATORS:
            note = sub(root, "w:footnote", {"w:type": kind, "w:id": separator_id})
            p = sub(note, "w:p")
            sub(
                sub(p, "w:pPr"),
                "w:spacing",
                {"w:after": "0", "w:line": "240", "w:lineRule": "auto"},
            )
            sub(sub(p, "w:r"), f"w:{kind}")
        document_part = self._document.part
        part = XmlPart(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, document_part.package
        )
        document_part.relate_to(part, RT.FOOTNOTES)
        self._declare_separators()
        return root

    def _declare_separators(self) -> None:
        settings = self._document.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        footnote_pr = sub(settings, "w:footnotePr")
        for separator_id, _kind in _SEPARATORS:
            sub(footnote_pr, "w:footnote", {"w:id": separator_id})
        # Schema order: footnotePr comes right before compat (and after everything else here).
        anchor = next(
            (
                settings.find(qn(tag))
                for tag in ("w:endnotePr", "w:compat", "w:docVars", "w:rsids")
                if settings.find(qn(tag)) is not None
            ),
            None,
        )
        if anchor is not None:
            anchor.addprevious(footnote_pr)
