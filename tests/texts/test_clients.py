"""Every client's Word file of a convention and a statute, read back word for word.

For each client (python-docx, Word and WPS XML, pandoc, LibreOffice through UNO, and
LibreOffice converting .txt, .html, .odt, .doc, .rtf and resaving .docx), the import gives
back the text the file was generated from, with the numbers LibreOffice itself prints
(its PDF, read by pdftotext); contents lists, running heads, page numbers, footnotes,
comments and bookmarks add nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.texts.clients.fixtures import client_names
from tests.texts.clients.treaty import (
    expected,
    labels_in_order,
    printed_labels,
    without_labels,
)
from workbench.texts import parse_file

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

# Furniture the clients put around the text: none of it is treaty text.
FURNITURE = (
    "Contents",
    "目录",
    "Page ",
    "页",
    "Based on the proposals",
    "Check this wording",
    ".....",
)


@pytest.mark.parametrize("name", client_names())
def test_each_client_reads_back_with_the_numbers_libreoffice_prints(client_files, name):
    item = client_files[name]
    parsed = parse_file(item.path)
    printed = Path(item.pdf).read_text(encoding="utf-8")
    reference = expected(item.reference())
    # The numbers the import reads are those LibreOffice prints, in the same order.
    assert labels_in_order(printed_labels(parsed), printed) == []
    if item.exact:
        # ... which are the ones the text was generated with, word for word.
        assert labels_in_order(printed_labels(reference), printed) == []
        assert parsed.title == reference.title
        assert parsed.children == reference.children
    labels = [item.label for _depth, item in parsed.walk()]
    wording = "\n".join([*parsed.title.values(), *labels, *without_labels(parsed)])
    # Where LibreOffice's own .doc and .rtf writers renumbered the lists (or, in RTF, turned
    # Chinese list prefixes into "?"), the numbers are LibreOffice's; the words all remain.
    assert [words for words in without_labels(reference) if words not in wording] == []
    assert not [word for word in FURNITURE if word in wording]
