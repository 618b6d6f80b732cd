"""Import of a 70-article convention as each client writes it: median wall times.

Run from the repository root: ``.venv/bin/python bench/bench_clients.py [--runs N]``; a
bench runner calls ``run()``, which returns one row per client format:
``{"name", "median_s", "runs", "min_s", "max_s", "note"}`` (the import's time into a fresh
SQLite database each run, the file's parse alone in the note). The .odt, .doc and .rtf
imports include LibreOffice's conversion to .docx; clients whose program is not installed
(pandoc, LibreOffice) are left out with a note.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `workbench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RUNS = 5
ARTICLES = 70


def client_files(folder: Path) -> tuple[dict[str, Path], list[str]]:
    """The convention written by every client that can run here, and notes on the others."""
    from tests.texts.clients.treaty import long_convention
    from tests.texts.clients.writers import write_markdown, write_python_docx, write_text
    from workbench.libreoffice import convert_many, libreoffice_available

    treaty = long_convention(ARTICLES)
    files = {
        "docx (python-docx)": write_python_docx(treaty, folder / "python-docx.docx"),
        "md": write_markdown(treaty, folder / "convention.md"),
        "txt": write_text(treaty, folder / "convention.txt"),
    }
    notes = []
    if shutil.which("pandoc"):
        files["docx (pandoc)"] = folder / "pandoc.docx"
        subprocess.run(["pandoc", str(files["md"]), "-o", str(files["docx (pandoc)"])], check=True)
    else:
        notes.append("pandoc is not installed: no pandoc row.")
    if libreoffice_available():
        source = files["docx (python-docx)"]
        resaved = convert_many([source], "docx:MS Word 2007 XML", folder / "libreoffice")[0]
        files["docx (LibreOffice)"] = resaved
        for suffix in ("odt", "doc", "rtf"):
            files[suffix] = convert_many([source], suffix, folder)[0]
    else:
        notes.append("LibreOffice is not installed: no LibreOffice, .odt, .doc or .rtf rows.")
    return files, notes


def _timed(function, runs: int, prepare=None) -> list[float]:
    times = []
    for _ in range(runs):
        argument = prepare() if prepare else None
        started = time.perf_counter()
        function(argument) if prepare else function()
        times.append(time.perf_counter() - started)
    return times


def run(runs: int = RUNS, log=print) -> list[dict]:
    """Measure each client's file: parse alone, and import into a fresh SQLite database."""
    from bench.bench_import import FreshDatabases, import_checked
    from workbench.texts import parse_file

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-clients-") as tmp:
        folder = Path(tmp)
        files, notes = client_files(folder)
        fresh = FreshDatabases(folder)

        def import_into(url: str, path: Path) -> None:
            import_checked(url, path, "bench", ARTICLES)

        for name, path in files.items():
            parse_file(path)  # warm-up, and the check that it reads
            parsed = _timed(lambda p=path: parse_file(p), runs)
            imported = _timed(lambda url, p=path: import_into(url, p), runs, fresh)
            rows.append(
                {
                    "name": name,
                    "median_s": statistics.median(imported),
                    "runs": runs,
                    "min_s": min(imported),
                    "max_s": max(imported),
                    "note": f"{path.stat().st_size / 1024:.0f} KB; parse alone "
                    f"{statistics.median(parsed) * 1000:.0f} ms",
                }
            )
    log(table(rows))
    for note in notes:
        log(note)
    return rows


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table."""
    lines = [
        f"| client format ({ARTICLES} articles) | import median | min | max | runs | note |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['median_s'] * 1000:.0f} ms | {row['min_s'] * 1000:.0f} ms "
            f"| {row['max_s'] * 1000:.0f} ms | {row['runs']} | {row['note']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per measurement")
    run(parser.parse_args().runs)


if __name__ == "__main__":
    main()
