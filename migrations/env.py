"""Alembic environment: runs migrations in batch mode so that they work on SQLite too."""

import os
from pathlib import Path

from alembic import context

import workbench.models  # noqa: F401  (every table in the metadata)
from workbench.config import default_instance_path
from workbench.db import Base, build_engine
from workbench.migrate import include_object

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    """The database to migrate: DATABASE_URL, the configuration's, else the default SQLite file."""
    default = f"sqlite:///{Path(default_instance_path()) / 'workbench.sqlite3'}"
    return os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url") or default


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or build_engine(database_url())
    with engine.connect() as connection:
        # A batch migration on SQLite copies a table and drops the old one; when other tables
        # refer to it (users), enforced foreign keys refuse the drop. They are switched off
        # around the migrations (only possible outside a transaction) and every reference is
        # checked before they are switched back on.
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=True,
                include_object=include_object,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migration broke references: {broken[:5]}")
            if connection.in_transaction():
                connection.commit()
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
