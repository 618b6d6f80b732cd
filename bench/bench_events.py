"""Live events: how long a write takes to reach every open event stream, one worker or two.

``.venv/bin/python -m bench.bench_events [--streams 8] [--writes 20] [--database-url URL]``
serves a fresh negotiation (a SQLite file unless a PostgreSQL URL is given, which must name an
empty database) with ``workbench serve --workers 1`` (waitress) and ``--workers 2`` (gunicorn),
opens the streams, tables amendments one after another through the API and prints, per
setting, the time from sending each write until its answer and until the last stream has its
event (median and maximum), and the ratio between the settings.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ms, ratio

WORKBENCH = Path(sys.executable).parent / "workbench"
PASSWORD = "bench-events-password"


def _run(env: dict, *args: str) -> str:
    return subprocess.run(
        [str(WORKBENCH), *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def _token(output: str) -> str:
    return output.rsplit("API token (shown once): ", 1)[1].split()[0]


def prepare(env: dict) -> dict:
    """A rolling text from Budapest, a session in progress, China's delegate with a token."""
    _run(env, "init")
    _run(env, "load-corpus")
    _run(env, "text", "new", "rolling-text", "--from", "budapest-ets185", "--title", "Bench")
    _run(env, "session", "current", "AHC-4")
    delegate = _run(
        env, "user", "add", "bench-cn", "--role", "delegate", "--party", "CHN", "--token"
    )
    return {"delegate": _token(delegate)}


class Stream(threading.Thread):
    """One open /api/events connection: when each proposal's event arrived."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", "/api/events")
        self.response = self.connection.getresponse()
        self.arrived: dict[int, float] = {}
        self.start()

    def run(self) -> None:
        try:
            for line in iter(self.response.readline, b""):
                if line.startswith(b"data: "):
                    event = json.loads(line[6:])
                    if event["kind"] == "tabled":
                        self.arrived[event["proposal"]] = time.monotonic()
        except (OSError, AttributeError, http.client.HTTPException):
            pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(
    env: dict, tokens: dict, workers: int, streams: int, writes: int
) -> tuple[list[float], list[float]]:
    """Per write, seconds from sending it until its answer, and until every stream has it."""
    port = _free_port()
    server = subprocess.Popen(
        # A thread per open stream, and some for the writes.
        [
            str(WORKBENCH),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(streams + 8),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(240):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.25)
        readers = [Stream(port) for _ in range(streams)]
        time.sleep(1)
        answers, delays = [], []
        for n in range(writes):
            body = {
                "instrument": "rolling-text",
                "provision": "Article 2",
                "kind": "amend",
                "sponsor": "CHN",
                "text": {"en": f"Each Party shall criminalize illegal access, draft {n}."},
            }
            client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            sent = time.monotonic()
            client.request(
                "POST",
                "/api/proposals",
                body=json.dumps(body),
                headers={
                    "Authorization": f"Bearer {tokens['delegate']}",
                    "Content-Type": "application/json",
                },
            )
            response = client.getresponse()
            answer = json.loads(response.read())
            answered = time.monotonic()
            client.close()
            assert response.status == 201, answer
            deadline = answered + 10
            while time.monotonic() < deadline and not all(
                answer["id"] in r.arrived for r in readers
            ):
                time.sleep(0.005)
            answers.append(answered - sent)
            delays.append(max(r.arrived.get(answer["id"], float("inf")) for r in readers) - sent)
        return answers, delays
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=8)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-events-")
    url = args.database_url or f"sqlite:///{folder}/events.sqlite3"
    env = dict(
        os.environ,
        DATABASE_URL=url,
        SECRET_KEY="bench",
        WORKBENCH_INSTANCE_PATH=folder,
        WORKBENCH_PASSWORD=PASSWORD,
    )
    tokens = prepare(env)
    backend = url.split(":", 1)[0]
    print(f"Event delivery to {args.streams} open streams, {args.writes} writes, {backend}")
    medians = {}
    for workers in (1, 2):
        answers, delays = measure(env, tokens, workers, args.streams, args.writes)
        medians[workers] = statistics.median(delays)
        print(
            f"  --workers {workers}: the write answered in {ms(statistics.median(answers))} "
            f"(median); its event on the last stream after {ms(medians[workers])} "
            f"(median), {ms(max(delays))} (max), counted from sending the write"
        )
    print(f"  event delay, two workers / one: {ratio(medians[2], medians[1])}")


if __name__ == "__main__":
    main()
