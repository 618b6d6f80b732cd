"""Load test: concurrent delegations and secretariat clients on ``workbench serve`` (loopback).

Delegates table amendments for their own party; the secretariat lists the tabled proposals and
decides them (agree, reject, discuss), rebasing a proposal when agreeing it is refused as stale.
After a bounded time the script prints the requests served, the errors (any 5xx, dropped
connection or unexpected status: must be 0), and checks that the proposals stored are exactly
the ones the server acknowledged with 201, and the agreed ones exactly those acknowledged with 200.

    .venv/bin/python -m bench.load_test [--seconds 20] [--clients 8] [--database-url URL]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from bench.bench_web import Server
from bench.common import ROOT

PASSWORD = "load-test-password"
PARTIES = ["CHN", "USA", "BRA", "RUS", "JPN", "IND", "ZAF", "EGY"]
TEXT = "load-text"
# What each action may answer without it being an error: a stale agreement or a rebase that
# someone else's agreement overtook is the optimistic lock doing its job.
EXPECTED = {
    "table": {201},
    "list": {200},
    "decide": {200, 409},
    "rebase": {200, 409},
    "stance": {201},
    "read": {200},
}


class Client:
    """One keep-alive HTTP connection speaking JSON with a bearer token."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict | None]:
        headers = {"Authorization": f"Bearer {self.token}"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=payload, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise
        try:
            return response.status, json.loads(data) if data else None
        except ValueError:
            return response.status, None


class Tally:
    """What every client saw, under one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = Counter()
        self.statuses = Counter()
        self.errors: list[str] = []
        self.latencies: dict[str, list[float]] = {}
        self.acknowledged: set[int] = set()
        self.agreed: set[int] = set()

    def record(self, action: str, status: int | None, elapsed: float, detail: str = "") -> None:
        with self.lock:
            self.requests[action] += 1
            self.statuses[(action, status)] += 1
            self.latencies.setdefault(action, []).append(elapsed)
            if status is None or status not in EXPECTED[action]:
                self.errors.append(f"{action}: {status} {detail}"[:300])


def timed(tally: Tally, client: Client, action: str, method: str, path: str, body=None):
    started = time.perf_counter()
    try:
        status, data = client.call(method, path, body)
    except (OSError, http.client.HTTPException) as exc:
        tally.record(action, None, time.perf_counter() - started, repr(exc))
        return None, None
    tally.record(
        action,
        status,
        time.perf_counter() - started,
        (data or {}).get("message", "") if isinstance(data, dict) else "",
    )
    return status, data


def delegate_loop(port, token, party, provisions, tally, stop, seed):
    rng = random.Random(seed)
    client = Client(port, token)
    n = 0
    while not stop.is_set():
        n += 1
        if rng.random() < 0.8:
            status, data = timed(
                tally,
                client,
                "table",
                "POST",
                "/api/proposals",
                {
                    "instrument": TEXT,
                    "provision_id": rng.choice(provisions),
                    "kind": "amend",
                    "session": "AHC-1",
                    "sponsor": party,
                    "text": {"en": f"Each State Party shall act as {party} proposes ({seed}-{n})."},
                },
            )
            if status == 201:
                with tally.lock:
                    tally.acknowledged.add(data["id"])
        else:
            status, data = timed(
                tally,
                client,
                "list",
                "GET",
                f"/api/proposals?instrument={TEXT}&status=tabled&limit=20",
            )
            if status == 200 and data["proposals"]:
                target = rng.choice(data["proposals"])["id"]
                timed(
                    tally,
                    client,
                    "stance",
                    "POST",
                    f"/api/proposals/{target}/stances",
                    {"party": party, "position": rng.choice(["support", "oppose", "reserve"])},
                )


def secretariat_loop(port, token, tally, stop, seed):
    rng = random.Random(seed)
    client = Client(port, token)
    while not stop.is_set():
        status, data = timed(
            tally, client, "list", "GET", f"/api/proposals?instrument={TEXT}&status=tabled&limit=50"
        )
        if status != 200 or not data["proposals"]:
            time.sleep(0.01)
            continue
        proposal = rng.choice(data["proposals"])
        decision = rng.choices(["agreed", "rejected", "under_discussion"], [6, 2, 2])[0]
        status, body = timed(
            tally,
            client,
            "decide",
            "POST",
            f"/api/proposals/{proposal['id']}/status",
            {"status": decision},
        )
        if status == 200 and decision == "agreed":
            with tally.lock:
                tally.agreed.add(proposal["id"])
        elif (
            status == 409 and decision == "agreed" and (body or {}).get("details", {}).get("stale")
        ):
            wording = proposal["revision"]["text"]["en"]
            timed(
                tally,
                client,
                "rebase",
                "POST",
                f"/api/proposals/{proposal['id']}/rebase",
                {"text": {"en": wording.rstrip(".") + " (rebased)."}},
            )
        timed(tally, client, "read", "GET", f"/api/proposals/{proposal['id']}")


def _workbench(args: list[str], env: dict) -> str:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "workbench"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise SystemExit(f"workbench {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare(url: str, folder: str, delegates: int) -> tuple[str, dict[str, str]]:
    """Migrate, load the corpus and create the users with the command line; their tokens."""
    env = dict(
        os.environ,
        DATABASE_URL=url,
        SECRET_KEY="load",
        WORKBENCH_INSTANCE_PATH=folder,
        WORKBENCH_PASSWORD=PASSWORD,
    )
    _workbench(["init"], env)
    _workbench(["load-corpus"], env)
    tokens = {}
    users = [("chair", "secretariat", None), ("vice-chair", "secretariat", None)]
    users += [(f"delegate-{code.lower()}", "delegate", code) for code in PARTIES[:delegates]]
    for name, role, party in users:
        out = _workbench(
            [
                "user",
                "add",
                name,
                "--role",
                role,
                "--token",
                *(["--party", party] if party else []),
            ],
            env,
        )
        tokens[name] = out.rsplit("API token (shown once):", 1)[1].strip()
    return env, tokens


def stored(port: int, token: str) -> tuple[set[int], set[int]]:
    """Ids of every proposal on the text, and of the agreed ones, as the API reports them."""
    client = Client(port, token)
    every, agreed, offset = set(), set(), 0
    while True:
        status, data = client.call(
            "GET", f"/api/proposals?instrument={TEXT}&limit=1000&offset={offset}"
        )
        assert status == 200, data
        batch = data["proposals"]
        every |= {p["id"] for p in batch}
        agreed |= {p["id"] for p in batch if p["status"] == "agreed"}
        if len(batch) < 1000:
            return every, agreed
        offset += 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8, help="2 secretariat + the rest delegates")
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args()
    delegates = max(1, min(len(PARTIES), args.clients - 2))
    folder = tempfile.mkdtemp(prefix="workbench-load-")
    url = args.database_url or f"sqlite:///{folder}/load.sqlite3"
    _env, tokens = prepare(url, folder, delegates)

    tally = Tally()
    with Server(url) as server:
        port = server.port
        chair = Client(port, tokens["chair"])
        status, data = chair.call(
            "POST",
            "/api/instruments",
            {"slug": TEXT, "title_en": "Load-test convention", "source": "budapest-ets185"},
        )
        assert status == 201, data
        _status, detail = chair.call("GET", f"/api/instruments/{TEXT}?lang=en")
        provisions = [p["id"] for p in detail["provisions"] if p.get("text", {}).get("en")]
        provisions = provisions[:12]  # a few provisions, so that decisions collide
        stop = threading.Event()
        threads = [
            threading.Thread(target=secretariat_loop, args=(port, tokens[name], tally, stop, i))
            for i, name in enumerate(["chair", "vice-chair"])
        ]
        threads += [
            threading.Thread(
                target=delegate_loop,
                args=(
                    port,
                    tokens[f"delegate-{code.lower()}"],
                    code,
                    provisions,
                    tally,
                    stop,
                    100 + i,
                ),
            )
            for i, code in enumerate(PARTIES[:delegates])
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join(120)
        elapsed = time.perf_counter() - started
        every, agreed = stored(port, tokens["chair"])

    served = sum(tally.requests.values())
    latencies = sorted(t for times in tally.latencies.values() for t in times)
    print(
        f"backend: {url.split(':', 1)[0]}; {len(threads)} clients (2 secretariat, {delegates} "
        f"delegates) for {elapsed:.1f} s against workbench serve (waitress) on loopback"
    )
    print(
        f"requests served: {served} ({served / elapsed:.0f}/s); "
        f"latency median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms"
    )
    for action in sorted(tally.requests):
        statuses = ", ".join(
            f"{s}: {n}"
            for (a, s), n in sorted(tally.statuses.items(), key=lambda item: str(item[0]))
            if a == action
        )
        times = sorted(tally.latencies[action])
        print(
            f"  {action:<7} {tally.requests[action]:>6}   median {statistics.median(times) * 1000:>5.0f} ms"
            f"  p95 {times[int(len(times) * 0.95)] * 1000:>5.0f} ms   ({statuses})"
        )
    print(f"errors: {len(tally.errors)}")
    for error in tally.errors[:10]:
        print(f"  {error}")
    print(
        f"proposals acknowledged (201): {len(tally.acknowledged)}; stored: {len(every)}; "
        f"identical: {every == tally.acknowledged}"
    )
    print(
        f"agreements acknowledged (200): {len(tally.agreed)}; stored as agreed: {len(agreed)}; "
        f"identical: {agreed == tally.agreed}"
    )
    ok = not tally.errors and every == tally.acknowledged and agreed == tally.agreed
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
