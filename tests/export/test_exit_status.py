"""The CLI export of a large negotiation exits 0, run after run, under the strictest allocator.

Before the fix, ``workbench export bench-text --mode tracked`` on the scale-2 negotiation
(20,000 proposals) crashed with SIGSEGV in every run under ``PYTHONMALLOC=debug`` (and in
most runs at interpreter shutdown without it), after writing the file: CPython's collector
reached the read's ORM garbage in the middle of the Word build, and ``Session.close()``
later touched a corrupted instance dict. See ``workbench.export.writer.release_loaded_rows``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from bench.common import generated_database

pytestmark = pytest.mark.slow

RUNS = 3


def test_a_large_export_exits_0_every_time(tmp_path):
    mode = "tracked"  # the mode that crashed every run
    url = generated_database(2, log=lambda _message: None)
    workbench = Path(sys.executable).with_name("workbench")
    env = {**os.environ, "DATABASE_URL": url, "PYTHONMALLOC": "debug", "PYTHONFAULTHANDLER": "1"}
    for run in range(RUNS):
        out = tmp_path / f"run-{run}.docx"
        result = subprocess.run(
            [str(workbench), "export", "bench-text", "--mode", mode, "--out", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, (run, result.returncode, result.stderr[-3000:])
        # The file is whole: python-docx opens it and it holds the consolidated text.
        assert len(Document(str(out)).paragraphs) > 1000
