"""Reading treaty texts: the structure they parse into, and readers for Markdown, text and Word.

Every parser returns a ``ParsedInstrument`` (see ``structure``) or raises
``workbench.errors.InvalidInput`` (``TooLarge`` for a file over the size limit) with one
sentence naming the problem.

- ``parse_file(path, *, title=None, language=None, revisions="accept", progress=None,
  max_bytes=10 MiB, max_unzipped_bytes=80 MiB, max_ratio=100)``: by suffix, .docx, .md,
  .markdown or .txt; .odt, .doc and .rtf are converted to .docx by LibreOffice first
  (``convert``), in a private temporary folder.
- ``parse_markdown(text, *, title=None, language=None, name=..., progress=None)``.
- ``parse_text(text, *, title=None, language=None, name=..., progress=None)``; files are
  decoded by ``decode_text``: UTF-8 with or without BOM, UTF-16/32 with BOM, else GB18030.
- ``parse_docx(path_or_bytes_or_stream, *, title=None, language=None, revisions="accept",
  progress=None, max_bytes=..., max_unzipped_bytes=..., max_ratio=...)``: Word's own model
  read from the XML (``package``, ``wordstyles``, ``numbering``, ``wordtext``, ``fields``):
  heading styles, outline levels, alignment, bold paragraphs and automatic numbering as
  Word and LibreOffice count it; ``revisions`` picks the view of tracked changes,
  ``"accept"`` (as proposed) or ``"reject"`` (as originally written). What the reader
  ignored or left out is told in ``ParsedInstrument.warnings``.
- ``read_docx_revisions(path, *, changed_only=False, ...) -> list[RevisionParagraph]``:
  per paragraph the ``proposed`` and ``original`` text and the ``revisions`` (kind, author,
  date, text); ``RevisionParagraph.authors`` lists who changed it.
- ``docx_provision_changes(path, *, language=None, known=None, ...) ->
  list[ProvisionChange]``: the provisions that tracked changes touch, original and
  proposed, with their authors; ``known`` (``KnownLabels``) gives the labels of the
  instrument the file belongs to, so that its headings split into label and title as the
  workbench wrote them.
- ``docx_author_changes(path, ...)``: the same per author, each author's changes alone
  (the others' read as rejected), so that each delegation's proposal is its own.
- ``recognize.recognize(blocks, ...)``: the generic recognizer behind all three readers
  (imported from its module: the package attribute ``recognize`` is that module).

``progress(done, total)`` is called as paragraphs are processed.

What is recognized: headings "Part I", "CHAPTER  I" / "Chapter II" (title on the next line
or after " – ", " - ", ". "), "Section 1", "Title 1" (nested in chapters), "Article 12"
(title on the next line or after "–", "-", "."), "Annex"; Chinese "第一编", "第一章 总则",
"第一节", "第十二条 非法访问", "附件一", and outline headings "一、目标" (part) and
"（一）总则" (chapter) outside articles; paragraphs "1.", sub-paragraphs "a)", "(a)", "a.",
items "(i)", "i)", Chinese "一、", "（一）", "1、", dashes; a preamble (before the first
division or article, or after a "Preamble" / "序言" line); the final clause from "IN
WITNESS WHEREOF", "DONE at" or "下列签署人…以昭信守". A text without articles is read as
numbered elements: each paragraph numbered "1." / "1、" opens an element (labelled after
its chapter: "（三）1"), unnumbered text before the first one is the chapter's chapeau.
A text needs at least one division, article or numbered element; a contents list (page
numbers after tabs or leaders, or headings all repeated after it) is left out; an article
label that stands twice is refused.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.texts.blocks import Block
    from workbench.texts.markdown import parse_markdown
    from workbench.texts.parse import parse_file, read_text_file
    from workbench.texts.plaintext import decode_text, parse_text
    from workbench.texts.revisions import (
        ProvisionChange,
        Revision,
        RevisionParagraph,
        docx_author_changes,
        docx_provision_changes,
        read_docx_revisions,
    )
    from workbench.texts.structure import (
        Paragraph,
        ParsedChapter,
        ParsedInstrument,
        ParsedProvision,
        split_paragraphs,
    )
    from workbench.texts.word import parse_docx

# Each reader is imported when first asked for: an export or a page that needs only one
# of them (or only the labels) does not pay for the Word, Markdown and text readers.
_HOMES = {
    "Block": "blocks",
    "Paragraph": "structure",
    "ParsedChapter": "structure",
    "ParsedInstrument": "structure",
    "ParsedProvision": "structure",
    "ProvisionChange": "revisions",
    "Revision": "revisions",
    "RevisionParagraph": "revisions",
    "decode_text": "plaintext",
    "docx_author_changes": "revisions",
    "docx_provision_changes": "revisions",
    "parse_docx": "word",
    "parse_file": "parse",
    "parse_markdown": "markdown",
    "parse_text": "plaintext",
    "read_docx_revisions": "revisions",
    "read_text_file": "parse",
    "split_paragraphs": "structure",
}


def __getattr__(name: str) -> Any:
    """The reader or structure ``name``, imported from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Block",
    "Paragraph",
    "ParsedChapter",
    "ParsedInstrument",
    "ParsedProvision",
    "ProvisionChange",
    "Revision",
    "RevisionParagraph",
    "decode_text",
    "docx_author_changes",
    "docx_provision_changes",
    "parse_docx",
    "parse_file",
    "parse_markdown",
    "parse_text",
    "read_docx_revisions",
    "read_text_file",
    "split_paragraphs",
]
