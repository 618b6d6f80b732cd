"""``parse_file``: read a Word, OpenDocument, RTF, Markdown or text file by its suffix."""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

from workbench.errors import InvalidInput
from workbench.texts.blocks import Progress
from workbench.texts.convert import OFFICE_SUFFIXES, office_to_docx
from workbench.texts.files import (
    MAX_BYTES,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    describe_bytes,
    read_limited,
)
from workbench.texts.markdown import parse_markdown
from workbench.texts.package import OTHER_WORD_FILES
from workbench.texts.plaintext import decode_text, parse_text
from workbench.texts.structure import ParsedInstrument
from workbench.texts.word import Revisions, parse_docx

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
WORD_SUFFIXES = (".docx",)
SUFFIXES = WORD_SUFFIXES + OFFICE_SUFFIXES + MARKDOWN_SUFFIXES + TEXT_SUFFIXES
ACCEPTED = ".docx, .md and .txt files, and .odt, .doc and .rtf files through LibreOffice"


class _Limits(TypedDict):
    """The limits a file is read under (``workbench.texts.files``)."""

    max_bytes: int
    max_unzipped_bytes: int
    max_ratio: float


def refuse_suffix(path: Path, *, also: dict[str, str] | None = None) -> None:
    """Refuse a file the workbench does not read, saying what it reads (or what to do)."""
    # ``also`` names the suffixes another reader (Akoma Ntoso's) takes, so the message lists them.
    also = also or {}
    suffix = path.suffix.lower()
    if suffix in SUFFIXES or suffix in also:
        return
    if suffix in OTHER_WORD_FILES:
        raise InvalidInput(f"{path.name} {OTHER_WORD_FILES[suffix][1]}.")
    kind = f"'{suffix}' files" if suffix else "files without a suffix"
    accepted = ", ".join([ACCEPTED, *also.values()])
    raise InvalidInput(
        f"{path.name} cannot be imported: the workbench reads {accepted}, not {kind}."
    )


def parse_file(
    path: str | Path,
    *,
    title: str | None = None,
    language: str | None = None,
    revisions: Revisions = "accept",
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    max_ratio: float = MAX_RATIO,
) -> ParsedInstrument:
    """The structure of a .docx, .odt, .doc, .rtf, .md/.markdown or .txt file, by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    refuse_suffix(path)
    limits: _Limits = {
        "max_bytes": max_bytes,
        "max_unzipped_bytes": max_unzipped_bytes,
        "max_ratio": max_ratio,
    }
    if suffix in WORD_SUFFIXES + OFFICE_SUFFIXES:
        source = office_to_docx(path, **limits) if suffix in OFFICE_SUFFIXES else path
        return parse_docx(
            source,
            title=title,
            language=language,
            revisions=revisions,
            progress=progress,
            **limits,
        )
    text = read_text_file(path, max_bytes=max_bytes)
    parse = parse_markdown if suffix in MARKDOWN_SUFFIXES else parse_text
    return parse(text, title=title, language=language, name=path.name, progress=progress)


def read_text_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The decoded text of a .txt or .md file, refusing files that are something else."""
    path = Path(path)
    data = read_limited(path, path.name, max_bytes)
    if not data.strip():
        raise InvalidInput(f"{path.name} is empty.")
    if data.startswith(b"PK\x03\x04"):
        raise InvalidInput(
            f"{path.name} is not a text file (it is a zip package, perhaps a Word document "
            "saved with the wrong suffix)."
        )
    kind = describe_bytes(data)
    if kind and kind not in ("an XML file", "an HTML page"):
        raise InvalidInput(f"{path.name} is not a text file (it is {kind}).")
    return decode_text(data, path.name)
