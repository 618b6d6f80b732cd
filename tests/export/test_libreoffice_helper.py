"""The LibreOffice helper's failures, with stand-in executables (no real LibreOffice needed)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.libreoffice import (
    LibreOfficeError,
    convert_with_libreoffice,
    libreoffice_available,
)


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "in.docx"
    path.write_bytes(b"not really a Word file")
    return path


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


def test_missing_libreoffice_is_a_clear_error(monkeypatch, source, tmp_path):
    monkeypatch.setenv("WORKBENCH_SOFFICE", str(tmp_path / "no-such-soffice"))
    assert libreoffice_available() is False
    with pytest.raises(WorkbenchError, match="LibreOffice is not installed"):
        convert_with_libreoffice(source, "pdf", tmp_path)


def test_a_failing_libreoffice_reports_its_output(monkeypatch, source, tmp_path):
    fake = _fake_soffice(tmp_path, 'echo "Error: source file could not be loaded"; exit 1')
    monkeypatch.setenv("WORKBENCH_SOFFICE", str(fake))
    assert libreoffice_available() is True
    with pytest.raises(LibreOfficeError, match="source file could not be loaded"):
        convert_with_libreoffice(source, "pdf", tmp_path / "out")


def test_a_conversion_that_writes_nothing_is_an_error(monkeypatch, source, tmp_path):
    fake = _fake_soffice(tmp_path, 'echo "Error: no export filter"; exit 0')
    monkeypatch.setenv("WORKBENCH_SOFFICE", str(fake))
    with pytest.raises(LibreOfficeError, match=r"could not convert in\.docx to pdf"):
        convert_with_libreoffice(source, "pdf", tmp_path / "out")


def test_a_hanging_libreoffice_is_stopped(monkeypatch, source, tmp_path):
    fake = _fake_soffice(tmp_path, "sleep 30 & wait")
    monkeypatch.setenv("WORKBENCH_SOFFICE", str(fake))
    started = time.monotonic()
    with pytest.raises(LibreOfficeError, match="did not finish"):
        convert_with_libreoffice(source, "pdf", tmp_path / "out", timeout=1)
    assert time.monotonic() - started < 10


def test_the_profile_is_private_and_the_output_path_is_returned(monkeypatch, source, tmp_path):
    # The stand-in records its arguments and writes the file LibreOffice would write.
    log = tmp_path / "args.txt"
    fake = _fake_soffice(
        tmp_path,
        f'''printf '%s\\n' "$@" > {log}
outdir=""; prev=""
for arg in "$@"; do [ "$prev" = "--outdir" ] && outdir="$arg"; prev="$arg"; done
echo converted > "$outdir/in.txt"''',
    )
    monkeypatch.setenv("WORKBENCH_SOFFICE", str(fake))
    out = convert_with_libreoffice(source, "txt:Text (encoded):UTF8", tmp_path / "out")
    assert out == (tmp_path / "out" / "in.txt").resolve()
    args = log.read_text().splitlines()
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file:///"))
    assert "--headless" in args
    assert args[args.index("--convert-to") + 1] == "txt:Text (encoded):UTF8"
    # The profile folder is removed afterwards.
    assert not Path(profile.split("file://", 1)[1]).exists()


def test_a_missing_source_file(tmp_path, monkeypatch):
    fake = _fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv("WORKBENCH_SOFFICE", str(fake))
    with pytest.raises(LibreOfficeError, match="does not exist"):
        convert_with_libreoffice(tmp_path / "absent.docx", "pdf", tmp_path)
