"""What the account hardening costs: a password check, a login's hash, the throttle's
queries with many counted hits, and a PDF export from the cache against a fresh conversion.

    .venv/bin/python -m bench.bench_accounts [--quick]
"""

from __future__ import annotations

import sys
import tempfile
import time

from bench.common import Section, median_time, ms, ratio


def _app(folder: str):
    from workbench import create_app

    return create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "SECRET_KEY": "bench",
            "INSTANCE_PATH": folder,
            "EXPORT_DIR": folder,
        }
    )


def run(quick: bool = False) -> Section:
    from workbench.corpus.operations import load_corpus
    from workbench.migrate import upgrade
    from workbench.users.passwords import check_password, hash_password, password_context
    from workbench.users.throttle import Limit, record_hit, wait_seconds

    section = Section("Accounts: passwords, throttle, PDF cache")
    with tempfile.TemporaryDirectory(prefix="bench-accounts-") as folder:
        app = _app(folder)
        database = app.extensions["workbench.db"]
        upgrade(database.engine)
        with app.app_context(), database.session() as db:
            load_corpus(db)
            context = password_context(db, "cn-delegate")
            check = median_time(lambda: check_password("jade lantern harbour 88", context))
            hashing = median_time(lambda: hash_password("jade lantern harbour 88"), repeat=3)
            hits = 2_000 if quick else 20_000
            now = time.time()
            for i in range(hits):
                record_hit(db, f"login-address:10.0.{i % 250}.{i % 97}", now=now - i * 0.01)
            db.commit()
            limits = [Limit("login-address:10.0.1.1", 30, 600), Limit("login:10.0.1.1|x", 10, 60)]
            query = median_time(lambda: wait_seconds(db, limits), repeat=21)
        section.table(
            ["step", "median"],
            [
                ["zxcvbn check, with the user name and every party code as context", ms(check)],
                ["argon2id hash (a login's cost)", ms(hashing)],
                [f"throttle check of two limits among {hits} counted hits", ms(query)],
            ],
        )
        client = app.test_client()
        url = "/api/instruments/budapest-ets185/export?format=pdf"
        started = time.perf_counter()
        first = client.get(url)
        fresh = time.perf_counter() - started
        cached = median_time(lambda: client.get(url), repeat=5)
        assert first.status_code == 200, first.get_data()[:200]
        section.table(
            ["PDF export", "time"],
            [["converted by LibreOffice", ms(fresh)], ["from the cache", ms(cached)]],
        )
        section.note(f"A cached PDF is {ratio(fresh, cached)} quicker than a conversion.")
        database.dispose()
    return section


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv).markdown())
