"""Reading an imported file safely: its size, what it really is, and whether a zip is a bomb."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO

from workbench.errors import InvalidInput, TooLarge

MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 80 * 1024 * 1024
MAX_RATIO = 100

Source = str | Path | bytes | BinaryIO

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# Members smaller than this cannot hide a bomb, and tiny XML parts compress oddly well.
_RATIO_FLOOR = 1024
_KNOWN_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (_OLE_MAGIC, "an encrypted Office file or an old binary Word 97-2003 file"),
    (b"{\\rtf", "an RTF file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"<?xml", "an XML file"),
    (b"<html", "an HTML page"),
    (b"<!DOCTYPE", "an HTML page"),
)
_ZIP_KINDS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("content.xml", "an OpenDocument file"),
)


def source_name(source: Source) -> str:
    """How messages name a source: its file name, else a generic phrase."""
    if isinstance(source, str | Path):
        return Path(source).name
    name = getattr(source, "name", None)
    return Path(name).name if isinstance(name, str) else "The Word file"


def read_limited(source: Source, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file or stream; TooLarge beyond max_bytes, InvalidInput when absent."""
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | Path):
        path = Path(source)
        if not path.exists():
            raise InvalidInput(f"{name} does not exist.")
        if not path.is_file():
            raise InvalidInput(f"{name} is not a file.")
        _check_size(path.stat().st_size, name, max_bytes)
        data = path.read_bytes()
    else:
        data = source.read(max_bytes + 1)
    _check_size(len(data), name, max_bytes)
    return data


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise TooLarge(
            f"{name} is {human_size(size)} ({size:,} bytes), over the {human_size(max_bytes)} "
            "allowed for an imported file."
        )


def human_size(size: int) -> str:
    """A byte count as people read it: 512 bytes, 36.2 KB, 10.0 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def describe_bytes(data: bytes) -> str | None:
    """What a file really is, judging by its first bytes, when that is recognizable."""
    head = data[:16].lstrip()
    for signature, kind in _KNOWN_SIGNATURES:
        if head[: len(signature)].lower() == signature.lower():
            return kind
    return None


class UnsafeArchive(InvalidInput, TooLarge):
    """A zip that would decompress to far more than it weighs: invalid input and too large."""

    # Both bases, so that callers catching either InvalidInput or TooLarge see it.
    status_code = 400


def check_docx_package(
    data: bytes,
    name: str,
    *,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> None:
    """Refuse what is not a safe .docx package, before anything in it is decompressed."""
    if not data:
        raise InvalidInput(f"{name} is empty (0 bytes).")
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InvalidInput(
                f"{name} is encrypted or password-protected; remove the password in Word "
                "and import it again."
            )
        raise InvalidInput(
            f"{name} is encrypted or password-protected, or saved in the old Word 97-2003 "
            "format; remove any password and save it as a .docx."
        )
    if not data.startswith(b"PK"):
        kind = describe_bytes(data)
        detail = f"it is {kind}" if kind else "it is not a zip package"
        raise InvalidInput(f"{name} is not a Word document ({detail}).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InvalidInput(
            f"{name} is not a Word document (its zip package is damaged: {exc})."
        ) from None
    check_archive(members, name, max_unzipped_bytes, max_ratio)
    if any(member.flag_bits & 0x1 for member in members):
        raise InvalidInput(f"{name} is encrypted or password-protected.")
    names = {member.filename for member in members}
    if "word/document.xml" not in names:
        kind = next((kind for part, kind in _ZIP_KINDS if part in names), None)
        detail = f"it is {kind}" if kind else "the zip package holds no word/document.xml"
        raise InvalidInput(f"{name} is not a Word document ({detail}).")


def check_archive(
    members: list[zipfile.ZipInfo], name: str, max_total: int, max_ratio: float
) -> None:
    """Refuse a zip whose declared sizes are too large or too compressed, before reading it."""
    # Declared sizes can be trusted: zipfile stops decompressing a member at its declared
    # size, so a package that lies about them fails its CRC check instead of filling memory.
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if total > max_total:
        raise UnsafeArchive(
            f"{name} would decompress to {human_size(total)}, more than the "
            f"{human_size(max_total)} allowed; it looks like a zip bomb."
        )
    ratios = [
        member.file_size / max(member.compress_size, 1)
        for member in members
        if member.file_size >= _RATIO_FLOOR
    ]
    if total >= _RATIO_FLOOR:
        ratios.append(total / max(packed, 1))
    worst = max(ratios, default=0)
    if worst > max_ratio:
        raise UnsafeArchive(
            f"{name} is compressed {worst:.0f} to 1, more than the {max_ratio:g} to 1 allowed; "
            "it looks like a zip bomb."
        )
