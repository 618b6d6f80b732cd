"""Nothing acknowledged is lost when the server is killed (kill -9) in the middle of writes,
and nothing is left half-written: `workbench serve` in a subprocess on SQLite (WAL,
synchronous=FULL) and on PostgreSQL, writers tabling (with an Idempotency-Key, retried until
answered), revising, agreeing and importing. More rounds: bench/bench_crash.py."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from tests.security.crashes import check_after_crashes, crash_rounds, world_of

ROUNDS = int(os.environ.get("KILL9_ROUNDS", "4"))


@pytest.mark.slow
def test_kill_9_loses_no_acknowledged_write(app, backend, tmp_path):
    world = world_of(app)
    url = app.config["DATABASE_URL"]
    app.extensions["workbench.db"].dispose()
    ledger, server = crash_rounds(url, tmp_path / "served", world, rounds=ROUNDS, seed=7)
    try:
        problems = check_after_crashes(url, ledger, server)
    finally:
        server.stop()
    # The control: the writers did get writes acknowledged between the kills.
    assert len(ledger.tabled) >= 5, ledger.answers
    assert ledger.revised or ledger.agreed or ledger.imported, ledger.answers
    assert server.kills >= ROUNDS
    assert not problems, "\n".join(problems[:30])


def test_sqlite_commits_are_durable(app, backend):
    """WAL and synchronous=FULL: a commit is on disk before it is acknowledged."""
    if backend != "sqlite":
        pytest.skip("SQLite settings")
    with app.extensions["workbench.db"].engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
