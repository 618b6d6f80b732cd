"""Bad files are refused with one sentence that names the file and the problem."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from workbench.errors import InvalidInput, TooLarge
from workbench.texts import parse_docx, parse_file, parse_markdown, parse_text, read_docx_revisions


def small_docx(path, *lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def refused(error, path, *words, **limits):
    with pytest.raises(error) as caught:
        parse_file(path, **limits)
    message = caught.value.message
    assert message.startswith(path.name), message
    for word in words:
        assert word in message, message
    assert message.count(". ") <= 1 and message.endswith("."), message
    return caught.value


def test_empty_files(tmp_path):
    for name in ("empty.docx", "empty.txt", "empty.md"):
        (tmp_path / name).write_bytes(b"")
        refused(InvalidInput, tmp_path / name, "is empty")
    (tmp_path / "blank.txt").write_text(" \n\n \n")
    refused(InvalidInput, tmp_path / "blank.txt", "is empty")


def test_a_word_document_without_text(tmp_path):
    refused(InvalidInput, small_docx(tmp_path / "nothing.docx"), "is empty", "no text")
    refused(InvalidInput, small_docx(tmp_path / "blank.docx", "", "   "), "is empty")


def test_a_document_without_structure(tmp_path):
    path = small_docx(tmp_path / "letter.docx", "Dear colleagues,", "Thank you for your note.")
    refused(InvalidInput, path, "no recognizable structure", "article")
    (tmp_path / "notes.txt").write_text("Some remarks.\nMore remarks.\n")
    refused(InvalidInput, tmp_path / "notes.txt", "no recognizable structure")
    with pytest.raises(InvalidInput, match="no recognizable structure"):
        parse_markdown("# Notes\n\nJust a paragraph.")
    with pytest.raises(InvalidInput, match="is empty"):
        parse_text("\n\n")


def test_a_docx_that_is_not_a_zip(tmp_path):
    (tmp_path / "x.docx").write_text("Article 1\nThis is plain text, not Word.")
    error = refused(InvalidInput, tmp_path / "x.docx", "is not a Word document")
    assert error.status_code == 400
    (tmp_path / "report.docx").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    refused(InvalidInput, tmp_path / "report.docx", "is not a Word document", "PDF")


def test_a_zip_that_is_not_a_word_document(tmp_path):
    with zipfile.ZipFile(tmp_path / "book.docx", "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    refused(InvalidInput, tmp_path / "book.docx", "is not a Word document", "Excel")
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as archive:
        archive.writestr("readme.txt", "hello")
    refused(InvalidInput, tmp_path / "other.docx", "is not a Word document", "word/document.xml")


def test_an_encrypted_word_file(tmp_path):
    # Encrypted Office files are OLE compound files holding an EncryptedPackage stream.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    (tmp_path / "secret.docx").write_bytes(header + "EncryptedPackage".encode("utf-16-le"))
    refused(InvalidInput, tmp_path / "secret.docx", "is encrypted or password-protected")
    (tmp_path / "locked.docx").write_bytes(header)
    refused(InvalidInput, tmp_path / "locked.docx", "is encrypted or password-protected")


def test_a_corrupt_docx(tmp_path):
    data = small_docx(tmp_path / "good.docx", "Article 1", "Text.").read_bytes()
    (tmp_path / "truncated.docx").write_bytes(data[: len(data) // 2])
    refused(InvalidInput, tmp_path / "truncated.docx", "is not a Word document", "damaged")
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[:200]  # cut inside the XML
            target.writestr(item, content)
    (tmp_path / "badxml.docx").write_bytes(broken.getvalue())
    refused(InvalidInput, tmp_path / "badxml.docx", "is a damaged Word document")


def zip_bomb(path, size):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * size)
    return path


def test_a_zip_bomb_is_refused_before_it_is_extracted(tmp_path):
    path = zip_bomb(tmp_path / "bomb.docx", 20 * 1024 * 1024)
    assert path.stat().st_size < 100_000
    error = refused(InvalidInput, path, "zip bomb", "compressed")
    assert isinstance(error, TooLarge)  # callers catching either error see it
    # Over the total decompressed size allowed, whatever the ratio.
    small = small_docx(tmp_path / "fine.docx", "Article 1", "Text.")
    refused(InvalidInput, small, "would decompress to", "zip bomb", max_unzipped_bytes=10_000)
    refused(InvalidInput, zip_bomb(tmp_path / "b2.docx", 2_000_000), "zip bomb", max_ratio=50)
    with pytest.raises(InvalidInput, match="zip bomb"):
        read_docx_revisions(path)


def test_an_oversized_file(tmp_path):
    path = small_docx(tmp_path / "big.docx", "Article 1", "Text.")
    error = refused(TooLarge, path, "over the 1000 bytes allowed", max_bytes=1000)
    assert error.status_code == 413
    (tmp_path / "big.txt").write_bytes(b"Article 1\n" + b"x" * (10 * 1024 * 1024))
    refused(TooLarge, tmp_path / "big.txt", "10.0 MB allowed")
    with pytest.raises(TooLarge):
        parse_docx(io.BytesIO(path.read_bytes()), max_bytes=1000)


def test_text_files_that_are_something_else(tmp_path):
    data = small_docx(tmp_path / "a.docx", "Article 1", "Text.").read_bytes()
    (tmp_path / "word.txt").write_bytes(data)
    refused(InvalidInput, tmp_path / "word.txt", "is not a text file", "zip")
    (tmp_path / "binary.md").write_bytes(b"Article 1\x00\x01\x02")
    refused(InvalidInput, tmp_path / "binary.md", "is not a text file")


def test_text_that_no_encoding_reads(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Article 1\nCafé à la française.".encode("latin-1"))
    refused(InvalidInput, tmp_path / "latin.txt", "UTF-8", "GB18030")
    (tmp_path / "bad16.txt").write_bytes(b"\xff\xfeA\x00\x00\xd8")
    refused(InvalidInput, tmp_path / "bad16.txt", "UTF-16")


def test_unknown_suffixes_and_missing_files(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    refused(InvalidInput, tmp_path / "scan.pdf", "'.pdf'", ".docx")
    refused(InvalidInput, tmp_path / "absent.docx", "does not exist")


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("utf-16", b""), ("gb18030", b"")],
)
def test_text_encodings(tmp_path, encoding, prefix):
    text = "网络犯罪公约\n第一章 总则\n第一条 目的\n本公约的目的是促进合作。\n"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(prefix + text.encode(encoding))
    parsed = parse_file(path)
    assert parsed.title == {"zh": "网络犯罪公约"}
    assert parsed.provision("第一条").text == {"zh": "本公约的目的是促进合作。"}
