"""Scale 10 on PostgreSQL next to scale 1 in the same run: the provision page (logged in) and
the provision API under 8 clients, each as a ratio to /healthz and to itself at scale 1; the
export's time and peak memory at both scales; the generator's time.

``python -m bench.bench_scale`` generates ``bench_scale_s1`` and ``bench_scale_s10`` on the PostgreSQL
server of ``BENCH_POSTGRES_URL`` (default postgresql+psycopg://postgres@127.0.0.1:5432/) once
(scale 10 takes about a quarter of an hour), upgrades them to the newest migration and
measures. ``--scales 1,10`` chooses the scales; ``--no-export`` skips the exports,
``--only-export`` measures only them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.bench_export import _measure as measure_export
from bench.bench_web import CLIENTS, Server, load, reader_token, views
from bench.common import RESULTS, ROOT, Section

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/")
PAGE_RATIO, SCALE_RATIO, RSS_LIMIT_MB = 5.0, 1.5, 1024
ROUNDS = 5
EXPORT_RUNS = 3


def database_url(scale: float) -> str:
    return (
        make_url(SERVER)
        .set(database=f"bench_scale_s{scale:g}")
        .render_as_string(hide_password=False)
    )


def ensure_database(scale: float, log=print) -> tuple[str, dict]:
    """The scale's database, generated once (its generation report kept beside the results)."""
    url = database_url(scale)
    report_path = RESULTS / f"generate-postgresql-s{scale:g}.json"
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"),
            {"name": make_url(url).database},
        )
        if exists and not report_path.exists():
            connection.execute(text(f'DROP DATABASE "{make_url(url).database}" WITH (FORCE)'))
            exists = False
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{make_url(url).database}"'))
    admin.dispose()
    if not report_path.exists():
        log(f"generating scale {scale:g} on PostgreSQL ...")
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(
            [sys.executable, "bench/generate.py", "--db", url, "--scale", str(scale)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        report = json.loads(result.stdout.strip().splitlines()[-1])
        report["wall_s"] = time.perf_counter() - started
        report["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        report["max_rss_mb"] = after.ru_maxrss / 1024
        RESULTS.mkdir(parents=True, exist_ok=True)
        report_path.write_text(json.dumps(report))
    from workbench.db import Database
    from workbench.migrate import upgrade

    database = Database(url)
    upgrade(database.engine)
    # Planner statistics, as autovacuum keeps them on a live server: without them (a server
    # with autovacuum off, a database just generated) PostgreSQL scans whole tables for the
    # exports' batched lookups by proposal, and their time grows with the square of the data.
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))
    database.dispose()
    return url, json.loads(report_path.read_text())


def measure_web(urls: dict[float, str], requests_each: int, log=print) -> dict[float, dict]:
    """p95 of /healthz, the provision page logged in and the provision API, 8 clients, at
    every scale; and the provision page rendered afresh (a URL no one asked for: a miss).

    The servers of all scales run side by side and their rounds are interleaved, so that a
    burst of other work on the machine falls on every scale and every view alike: the ratio
    of scale 10 to scale 1 compares two measurements made under the same load.
    """
    measured: dict[float, dict] = {}
    out: dict[float, dict] = {}
    for scale, url in urls.items():
        paths, kinds = views(url)
        token = {"Authorization": f"Bearer {reader_token(url)}"}
        measured[scale] = {
            "trivial": ("/healthz", None),
            "page": (paths["provision"], token),
            "api": (paths["provision api"], token),
        }
        out[scale] = {"pending": int(kinds["_pending"]), "path": paths["provision"]}
    with ExitStack() as stack:
        servers = {scale: stack.enter_context(Server(url)) for scale, url in urls.items()}
        for scale, server in servers.items():
            for path, headers in measured[scale].values():
                load(server.port, path, clients=2, requests_each=3, headers=headers)  # warm up
        runs: dict[tuple[float, str], list] = {
            (scale, name): [] for scale in urls for name in measured[scale]
        }
        for number in range(ROUNDS):
            log(f"scale: round {number + 1} of {ROUNDS} ...")
            for scale, server in servers.items():
                for name, (path, headers) in measured[scale].items():
                    runs[scale, name].append(
                        load(server.port, path, requests_each=requests_each, headers=headers)
                    )
        for (scale, name), rounds in runs.items():
            out[scale][name] = statistics.median(r["p95"] for r in rounds)
            out[scale][name + "_errors"] = sum(r["errors"] for r in rounds)
        for scale, server in servers.items():
            out[scale].update(_render_and_size(server.port, measured[scale]))
    return out


def _render_and_size(port: int, measured: dict) -> dict:
    """The cost of a render (each request a page not yet rendered: ?text= and a page) and the
    size of the provision API's answer."""
    page, token = measured["page"]
    fresh = []
    for number in range(8):
        started = time.perf_counter()
        load(
            port,
            f"{page}?text={('en', 'zh', 'both')[number % 3]}&page={number + 1}",
            clients=1,
            requests_each=1,
            headers=token,
        )
        fresh.append(time.perf_counter() - started)
    api, token = measured["api"]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", api, headers=token)
    return {
        "render": statistics.median(fresh),
        "api_bytes": len(connection.getresponse().read()),
    }


def run(quick: bool = False, log=print, scales=(1, 10), export: bool = True) -> Section:
    requests_each = 10 if quick else 20
    section = Section("Scale: PostgreSQL, scale 10 next to scale 1")
    databases = {scale: ensure_database(scale, log=log) for scale in scales}
    served = measure_web({scale: url for scale, (url, _) in databases.items()}, requests_each, log)
    results = {}
    for scale, (url, generated) in databases.items():
        exports = measure_exports(url, scale, log=log) if export else {}
        results[scale] = {"generated": generated, "web": served[scale], "exports": exports}
    base = results[scales[0]]
    rows = []
    for scale in scales:
        r = results[scale]
        web, gen = r["web"], r["generated"]
        rows.append(
            [
                f"{scale:g}",
                f"{gen['proposals']:,} / {gen['provisions']:,}",
                f"{gen['wall_s']:.0f} s ({gen['cpu_s']:.0f} s CPU, {gen['max_rss_mb']:.0f} MB)",
                f"{web['trivial'] * 1000:.1f}",
                f"{web['page'] * 1000:.1f} ({web['page'] / web['trivial']:.1f}×)",
                f"{web['page'] / base['web']['page']:.2f}×",
                f"{web['api'] * 1000:.1f} ({web['api'] / web['trivial']:.1f}×)",
                f"{web['api'] / base['web']['api']:.2f}×",
                f"{web['api_bytes'] / 1000:.1f} KB",
                f"{web['render'] * 1000:.0f}",
            ]
        )
    section.table(
        [
            "scale",
            "proposals / provisions",
            "generation",
            "/healthz p95 ms",
            "page p95 ms (÷ healthz)",
            "page ÷ scale 1",
            "API p95 ms (÷ healthz)",
            "API ÷ scale 1",
            "API size",
            "fresh render ms",
        ],
        rows,
    )
    if export:
        export_results(section, {scale: results[scale]["exports"] for scale in scales}, scales)
    top = results[scales[-1]]
    section.note(
        f"Each p95 is the median of {ROUNDS} rounds of {CLIENTS}×{requests_each} requests over "
        "keep-alive against `workbench serve` on PostgreSQL, by a reader with a bearer token, "
        "the servers of both scales running side by side and the rounds of every URL at every "
        "scale interleaved; "
        "the provision measured is the one with the most pending proposals "
        f"({', '.join(str(results[s]['web']['pending']) for s in scales)} at scales "
        f"{', '.join(f'{s:g}' for s in scales)}). 'Fresh render' is one request for a page "
        "not rendered before (its own URL), so it costs every query and the whole render."
    )
    for name in ("page", "api"):
        ratio = top["web"][name] / base["web"][name]
        section.target(
            f"provision {name} p95 at scale {scales[-1]:g} within {SCALE_RATIO}× of scale "
            f"{scales[0]:g}",
            f"{ratio:.2f}×",
            ratio <= SCALE_RATIO,
        )
        versus = top["web"][name] / top["web"]["trivial"]
        section.target(
            f"provision {name} p95 within {PAGE_RATIO:g}× /healthz (scale {scales[-1]:g})",
            f"{versus:.1f}×",
            versus <= PAGE_RATIO,
        )
    return section


def measure_exports(url: str, scale: float, log=print) -> dict:
    """Both exports of the scale's database, each run in a fresh interpreter: the median of
    EXPORT_RUNS runs (a single run on the shared machine is off by a quarter either way)."""
    exports = {}
    for mode in ("brackets", "tracked"):
        log(f"scale: export {mode} at scale {scale:g} ...")
        runs = [measure_export(url, mode) for _ in range(EXPORT_RUNS)]
        exports[mode] = {
            key: statistics.median(run[key] for run in runs)
            for key in ("total_s", "cpu_s", "max_rss_mb")
        } | {"pending": runs[0]["pending"]}
    return exports


def export_results(section: Section, exports: dict, scales) -> None:
    """The exports' table and targets: time and peak RSS, each as a ratio to the first scale."""
    base, top = exports[scales[0]], exports[scales[-1]]
    rows = []
    for mode in ("brackets", "tracked"):
        for scale in scales:
            e, b = exports[scale][mode], base[mode]
            rows.append(
                [
                    mode,
                    f"{scale:g}",
                    f"{e['pending']:,}",
                    f"{e['total_s']:.1f} s",
                    f"{e['total_s'] / b['total_s']:.1f}×",
                    f"{e['cpu_s'] / b['cpu_s']:.1f}×",
                    f"{e['max_rss_mb']:.0f} MB",
                    f"{e['max_rss_mb'] / b['max_rss_mb']:.1f}×",
                ]
            )
    section.table(
        [
            "export",
            "scale",
            "pending",
            "time",
            "÷ scale 1",
            "CPU ÷ scale 1",
            "peak RSS",
            "÷ scale 1",
        ],
        rows,
    )
    section.note(
        f"Median of {EXPORT_RUNS} runs of each export, each in a fresh interpreter (time: wall "
        "clock, the PostgreSQL server's work included; CPU: the exporting process's own)."
    )
    growth = len(scales) > 1 and scales[-1] / scales[0]
    for mode in ("brackets", "tracked"):
        e, b = top[mode], base[mode]
        section.target(
            f"export ({mode}) time grows at most linearly ({growth:g}× data)",
            f"{e['total_s'] / b['total_s']:.1f}×",
            e["total_s"] / b["total_s"] <= growth,
        )
        section.target(
            f"export ({mode}) peak RSS ≤ {RSS_LIMIT_MB} MB at scale {scales[-1]:g}",
            f"{e['max_rss_mb']:.0f} MB",
            e["max_rss_mb"] <= RSS_LIMIT_MB,
        )


def run_exports(log=print, scales=(1, 10)) -> Section:
    """Only the exports (``--only-export``): no server, no load."""
    section = Section("Scale: the exports on PostgreSQL, scale 10 next to scale 1")
    exports = {
        scale: measure_exports(ensure_database(scale, log=log)[0], scale, log=log)
        for scale in scales
    }
    export_results(section, exports, scales)
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--only-export", action="store_true")
    args = parser.parse_args()
    scales = tuple(float(s) for s in args.scales.split(","))
    if args.only_export:
        print(run_exports(scales=scales).markdown())
        return
    print(run(quick=args.quick, scales=scales, export=not args.no_export).markdown())


if __name__ == "__main__":
    main()
