"""`workbench serve --workers 2` as a real subprocess: every event stream of every worker hears
each write within 2 s, a stream resumes with Last-Event-ID, cached pages follow the data in
every worker, and the streams end cleanly when the server stops."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.conftest import make_test_app
from tests.scenario import build_rolling_text
from workbench.instruments.queries import find_provision
from workbench.parties.operations import get_party
from workbench.sessions.operations import get_session, set_current_session
from workbench.users.operations import create_user, issue_token

pytestmark = [pytest.mark.slow]

DEADLINE = 2.0  # seconds from a write's answer to its event on every stream


class Stream:
    """One /api/events connection read by a thread: the events it received, and when."""

    def __init__(self, port: int, last_event_id: int | None = None) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=40)
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = str(last_event_id)
        self.connection.request("GET", "/api/events", headers=headers)
        # Before the answer: http.client lets go of a socket the server will close.
        self.client_port = self.connection.sock.getsockname()[1]
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type").startswith("text/event-stream")
        self.events: list[tuple[float, dict]] = []
        self.comments: list[str] = []
        self.ended = threading.Event()
        self.opened = threading.Event()
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.opened.wait(10), "the stream sent nothing"

    def _read(self) -> None:
        fields: dict[str, str] = {}
        try:
            while True:
                line = self.response.readline()
                if not line:
                    break
                line = line.decode().rstrip("\n")
                if line.startswith(":"):
                    self.comments.append(line)
                    self.opened.set()
                elif line.startswith("retry:"):
                    self.opened.set()
                elif line:
                    name, _, value = line.partition(": ")
                    fields[name] = value
                else:
                    if "data" in fields:
                        event = json.loads(fields["data"])
                        assert str(event["id"]) == fields["id"]
                        assert event["kind"] == fields["event"]
                        with self._changed:
                            self.events.append((time.monotonic(), event))
                            self._changed.notify_all()
                    fields = {}
        except (OSError, AttributeError, http.client.HTTPException):
            pass  # the connection was closed (close() leaves the response without a socket)
        finally:
            self.ended.set()
            with self._changed:
                self._changed.notify_all()

    def wait_for(self, predicate, timeout: float) -> tuple[float, dict] | None:
        """The first event matching, waiting at most ``timeout`` seconds."""
        end = time.monotonic() + timeout
        with self._changed:
            while True:
                for received in self.events:
                    if predicate(received[1]):
                        return received
                left = end - time.monotonic()
                if left <= 0 or self.ended.is_set():
                    return None
                self._changed.wait(left)

    def close(self) -> None:
        self.connection.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def _worker_of(stream: Stream, server_port: int, workers: list[int]) -> int | None:
    """Which worker process holds the server side of the stream's connection (Linux /proc)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        local, remote = parts[1], parts[2]
        if (
            int(local.split(":")[1], 16) == server_port
            and int(remote.split(":")[1], 16) == stream.client_port
        ):
            inode = parts[9]
    for pid in workers:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    return None


@pytest.fixture
def negotiation(database_url, tmp_path):
    """A rolling text, a session in progress, a secretariat and China's delegate with tokens."""
    app = make_test_app(database_url, tmp_path)
    database = app.extensions["workbench.db"]
    with app.app_context(), database.session() as db:
        text = build_rolling_text(db)
        set_current_session(db, get_session(db, "AHC-2"), actor=None)
        chair = create_user(
            db, name="chair", role="secretariat", password="jade-lantern-harbour-88"
        )
        delegate = create_user(
            db,
            name="delegate",
            role="delegate",
            password="jade-lantern-harbour-88",
            party=get_party(db, "CHN"),
        )
        db.flush()
        scenario = {
            "slug": text.slug,
            "article1": find_provision(db, text, "Article 1").id,
            "chair": issue_token(db, chair),
            "delegate": issue_token(db, delegate),
        }
    database.dispose()
    return scenario


