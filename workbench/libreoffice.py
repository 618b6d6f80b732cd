"""Headless LibreOffice: the PDF export, and the import of .odt, .doc and .rtf files."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.files import scratch_prefix, temporary_beside

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
    """Convert several files in one LibreOffice start (it costs seconds); returns the outputs.

    LibreOffice writes into a private temporary folder; each output then replaces the file
    of its name in ``outdir`` atomically, and nothing else there is touched.
    """
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
    # A private profile per call: two LibreOffice processes sharing one profile block each other.
    work = Path(tempfile.mkdtemp(prefix=scratch_prefix("lo")))
    try:
        profile, converted = work / "profile", work / "out"
        converted.mkdir()
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
            str(converted),
            *map(str, paths),
        ]
        output = _run(command, timeout)
        results = [converted / f"{path.stem}.{_extension(fmt)}" for path in paths]
        missing = [r for r in results if not r.is_file() or r.stat().st_size == 0]
        if missing:
            detail = " ".join(output.split())[-400:] or "no output"
            raise LibreOfficeError(
                f"LibreOffice could not convert {', '.join(p.name for p in paths)} to {fmt} "
                f"({detail})."
            )
        targets = []
        for result in results:
            targets.append(outdir / result.name)
            replace_file(result, targets[-1])
        return targets
    finally:
        shutil.rmtree(work, ignore_errors=True)


UNO_PYTHONS = ("/usr/bin/python3", "/usr/local/bin/python3")


def uno_python() -> str | None:
    """A Python that imports LibreOffice's UNO bridge (Debian's python3-uno), or None."""
    for candidate in UNO_PYTHONS:
        if Path(candidate).exists():
            check = subprocess.run([candidate, "-c", "import uno"], capture_output=True)
            if check.returncode == 0:
                return candidate
    return None


def pdf_with_updated_fields(path: Path, outdir: Path, timeout: float = 180) -> Path:
    """A Word file printed to PDF with its contents (page numbers) and fields updated.

    Through the UNO bridge (workbench/uno_pdf.py) where python3-uno is installed; a plain
    conversion otherwise, whose contents list the headings without page numbers.
    """
    soffice, python = soffice_path(), uno_python()
    if soffice is None or python is None:
        return convert_with_libreoffice(path, "pdf", outdir, timeout=timeout)
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="workbench-lo-"))
    try:
        result = work / f"{Path(path).stem}.pdf"
        script = Path(__file__).with_name("uno_pdf.py")
        _run(
            [
                python,
                str(script),
                soffice,
                str(Path(path).resolve()),
                str(result),
                str(work / "profile"),
            ],
            timeout,
        )
        if not result.is_file() or result.stat().st_size == 0:
            raise LibreOfficeError(f"LibreOffice could not print {Path(path).name} to PDF.")
        target = outdir / result.name
        replace_file(result, target)
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


def replace_file(source: Path, target: Path) -> None:
    """Put a file in place of ``target`` atomically: copied beside it, then renamed over it."""
    handle, temporary = temporary_beside(target)
    try:
        with os.fdopen(handle, "wb") as stream, source.open("rb") as data:
            shutil.copyfileobj(data, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp creates 0600; an output is meant to be shared
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
