"""Kill -9 at random moments: `workbench serve` in a subprocess, concurrent writers over HTTP,
restarts, and the checks that nothing acknowledged was lost and nothing is half-written.

Shared by tests/security/test_kill9.py (a few rounds) and bench/bench_crash.py (many).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from workbench.db import Database

WORKBENCH = Path(sys.executable).with_name("workbench")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`workbench serve` on a database, started, killed with SIGKILL and started again."""

    def __init__(self, url: str, folder: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.tmp = folder / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "WORKBENCH_INSTANCE_PATH": str(folder / "instance"),
            "EXPORT_DIR": str(folder / "exports"),
            "TMPDIR": str(self.tmp),  # the server's scratch folders, counted afterwards
        }
        self.env.pop("SECRET_KEY", None)  # the key file is made, and checked, by the server
        self.log = (folder / "server.log").open("ab")
        self.process: subprocess.Popen | None = None
        self.kills = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(WORKBENCH), "serve", "--port", str(self.port), "--threads", "8"],
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )

    def ready(self, timeout: float = 90) -> None:
        """Wait until the login page answers 200 (it needs the secret key and the database)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.base}/login", timeout=5) as response:
                    if response.status == 200:
                        return
            except urllib.error.HTTPError as exc:
                raise RuntimeError(f"GET /login answered {exc.code} after a restart") from None
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()
        self.log.close()


@dataclass
class Ledger:
    """Every write the server acknowledged with a 2xx, by the writers."""

    tabled: dict[int, str] = field(default_factory=dict)  # proposal id → its marker
    keys: dict[str, str] = field(default_factory=dict)  # Idempotency-Key → marker (all sent)
    revised: list[tuple[int, str]] = field(default_factory=list)
    agreed: list[int] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, what: str) -> None:
        with self.lock:
            self.answers[what] = self.answers.get(what, 0) + 1


def _call(base, method, path, token, *, body=None, data=None, headers=None):
    """(status, JSON) or (None, None) when the connection failed (the server was killed)."""
    request = urllib.request.Request(f"{base}{path}", method=method, data=data)
    request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, json.loads(exc.read() or b"null")
        except (ValueError, OSError, http.client.HTTPException):
            return exc.code, None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        # Killed mid-answer: the client cannot know whether the write happened.
        return None, type(exc).__name__


def _multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/markdown\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


class Writer(threading.Thread):
    """Tables (with an Idempotency-Key, retried until answered), revises, agrees, imports."""

    def __init__(self, number, server, world, ledger, stop, seed) -> None:
        super().__init__(daemon=True)
        self.number, self.server, self.world, self.ledger = number, server, world, ledger
        self.stop_event, self.random = stop, random.Random(seed)
        self.mine: list[int] = []

    def run(self) -> None:
        while not self.stop_event.is_set():
            action = self.random.choice(["table", "table", "revise", "agree", "import_"])
            getattr(self, action)()

    def table(self) -> None:
        marker = f"w{self.number}-{uuid.uuid4().hex[:12]}"
        key = str(uuid.uuid4())
        with self.ledger.lock:
            self.ledger.keys[key] = marker
        body = {
            "instrument": self.world["text_slug"],
            "provision_id": self.random.choice(self.world["provision_ids"]),
            "kind": "amend",
            "session": "AHC-1",
            "sponsor": "CHN",
            "text": {"en": f"Each Party shall adopt measures ({marker})."},
        }
        # A client that lost the answer sends the very same request again, with its key.
        for _attempt in range(200):
            status, answer = _call(
                self.server.base,
                "POST",
                "/api/proposals",
                self.world["tokens"]["delegate"],
                body=body,
                headers={"Idempotency-Key": key},
            )
            if status is not None and status < 500:
                break
            if self.stop_event.is_set() and status is None:
                return
            time.sleep(0.05)
        self.ledger.count(f"table {status}")
        if status == 201:
            with self.ledger.lock:
                self.ledger.tabled[answer["id"]] = marker
            self.mine.append(answer["id"])

    def revise(self) -> None:
        if not self.mine:
            return
        proposal_id = self.random.choice(self.mine)
        marker = f"r{self.number}-{uuid.uuid4().hex[:12]}"
        status, answer = _call(
            self.server.base,
            "POST",
            f"/api/proposals/{proposal_id}/revisions",
            self.world["tokens"]["delegate"],
            body={"text": {"en": f"Each Party shall adopt revised measures ({marker})."}},
        )
        self.ledger.count(f"revise {status or answer}")
        if status is not None and 200 <= status < 300:
            with self.ledger.lock:
                self.ledger.revised.append((proposal_id, marker))

    def agree(self) -> None:
        if not self.mine:
            return
        proposal_id = self.mine.pop(self.random.randrange(len(self.mine)))
        status, _ = _call(
            self.server.base,
            "POST",
            f"/api/proposals/{proposal_id}/status",
            self.world["tokens"]["secretariat"],
            body={"status": "agreed"},
        )
        self.ledger.count(f"agree {status}")
        if status is not None and 200 <= status < 300:
            with self.ledger.lock:
                self.ledger.agreed.append(proposal_id)

    def import_(self) -> None:
        slug = f"crash-{self.number}-{uuid.uuid4().hex[:10]}"
        articles = "".join(
            f"Article {n}\n\nEach Party shall act ({slug}, {n}).\n\n" for n in range(1, 30)
        )
        data, content_type = _multipart(f"{slug}.md", f"# {slug}\n\n{articles}".encode())
        status, _ = _call(
            self.server.base,
            "POST",
            "/api/imports",
            self.world["tokens"]["secretariat"],
            data=data,
            headers={"Content-Type": content_type},
        )
        self.ledger.count(f"import {status}")
        if status == 201:
            with self.ledger.lock:
                self.ledger.imported.append(slug)


def crash_rounds(url: str, folder: Path, world: dict, *, rounds: int, writers: int = 4, seed=1):
    """Run ``rounds`` kills; returns (ledger, server) once the last restart answers."""
    chooser = random.Random(seed)
    server, ledger, stop = Server(url, folder), Ledger(), threading.Event()
    try:
        _kill_rounds(server, ledger, stop, world, chooser, rounds, writers, seed)
    except BaseException:
        server.stop()
        raise
    return ledger, server


def _kill_rounds(server, ledger, stop, world, chooser, rounds, writers, seed) -> None:
    server.start()
    server.ready()
    threads = [Writer(n, server, world, ledger, stop, seed * 100 + n) for n in range(writers)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(rounds):
            time.sleep(chooser.uniform(0.1, 1.5))
            server.kill()
            server.start()
            if chooser.random() < 0.2:
                # Now and then kill it again while it is still starting up.
                time.sleep(chooser.uniform(0.0, 0.8))
                server.kill()
                server.start()
            server.ready()
    finally:
        stop.set()
        for thread in threads:
            thread.join(120)
    server.kill()
    server.start()  # the last start: it must clean up whatever the kills left
    server.ready()


def check_after_crashes(url: str, ledger: Ledger, server: Server) -> list[str]:
    """What is wrong in the database and on disk after the kills (nothing, it should be)."""
    problems: list[str] = []
    database = Database(url)
    try:
        with database.engine.connect() as connection:
            problems += _check_ledger(connection, ledger)
            problems += _check_structure(connection)
    finally:
        database.dispose()
    if make_url(url).get_backend_name() == "sqlite":
        with sqlite3.connect(make_url(url).database) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                problems.append(f"PRAGMA integrity_check: {result}")
            if connection.execute("PRAGMA foreign_key_check").fetchall():
                problems.append("PRAGMA foreign_key_check found orphans")
    leftovers = sorted(p.name for p in server.tmp.iterdir())
    if leftovers:
        problems.append(f"scratch folders left after the restart: {leftovers[:5]}")
    return problems


def _rows(connection, sql: str, **params) -> list:
    return connection.execute(text(sql), params).all()


def _check_ledger(connection, ledger: Ledger) -> list[str]:
    problems = []
    texts = {}
    for proposal_id, lang_text in _rows(
        connection,
        "SELECT r.proposal_id, t.text FROM proposal_revisions r "
        "JOIN proposal_texts t ON t.revision_id = r.id WHERE t.lang = 'en'",
    ):
        texts.setdefault(proposal_id, []).append(lang_text)
    for proposal_id, marker in ledger.tabled.items():
        if not any(marker in t for t in texts.get(proposal_id, [])):
            problems.append(f"acknowledged proposal {proposal_id} ({marker}) is missing")
    for proposal_id, marker in ledger.revised:
        if not any(marker in t for t in texts.get(proposal_id, [])):
            problems.append(f"acknowledged revision {marker} of {proposal_id} is missing")
    problems += _tabled_twice(connection, ledger)
    agreed = {
        pid: result
        for pid, status, result in _rows(
            connection, "SELECT id, status, result_version_id FROM proposals"
        )
        if status == "agreed"
    }
    for proposal_id in ledger.agreed:
        if proposal_id not in agreed or agreed[proposal_id] is None:
            problems.append(f"acknowledged agreement of proposal {proposal_id} is missing")
    slugs = {slug for (slug,) in _rows(connection, "SELECT slug FROM instruments")}
    for slug in ledger.imported:
        if slug not in slugs:
            problems.append(f"acknowledged import {slug} is missing")
    return problems


def _tabled_twice(connection, ledger: Ledger) -> list[str]:
    """A retried request never tabled twice: each key's marker is in one proposal at most."""
    problems = []
    first_texts = {}
    for proposal_id, lang_text in _rows(
        connection,
        "SELECT r.proposal_id, t.text FROM proposal_revisions r "
        "JOIN proposal_texts t ON t.revision_id = r.id WHERE t.lang = 'en' AND r.number = 1",
    ):
        first_texts[proposal_id] = lang_text
    for marker in ledger.keys.values():
        holders = [pid for pid, t in first_texts.items() if f"({marker})" in t]
        if len(holders) > 1:
            problems.append(f"{marker} was tabled {len(holders)} times: {holders}")
    return problems


