"""Temporary files are owned and cleaned, and the workbench's own files survive a crash
(issue 18: 142 empty folders after failing exports and uploads; an empty secret key after a
kill broke every login; a kill during an import left its upload folder forever)."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import make_test_app
from tests.web.conftest import csrf_of
from workbench import files

MD = b"# Treaty\n\nArticle 1\n\nEach Party shall act.\n"


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> SimpleNamespace:
    """The system's temporary folder, for this test alone; every mkdtemp call is counted."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    made = []
    mkdtemp = tempfile.mkdtemp

    def counted(*args, **kwargs):
        made.append(mkdtemp(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", counted)
    return SimpleNamespace(path=folder, made=made)


def _storm(world, app, client, monkeypatch):
    """Failing exports and uploads, anonymous and logged in: (label, response) pairs."""
    app.config["PROPAGATE_EXCEPTIONS"] = False
    slug = world.text_slug
    secretariat, delegate = world.headers("secretariat"), world.headers("delegate")

    def upload(path, name, data=MD, headers=secretariat, **form):
        return client.post(
            path,
            data={"file": (io.BytesIO(data), name), **form},
            content_type="multipart/form-data",
            headers=headers,
        )

    for headers in ({}, secretariat):
        yield "export of no instrument", client.get("/api/instruments/nope/export", headers=headers)
        yield (
            "pdf of no instrument",
            client.get("/api/instruments/nope/export?format=pdf", headers=headers),
        )
        yield (
            "changes of no session",
            client.get(f"/api/instruments/{slug}/changes?from=X-1&to=X-2", headers=headers),
        )
        yield "synopsis of no topic", client.get("/api/synopsis/no-topic", headers=headers)
        yield (
            "export page",
            client.get(
                "/export/download?instrument=nope&mode=brackets&languages=en", headers=headers
            ),
        )
    yield "anonymous upload", upload("/api/imports", "t.md", headers={})
    yield "observer upload", upload("/api/imports", "t.md", headers=world.headers("observer"))
    yield (
        "anonymous tracked changes",
        upload(f"/api/instruments/{slug}/tracked-changes", "t.docx", headers={}, session="AHC-1"),
    )
    yield "long name", upload("/api/imports", "a" * 300 + ".md")
    yield "NUL in the name", upload("/api/imports", "a\x00.md")
    yield "binary content", upload("/api/imports", "binary.md", b"Article 1\x00\x01\x02")
    yield "not a Word file", upload("/api/imports", "fake.docx", b"not a zip")
    yield "not an ODF file", upload("/api/imports", "fake.odt", b"not a zip")
    yield (
        "spoofed wording",
        upload("/api/imports", "spoof.md", MD.replace(b"shall", "\u202e".encode())),
    )
    yield (
        "no session",
        upload(f"/api/instruments/{slug}/tracked-changes", "t.docx", headers=delegate),
    )
    yield (
        "bad author map",
        upload(
            f"/api/instruments/{slug}/tracked-changes",
            "t.docx",
            headers=delegate,
            session="AHC-1",
            author_map="[",
        ),
    )
    yield (
        "tracked changes of no session",
        upload(
            f"/api/instruments/{slug}/tracked-changes", "t.docx", headers=delegate, session="NOPE"
        ),
    )
    app.config["IMPORT_MAX_BYTES"] = 10
    yield "too large", upload("/api/imports", "big.md")
    app.config["IMPORT_MAX_BYTES"] = 10 * 1024 * 1024
    # The server falls over in the middle of the work: the folder goes all the same.
    import workbench.web.api.exports as exports_api
    import workbench.web.api.imports as imports_api

    def crash(*args, **kwargs):
        out = kwargs.get("out")
        if out is not None:
            Path(out).write_bytes(b"half a file")
        raise RuntimeError("the server fell over half-way")

    import workbench.web.views.imports as imports_page

    monkeypatch.setattr(imports_api, "import_instrument", crash)
    monkeypatch.setattr(imports_page, "import_instrument", crash)
    yield "import crashing", upload("/api/imports", "crash.md")
    monkeypatch.setattr(exports_api, "export_instrument", crash)
    for headers in ({}, secretariat):
        yield "export crashing", client.get(f"/api/instruments/{slug}/export", headers=headers)
    # The upload page, logged in through the form.
    token = csrf_of(client.get("/login").get_data(as_text=True))
    client.post(
        "/login", data={"name": "secretariat", "password": world.password, "csrf_token": token}
    )
    page = client.get("/import").get_data(as_text=True)
    yield (
        "upload page crashing",
        client.post(
            "/import/instrument",
            data={"file": (io.BytesIO(MD), "page.md"), "csrf_token": csrf_of(page)},
            content_type="multipart/form-data",
        ),
    )
    yield (
        "upload page, binary",
        client.post(
            "/import/instrument",
            data={"file": (io.BytesIO(b"\x00\x01"), "page.md"), "csrf_token": csrf_of(page)},
            content_type="multipart/form-data",
        ),
    )


def test_failing_requests_leave_no_temporary_folder(
    world, app, client, backend, private_tmp, monkeypatch
):
    before = sorted(os.listdir(private_tmp.path))
    answered = []
    for _ in range(3):
        for label, response in _storm(world, app, client, monkeypatch):
            assert response.status_code >= 400, (label, response.status_code)
            answered.append(label)
    assert len(answered) > 60
    # The control: the storm did make scratch folders, and every one of them is gone.
    assert len(private_tmp.made) >= 20, private_tmp.made
    assert sorted(os.listdir(private_tmp.path)) == before


def test_a_successful_export_and_import_leave_nothing_either(
    world, app, client, backend, private_tmp
):
    export = client.get(f"/api/instruments/{world.text_slug}/export")
    assert export.status_code == 200 and export.data[:2] == b"PK"
    imported = client.post(
        "/api/imports",
        data={"file": (io.BytesIO(MD), "fine.md")},
        content_type="multipart/form-data",
        headers=world.headers("secretariat"),
    )
    assert imported.status_code == 201, imported.get_json()
    assert len(private_tmp.made) == 2
    assert os.listdir(private_tmp.path) == []


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_leftovers_of_killed_processes_are_removed_at_start(database_url, tmp_path, private_tmp):
    dead, instance, exports = _dead_pid(), tmp_path / "instance", tmp_path / "exports"
    instance.mkdir()
    exports.mkdir()
    alive = subprocess.Popen(["sleep", "60"])
    try:
        leftovers = [
            private_tmp.path / f"workbench-import-{dead}-x1y2z3",
            private_tmp.path / f"workbench-export-{dead}-abcdef",
            instance / f".secret_key.{dead}.q1w2e3.part",
            exports / f".text-brackets.docx.{dead}.zz.part",
        ]
        kept = [
            private_tmp.path / f"workbench-import-{alive.pid}-busy11",  # a running sibling's
            exports / f".text-tracked.docx.{alive.pid}.zz.part",
            private_tmp.path / "workbench-import-noid",  # not named by this workbench
            private_tmp.path / "someone-else",
        ]
        for path in leftovers + kept:
            if path.name.endswith(".part"):
                path.write_bytes(b"half")
            else:
                path.mkdir()
                (path / "upload.docx").write_bytes(b"half an upload")
        make_test_app(database_url, tmp_path)
        assert [p for p in leftovers if p.exists()] == []
        assert [p for p in kept if not p.exists()] == []
    finally:
        alive.kill()
        alive.wait()


@pytest.mark.parametrize("content", [b"", b"   \n", b"\x00" * 64, b"\xff\xfe"])
def test_an_empty_or_damaged_secret_key_is_replaced(database_url, tmp_path, caplog, content):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "secret_key").write_bytes(content)
    with caplog.at_level(logging.WARNING):
        app = make_test_app(database_url, tmp_path, SECRET_KEY=None)
    key = (instance / "secret_key").read_text()
    assert len(key) == 64 and int(key, 16) >= 0
    assert app.config["SECRET_KEY"] == key
    assert oct((instance / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert "secret key file" in caplog.text and "replaced" in caplog.text
    assert app.test_client().get("/login").status_code == 200
    # The next start keeps the key it finds.
    again = make_test_app(database_url, tmp_path, SECRET_KEY=None)
    assert again.config["SECRET_KEY"] == key


def test_the_secret_key_is_never_seen_half_written(database_url, tmp_path, monkeypatch):
    """A crash between writing and renaming leaves no key file at all (and a temporary name
    that the next start removes), never an empty one."""
    instance = tmp_path / "instance"

    def killed(*args):
        raise KeyboardInterrupt("killed before the rename")

    monkeypatch.setattr(files.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        make_test_app(database_url, tmp_path, SECRET_KEY=None)
    assert not (instance / "secret_key").exists()
    assert [p.name for p in instance.iterdir() if p.name != ".secret_key.lock"] == []
    monkeypatch.undo()
    app = make_test_app(database_url, tmp_path, SECRET_KEY=None)
    assert len(app.config["SECRET_KEY"]) == 64
