"""The provision and instrument views under 8 concurrent clients against ``workbench serve``
(waitress, a subprocess, on loopback), next to the trivial /healthz route of the same server;
and the SQL queries each view costs."""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import ROOT, Section, generated_database

CLIENTS = 8
P95_TARGET = 5.0  # the provision page's p95 within 5× the trivial route's
QUERY_TARGET = 15
NOT_QUERIES = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _app(url: str):
    from workbench import create_app

    folder = tempfile.mkdtemp(prefix="bench-web-")
    return create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bench", "INSTANCE_PATH": folder, "EXPORT_DIR": folder}
    )


def views(url: str) -> tuple[dict[str, str], dict[str, str]]:
    """The URLs measured: pages where the routes exist, else the API; and which was chosen."""
    from sqlalchemy import func, select

    from workbench.instruments.models import Instrument
    from workbench.proposals.models import PENDING_STATUSES, Proposal

    app = _app(url)
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    database = app.extensions["workbench.db"]
    with database.session(write=False) as db:
        instrument_id = db.scalar(select(Instrument.id).where(Instrument.slug == "bench-text"))
        provision_id, pending = db.execute(
            select(Proposal.provision_id, func.count())
            .where(Proposal.instrument_id == instrument_id, Proposal.status.in_(PENDING_STATUSES))
            .group_by(Proposal.provision_id)
            .order_by(func.count().desc(), Proposal.provision_id)
            .limit(1)
        ).one()
    database.dispose()
    chosen, kinds = {}, {}
    if "/provisions/<int:provision_id>" in rules:
        chosen["provision"], kinds["provision"] = f"/provisions/{provision_id}", "HTML page"
    else:
        chosen["provision"], kinds["provision"] = (
            f"/api/provisions/{provision_id}",
            "API (no page yet)",
        )
    if "/instruments/<slug>" in rules:
        chosen["instrument"], kinds["instrument"] = "/instruments/bench-text", "HTML page"
    else:
        chosen["instrument"], kinds["instrument"] = (
            "/api/instruments/bench-text",
            "API (no page yet)",
        )
    chosen["provision api"], kinds["provision api"] = f"/api/provisions/{provision_id}", "API"
    chosen["proposals api"], kinds["proposals api"] = (
        f"/api/proposals?provision={provision_id}&limit=20&offset=0",
        "API (whole proposals, one page)",
    )
    chosen["instrument api"], kinds["instrument api"] = "/api/instruments/bench-text", "API"
    chosen["trivial"], kinds["trivial"] = "/healthz", "trivial route"
    kinds["_pending"] = str(pending)
    return chosen, kinds


def reader_token(url: str) -> str:
    """A bearer token of an observer, so that some rounds read as a logged-in user: pages are
    kept in memory for anonymous readers only, a logged-in reader's are rendered every time."""
    from sqlalchemy import select

    from workbench.users.models import User
    from workbench.users.operations import create_user, issue_token

    app = _app(url)
    database = app.extensions["workbench.db"]
    with app.app_context(), database.session() as db:
        user = db.scalar(select(User).where(User.name == "bench-reader"))
        if user is None:
            user = create_user(
                db, name="bench-reader", role="observer", password="quiet-harbour-lantern-17"
            )
        token = issue_token(db, user)
        db.commit()
    database.dispose()
    return token


def query_counts(url: str, paths: dict[str, str]) -> dict[str, int]:
    """SQL statements per request, counted on the engine (in process, Flask test client)."""
    from sqlalchemy import event

    app = _app(url)
    engine = app.extensions["workbench.db"].engine
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(NOT_QUERIES):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    client = app.test_client()
    counts = {}
    for name, path in paths.items():
        seen.clear()
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(seen)
    app.extensions["workbench.db"].dispose()
    return counts


class Server:
    """``workbench serve`` on a free loopback port, for the duration of a with-block."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.port = _free_port()
        self.folder = tempfile.mkdtemp(prefix="bench-serve-")

    def __enter__(self) -> Server:
        env = dict(
            os.environ,
            DATABASE_URL=self.url,
            SECRET_KEY="bench",
            WORKBENCH_INSTANCE_PATH=self.folder,
        )
        workbench = Path(sys.executable).parent / "workbench"
        self.process = subprocess.Popen(
            [str(workbench), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("workbench serve exited: " + self.process.stderr.read().decode())
            try:
                status, _ = _get(self.port, "/healthz")
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("workbench serve did not answer within 60 s")

    def __exit__(self, *_exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _get(
    port: int,
    path: str,
    connection: http.client.HTTPConnection | None = None,
    headers: dict | None = None,
):
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    return response.status, body


def load(
    port: int,
    path: str,
    *,
    clients: int = CLIENTS,
    requests_each: int = 25,
    headers: dict | None = None,
) -> dict:
    """``clients`` threads each GET the path ``requests_each`` times over keep-alive."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine = []
        barrier.wait()
        for _ in range(requests_each):
            started = time.perf_counter()
            try:
                status, _ = _get(port, path, connection, headers)
                if status != 200:
                    errors.append(str(status))
            except (OSError, http.client.HTTPException) as exc:
                errors.append(type(exc).__name__)
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, round(p / 100 * (len(latencies) - 1)))]

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "errors": len(errors),
    }


