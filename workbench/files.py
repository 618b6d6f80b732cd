"""Files the workbench writes for itself: written whole under a temporary name and renamed
into place, scratch folders removed whatever happens, and what a killed process left behind
removed at the next start.

Every temporary name carries the id of the process that made it, so that a start removes
only what belongs to processes that are gone, never the work of a running sibling worker.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

log = logging.getLogger("workbench.files")

SCRATCH_PREFIX = "workbench-"
_SCRATCH = re.compile(r"^workbench-[a-z]+-(\d+)-")
_PART = re.compile(r"^\..+\.(\d+)\.[^.]*\.part$")


def scratch_prefix(kind: str) -> str:
    """The name of a scratch folder of this process starts so: workbench-import-4242-."""
    return f"{SCRATCH_PREFIX}{kind}-{os.getpid()}-"


@contextlib.contextmanager
def scratch_folder(kind: str) -> Iterator[Path]:
    """A private temporary folder, removed when the block ends, whatever happens in it."""
    folder = Path(tempfile.mkdtemp(prefix=scratch_prefix(kind)))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def temporary_beside(target: Path) -> tuple[int, str]:
    """An open file (descriptor, name) beside ``target``, named as this process's."""
    return tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".part"
    )


def write_atomically(target: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``target`` so that a reader (or a crash) sees the old file or the new
    one, never a part: a temporary name beside it, flushed to disk, then renamed over it."""
    handle, temporary = temporary_beside(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening a folder)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _gone(pid: int, *, own_is_gone: bool) -> bool:
    if pid == os.getpid():
        return own_is_gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False
    return False


def remove_leftovers(folders: Iterable[Path | str | None] = (), *, own_is_gone=False) -> int:
    """Remove the scratch folders and temporary names of processes that are gone.

    Looks in the system's temporary folder and in ``folders``; ``own_is_gone`` counts this
    process's own names as leftovers too (true only before it has started any work: a
    restarted server may get the id its killed predecessor had). Returns how many it removed.
    """
    removed = 0
    places = [Path(tempfile.gettempdir()), *(Path(f) for f in folders if f)]
    for place in dict.fromkeys(places):
        try:
            entries = list(place.iterdir())
        except OSError:
            continue
        for entry in entries:
            found = _SCRATCH.match(entry.name) or _PART.match(entry.name)
            if found is None or not _gone(int(found.group(1)), own_is_gone=own_is_gone):
                continue
            try:
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
            except OSError as exc:
                log.warning("Could not remove the leftover %s: %s", entry, exc)
                continue
            removed += 1
    if removed:
        log.warning("Removed %d temporary files or folders left by stopped processes.", removed)
    return removed
