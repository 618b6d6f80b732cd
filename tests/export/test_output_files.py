"""Exports write the one file they are asked to write, atomically, and touch nothing else."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.export.conftest import requires_libreoffice
from tests.imports.conftest import session_of
from tests.scenario import build_rolling_text


@pytest.fixture
def folder(app, tmp_path):
    """A delegation's folder: its own Word file and notes beside last week's PDF."""
    with session_of(app) as db:
        build_rolling_text(db)
        db.commit()
    folder = tmp_path / "delegation"
    folder.mkdir()
    (folder / "text.docx").write_bytes(b"our own edited draft")
    (folder / "text.pdf").write_bytes(b"%PDF-1.4 last week's copy")
    (folder / "notes.txt").write_text("remarks")
    return folder


def state(folder):
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()}


@pytest.mark.slow
@pytest.mark.libreoffice
def test_pdf_export_replaces_only_the_pdf(runner, folder, backend):
    requires_libreoffice()
    before = state(folder)
    result = runner.invoke(
        ["export", "rolling-text", "--format", "pdf", "--out", str(folder / "text.pdf")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(folder / "text.pdf")
    after = state(folder)
    assert sorted(after) == sorted(before)  # no intermediate .docx, no leftover part file
    assert after["text.docx"] == before["text.docx"]  # the user's own file, untouched
    assert after["notes.txt"] == before["notes.txt"]
    pdf = (folder / "text.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and b"last week" not in pdf
    assert oct((folder / "text.pdf").stat().st_mode & 0o777) == "0o644"
    if shutil.which("pdftotext") is None:
        return
    printed = subprocess.run(
        ["pdftotext", "-layout", str(folder / "text.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Right-click" not in printed
    # LibreOffice filled in the contents: each entry ends in its page number.
    assert re.search(r"Chapter I +Criminalization\.{4,} *\d+\n", printed), printed[:2000]
    assert re.search(r"Article 5 +\S.*\.{4,} *\d+\n", printed)
    assert "Distr.: Limited" in printed and "Original: English" in printed


def test_docx_export_replaces_only_the_docx(runner, folder, backend):
    before = state(folder)
    result = runner.invoke(["export", "rolling-text", "--out", str(folder / "text.docx")])
    assert result.exit_code == 0, result.output
    after = state(folder)
    assert sorted(after) == sorted(before)
    assert after["text.pdf"] == before["text.pdf"] and after["notes.txt"] == before["notes.txt"]
    assert (folder / "text.docx").read_bytes().startswith(b"PK")


def test_a_failed_pdf_conversion_leaves_the_folder_as_it_was(runner, folder, backend, monkeypatch):
    fake = folder.parent / "fake-soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded'; exit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("WORKBENCH_SOFFICE", str(fake))
    before = state(folder)
    result = runner.invoke(
        ["export", "rolling-text", "--format", "pdf", "--out", str(folder / "text.pdf")]
    )
    assert result.exit_code == 1 and "could not be loaded" in result.output
    assert state(folder) == before
    assert not [name for name in os.listdir(folder.parent) if name.startswith("workbench-")]
