"""Import of the Budapest Convention as .docx (generated) and `load-corpus`: median wall times.

Run from the repository root: ``.venv/bin/python bench/bench_import.py [--runs N]``; a bench
runner calls ``run()``, which returns one row per measurement:
``{"name", "median_s", "runs", "min_s", "max_s", "note"}``.

Every run of an import or of load-corpus writes into a fresh copy of a migrated SQLite
database, so that no run finds the work of the one before it.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `workbench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT

RUNS = 5


def _timed(function, runs: int, prepare=None) -> list[float]:
    """Wall times of ``runs`` calls; ``prepare()`` runs untimed before each, its result passed."""
    times = []
    for _ in range(runs):
        argument = prepare() if prepare else None
        started = time.perf_counter()
        function(argument) if prepare else function()
        times.append(time.perf_counter() - started)
    return times


def _row(name: str, times: list[float], note: str = "") -> dict:
    return {
        "name": name,
        "median_s": statistics.median(times),
        "runs": len(times),
        "min_s": min(times),
        "max_s": max(times),
        "note": note,
    }


def _budapest_docx(folder: Path) -> Path:
    from tests.imports.documents import write_budapest_docx
    from workbench.corpus import sources
    from workbench.texts import parse_markdown

    reference = parse_markdown(sources.BUDAPEST_FILE.read_text(encoding="utf-8"))
    return write_budapest_docx(reference, folder / "budapest-ets185.docx", "styled")


def _migrated_template(folder: Path) -> Path:
    from workbench.db import Database
    from workbench.migrate import upgrade

    path = folder / "template.sqlite3"
    database = Database(f"sqlite:///{path}")
    upgrade(database.engine)
    database.dispose()
    return path


class FreshDatabases:
    """Copies of one migrated SQLite template, a new one for each measured run."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = _migrated_template(folder)
        self._runs = itertools.count()

    def __call__(self) -> str:
        copy = self.folder / f"run-{next(self._runs)}.sqlite3"
        shutil.copyfile(self.template, copy)
        return f"sqlite:///{copy}"


def import_checked(url: str, path: Path, slug: str, articles: int) -> None:
    """Import a file into the database at ``url``; it must come in with ``articles`` articles."""
    from workbench.db import Database
    from workbench.imports.operations import import_instrument

    database = Database(url)
    try:
        with database.session() as db:
            result = import_instrument(db, path, slug=slug)
        if result["articles"] != articles:
            raise AssertionError(
                f"{path.name}: imported {result['articles']} articles, not {articles}"
            )
    finally:
        database.dispose()


def run(runs: int = RUNS, log=print) -> list[dict]:
    """Measure, print the table, and return the rows."""
    from workbench.corpus.operations import load_corpus
    from workbench.db import Database
    from workbench.texts import parse_docx, parse_markdown

    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        docx_path = _budapest_docx(folder)
        fresh_database = FreshDatabases(folder)

        def import_into(url: str, path: Path) -> None:
            import_checked(url, path, "budapest-bench", 48)

        def corpus_into(url: str) -> None:
            database = Database(url)
            try:
                with database.session() as db:
                    load_corpus(db)
            finally:
                database.dispose()

        size = docx_path.stat().st_size
        markdown = docx_path.parent / "budapest.md"
        from workbench.corpus import sources

        markdown.write_text(sources.BUDAPEST_FILE.read_text(encoding="utf-8"), encoding="utf-8")
        parse_docx(docx_path)  # warm-up: imports, regex compilation
        rows.append(
            _row(
                "parse Budapest .docx (no database)",
                _timed(lambda: parse_docx(docx_path), runs),
                f"{size / 1024:.0f} KB, 48 articles",
            )
        )
        rows.append(
            _row(
                "parse Budapest .md (no database)",
                _timed(lambda: parse_markdown(markdown.read_text(encoding="utf-8")), runs),
            )
        )
        rows.append(
            _row(
                "import Budapest .docx into SQLite",
                _timed(lambda url: import_into(url, docx_path), runs, fresh_database),
                "parse + write + commit, fresh database each run",
            )
        )
        rows.append(
            _row(
                "import Budapest .md into SQLite",
                _timed(lambda url: import_into(url, markdown), runs, fresh_database),
            )
        )
        rows.append(
            _row(
                "load-corpus into SQLite",
                _timed(corpus_into, runs, fresh_database),
                "4 sources, parties, sessions, concordance",
            )
        )
        script = Path(sys.executable).parent / "workbench"

        def cli(url: str, *args: str) -> None:
            subprocess.run(
                [str(script), *args],
                check=True,
                cwd=ROOT,
                capture_output=True,
                env={
                    "DATABASE_URL": url,
                    "SECRET_KEY": "bench",
                    "WORKBENCH_INSTANCE_PATH": str(folder / "instance"),
                    "PATH": "/usr/bin:/bin",
                },
            )

        if script.exists():
            rows.append(
                _row(
                    "`workbench import budapest.docx` (CLI process)",
                    _timed(
                        lambda url: cli(url, "import", str(docx_path), "--json"),
                        runs,
                        fresh_database,
                    ),
                    "includes interpreter start-up",
                )
            )
            rows.append(
                _row(
                    "`workbench load-corpus` (CLI process)",
                    _timed(lambda url: cli(url, "load-corpus"), runs, fresh_database),
                    "includes interpreter start-up",
                )
            )
    log(table(rows))
    return rows


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table."""
    lines = ["| measurement | median | min | max | runs | note |", "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['median_s'] * 1000:.0f} ms | "
            f"{row['min_s'] * 1000:.0f} ms | {row['max_s'] * 1000:.0f} ms | "
            f"{row['runs']} | {row['note']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per measurement")
    args = parser.parse_args()
    run(args.runs)


if __name__ == "__main__":
    main()
