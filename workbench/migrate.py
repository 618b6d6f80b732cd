"""Schema migrations: the only way the schema is created or changed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection, Engine

from workbench.errors import DatabaseUnavailable
from workbench.resources import resource_folder

if TYPE_CHECKING:
    from alembic.config import Config

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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resource_folder("migrations")))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest migration the code knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None, "the package ships its migrations"
    return head


def current_revision(engine: Engine | Connection) -> str | None:
    """The migration the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    if isinstance(engine, Connection):  # a session bound to a connection (Session.get_bind)
        return MigrationContext.configure(engine).get_current_revision()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to the given revision (the newest by default)."""
    from alembic import command

    command.upgrade(alembic_config(str(engine.url), engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database to the given revision ("base" empties it)."""
    from alembic import command

    command.downgrade(alembic_config(str(engine.url), engine), revision)


_REVISION = re.compile(r"^revision\b[^=\n]*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\b[^=\n]*=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def _head_from_scripts() -> str | None:
    """The newest migration, read from the scripts' revision lines without Alembic (None if
    the scripts do not name exactly one head: then Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (resource_folder("migrations") / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(_QUOTED.findall(down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stamped_revision(engine: Engine) -> str | None:
    """The revision in the alembic_version table, read without Alembic (None if none or many)."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return rows[0][0] if len(rows) == 1 else None


def require_current_schema(engine: Engine) -> None:
    """Refuse to work on a database that is not at the newest migration."""
    # The usual case, a database at the newest migration, is told without importing Alembic
    # (a fifth of a command's start-up); anything else is left to Alembic.
    head = _head_from_scripts()
    if head is not None and _stamped_revision(engine) == head:
        return
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        raise DatabaseUnavailable(
            "The database has no workbench schema yet; run `workbench init` first."
        )
    from alembic.script import ScriptDirectory

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
