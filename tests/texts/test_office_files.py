""".odt, .doc and .rtf files are read through LibreOffice, in a private temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.texts.clients.treaty import expected
from workbench.errors import InvalidInput
from workbench.libreoffice import LibreOfficeError
from workbench.texts import parse_file

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]


@pytest.mark.parametrize("suffix", ["odt", "doc", "rtf"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_odt_doc_and_rtf_read_word_for_word(client_files, tmp_path, suffix, lang):
    """The files LibreOffice wrote (an .odt built in the editor; a .doc and an .rtf of the
    HTML text) read as the same text, and nothing is written beside them."""
    item = client_files[f"libreoffice-{suffix}-{lang}"]
    source = Path(item.path).parent / "sources" / f"libreoffice-{suffix}-{lang}.{suffix}"
    folder = tmp_path / "delegation"
    folder.mkdir()
    copy = shutil.copy(source, folder / f"draft.{suffix}")
    parsed = parse_file(copy)
    reference = expected(item.reference())
    assert parsed.title == reference.title
    assert parsed.children == reference.children
    assert sorted(p.name for p in folder.iterdir()) == [f"draft.{suffix}"]


def test_without_libreoffice_the_import_says_what_to_install(client_files, monkeypatch):
    source = Path(client_files["libreoffice-odt-en"].path).parent / "sources"
    monkeypatch.setenv("WORKBENCH_SOFFICE", "/nowhere/soffice")
    with pytest.raises(LibreOfficeError) as caught:
        parse_file(source / "libreoffice-odt-en.odt")
    assert caught.value.message == (
        "libreoffice-odt-en.odt is an OpenDocument text, which the workbench reads through "
        "LibreOffice: install LibreOffice (the libreoffice-writer package), or save the file "
        "as .docx and import that."
    )


def test_files_that_are_not_what_their_name_says(tmp_path):
    cases = {
        "report.odt": (b"%PDF-1.7\n", "report.odt is not an OpenDocument text (it is a PDF file)."),
        "letter.doc": (b"Dear colleagues", "letter.doc is not a Word 97-2003 document"),
        "scan.rtf": (b"\x89PNG\r\n\x1a\n", "scan.rtf is not an RTF document (it is a PNG image)."),
        "sheet.odt": (None, "sheet.odt is not an OpenDocument text (it is a zip package"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        if data is None:
            import zipfile

            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
                archive.writestr("content.xml", "<x/>")
        else:
            path.write_bytes(data)
        with pytest.raises(InvalidInput) as caught:
            parse_file(path)
        assert caught.value.message.startswith(message), caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(cases)
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".docx")]
