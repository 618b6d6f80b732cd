"""The Word writers' entry points: consolidated texts and synoptic tables, saved atomically."""

from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path

from docx.document import Document

from workbench.errors import InvalidInput
from workbench.export.alternatives import AlternativesWriter
from workbench.export.brackets import BracketsWriter
from workbench.export.model import ExportDocument, SynopticTable
from workbench.export.spool import SpooledDocument
from workbench.export.synoptic import build_synoptic
from workbench.export.tracked import TrackedWriter
from workbench.files import temporary_beside

WRITERS = {
    "brackets": BracketsWriter,
    "alternatives": AlternativesWriter,
    "tracked": TrackedWriter,
}
MAX_COLUMNS = 2  # side by side: English left, Chinese right


def write_consolidated(document: ExportDocument, path: Path, mode: str) -> Path:
    """Write a consolidated negotiating text as .docx in a mode of WRITERS; returns the path."""
    writer = WRITERS.get(mode)
    if writer is None:
        raise InvalidInput(
            f"mode must be brackets, alternatives or tracked (got {mode!r}).", field="mode"
        )
    languages = document.languages
    if not languages or len(languages) > MAX_COLUMNS or len(set(languages)) != len(languages):
        raise InvalidInput(
            f"A consolidated text is in one language or two side by side (got {languages!r}).",
            field="languages",
        )
    target = writable_target(Path(path))
    release_loaded_rows()
    save_atomically(writer(document).spooled(), target)
    return target


def release_loaded_rows() -> None:
    """Collect the cyclic garbage the database read left behind, before building the file."""
    # The frozen export model holds no ORM object, but the thousands of rows read to build it
    # linger as reference cycles (SQLAlchemy's instance states). When CPython 3.11's collector
    # reached them in the middle of the Word build, a later Session.close() crashed on a
    # corrupted instance dict (SIGSEGV at scale 2, every run with PYTHONMALLOC=debug; see
    # tests/export/test_exit_status.py). Collecting here, between the read and the write, made
    # every run exit 0; it also lowers the peak memory of the write.
    gc.collect()


def write_synoptic(table: SynopticTable, path: Path) -> Path:
    """Write a synoptic table (sources side by side per matter) as .docx; returns the path."""
    target = writable_target(Path(path))
    save_atomically(build_synoptic(table), target)
    return target


def writable_target(path: Path) -> Path:
    """The path, once it is clear a file can be created there (InvalidInput otherwise)."""
    if path.is_dir():
        raise InvalidInput(f"Cannot write the export to {path}: it is a folder, not a file name.")
    folder = path.parent
    if not folder.is_dir():
        raise InvalidInput(
            f"Cannot write the export to {path}: the folder {folder} does not exist."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput(
            f"Cannot write the export to {path}: the folder {folder} is not writable."
        )
    return path


def save_atomically(document: Document | SpooledDocument, path: Path) -> None:
    """Save next to the target, then rename over it: readers never see a half-written file."""
    try:
        handle, temporary = temporary_beside(path)
    except OSError as exc:
        raise InvalidInput(f"Cannot write the export to {path}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            document.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp creates 0600; an export is meant to be shared
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InvalidInput(f"Cannot write the export to {path}: {exc.strerror or exc}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
