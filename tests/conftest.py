"""Fixtures: every database test runs on a real SQLite file and a real PostgreSQL database.

Each backend gets template databases built once per run (empty schema; schema plus the
loaded corpus) and every test gets its own fresh copy, so tests may commit freely.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.texts.clients.fixtures import client_files, office  # noqa: F401 (shared fixtures)
from workbench import create_app
from workbench.db import Database

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")
RUN_ID = uuid.uuid4().hex[:8]


def _postgres_admin_engine():
    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", pool_pre_ping=True)


def _postgres_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        engine = _postgres_admin_engine()
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # the reason goes into the skip or failure message
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def postgres_ready():
    """Skip PostgreSQL tests when it is down locally; fail them under CI."""
    reason = _postgres_available()
    if reason is not None:
        message = f"PostgreSQL at {POSTGRES_URL} is unreachable: {reason}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set: PostgreSQL tests must run)")
        pytest.skip(message)


class TemplateStore:
    """Builds template databases once per backend and hands out fresh copies of them."""

    def __init__(self, root: Path, worker: str) -> None:
        self.root = root
        self.prefix = f"wb_{RUN_ID}_{worker}"
        self.templates: dict[tuple[str, str], str] = {}
        self.copies: list[str] = []
        self.counter = 0

    def _sqlite_path(self, name: str) -> Path:
        return self.root / f"{name}.sqlite3"

    def url_for(self, backend: str, name: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self._sqlite_path(name)}"
        return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)

    def _create_empty(self, backend: str, name: str) -> str:
        if backend == "postgresql":
            engine = _postgres_admin_engine()
            with engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            engine.dispose()
        return self.url_for(backend, name)

    def template(self, backend: str, flavour: str) -> str:
        """The name of a template database: 'schema' (migrated) or 'corpus' (and loaded)."""
        key = (backend, flavour)
        if key not in self.templates:
            name = f"{self.prefix}_tpl_{flavour}"
            url = self._create_empty(backend, name)
            database = Database(url)
            from workbench.migrate import upgrade

            upgrade(database.engine)
            if flavour == "corpus":
                from workbench.corpus.operations import load_corpus

                with database.session() as db:
                    load_corpus(db)
            database.dispose()
            if backend == "sqlite":
                # Fold the write-ahead log into the file so that a plain copy is complete.
                with sqlite3.connect(self._sqlite_path(name)) as connection:
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.templates[key] = name
        return self.templates[key]

    def fresh(self, backend: str, flavour: str | None) -> str:
        """A new database: empty (flavour None) or a copy of a template."""
        self.counter += 1
        name = f"{self.prefix}_{self.counter}"
        if flavour is None:
            url = self._create_empty(backend, name)
        elif backend == "sqlite":
            shutil.copyfile(
                self._sqlite_path(self.template(backend, flavour)), self._sqlite_path(name)
            )
            url = self.url_for(backend, name)
        else:
            template = self.template(backend, flavour)
            engine = _postgres_admin_engine()
            with engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            engine.dispose()
            url = self.url_for(backend, name)
        if backend == "postgresql":
            self.copies.append(name)
        return url

    def drop(self, name: str) -> None:
        engine = _postgres_admin_engine()
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()

    def close(self) -> None:
        for name in self.copies:
            self.drop(name)
        for (backend, _flavour), name in self.templates.items():
            if backend == "postgresql":
                self.drop(name)


@pytest.fixture(scope="session")
def templates(tmp_path_factory, worker_id):
    store = TemplateStore(tmp_path_factory.mktemp("databases"), worker_id)
    yield store
    store.close()


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """The xdist worker name, or 'main' without xdist."""
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Each database test runs once per backend."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_ready")
    return request.param


def _database_url(request, templates, backend, flavour):
    url = templates.fresh(backend, flavour)
    if backend == "postgresql":
        name = make_url(url).database
        request.addfinalizer(lambda: _drop_quietly(templates, name))
    return url


def _drop_quietly(templates, name):
    templates.drop(name)
    templates.copies.remove(name)


@pytest.fixture
def empty_database_url(request, templates, backend) -> str:
    """A new database without any schema."""
    return _database_url(request, templates, backend, None)


@pytest.fixture
def schema_database_url(request, templates, backend) -> str:
    """A new database at the newest migration, with no data."""
    return _database_url(request, templates, backend, "schema")


@pytest.fixture
def database_url(request, templates, backend) -> str:
    """A new database at the newest migration with the shipped corpus loaded."""
    return _database_url(request, templates, backend, "corpus")


def make_test_app(url: str, tmp_path: Path, **config):
    settings = {
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "EXPORT_DIR": str(tmp_path / "exports"),
    }
    settings.update(config)
    return create_app(settings)


@pytest.fixture
def app(database_url, tmp_path):
    """The application on a fresh database with the corpus loaded."""
    application = make_test_app(database_url, tmp_path)
    yield application
    application.extensions["workbench.db"].dispose()


@pytest.fixture
def empty_app(schema_database_url, tmp_path):
    """The application on a fresh database at the newest migration, without data."""
    application = make_test_app(schema_database_url, tmp_path)
    yield application
    application.extensions["workbench.db"].dispose()


@pytest.fixture
def db(app):
    """A session on the test database; the test commits or rolls back as it needs."""
    database = app.extensions["workbench.db"]
    with app.app_context():
        session = database.write_sessionmaker()
        yield session
        session.rollback()
        session.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    """Invokes the `workbench` command line on the test application."""
    from click.testing import CliRunner

    from workbench.cli import Context, main

    class Runner:
        def invoke(self, args, **kwargs):
            context = Context()
            context._app = app
            return CliRunner().invoke(main, args, obj=context, catch_exceptions=False, **kwargs)

    return Runner()


_backend_counts: Counter = Counter()


def pytest_runtest_logreport(report):
    """Count database tests per backend, so the summary shows both ran."""
    if report.when == "call" and report.passed:
        for backend in BACKENDS:
            if (
                f"[{backend}" in report.nodeid
                or f"-{backend}]" in report.nodeid
                or f"-{backend}-" in report.nodeid
            ):
                _backend_counts[backend] += 1


def pytest_terminal_summary(terminalreporter):
    if _backend_counts:
        counts = ", ".join(f"{backend}: {_backend_counts[backend]}" for backend in BACKENDS)
        terminalreporter.write_line(f"database tests passed per backend — {counts}")
