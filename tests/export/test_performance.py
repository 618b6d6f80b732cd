"""A negotiating text of 150 provisions with 2,000 pending proposals is written whole.

How fast is measured in bench/bench_export.py, not asserted here: a timed test fails on a
busy machine and proves nothing about the code.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from workbench.export.labels import wording_lines
from workbench.export.synthetic import synthetic_document
from workbench.export.writer import write_consolidated


@pytest.fixture(scope="module")
def large():
    return synthetic_document(provisions=150, proposals=2000)


@pytest.mark.parametrize("mode", ["brackets", "alternatives", "tracked"])
def test_large_text_is_written_whole(large, tmp_path, mode):
    path = write_consolidated(large, tmp_path / f"large-{mode}.docx", mode)
    xml = zipfile.ZipFile(path).read("word/document.xml")
    paragraphs = xml.count(b"<w:p>") + xml.count(b"<w:p ")
    if mode == "brackets":
        # Each wording once (1,800 amendments reprint nothing): the provisions' paragraphs,
        # the proposed new ones', headings and contents, and the phrases' sponsors.
        wording = sum(len(wording_lines(p.text.get("en"))) for p in large.provisions())
        new = sum(
            len(wording_lines(a.text.get("en"))) for p in large.provisions() for a in p.insertions
        )
        assert wording + new < paragraphs < 3 * (wording + new)
        assert xml.count(b"(") > 1_500
        return
    assert paragraphs > 10_000
    if mode == "tracked":
        assert xml.count(b"<w:ins ") > 5_000


def test_large_text_memory():
    """The whole process, libxml2 included, stays far below 500 MB (a fresh interpreter)."""
    result = subprocess.run(
        [sys.executable, "-m", "workbench.export.synthetic"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert report["max_rss_mb"] < 500
    assert {entry["mode"] for entry in report["results"]} == {"brackets", "alternatives", "tracked"}
