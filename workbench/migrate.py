"""Schema migrations: the only way the schema is created or changed."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from workbench.errors import DatabaseUnavailable
from workbench.resources import resource_folder

# Tables and indexes that migrations create with raw SQL (full-text search) and that no
# model maps; autogenerate must not propose to drop them.
UNMAPPED_OBJECTS = frozenset(
    {
        "search_fts",
        "search_fts_data",
        "search_fts_idx",
        "search_fts_content",
        "search_fts_docsize",
        "search_fts_config",
        "ix_search_entries_terms_tsv",
        "proposal_search_fts",
        "proposal_search_fts_data",
        "proposal_search_fts_idx",
        "proposal_search_fts_content",
        "proposal_search_fts_docsize",
        "proposal_search_fts_config",
        "ix_proposal_search_entries_terms_tsv",
    }
)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave the raw-SQL full-text machinery out of autogenerate's comparison."""
    return not (type_ in ("table", "index") and name in UNMAPPED_OBJECTS)


def alembic_config(url: str, engine: Engine | None = None) -> Config:
    """An Alembic configuration pointing at this project's migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(resource_folder("migrations")))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest migration the code knows."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to the given revision (the newest by default)."""
    command.upgrade(alembic_config(str(engine.url), engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database to the given revision ("base" empties it)."""
    command.downgrade(alembic_config(str(engine.url), engine), revision)


def require_current_schema(engine: Engine) -> None:
    """Refuse to work on a database that is not at the newest migration."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        raise DatabaseUnavailable(
            "The database has no workbench schema yet; run `workbench init` first."
        )
    known = {
        rev.revision
        for rev in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()
    }
    if current not in known:
        raise DatabaseUnavailable(
            f"The database is at migration {current}, which this version of the workbench "
            "does not know; it was created by a newer version."
        )
    raise DatabaseUnavailable(
        f"The database is at migration {current} but the code needs {head}; "
        "run `workbench init` to upgrade it."
    )
