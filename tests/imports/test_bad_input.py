"""Bad files are refused with a sentence naming the problem, and the database stays as it was;
a long import shows its progress on the terminal."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from tests.imports.conftest import snapshot

ROOT = Path(__file__).resolve().parents[2]


def _cfb_encrypted() -> bytes:
    """The head of an OLE compound file holding an EncryptedPackage stream, as Word writes
    a password-protected .docx (header, then a directory entry naming the stream)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1A:0x1E] = b"\x3e\x00\x03\x00"  # minor/major version: 3
    header[0x1E:0x20] = b"\xfe\xff"  # little-endian byte order mark
    header[0x20:0x22] = b"\x09\x00"  # 512-byte sectors
    entry = bytearray(128)
    name = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    entry[: len(name)] = name
    entry[0x40:0x42] = len(name).to_bytes(2, "little")
    entry[0x42] = 2  # a stream
    return bytes(header) + bytes(entry) * 4


def _zip_bomb() -> bytes:
    """A .docx-shaped zip whose document.xml inflates to 90 MB from about 90 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (90 * 1024 * 1024))
    return buffer.getvalue()


def _docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _corrupt() -> bytes:
    """A real .docx cut in half, as an interrupted download leaves it."""
    data = _docx_bytes(["Article 1", "Each Party shall act."])
    return data[: len(data) // 2]


def _rewritten(content_type: str | None = None, document: bytes | None = None) -> bytes:
    """A real .docx with its main part's content type or its document.xml replaced."""
    source = io.BytesIO(_docx_bytes(["Article 1", "Each Party shall act."]))
    target = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "[Content_Types].xml" and content_type:
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    b".main+xml",
                    content_type.encode(),
                )
            if item.filename == "word/document.xml" and document is not None:
                data = document
            new.writestr(item, data)
    return target.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    b"<w:document " + W + b"><w:body><w:p><w:r><w:t>Article 1 &secret;</w:t></w:r></w:p>"
    b"</w:body></w:document>"
)
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"
)
MACROS = "application/vnd.ms-word.document.macroEnabled.main+xml"
TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

