"""Headless LibreOffice: the PDF export, and the import of .odt, .doc and .rtf files."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from workbench.errors import WorkbenchError

# Where to look besides PATH; WORKBENCH_SOFFICE overrides both.
_CANDIDATES = ("soffice", "libreoffice", "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice")


class LibreOfficeError(WorkbenchError):
    """LibreOffice is missing, or it could not convert a file."""

    status_code = 503


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    override = os.environ.get("WORKBENCH_SOFFICE")
    if override:
        return override if shutil.which(override) else None
    for candidate in _CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def libreoffice_available() -> bool:
    """Whether a LibreOffice executable can be found."""
    return soffice_path() is not None


def _extension(fmt: str) -> str:
    # "txt:Text (encoded):UTF8" writes a .txt file; "pdf" a .pdf.
    return fmt.split(":", 1)[0].strip().lower()


def convert_with_libreoffice(path: Path, fmt: str, outdir: Path, timeout: float = 120) -> Path:
    """Convert one file with headless LibreOffice; returns the converted file's path."""
    return convert_many([path], fmt, outdir, timeout=timeout)[0]


def convert_many(paths: Sequence[Path], fmt: str, outdir: Path, timeout: float = 120) -> list[Path]:
    """Convert several files in one LibreOffice start (it costs seconds); returns the outputs."""
    soffice = soffice_path()
    if soffice is None:
        raise LibreOfficeError(
            "LibreOffice is not installed (no soffice on PATH): install libreoffice-writer "
            "or export to docx instead."
        )
    paths = [Path(p).resolve() for p in paths]
    for path in paths:
        if not path.is_file():
            raise LibreOfficeError(f"Cannot convert {path}: the file does not exist.")
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    targets = [outdir / f"{path.stem}.{_extension(fmt)}" for path in paths]
    for target in targets:
        # A stale output from an earlier run would hide a failed conversion.
        target.unlink(missing_ok=True)
    # A private profile per call: two LibreOffice processes sharing one profile block each other.
    profile = Path(tempfile.mkdtemp(prefix="workbench-lo-profile-"))
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        fmt,
        "--outdir",
        str(outdir),
        *map(str, paths),
    ]
    try:
        output = _run(command, timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    missing = [t for t in targets if not t.is_file() or t.stat().st_size == 0]
    if missing:
        detail = " ".join(output.split())[-400:] or "no output"
        raise LibreOfficeError(
            f"LibreOffice could not convert {', '.join(p.name for p in paths)} to {fmt} ({detail})."
        )
    return targets


def _run(command: list[str], timeout: float) -> str:
    # A session of its own, so that a timeout kills soffice.bin too, not only the wrapper script.
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            env=env,
        )
    except OSError as exc:
        raise LibreOfficeError(f"Cannot start LibreOffice: {exc.strerror or exc}.") from None
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise LibreOfficeError(
            f"LibreOffice did not finish the conversion within {timeout:g} seconds."
        ) from None
    if process.returncode != 0:
        raise LibreOfficeError(
            f"LibreOffice failed (exit status {process.returncode}): "
            f"{' '.join(output.split())[-400:]}."
        )
    return output
