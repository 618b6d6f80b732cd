"""What the benchmarks share: timing, medians, Markdown tables, generated databases."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CACHE = RESULTS / "databases"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Section:
    """One benchmark's findings: a title, tables and notes, and the targets it checks."""

    title: str
    lines: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, bool]] = field(default_factory=list)  # (target, measured, met)

    def table(self, header: list[str], rows: list[list]) -> None:
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            self.lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
        self.lines.append("")

    def note(self, text: str) -> None:
        self.lines.append(text)
        self.lines.append("")

    def target(self, name: str, measured: str, met: bool) -> None:
        self.targets.append((name, measured, met))

    def markdown(self) -> str:
        out = [f"## {self.title}", "", *self.lines]
        if self.targets:
            out.append("| target | measured | met |")
            out.append("|---|---|---|")
            out += [f"| {n} | {m} | {'yes' if ok else '**no**'} |" for n, m, ok in self.targets]
            out.append("")
        return "\n".join(out)


def median_time(function, repeat: int = 5, warmup: int = 1) -> float:
    """The median wall time of ``function()`` in seconds."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


GENERATION = 2  # bumped when generate.py writes other data, so that the cache is made again


def generated_database(scale: float, seed: int = 1, log=print) -> str:
    """A SQLite database with the synthetic negotiation at this scale, generated once and
    kept under bench/results/databases (keyed by scale, seed and the schema's head)."""
    from workbench.migrate import head_revision

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"negotiation-s{scale:g}-seed{seed}-{head_revision()}-g{GENERATION}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        log(f"generating the negotiation at scale {scale:g} (seed {seed}) ...")
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate.py"),
                "--db",
                f"sqlite:///{partial}",
                "--scale",
                str(scale),
                "--seed",
                str(seed),
            ],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        _checkpoint(partial)
        partial.rename(path)
    return f"sqlite:///{path}"


def _checkpoint(path: Path) -> None:
    """Fold SQLite's write-ahead log into the file, so the file alone is the database."""
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")


# The words synthetic provisions are drawn from, as a treaty writes them.
TREATY_WORDS = [
    "each",
    "party",
    "shall",
    "adopt",
    "such",
    "legislative",
    "and",
    "other",
    "measures",
    "as",
    "may",
    "be",
    "necessary",
]
