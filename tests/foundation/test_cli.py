"""The console script on real databases: init, serve, and one clear sentence on bad setups."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import inspect

from workbench.db import Database
from workbench.migrate import head_revision, upgrade

WORKBENCH = str(Path(sys.executable).parent / "workbench")


def run_cli(args, *, env_extra=None, tmp_path, timeout=120):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env["WORKBENCH_INSTANCE_PATH"] = str(tmp_path / "instance")
    env.update(env_extra or {})
    return subprocess.run(
        [WORKBENCH, *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def assert_one_clear_sentence(result, *fragments):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_init_creates_the_full_schema(empty_database_url, tmp_path):
    result = run_cli(["init"], env_extra={"DATABASE_URL": empty_database_url}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"to {head_revision()}" in result.stdout
    database = Database(empty_database_url)
    tables = set(inspect(database.engine).get_table_names())
    database.dispose()
    assert {"instruments", "provisions", "versions", "proposals", "audit_entries"} <= tables
    again = run_cli(["init"], env_extra={"DATABASE_URL": empty_database_url}, tmp_path=tmp_path)
    assert again.returncode == 0
    assert "already at the newest migration" in again.stdout


def test_init_defaults_to_a_sqlite_file_in_the_instance_folder(tmp_path):
    result = run_cli(["init"], tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "instance" / "workbench.sqlite3").exists()
    secret = tmp_path / "instance" / "secret_key"
    assert len(secret.read_text()) == 64
    assert secret.stat().st_mode & 0o077 == 0


def test_wrong_database_url(tmp_path):
    result = run_cli(["init"], env_extra={"DATABASE_URL": "nosuchdb://nowhere"}, tmp_path=tmp_path)
    assert_one_clear_sentence(result, "DATABASE_URL", "nosuchdb://nowhere")


def test_unreachable_server(tmp_path):
    url = "postgresql+psycopg://postgres@127.0.0.1:1/test"
    result = run_cli(["init"], env_extra={"DATABASE_URL": url}, tmp_path=tmp_path)
    assert_one_clear_sentence(result, "Cannot use the database", "127.0.0.1:1")


def test_database_at_an_older_migration(empty_database_url, tmp_path):
    database = Database(empty_database_url)
    upgrade(database.engine, "0001")
    database.dispose()
    result = run_cli(
        ["serve", "--port", "1"], env_extra={"DATABASE_URL": empty_database_url}, tmp_path=tmp_path
    )
    assert_one_clear_sentence(result, "0001", "workbench init")


def test_database_without_schema(empty_database_url, tmp_path):
    result = run_cli(
        ["serve", "--port", "1"], env_extra={"DATABASE_URL": empty_database_url}, tmp_path=tmp_path
    )
    assert_one_clear_sentence(result, "workbench init")


def test_unwritable_instance_folder(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli(
        ["init"],
        env_extra={"WORKBENCH_INSTANCE_PATH": str(blocker / "instance")},
        tmp_path=tmp_path,
    )
    assert_one_clear_sentence(result, "instance folder", "not writable")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_uses_waitress_and_answers(schema_database_url, tmp_path):
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=schema_database_url,
        WORKBENCH_INSTANCE_PATH=str(tmp_path / "instance"),
    )
    process = subprocess.Popen(
        [WORKBENCH, "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        response = None
        for _ in range(100):
            try:
                # Connect quickly (the server may not listen yet); the first page may take
                # long on a loaded machine: the test is about answering, not speed.
                response = requests.get(f"http://127.0.0.1:{port}/", timeout=(2, 60))
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        assert response is not None and response.status_code == 200
        assert response.headers["Server"] == "workbench"  # waitress's ident, not Werkzeug
        assert "Treaty workbench" in response.text
    finally:
        process.terminate()
        out, _err = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out
