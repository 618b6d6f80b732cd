"""A Word package opened safely: its main document and the parts the reader needs, as XML.

Every part is parsed by lxml with entities left unresolved and no network; a part that
declares a document type (the way in for external entities and entity bombs, which Word
never writes) is refused. Strict Open XML (Word's "Strict" save) is read as transitional:
the two differ in namespace names. Macro-enabled files and templates are refused by what
their main part is, whatever the file is called.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from workbench.errors import InvalidInput
from workbench.texts.files import (
    MAX_BYTES,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    Source,
    check_docx_package,
    read_limited,
    source_name,
)
from workbench.texts.ooxml import W_NS

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
)
_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Word's other kinds of file, by suffix and by main part, with what to tell the user to do.
OTHER_WORD_FILES = {
    ".docm": (
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "is a macro-enabled Word document (.docm); save it as a Word Document (.docx), "
        "without macros, and import that",
    ),
    ".dotx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "is a Word template (.dotx), not a document; create a document from it, save it "
        "as .docx and import that",
    ),
    ".dotm": (
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        "is a macro-enabled Word template (.dotm), not a document; save its text as a "
        "Word Document (.docx) and import that",
    ),
    ".dot": (
        "application/msword-template",
        "is a Word 97-2003 template (.dot), not a document; save its text as a Word "
        "Document (.docx) and import that",
    ),
}
_REFUSED = dict(OTHER_WORD_FILES.values())
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


@dataclass
class WordPackage:
    """The parts of a .docx the reader uses (styles and numbering may be absent)."""

    name: str
    document: etree._Element
    styles: etree._Element | None = None
    numbering: etree._Element | None = None


def open_package(
    source: Source,
    *,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> WordPackage:
    """The main document, styles and numbering of a Word file, after the safety checks."""
    name = source_name(source)
    data = read_limited(source, name, max_bytes)
    check_docx_package(data, name, max_unzipped_bytes=max_unzipped_bytes, max_ratio=max_ratio)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read(archive, name)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, ValueError) as exc:
        # A member whose data is cut or whose checksum fails: zipfile's own words.
        raise InvalidInput(f"{name} is a damaged Word document ({_summary(exc)}).") from None


def _read(archive: zipfile.ZipFile, name: str) -> WordPackage:
    names = set(archive.namelist())
    main = _main_part(archive, names, name)
    kind = _content_type(archive, names, main, name)
    if kind in _REFUSED:
        raise InvalidInput(f"{name} {_REFUSED[kind]}.")
    if kind is not None and kind != _DOCUMENT:
        raise InvalidInput(f"{name} is not a Word document (its main part is {kind}).")
    related = _relationships(archive, names, main, name)
    parts = {"document": _parse(archive, main, name)}
    for part in ("styles", "numbering"):
        target = related.get(part)
        if target is not None and target in names:
            parts[part] = _parse(archive, target, name)
    if parts["document"].tag != f"{{{W_NS}}}document":
        raise InvalidInput(f"{name} is a damaged Word document (its main part is not w:document).")
    return WordPackage(name=name, **parts)


def _main_part(archive: zipfile.ZipFile, names: set[str], name: str) -> str:
    """The main document part named by the package relationships (word/document.xml)."""
    if "_rels/.rels" in names:
        for rel in _parse(archive, "_rels/.rels", name).iter(f"{{{_RELS_NS}}}Relationship"):
            if (rel.get("Type") or "").endswith("/officeDocument"):
                target = (rel.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise InvalidInput(f"{name} is not a Word document (the package names no main document).")


def _content_type(archive: zipfile.ZipFile, names: set[str], part: str, name: str) -> str | None:
    if "[Content_Types].xml" not in names:
        return None
    types = _parse(archive, "[Content_Types].xml", name)
    for override in types.iter(f"{{{_TYPES_NS}}}Override"):
        if (override.get("PartName") or "").lstrip("/") == part:
            return override.get("ContentType")
    return None


def _relationships(
    archive: zipfile.ZipFile, names: set[str], part: str, name: str
) -> dict[str, str]:
    """The main part's related parts by kind ("styles", "numbering"), as package paths."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    found: dict[str, str] = {}
    if rels not in names:
        return {kind: f"{folder}/{kind}.xml" for kind in ("styles", "numbering")}
    for rel in _parse(archive, rels, name).iter(f"{{{_RELS_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.setdefault(kind, posixpath.normpath(path))
    return found


def _parse(archive: zipfile.ZipFile, part: str, name: str) -> etree._Element:
    data = archive.read(part)
    for strict, transitional in _STRICT:
        data = data.replace(strict, transitional)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InvalidInput(f"{name} is a damaged Word document ({_summary(exc)}).") from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]  # lxml-stubs lack DocInfo.doctype
        raise InvalidInput(
            f"{name} declares an XML document type in {part}, which Word never writes; it is "
            "refused because such declarations can reach outside the file (external entities)."
        )
    return root


def _summary(exc: Exception) -> str:
    text = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return text.rstrip(".")
