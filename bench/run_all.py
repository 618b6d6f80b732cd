"""Run every benchmark and write the results to bench/results/latest.md (and print them).

``.venv/bin/python bench/run_all.py`` measures the default scales; ``--quick`` smaller ones
(a few minutes); ``--only diff,export`` a selection. A benchmark that is missing or fails is
reported in the results, and the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS, ROOT, Section

BENCHMARKS = ("diff", "cli", "export", "web", "import", "clients", "akn", "load_test", "crash")


def _diff(quick: bool) -> Section:
    from bench import bench_diff

    return bench_diff.run(quick=quick)


def _export(quick: bool) -> Section:
    from bench import bench_export

    return bench_export.run(quick=quick)


def _cli(quick: bool) -> Section:
    from bench import bench_export

    return bench_export.run_cli(quick=quick)


def _web(quick: bool) -> Section:
    from bench import bench_web

    return bench_web.run(quick=quick)


def _import(quick: bool) -> Section:
    module = importlib.import_module("bench.bench_import")
    rows = module.run(runs=2) if quick else module.run()
    section = Section("Import of the Budapest Convention (.docx) and load-corpus")
    if hasattr(module, "table") and isinstance(rows, list):
        section.note(module.table(rows))
    else:
        section.note(str(rows))
    return section


def _akn(quick: bool) -> Section:
    from bench import bench_akn

    return bench_akn.run(quick=quick)


def _clients(quick: bool) -> Section:
    from bench import bench_clients

    rows = bench_clients.run(runs=2 if quick else bench_clients.RUNS)
    section = Section("Import of a 70-article convention per client format")
    section.note(bench_clients.table(rows))
    return section


def _load_test(quick: bool) -> Section:
    module = importlib.import_module("bench.load_test")
    if not hasattr(module, "run"):  # a command-line script: run it and keep what it prints
        command = [sys.executable, "-m", "bench.load_test", *(["--seconds", "8"] if quick else [])]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        section = Section("Load test (`python -m bench.load_test`)")
        section.note("```\n" + (result.stdout.strip() or result.stderr.strip()[-3000:]) + "\n```")
        section.target(
            "load test: no errors, stored proposals match the acknowledged ones",
            f"exit status {result.returncode}",
            result.returncode == 0,
        )
        return section
    try:
        result = module.run(quick=quick)
    except TypeError:  # a run() without the quick option
        result = module.run()
    if isinstance(result, Section):
        return result
    section = Section("Load test")
    if hasattr(result, "markdown"):
        section.note(result.markdown())
    elif hasattr(module, "table") and isinstance(result, list):
        section.note(module.table(result))
    else:
        section.note(str(result))
    return section


def _scale(quick: bool) -> Section:
    from bench import bench_scale

    return bench_scale.run(quick=quick, export=not quick)


# Only when asked (--only scale): it needs PostgreSQL and generates scale 10 once (15 min).
def _crash(quick: bool) -> Section:
    from bench import bench_crash

    return bench_crash.run(quick=quick)


RUNNERS = {
    "diff": _diff,
    "cli": _cli,
    "export": _export,
    "web": _web,
    "import": _import,
    "akn": _akn,
    "clients": _clients,
    "load_test": _load_test,
    "scale": _scale,
    "crash": _crash,
}


def _module_present(name: str) -> bool:
    module = {"import": "bench_import", "load_test": "load_test", "cli": "bench_export"}.get(
        name, f"bench_{name}"
    )
    return (ROOT / "bench" / f"{module}.py").exists()


def _header(quick: bool, started: datetime, seconds: float, load_before, load_after) -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        commit += " (with uncommitted changes)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"- Run: {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.1f} min, "
            f"`bench/run_all.py{' --quick' if quick else ''}`",
            f"- Commit: {commit}",
            f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}; load average {load_before[0]:.1f} before, "
            f"{load_after[0]:.1f} after (other work on the machine inflates wall times)",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller scales, fewer runs")
    parser.add_argument(
        "--only", help=f"comma-separated subset of {', '.join(BENCHMARKS)} (or scale)"
    )
    parser.add_argument("--out", default=str(RESULTS / "latest.md"))
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = [name for name in chosen if name not in RUNNERS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")

    started, clock = datetime.now(UTC), time.perf_counter()
    load_before = os.getloadavg()
    sections: list[Section] = []
    failures = 0
    for name in chosen:
        print(f"== {name}", flush=True)
        if not _module_present(name):
            section = Section(f"{name}: not run")
            section.note(f"The module for `{name}` is not present in bench/.")
            sections.append(section)
            continue
        try:
            section = RUNNERS[name](args.quick)
        except Exception:  # one failing benchmark must not lose the others' results
            failures += 1
            section = Section(f"{name}: FAILED")
            section.note("```\n" + traceback.format_exc()[-3000:] + "```")
        print(section.markdown(), flush=True)
        sections.append(section)

    targets = [(s.title, *t) for s in sections for t in s.targets]
    summary = Section("Targets")
    summary.table(
        ["benchmark", "target", "measured", "met"],
        [
            [title, name, measured, "yes" if ok else "**no**"]
            for title, name, measured, ok in targets
        ],
    )
    text = "\n".join(
        [
            _header(args.quick, started, time.perf_counter() - clock, load_before, os.getloadavg()),
            summary.markdown(),
            *(s.markdown() for s in sections),
        ]
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\nWritten to {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
