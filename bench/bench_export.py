"""Export of the consolidated text in both modes at growing scale: time and peak memory.

Each export runs in a fresh interpreter (``python -m bench.bench_export --child URL MODE``), so
its peak resident memory (libxml2 included) is its own and nothing is cached between runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Section, generated_database

SCALES = (1, 2, 4, 8)
QUICK_SCALES = (0.25, 0.5, 1)
MODES = ("brackets", "tracked")
TIME_TARGET, MEMORY_TARGET = 5.0, 500.0  # at scale 1: 150 provisions, 2,000 pending proposals


def child(url: str, mode: str) -> dict:
    """One export, measured from inside the process that makes it."""
    from sqlalchemy import func, select

    from workbench.db import Database
    from workbench.export.consolidate import consolidated_document
    from workbench.export.writer import write_consolidated
    from workbench.instruments.queries import get_instrument
    from workbench.proposals.models import PENDING_STATUSES, Proposal

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    database = Database(url)
    with database.session(write=False) as db, tempfile.TemporaryDirectory() as folder:
        instrument = get_instrument(db, "bench-text")
        pending = db.scalar(
            select(func.count())
            .select_from(Proposal)
            .where(Proposal.instrument_id == instrument.id, Proposal.status.in_(PENDING_STATUSES))
        )
        started, cpu = time.perf_counter(), time.process_time()
        # As export_instrument does it: word diffs only where the mode shows them.
        document = consolidated_document(
            db, instrument, languages=["en", "zh"], diffs=mode == "tracked"
        )
        built = time.perf_counter()
        path = write_consolidated(document, Path(folder) / f"bench-{mode}.docx", mode)
        written = time.perf_counter()
        cpu = time.process_time() - cpu
        size = path.stat().st_size
    database.dispose()
    return {
        "pending": pending,
        "provisions": len(document.provisions()),
        "build_s": built - started,
        "write_s": written - built,
        "total_s": written - started,
        "cpu_s": cpu,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_rss_mb": baseline,
        "bytes": size,
    }


def _measure(url: str, mode: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.bench_export", "--child", url, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"export child failed ({result.returncode}): {result.stderr[-2000:]}")
    return json.loads(lines[-1])


def run(quick: bool = False, log=print, scales=None, repeat: int | None = None) -> Section:
    scales = scales or (QUICK_SCALES if quick else SCALES)

    # Three runs where they are quick; the largest scales once (their runs take minutes).
    def runs_at(scale):
        return repeat or (1 if quick or scale > 2 else 3)

    section = Section("Export of the consolidated text (English and Chinese side by side)")
    results: dict[tuple[float, str], dict] = {}
    for scale in scales:
        url = generated_database(scale, log=log)
        for mode in MODES:
            log(f"export: scale {scale:g}, {mode} ...")
            runs = [_measure(url, mode) for _ in range(runs_at(scale))]
            results[scale, mode] = {
                key: statistics.median(r[key] for r in runs)
                for key in ("build_s", "write_s", "total_s", "cpu_s", "max_rss_mb")
            } | {
                "pending": runs[0]["pending"],
                "provisions": runs[0]["provisions"],
                "bytes": runs[0]["bytes"],
                "runs": len(runs),
            }
    rows = []
    for mode in MODES:
        previous = None
        for scale in scales:
            r = results[scale, mode]
            growth = f"{r['cpu_s'] / previous['cpu_s']:.2f}×" if previous else "—"
            rows.append(
                [
                    mode,
                    f"{scale:g}",
                    r["provisions"],
                    f"{r['pending']:,}",
                    f"{r['build_s']:.2f} s",
                    f"{r['write_s']:.2f} s",
                    f"{r['total_s']:.2f} s",
                    f"{r['cpu_s']:.2f} s",
                    growth,
                    f"{r['max_rss_mb']:.0f} MB",
                    f"{r['bytes'] / 1e6:.1f} MB",
                    r["runs"],
                ]
            )
            previous = r
    section.table(
        [
            "mode",
            "scale",
            "provisions",
            "pending proposals",
            "build (db → document)",
            "write (docx)",
            "total",
            "CPU",
            "CPU × previous scale",
            "peak RSS",
            "file",
            "runs",
        ],
        rows,
    )
    section.note(
        "Median of the runs, each in a fresh interpreter; peak RSS is the "
        "whole process (Python, SQLAlchemy, lxml). Scale s has 10,000×s proposals, "
        "2,000×s of them pending; each step doubles them."
    )
    if 1 in scales:
        for mode in MODES:
            r = results[1, mode]
            section.target(
                f"{mode}: 2,000 pending proposals ≤ 5 s",
                f"{r['total_s']:.2f} s",
                r["total_s"] <= TIME_TARGET,
            )
            section.target(
                f"{mode}: peak memory ≤ 500 MB",
                f"{r['max_rss_mb']:.0f} MB",
                r["max_rss_mb"] <= MEMORY_TARGET,
            )
    for mode in MODES:
        # Judged on CPU time: wall time also counts whatever else the machine is doing.
        steps = [
            results[b, mode]["cpu_s"] / results[a, mode]["cpu_s"]
            for a, b in itertools.pairwise(scales)
        ]
        if steps:
            worst = max(steps)
            section.target(
                f"{mode}: doubling proposals at most doubles time (±10%, CPU)",
                "steps " + ", ".join(f"{s:.2f}×" for s in steps),
                worst <= 2.2,
            )
    return section


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("URL", "MODE"))
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)), flush=True)
        # The measurement is printed; skip the interpreter's teardown, which (rarely, under
        # heavy load) crashed in a C extension after the work was done.
        os._exit(0)
    print(run(quick=args.quick).markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
