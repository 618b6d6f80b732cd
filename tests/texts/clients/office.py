"""LibreOffice for the tests: one UNO-driven process for many documents, and PDF text.

``Office`` starts ``uno_worker.py`` under Debian's Python (the one with python3-uno) and
sends it commands; starting LibreOffice costs seconds, so one process serves a whole test
session. Each process runs on a private profile (``-env:UserInstallation``), so parallel
test workers never share one. ``pdf_texts`` renders Word files with ``soffice
--convert-to pdf`` (one start for all of them) and reads them back with ``pdftotext``.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from workbench.libreoffice import convert_many, soffice_path, uno_python

WORKER = Path(__file__).with_name("uno_worker.py")


def require(what: str, present: bool, install: str) -> None:
    """Skip a test whose tool is missing here; under CI (CI=1), fail it: it must run there."""
    if present:
        return
    message = f"{what} is not installed ({install})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}, and CI is set: these tests must run")
    pytest.skip(message)


def require_uno() -> str:
    python = uno_python()
    require("LibreOffice's Python-UNO bridge", python is not None, "apt-get install python3-uno")
    require("LibreOffice", soffice_path() is not None, "apt-get install libreoffice-writer-nogui")
    return python or ""


class OfficeError(RuntimeError):
    """LibreOffice refused a command (the worker's message says why)."""


class Office:
    """A LibreOffice process driven through UNO, serving commands one at a time."""

    def __init__(self, timeout: float = 180) -> None:
        python = require_uno()
        self.timeout = timeout
        self.process = subprocess.Popen(
            [python, str(WORKER), soffice_path() or "soffice"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
            env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
        )

    def call(self, **command) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], self.timeout)
        if not ready:
            self.close()
            raise OfficeError(f"LibreOffice did not answer {command['op']} in {self.timeout} s")
        reply = json.loads(self.process.stdout.readline() or '{"error": "worker exited"}')
        if "error" in reply:
            raise OfficeError(f"{command['op']}: {reply['error']}\n{reply.get('trace', '')}")

    def convert(self, source: Path, target: Path, filter_name: str, **options) -> Path:
        self.call(
            op="convert", source=str(source), target=str(target), filter=filter_name, **options
        )
        return target

    def build(self, spec: dict, targets: list[tuple[Path, str]]) -> list[Path]:
        self.call(op="build", spec=spec, targets=[[str(path), kind] for path, kind in targets])
        return [path for path, _ in targets]

    def edit(
        self, source: Path, target: Path, author: str, edits: list[dict], record: bool = True
    ) -> Path:
        self.call(
            op="edit",
            source=str(source),
            target=str(target),
            author=author,
            edits=edits,
            record=record,
        )
        return target

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.write('{"op": "quit"}\n')
                self.process.stdin.flush()
                self.process.wait(timeout=60)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, 9)
                self.process.wait()


DOCX = "MS Word 2007 XML"
ODT = "writer8"
DOC = "MS Word 97"
RTF = "Rich Text Format"


def pdf_texts(paths: list[Path]) -> dict[Path, str]:
    """Each Word file as LibreOffice prints it: rendered to PDF, read with pdftotext."""
    require("pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils")
    require("LibreOffice", soffice_path() is not None, "apt-get install libreoffice-writer-nogui")
    folder = Path(tempfile.mkdtemp(prefix="workbench-pdf-"))
    try:
        # Copies under unique names: two sources called "x.docx" would write one "x.pdf".
        copies = []
        for number, path in enumerate(paths):
            copy = folder / f"{number:03d}{path.suffix}"
            shutil.copyfile(path, copy)
            copies.append(copy)
        pdfs = convert_many(copies, "pdf", folder / "pdf")
        texts = {}
        for path, pdf in zip(paths, pdfs, strict=True):
            result = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
            )
            texts[path] = result.stdout.decode("utf-8")
        return texts
    finally:
        shutil.rmtree(folder, ignore_errors=True)