@contextmanager
def _serving(database_url: str, tmp_path: Path, *options: str):
    """`workbench serve` as a subprocess on the database: (base URL, port, server process)."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "WORKBENCH_INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "served-test-secret",
    }
    command = [str(Path(sys.executable).with_name("workbench")), "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if server.poll() is not None:
                pytest.fail(f"the server stopped: {server.stdout.read()}")
            time.sleep(0.25)
        else:
            pytest.fail("the server did not answer within 30 s")
        yield base, port, server
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(10)


@pytest.fixture
def served(database_url, negotiation, tmp_path):
    """`workbench serve --workers 2`: (base URL, port, server process)."""
    if not Path("/proc/net/tcp").exists():
        pytest.skip("finding which worker holds a connection needs Linux /proc")
    with _serving(database_url, tmp_path, "--workers", "2", "--threads", "16") as served:
        yield served


def _streams_on_both_workers(port: int, server) -> list[Stream]:
    """Open streams until both workers hold some (the kernel hands connections to either)."""
    workers = _workers(server.pid)
    assert len(workers) == 2, workers
    streams: list[Stream] = []
    holders: set[int] = set()
    # A loaded machine may let one worker accept many in a row: keep opening (12 streams
    # per worker fit under --threads 16) until the other one takes its turn.
    while len(streams) < 4 or (len(holders) < 2 and len(streams) < 20):
        stream = Stream(port)
        streams.append(stream)
        holders.add(_worker_of(stream, port, workers))
        if len(holders) < 2:
            time.sleep(0.1)
    assert holders == set(workers), f"every stream landed on one worker: {holders}"
    return streams


def _all_hear(streams: list[Stream], predicate, since: float) -> list[dict]:
    """Every stream receives the event within DEADLINE of ``since``; the events."""
    heard = []
    for number, stream in enumerate(streams):
        received = stream.wait_for(predicate, timeout=DEADLINE + 5)
        assert received is not None, f"stream {number} never received the event"
        at, event = received
        assert at - since <= DEADLINE, f"stream {number} waited {at - since:.2f} s"
        heard.append(event)
    return heard


def test_events_reach_every_stream_of_every_worker(served, negotiation):
    base, port, server = served
    article1 = negotiation["article1"]
    chair = {"Authorization": f"Bearer {negotiation['chair']}"}
    delegate = {"Authorization": f"Bearer {negotiation['delegate']}"}
    page = f"{base}/provisions/{article1}"
    # Anonymous readers fill the page cache of both workers (one connection per request).
    for _ in range(6):
        assert "No pending proposal on this provision." in requests.get(page, timeout=10).text

    streams = _streams_on_both_workers(port, server)

    # China's delegate tables an amendment through one worker.
    response = requests.post(
        f"{base}/api/proposals",
        headers=delegate,
        json={
            "instrument": negotiation["slug"],
            "provision_id": article1,
            "kind": "amend",
            "sponsor": "CHN",
            "text": {"en": "Each Party shall criminalize access to an ICT system without right."},
        },
        timeout=20,
    )
    assert response.status_code == 201, response.text
    wrote = time.monotonic()
    proposal = response.json()["id"]
    tabled = _all_hear(
        streams, lambda e: e["kind"] == "tabled" and e.get("proposal") == proposal, wrote
    )
    assert tabled[0]["provision"] == article1
    # Kinds and ids only: no wording, no names.
    assert set(tabled[0]) <= {"id", "kind", "at", "proposal", "provision", "instrument", "session"}

    # Every worker's cached page follows the write.
    for _ in range(6):
        assert f"Proposal {proposal}" in requests.get(page, timeout=10).text

    # The secretariat puts Article 1 on screen.
    response = requests.post(f"{base}/api/screen", headers=chair, json={"provision": article1})
    assert response.status_code == 200, response.text
    assert response.json()["provision"]["id"] == article1
    _all_hear(streams, lambda e: e["kind"] == "screen", time.monotonic() - 0.2)

    # One stream drops; while it is away the proposal is agreed (a version, then a decision).
    away = streams.pop()
    _, last_seen = away.events[-1]
    away.close()
    response = requests.post(
        f"{base}/api/proposals/{proposal}/status",
        headers=chair,
        json={"status": "agreed"},
        timeout=20,
    )
    assert response.status_code == 200, response.text
    wrote = time.monotonic()
    _all_hear(streams, lambda e: e["kind"] == "decided" and e.get("proposal") == proposal, wrote)

    # Reconnecting with Last-Event-ID, it gets exactly what it missed, in order.
    back = Stream(port, last_event_id=last_seen["id"])
    assert back.wait_for(lambda e: e["kind"] == "decided", timeout=DEADLINE) is not None
    missed = [(e["kind"], e.get("number"), e.get("status")) for _, e in back.events]
    assert missed == [("version", 2, None), ("decided", None, "agreed")]
    assert back.events[0][1]["id"] == last_seen["id"] + 1
    streams.append(back)

    # Stopping the server ends every stream and every worker cleanly.
    server.send_signal(signal.SIGTERM)
    for number, stream in enumerate(streams):
        assert stream.ended.wait(15), f"stream {number} was still open after SIGTERM"
    assert server.wait(20) == 0
    output = server.stdout.read()
    assert "Traceback" not in output, output


def _amend(base: str, negotiation: dict, words: str) -> tuple[int, float]:
    """China's delegate tables an amendment to Article 1: its id, and when the answer came."""
    response = requests.post(
        f"{base}/api/proposals",
        headers={"Authorization": f"Bearer {negotiation['delegate']}"},
        json={
            "instrument": negotiation["slug"],
            "provision_id": negotiation["article1"],
            "kind": "amend",
            "sponsor": "CHN",
            "text": {"en": words},
        },
        timeout=20,
    )
    assert response.status_code == 201, response.text
    return response.json()["id"], time.monotonic()


def test_one_process_with_waitress_streams_and_stops_cleanly(database_url, negotiation, tmp_path):
    with _serving(database_url, tmp_path) as (base, port, server):
        streams = [Stream(port), Stream(port)]
        proposal, wrote = _amend(base, negotiation, "Each Party shall criminalize intrusion.")
        _all_hear(streams, lambda e: e.get("proposal") == proposal, wrote)
        server.send_signal(signal.SIGTERM)
        for stream in streams:
            assert stream.ended.wait(10), "a stream was still open after SIGTERM"
        assert server.wait(15) == 0
        assert "waitress" in server.stdout.read()