def _check_structure(connection) -> list[str]:
    """No half-written proposal, revision or version, whatever was acknowledged."""
    problems = []
    revisions: dict[int, list[int]] = {}
    for proposal_id, number in _rows(
        connection, "SELECT proposal_id, number FROM proposal_revisions ORDER BY number"
    ):
        revisions.setdefault(proposal_id, []).append(number)
    for (proposal_id,) in _rows(connection, "SELECT id FROM proposals"):
        numbers = revisions.get(proposal_id, [])
        if numbers != list(range(1, len(numbers) + 1)) or not numbers:
            problems.append(f"proposal {proposal_id} has revisions {numbers}")
    for (revision_id,) in _rows(
        connection,
        "SELECT r.id FROM proposal_revisions r JOIN proposals p ON p.id = r.proposal_id "
        "WHERE p.kind != 'delete' AND NOT EXISTS "
        "(SELECT 1 FROM proposal_texts t WHERE t.revision_id = r.id)",
    ):
        problems.append(f"revision {revision_id} has no wording")
    versions: dict[int, list[int]] = {}
    for provision_id, number in _rows(
        connection, "SELECT provision_id, number FROM versions ORDER BY number"
    ):
        versions.setdefault(provision_id, []).append(number)
    for provision_id, current in _rows(connection, "SELECT id, current_number FROM provisions"):
        numbers = versions.get(provision_id, [])
        if numbers != list(range(1, current + 1)):
            problems.append(
                f"provision {provision_id} is at version {current} but has versions {numbers}"
            )
    for (version_id,) in _rows(
        connection,
        "SELECT v.id FROM versions v WHERE NOT v.is_deletion AND NOT EXISTS "
        "(SELECT 1 FROM version_texts t WHERE t.version_id = v.id)",
    ):
        problems.append(f"version {version_id} has no wording")
    for proposal_id, result in _rows(
        connection, "SELECT id, result_version_id FROM proposals WHERE status = 'agreed'"
    ):
        if result is None:
            problems.append(f"agreed proposal {proposal_id} has no resulting version")
    return problems


def world_of(app) -> dict:
    """The rolling text, users and tokens the writers need, made in the database."""
    from tests.security.conftest import make_world

    world = make_world(app)
    return {
        "text_slug": world.text_slug,
        "provision_ids": list(world.provision_ids.values()),
        "tokens": world.tokens,
    }
