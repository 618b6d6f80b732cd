"""The body of a consolidated text serialised as it is built, then spliced into document.xml.

A whole python-docx tree of a large text (20,000 tracked alternatives) took more memory than
the data it was made from. The writers hand each finished piece (a provision with its
insertions, a chapter heading) to a ``BodySpool``, which serialises it into a temporary file
and lets lxml free it; the document is saved with a marker where the body goes, and the
spooled bytes replace the marker as ``word/document.xml`` is copied into the final file.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from io import BytesIO
from typing import IO

from docx.document import Document
from lxml import etree

from workbench.export.docx_common import qn

DOCUMENT_XML = "word/document.xml"
MARKER = "workbench-body"
_CHUNK = 1 << 20
_ZIP64_ABOVE = (1 << 31) - (1 << 24)  # zipfile needs to know before writing a large member


class BodySpool:
    """Body elements written out as they are finished, serialised as in the whole document."""

    def __init__(self, docx: Document) -> None:
        # Serialised under an element declaring what the document's root declares, an element
        # gets exactly the namespace declarations it would get inside the document's body.
        self._nsmap = docx.element.nsmap
        # Closed by close(), once the document is saved: it outlives this call.
        self.file = tempfile.TemporaryFile()  # noqa: SIM115
        self.size = 0

    def write(self, elements: list) -> None:
        """Serialise finished body elements (in order) and let them go."""
        if not elements:
            return
        wrapper = etree.Element(qn("w:body"), nsmap=self._nsmap)
        for element in elements:
            wrapper.append(element)
        elements.clear()
        xml = etree.tostring(wrapper, encoding="UTF-8")
        # The wrapper's own tags off: "<w:body xmlns:...>" ... "</w:body>".
        start = xml.index(b">") + 1
        inner = xml[start : -len(b"</w:body>")]
        self.file.write(inner)
        self.size += len(inner)

    def close(self) -> None:
        """Remove the temporary file."""
        self.file.close()


def marker():
    """Where the spooled body goes, among the body's elements of the saved document."""
    return etree.Comment(MARKER)


class SpooledDocument:
    """A python-docx document whose body stands in a ``BodySpool``; saved like a Document."""

    def __init__(self, docx: Document, spool: BodySpool) -> None:
        self.docx = docx
        self.spool = spool

    def save(self, stream: IO[bytes]) -> None:
        """Write the .docx: python-docx's parts, document.xml with the spooled body in it."""
        try:
            frame = BytesIO()
            self.docx.save(frame)
            with (
                zipfile.ZipFile(frame) as source,
                zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target,
            ):
                for info in source.infolist():
                    if info.filename == DOCUMENT_XML:
                        self._document_xml(source.read(info), info, target)
                    else:
                        target.writestr(info, source.read(info))
        finally:
            self.spool.close()

    def _document_xml(self, framed: bytes, info: zipfile.ZipInfo, target: zipfile.ZipFile):
        head, tail = framed.split(f"<!--{MARKER}-->".encode(), 1)
        size = len(head) + self.spool.size + len(tail)
        with target.open(info, "w", force_zip64=size > _ZIP64_ABOVE) as member:
            member.write(head)
            self.spool.file.seek(0)
            shutil.copyfileobj(self.spool.file, member, _CHUNK)
            member.write(tail)
