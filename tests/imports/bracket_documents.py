"""Bracketed consolidated texts written with python-docx, in the format the export writes."""

from __future__ import annotations

from pathlib import Path

import docx


def write_bracketed(path: Path, items: list[tuple]) -> Path:
    """A Word file of headings and paragraphs: ("chapter", heading), ("provision", heading,
    [paragraphs]) or ("paragraph", text) in order, the sponsors' parentheses in italics."""
    document = docx.Document()
    document.add_heading("Draft convention (consolidated text)", level=0)
    for item in items:
        if item[0] == "chapter":
            document.add_heading(item[1], level=1)
        elif item[0] == "provision":
            document.add_heading(item[1], level=2)
            for text in item[2]:
                document.add_paragraph(text)
        else:
            document.add_paragraph(item[1])
    document.save(path)
    return path
