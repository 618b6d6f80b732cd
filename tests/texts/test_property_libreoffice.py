"""A property: whatever treaty or statute LibreOffice writes as .docx reads back as written.

Hypothesis generates conventions and statutes (see ``clients.generate``); each is built in
LibreOffice through UNO — with automatic numbering that restarts in every article, or
with its labels typed — saved as .docx and printed to PDF by LibreOffice. The import gives
back every word, the numbers LibreOffice prints, and a title only where the document sets
one apart as a heading.
"""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.texts.clients.generate import treaties
from tests.texts.clients.office import DOCX
from tests.texts.clients.treaty import expected, labels_in_order, printed_labels
from tests.texts.clients.writers import uno_spec
from workbench.texts import parse_file

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]
PDF = "writer_pdf_Export"


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(st.tuples(treaties(), st.booleans()), min_size=2, max_size=3))
def test_treaties_written_by_libreoffice_read_back_word_for_word(office, tmp_path, batch):
    for number, (treaty, typed) in enumerate(batch):
        docx = tmp_path / f"treaty-{number}.docx"
        spec = uno_spec(treaty, contents=number == 0, typed=typed, furniture=False)
        office.build(spec, [(docx, DOCX)])
        pdf = office.convert(docx, tmp_path / f"treaty-{number}.pdf", PDF)
        printed = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        parsed = parse_file(docx)
        reference = expected(treaty)
        assert labels_in_order(printed_labels(reference), printed) == []
        assert labels_in_order(printed_labels(parsed), printed) == []
        assert parsed.title == reference.title
        assert parsed.children == reference.children
