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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import CACHE, ROOT, Section, generated_database

SCALES = (1, 2, 4, 8)
QUICK_SCALES = (0.25, 0.5, 1)
MODES = ("brackets", "alternatives", "tracked")
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
    if result.returncode != 0 or not lines:
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


CLI_TARGET = 1.5  # the whole `workbench export` process at most 1.5× pandoc on the same text


def budapest_markdown() -> str:
    """The Budapest Convention as Markdown: headings for chapters and articles, the wording."""
    from workbench.corpus.sources import budapest_ets185
    from workbench.texts.structure import ParsedChapter

    parsed = budapest_ets185()
    lines = [f"# {parsed.title.get('en', '')}", ""]
    for depth, item in parsed.walk():
        marks = "#" * min(depth + 2, 6)
        title = item.title.get("en", "")
        lines += [f"{marks} {item.label} {title}".rstrip(), ""]
        if not isinstance(item, ParsedChapter):
            lines += [paragraph + "\n" for paragraph in item.text.get("en", "").split("\n")]
    return "\n".join(lines)


def _corpus_database() -> str:
    """A SQLite database with the shipped corpus, made once under bench/results/databases."""
    from workbench.migrate import head_revision

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"corpus-{head_revision()}.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        for command in (["init"], ["load-corpus"]):
            subprocess.run(
                [WORKBENCH, *command],
                check=True,
                env={**os.environ, "DATABASE_URL": url},
                stdout=subprocess.DEVNULL,
            )
    return url


WORKBENCH = str(Path(sys.executable).parent / "workbench")
LABELS = {
    "workbench": "`workbench export budapest-ets185 --mode brackets`",
    "pandoc": "`pandoc budapest.md -o budapest.docx`",
    "python": "`python -c pass` (the interpreter alone)",
    "libraries": "`python -c 'import sqlalchemy.orm, docx'` (the two libraries an export needs)",
}


def run_cli(quick: bool = False, log=print) -> Section:
    """`workbench export budapest-ets185 --mode brackets` as a whole process, next to pandoc."""
    section = Section("Command-line export against pandoc (whole processes)")
    pandoc = shutil.which("pandoc")
    url = _corpus_database()
    runs = 5 if quick else 11
    with tempfile.TemporaryDirectory() as folder:
        markdown = Path(folder) / "budapest.md"
        markdown.write_text(budapest_markdown(), encoding="utf-8")
        commands = {
            "workbench": [
                WORKBENCH,
                "export",
                "budapest-ets185",
                "--mode",
                "brackets",
                "--out",
                str(Path(folder) / "workbench.docx"),
            ],
        }
        if pandoc:
            commands["pandoc"] = [pandoc, str(markdown), "-o", str(Path(folder) / "pandoc.docx")]
        # The floor under any export in Python: the interpreter, then importing the ORM and
        # python-docx and doing nothing with them.
        commands["python"] = [sys.executable, "-c", "pass"]
        commands["libraries"] = [sys.executable, "-c", "import sqlalchemy.orm, docx"]
        times: dict[str, list[float]] = {name: [] for name in commands}
        env = {**os.environ, "DATABASE_URL": url}
        log("export: workbench export vs pandoc ...")
        for _ in range(runs):
            for name, command in commands.items():  # alternated, so both see the same load
                started = time.perf_counter()
                result = subprocess.run(command, env=env, capture_output=True, text=True)
                times[name].append(time.perf_counter() - started)
                if result.returncode != 0:
                    raise RuntimeError(f"{name} exited with {result.returncode}: {result.stderr}")
    medians = {name: statistics.median(values) for name, values in times.items()}
    section.table(
        ["process", "median wall time", "÷ pandoc"],
        [
            [
                LABELS[name],
                f"{medians[name]:.2f} s",
                f"{medians[name] / medians['pandoc']:.2f}×" if "pandoc" in medians else "—",
            ]
            for name in commands
        ],
    )
    section.note(
        f"Median of {runs} runs of each, alternated (the machine is shared: compare the ratio). "
        "pandoc writes the same text (Markdown made from the shipped Budapest source) to .docx. "
        "The last two rows are the floor under any export written in Python with SQLAlchemy "
        "and python-docx: what importing them costs before a row is read."
    )
    if "pandoc" in medians:
        section.target(
            "`workbench export budapest-ets185 --mode brackets` ≤ 1.5× pandoc",
            f"{medians['workbench'] / medians['pandoc']:.2f}×",
            medians["workbench"] <= CLI_TARGET * medians["pandoc"],
        )
    return section


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("URL", "MODE"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cli", action="store_true", help="only the CLI against pandoc")
    args = parser.parse_args()
    if args.cli:
        print(run_cli(quick=args.quick).markdown())
        return 0
    if args.child:
        print(json.dumps(child(*args.child)), flush=True)
        return 0
    print(run(quick=args.quick).markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
