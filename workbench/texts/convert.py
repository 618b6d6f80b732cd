"""OpenDocument, Word 97-2003 and RTF files, turned into .docx by LibreOffice for the reader.

The file is copied into a private temporary folder, converted there by headless
LibreOffice (its own profile, a time limit) and read back as bytes; the folder is removed
whatever happens, so nothing is written beside the user's file. Without LibreOffice the
import says what to install.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

from workbench.errors import InvalidInput
from workbench.files import scratch_prefix
from workbench.libreoffice import LibreOfficeError, convert_with_libreoffice, libreoffice_available
from workbench.texts.files import (
    MAX_BYTES,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    check_archive,
    describe_bytes,
    read_limited,
)

OFFICE_SUFFIXES = (".odt", ".doc", ".rtf")
_KINDS = {
    ".odt": "an OpenDocument text",
    ".doc": "a Word 97-2003 document",
    ".rtf": "an RTF document",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
CONVERSION_SECONDS = 120


class NamedBytes(io.BytesIO):
    """Bytes that carry the name of the file they came from, for messages about them."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def office_to_docx(
    path: str | Path,
    *,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> NamedBytes:
    """The .docx LibreOffice makes of an .odt, .doc or .rtf file, named after the file."""
    path = Path(path)
    name = path.name
    data = read_limited(path, name, max_bytes)
    _check(data, path.suffix.lower(), name, max_unzipped_bytes, max_ratio)
    if not libreoffice_available():
        raise LibreOfficeError(
            f"{name} is {_KINDS[path.suffix.lower()]}, which the workbench reads through "
            "LibreOffice: install LibreOffice (the libreoffice-writer package), or save the "
            "file as .docx and import that."
        )
    folder = Path(tempfile.mkdtemp(prefix=scratch_prefix("convert")))
    try:
        source = folder / f"source{path.suffix.lower()}"
        source.write_bytes(data)
        try:
            converted = convert_with_libreoffice(
                source, "docx:MS Word 2007 XML", folder / "docx", timeout=CONVERSION_SECONDS
            )
        except LibreOfficeError as exc:
            raise InvalidInput(
                f"{name} could not be read: LibreOffice could not convert it "
                f"({exc.message.rstrip('.')})."
            ) from None
        return NamedBytes(converted.read_bytes(), name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _check(data: bytes, suffix: str, name: str, max_unzipped: int, max_ratio: float) -> None:
    """Refuse a file that is not what its suffix says, before LibreOffice opens it."""
    kind = _KINDS[suffix]
    if not data.strip():
        raise InvalidInput(f"{name} is empty (0 bytes).")
    if suffix == ".rtf":
        if not data.lstrip().startswith(b"{\\rtf"):
            raise InvalidInput(f"{name} is not {kind} ({_what(data)}).")
        return
    if suffix == ".doc":
        if not data.startswith(_OLE_MAGIC):
            raise InvalidInput(f"{name} is not {kind} ({_what(data)}).")
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InvalidInput(f"{name} is encrypted or password-protected.")
        return
    if not data.startswith(b"PK"):
        raise InvalidInput(f"{name} is not {kind} ({_what(data)}).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            check_archive(members, name, max_unzipped, max_ratio)
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
            manifest = (
                archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, KeyError):
        raise InvalidInput(f"{name} is not {kind} (its zip package is damaged).") from None
    if not mimetype.strip().startswith(_ODT_MIMETYPE):
        raise InvalidInput(f"{name} is not {kind} (it is a zip package of another kind).")
    if b"encryption-data" in manifest:
        raise InvalidInput(f"{name} is encrypted or password-protected.")


def _what(data: bytes) -> str:
    kind = describe_bytes(data)
    return f"it is {kind}" if kind else "its content is of another kind"