def run(quick: bool = False, log=print, scale: float | None = None) -> Section:
    scale = scale if scale is not None else (0.25 if quick else 1)
    url = generated_database(scale, log=log)
    paths, kinds = views(url)
    pending = kinds.pop("_pending")
    section = Section(
        f"Web: {CLIENTS} concurrent clients against `workbench serve` (scale {scale:g})"
    )
    counts = query_counts(url, {k: v for k, v in paths.items() if k != "trivial"})
    requests_each = 10 if quick else 20
    # The same pages read by a logged-in observer: rendered for each request.
    token = {"Authorization": f"Bearer {reader_token(url)}"}
    headers = {}
    for name in ("provision", "instrument"):
        logged_in = f"{name}, logged in"
        paths = {**paths, logged_in: paths[name]}
        kinds[logged_in], headers[logged_in] = kinds[name] + " (logged-in reader)", token
    paths = {
        name: paths[name]
        for name in (
            "provision",
            "provision, logged in",
            "instrument",
            "instrument, logged in",
            "provision api",
            "proposals api",
            "instrument api",
            "trivial",
        )
    }
    results = {}
    sizes = {}
    with Server(url) as server:
        sizes["provision api"] = len(_get(server.port, paths["provision api"])[1])
        for name, path in paths.items():
            log(f"web: {name} {path} ...")
            extra = headers.get(name)
            load(server.port, path, clients=2, requests_each=3, headers=extra)  # warm up
            runs = [
                load(server.port, path, requests_each=requests_each, headers=extra)
                for _ in range(3)
            ]
            results[name] = {
                key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p95", "p99")
            }
            results[name]["errors"] = sum(r["errors"] for r in runs)
            results[name]["alone"] = load(
                server.port, path, clients=1, headers=extra, requests_each=5 if quick else 10
            )["p50"]
            results[name]["requests"] = sum(r["requests"] for r in runs)
    trivial = results["trivial"]
    rows = []
    for name, path in paths.items():
        r = results[name]
        rows.append(
            [
                name,
                f"`{path}`",
                kinds[name],
                counts.get(name.split(",")[0], 0),
                f"{r['rps']:.1f}",
                f"{r['p50'] * 1000:.1f}",
                f"{r['p95'] * 1000:.1f}",
                f"{r['p99'] * 1000:.1f}",
                f"{r['p95'] / trivial['p95']:.1f}×",
                f"{r['alone'] * 1000:.1f}",
                r["errors"],
            ]
        )
    section.table(
        [
            "view",
            "URL",
            "what",
            "SQL queries",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "p95 / trivial p95",
            "1 client p50 ms",
            "errors",
        ],
        rows,
    )
    section.note(
        f"The provision measured is the one with the most pending proposals ({pending}). "
        f"Each figure is the median of 3 rounds of {CLIENTS}×{requests_each} requests "
        "over keep-alive connections, after a warm-up; the server is waitress with 8 "
        "threads on a SQLite file. Queries are counted on the engine for one request. "
        "Pages an anonymous reader sees are kept in memory until the data changes "
        "(one query checks that it has not), so the plain page rows mostly measure "
        "that cache; a logged-in reader is served the page rendered once per version of the "
        "data for every reader, with their own parts (account, CSRF token, buttons) added "
        "(workbench/web/fragments.py). API answers are built once per version of the data "
        "likewise and carry an ETag."
    )
    provision = results["provision"]
    section.target(
        f"provision view ({kinds['provision']}) ≤ {QUERY_TARGET} SQL queries",
        str(counts["provision"]),
        counts["provision"] <= QUERY_TARGET,
    )
    section.target(
        "provision view p95 within 5× the trivial route's",
        f"{provision['p95'] * 1000:.0f} ms vs {trivial['p95'] * 1000:.1f} ms "
        f"({provision['p95'] / trivial['p95']:.0f}×)",
        provision["p95"] <= P95_TARGET * trivial["p95"],
    )
    rendered = results["provision, logged in"]
    api = results["provision api"]
    section.target(
        "provision API p95 within 5× the trivial route's",
        f"{api['p95'] * 1000:.0f} ms vs {trivial['p95'] * 1000:.1f} ms "
        f"({api['p95'] / trivial['p95']:.1f}×)",
        api["p95"] <= P95_TARGET * trivial["p95"],
    )
    section.target(
        "provision API answer ≤ 20 KB",
        f"{sizes['provision api'] / 1000:.1f} KB",
        sizes["provision api"] <= 20_000,
    )
    section.target(
        "provision view for a logged-in reader p95 within 5× the trivial route's",
        f"{rendered['p95'] * 1000:.0f} ms vs {trivial['p95'] * 1000:.1f} ms "
        f"({rendered['p95'] / trivial['p95']:.0f}×)",
        rendered["p95"] <= P95_TARGET * trivial["p95"],
    )
    return section


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv).markdown())
