"""Kill -9 under load, for many rounds: `workbench serve` on SQLite and on PostgreSQL killed at
random moments while writers table, revise, agree and import; after each series, every
acknowledged write must be in the database and nothing half-written (tests/security/crashes.py).

``.venv/bin/python -m bench.bench_crash --rounds 50`` (the benchmark suite runs 40, 8 quick).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import Section


def _databases(folder: Path) -> dict[str, str]:
    """A fresh database per backend (PostgreSQL when TEST_POSTGRES_URL or the local one answers)."""
    from sqlalchemy import create_engine, text

    urls = {"sqlite": f"sqlite:///{folder / 'crash.sqlite3'}"}
    admin = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    name = f"wb_crash_{os.getpid()}"
    try:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        urls["postgresql"] = admin.rsplit("/", 1)[0] + f"/{name}"
    except Exception as exc:
        print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")
    return urls


def _drop(url: str) -> None:
    from sqlalchemy import create_engine, text

    admin, name = url.rsplit("/", 1)
    engine = create_engine(f"{admin}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def one_backend(backend: str, url: str, folder: Path, rounds: int) -> list:
    from tests.conftest import make_test_app
    from tests.security.crashes import check_after_crashes, crash_rounds, world_of
    from workbench.corpus.operations import load_corpus
    from workbench.db import Database
    from workbench.migrate import upgrade

    database = Database(url)
    upgrade(database.engine)
    with database.session() as db:
        load_corpus(db)
    database.dispose()
    app = make_test_app(url, folder)
    world = world_of(app)
    app.extensions["workbench.db"].dispose()
    started = time.perf_counter()
    ledger, server = crash_rounds(url, folder / "served", world, rounds=rounds, seed=rounds)
    seconds = time.perf_counter() - started
    try:
        problems = check_after_crashes(url, ledger, server)
    finally:
        server.stop()
    acknowledged = len(ledger.tabled) + len(ledger.revised) + len(ledger.agreed)
    acknowledged += len(ledger.imported)
    return [
        backend,
        server.kills,
        f"{seconds:.0f} s",
        len(ledger.tabled),
        len(ledger.revised),
        len(ledger.agreed),
        len(ledger.imported),
        acknowledged,
        len(problems),
        "; ".join(problems[:3]) or "—",
    ]


def run(quick: bool = False, rounds: int | None = None) -> Section:
    rounds = rounds or (8 if quick else 40)
    section = Section(f"Kill -9 under concurrent writes ({rounds} rounds per database)")
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="bench-crash-"))
    try:
        for backend, url in _databases(folder).items():
            try:
                rows.append(one_backend(backend, url, folder / backend, rounds))
            finally:
                if backend == "postgresql":
                    _drop(url)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    section.table(
        [
            "database",
            "kills",
            "time",
            "tabled",
            "revised",
            "agreed",
            "imported",
            "acknowledged",
            "problems",
            "first problems",
        ],
        rows,
    )
    for row in rows:
        section.target(
            f"{row[0]}: every acknowledged write kept, nothing half-written",
            f"{row[8]} problems in {row[7]} acknowledged writes",
            row[8] == 0,
        )
    return section


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    arguments = parser.parse_args()
    print(run(rounds=arguments.rounds).markdown())