CASES = {
    "pdf": (
        "minutes.docx",
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        400,
        ["minutes.docx is not a Word document", "a PDF file"],
    ),
    "corrupt": ("draft.docx", _corrupt, 400, ["draft.docx", "damaged"]),
    "encrypted": (
        "secret.docx",
        _cfb_encrypted,
        400,
        ["secret.docx is encrypted or password-protected", "remove the password"],
    ),
    "zip-bomb": (
        "bomb.docx",
        _zip_bomb,
        400,
        ["bomb.docx would decompress to 90.0 MB", "zip bomb"],
    ),
    "empty": ("empty.docx", lambda: _docx_bytes([]), 400, ["empty.docx is empty"]),
    "no-structure": (
        "letter.docx",
        lambda: _docx_bytes(
            ["Dear colleagues,", "Thank you for the meeting.", "Best regards, the secretariat"]
        ),
        400,
        ["letter.docx has no recognizable structure", "Article 1"],
    ),
    "empty-text": ("notes.txt", lambda: b"   \n\n", 400, ["notes.txt is empty"]),
    "wrong-suffix": ("draft.pdf", lambda: b"%PDF-1.7\n", 400, ["draft.pdf", ".docx, .md"]),
    "zero-bytes": ("zero.docx", lambda: b"", 400, ["zero.docx is empty (0 bytes)"]),
    "macros": (
        "draft.docm",
        lambda: _rewritten(MACROS),
        400,
        ["draft.docm is a macro-enabled Word document", "save it as a Word Document (.docx)"],
    ),
    "macros-renamed": (
        "draft.docx",
        lambda: _rewritten(MACROS),
        400,
        ["draft.docx is a macro-enabled Word document", "without macros"],
    ),
    "template": (
        "model.dotx",
        lambda: _rewritten(TEMPLATE),
        400,
        ["model.dotx is a Word template", "create a document from it"],
    ),
    "template-renamed": (
        "model.docx",
        lambda: _rewritten(TEMPLATE),
        400,
        ["model.docx is a Word template", "not a document"],
    ),
    "external-entity": (
        "xxe.docx",
        lambda: _rewritten(document=EXTERNAL_ENTITY),
        400,
        ["xxe.docx declares an XML document type", "external entities"],
    ),
    "entity-bomb": (
        "laughs.docx",
        lambda: _rewritten(document=ENTITY_BOMB),
        400,
        ["laughs.docx declares an XML document type", "refused"],
    ),
    "odt-that-is-a-pdf": (
        "draft.odt",
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        400,
        ["draft.odt is not an OpenDocument text", "a PDF file"],
    ),
    "encrypted-doc": (
        "secret.doc",
        _cfb_encrypted,
        400,
        ["secret.doc is encrypted or password-protected"],
    ),
    "empty-rtf": ("empty.rtf", lambda: b"", 400, ["empty.rtf is empty"]),
    "rtf-that-is-text": (
        "notes.rtf",
        lambda: b"Article 1\nThis is plain text.",
        400,
        ["notes.rtf is not an RTF document"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_files_are_refused_and_nothing_is_written(
    app, runner, client, tokens, tmp_path, backend, case
):
    name, make, status, phrases = CASES[case]
    path = tmp_path / name
    path.write_bytes(make())
    before = snapshot(app)
    result = runner.invoke(["import", str(path), "--slug", "bad-input"])
    assert result.exit_code == 1
    message = result.output.strip().splitlines()[-1]
    assert message.startswith("Error: ")
    for phrase in phrases:
        assert phrase in message
    assert "Traceback" not in result.output
    assert snapshot(app) == before
    with path.open("rb") as handle:
        response = client.post(
            "/api/imports",
            headers=tokens["secretariat"],
            data={"file": (handle, name), "slug": "bad-input"},
        )
    assert response.status_code == status, response.json
    assert all(phrase in response.json["message"] for phrase in phrases[1:])
    assert snapshot(app) == before


def test_the_size_limit_is_a_setting(app, runner, client, tokens, budapest_docx, backend):
    path = budapest_docx("styled")
    size = path.stat().st_size
    app.config["IMPORT_MAX_BYTES"] = size - 1
    before = snapshot(app)
    result = runner.invoke(["import", str(path), "--slug", "too-big"])
    assert result.exit_code == 1
    assert f"{path.name} is" in result.output and "over the" in result.output
    assert f"({size:,} bytes)" in result.output
    assert snapshot(app) == before
    with path.open("rb") as handle:
        response = client.post(
            "/api/imports",
            headers=tokens["secretariat"],
            data={"file": (handle, path.name), "slug": "too-big"},
        )
    assert response.status_code == 413
    assert response.json["message"].startswith(f"{path.name} is ")
    assert f"({size:,} bytes), over the import limit" in response.json["message"]
    assert snapshot(app) == before
    app.config["IMPORT_MAX_BYTES"] = size
    assert runner.invoke(["import", str(path), "--slug", "big-enough"]).exit_code == 0


def test_the_unzipped_limit_is_a_setting(app, runner, budapest_docx, backend):
    path = budapest_docx("styled")
    app.config["IMPORT_MAX_UNZIPPED_BYTES"] = 50_000
    before = snapshot(app)
    result = runner.invoke(["import", str(path), "--slug", "inflated"])
    assert result.exit_code == 1 and "more than the 48.8 KB allowed" in result.output
    assert snapshot(app) == before


def test_a_slug_in_use_is_refused_before_anything_is_read(app, runner, backend):
    before = snapshot(app)
    result = runner.invoke(
        [
            "import",
            str(ROOT / "workbench/corpus/data/budapest_ets185_en.md"),
            "--slug",
            "budapest-ets185",
        ]
    )
    assert result.exit_code == 1 and "'budapest-ets185' already exists" in result.output
    assert snapshot(app) == before


def test_progress_is_shown_on_a_terminal(app, tmp_path, budapest_docx, backend):
    """The command in a real pseudo-terminal draws a progress bar up to 100%."""
    path = budapest_docx("typed-next-line")
    env = dict(
        os.environ,
        DATABASE_URL=app.config["DATABASE_URL"],
        SECRET_KEY="test-secret",
        WORKBENCH_INSTANCE_PATH=str(tmp_path / "instance"),
        COLUMNS="100",
    )
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "workbench"),
            "import",
            str(path),
            "--slug",
            "with-progress",
        ],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        cwd=ROOT,
    )
    os.close(secondary)
    output = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 1)
        if ready:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(primary)
    text = output.decode("utf-8", "replace")
    assert process.returncode == 0, text
    assert "Reading" in text and "100%" in text
    # The bar is redrawn in place as the paragraphs are read.
    assert text.count("\r") > 3 and "#" in text
    assert "Imported with-progress: 4 chapters, 50 provisions (48 articles)." in text
