"""Serving the application: waitress in one process, or gunicorn with several workers."""

from __future__ import annotations

import os
import signal
import sys

from flask import Flask

from workbench.db import get_database
from workbench.web.events import stop_streams

# How long a stopping worker lets its requests finish; event streams end at once.
GRACEFUL_SECONDS = 10
# Threads of a process kept for pages and writes, whatever the number of open event streams.
THREADS_KEPT_FREE = 4


def limit_streams(app: Flask, threads: int) -> None:
    """Open event streams hold a thread each: leave some for everything else."""
    app.config.setdefault("EVENT_STREAMS_PER_PROCESS", max(1, threads - THREADS_KEPT_FREE))


def serve_waitress(app: Flask, host: str, port: int, threads: int) -> None:
    """One process with a pool of threads (the default, and the way on Windows)."""
    from waitress import serve

    limit_streams(app, threads)

    def _stop(signum, _frame):
        # Event streams end first, so that waitress's own shutdown finds its threads free.
        stop_streams(app)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    serve(app, host=host, port=port, threads=threads, ident="workbench")


def serve_gunicorn(app: Flask, host: str, port: int, workers: int, threads: int) -> None:
    """Several worker processes, each with a pool of threads (gunicorn's gthread workers)."""
    if os.name == "nt":
        raise SystemExit(
            "Several workers need gunicorn, which does not run on Windows: use --workers 1."
        )
    from gunicorn.app.base import BaseApplication

    limit_streams(app, threads)
    # The master built the app to check the schema; each worker opens its own connections.
    get_database(app).dispose()

    def post_fork(_server, _worker) -> None:
        get_database(app).engine.dispose(close=False)

    def post_worker_init(worker) -> None:
        # gunicorn's own handlers stop the worker once its requests end; an event stream
        # never ends by itself, so it is ended first.
        for signum, handler in (
            (signal.SIGTERM, worker.handle_exit),
            (signal.SIGINT, worker.handle_quit),
            (signal.SIGQUIT, worker.handle_quit),
        ):
            signal.signal(signum, _ending_streams(app, handler))

    class Workbench(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "graceful_timeout": GRACEFUL_SECONDS,
                "proc_name": "workbench",
                "accesslog": None,
                "post_fork": post_fork,
                "post_worker_init": post_worker_init,
            }
            # gunicorn 25 and later: no control socket (two servers would share its path).
            if "control_socket_disable" in self.cfg.settings:
                settings["control_socket_disable"] = True
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return app

    sys.argv = sys.argv[:1]  # gunicorn reads no arguments of ours
    Workbench().run()


def _ending_streams(app: Flask, handler):
    def _handle(signum, frame):
        stop_streams(app)
        handler(signum, frame)

    return _handle
