"""Database engine, the declarative base and the per-request session."""

from __future__ import annotations

import enum
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import BigInteger, DateTime, Enum, MetaData, create_engine, event, inspect, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

# Stable constraint names keep Alembic migrations reproducible on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A time from any backend as an aware UTC time (SQLite hands back naive ones)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


class Base(DeclarativeBase):
    """Declarative base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: DateTime(timezone=True)}  # noqa: RUF012


class DataVersion(Base):
    """One row counting the transactions that changed anything: the state caches are keyed by."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(BigInteger, default=0)


_CHANGED = "workbench_changed"
_tables_seen: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _has_data_version(db: Session) -> bool:
    # A database not yet migrated to it has no counter to bump; once seen, it stays.
    engine = db.get_bind()
    if not _tables_seen.get(engine):
        _tables_seen[engine] = inspect(db.connection()).has_table("data_version")
    return _tables_seen[engine]


def _bookkeeping(cls: type | None) -> bool:
    """Rows of a model marked ``__bookkeeping__`` (throttle counts, token use, kept answers)
    change nothing a cached page or answer shows: writing them is no new data version."""
    return bool(getattr(cls, "__bookkeeping__", False))


@event.listens_for(Session, "after_flush")
def _note_flush(db: Session, _context) -> None:
    if any(not _bookkeeping(type(row)) for row in (*db.new, *db.dirty, *db.deleted)):
        db.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state) -> None:
    # Bulk INSERT/UPDATE/DELETE through session.execute change data without a flush.
    if state.is_insert or state.is_update or state.is_delete:
        mapper = state.bind_mapper
        if mapper is None or not _bookkeeping(mapper.class_):
            state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _bump_data_version(db: Session) -> None:
    """A transaction that changed data bumps the counter as it commits, in the same
    transaction: every process sees the new number exactly when it sees the new data."""
    db.flush()
    if db.info.pop(_CHANGED, False) and _has_data_version(db):
        db.execute(update(DataVersion).values(number=DataVersion.number + 1))
        db.info.pop(_CHANGED, None)


@event.listens_for(Session, "after_rollback")
def _forget_changes(db: Session) -> None:
    db.info.pop(_CHANGED, None)


def enum_column(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A portable enum type: a VARCHAR with a named CHECK constraint on every backend."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls) + 8,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


def normalize_url(url: str) -> str:
    """Accept the usual PostgreSQL spellings and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def build_engine(url: str, **kwargs) -> Engine:
    """Create an engine with the settings this project relies on for each backend."""
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {"timeout": 15})
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("connect_args", {"connect_timeout": 5})
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # pysqlite's own transaction handling defers BEGIN; take control so that
        # SQLAlchemy's transactions (and savepoints) mean what they say.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before it is acknowledged, even if the machine stops
        # (WAL's usual NORMAL may lose the last commits to a power cut).
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock at the start, so two writers serialize
        # instead of the second failing half-way with "database is locked".
        write = conn.get_execution_options().get("workbench_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class WorkbenchSession(Session):
    """A session whose commit the caller may hold until it knows its answer.

    With ``info["hold_commit"]`` set, ``commit()`` only flushes and notes that it was asked
    for (``info["commit_held"]``): the web layer then commits once, with the response kept
    under the client's Idempotency-Key in the same transaction, so that a crash leaves both
    or neither.
    """

    def commit(self) -> None:
        if self.info.get("hold_commit"):
            self.flush()
            self.info["commit_held"] = True
            return
        super().commit()


class Database:
    """The engine and session factory of one application."""

    def __init__(self, url: str, **engine_kwargs) -> None:
        self.url = normalize_url(url)
        self.engine = build_engine(self.url, **engine_kwargs)
        self.sessionmaker = sessionmaker(
            self.engine, class_=WorkbenchSession, expire_on_commit=False
        )
        # Writers get their own engine view so SQLite can lock for writing up front.
        self.write_engine = self.engine.execution_options(workbench_write=True)
        self.write_sessionmaker = sessionmaker(
            self.write_engine, class_=WorkbenchSession, expire_on_commit=False
        )

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self, write: bool = True) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        db = (self.write_sessionmaker if write else self.sessionmaker)()
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise
        finally:
            db.close()

    def dispose(self) -> None:
        self.engine.dispose()


def init_app(app: Flask) -> Database:
    """Attach a Database to the app and close the request session after each request."""
    database = Database(app.config["DATABASE_URL"], **app.config.get("ENGINE_OPTIONS", {}))
    app.extensions["workbench.db"] = database

    @app.teardown_appcontext
    def _close_session(exc):
        db = g.pop("db_session", None)
        if db is not None:
            if exc is not None:
                db.rollback()
            db.close()

    return database


def get_database(app: Flask | None = None) -> Database:
    """The Database of the current (or given) application."""
    return (app or current_app).extensions["workbench.db"]


def get_db(write: bool | None = None) -> Session:
    """The session of the current request or CLI command.

    Requests that may write (anything but GET, HEAD, OPTIONS) get a writing session.
    """
    if "db_session" not in g:
        if write is None:
            write = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
        database = get_database()
        g.db_session = (database.write_sessionmaker if write else database.sessionmaker)()
    return g.db_session


def explain_database_error(exc: Exception, url: str | None = None) -> str:
    """One sentence saying what is wrong with the database connection."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    where = ""
    if url:
        try:
            where = " at " + make_url(normalize_url(url)).render_as_string(hide_password=True)
        except Exception:
            where = ""
    if isinstance(exc, (ArgumentError, NoSuchModuleError)):
        return (
            f"DATABASE_URL {url!r} is not a database address the workbench understands "
            "(use sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/NAME)."
        )
    if isinstance(exc, OperationalError):
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else ""
        return f"Cannot use the database{where}: {reason}."
    return f"Database error{where}: {str(exc).splitlines()[0]}."
