"""The interface catalogues: every .po source compiled into the .mo file Flask-Babel reads."""

# setup.py loads this module by its path while the wheel (or the editable install) is built,
# before any of the package's dependencies exist: import only the standard library and Babel.

from __future__ import annotations

import os
from pathlib import Path

SOURCES = "*/LC_MESSAGES/*.po"  # translations/<language>/LC_MESSAGES/<domain>.po


def catalogue_sources(folder: Path) -> list[Path]:
    """The .po sources under a translations folder, one per language and domain."""
    return sorted(folder.glob(SOURCES))


def compiled_path(source: Path, folder: Path, target: Path) -> Path:
    """Where the compiled form of a .po source under folder lands under target."""
    return target / source.relative_to(folder).with_suffix(".mo")


def compile_catalogues(folder: Path, target: Path) -> list[Path]:
    """Compile every .po source under folder into the same place under target; the .mo written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for source in catalogue_sources(folder):
        compiled = compiled_path(source, folder, target)
        compiled.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as handle:
            catalog = read_po(handle)
        # Written beside itself and renamed, so that a parallel reader never sees half a file.
        partial = compiled.with_name(f"{compiled.name}.{os.getpid()}")
        with partial.open("wb") as handle:
            write_mo(handle, catalog)
        partial.replace(compiled)
        written.append(compiled)
    return written
