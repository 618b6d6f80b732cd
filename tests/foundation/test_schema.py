"""The schema: migrations and models agree, migrations go up and down, constraints hold."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from workbench.db import Base, Database
from workbench.migrate import (
    current_revision,
    downgrade,
    head_revision,
    include_object,
    upgrade,
)

DOMAIN_TABLES = {
    "instruments",
    "chapters",
    "provisions",
    "versions",
    "version_texts",
    "parties",
    "party_memberships",
    "party_aliases",
    "sessions",
    "proposals",
    "proposal_revisions",
    "proposal_texts",
    "sponsorships",
    "stances",
    "status_changes",
    "provision_status_changes",
    "topics",
    "correspondences",
    "users",
    "audit_entries",
}


def test_models_and_migrations_agree(schema_database_url):
    database = Database(schema_database_url)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        differences = compare_metadata(context, Base.metadata)
    database.dispose()
    assert differences == []


def test_upgrade_downgrade_upgrade(empty_database_url):
    database = Database(empty_database_url)
    engine = database.engine
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:  # what Session.get_bind() may return
        assert current_revision(connection) == head_revision()
    assert set(inspect(engine).get_table_names()) >= DOMAIN_TABLES
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert not (DOMAIN_TABLES & set(inspect(engine).get_table_names()))
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= DOMAIN_TABLES
    database.dispose()


def test_constraints_live_in_the_database(schema_database_url):
    database = Database(schema_database_url)
    with database.engine.connect() as connection:
        connection.execute(
            text(
                "INSERT INTO instruments (slug, kind, title_en, language, is_outline, created_at)"
                " VALUES ('alpha', 'source', 'Alpha', 'en', false, CURRENT_TIMESTAMP)"
            )
        )
        connection.commit()
        bad_statements = [
            # duplicate slug
            "INSERT INTO instruments (slug, kind, title_en, language, is_outline, created_at)"
            " VALUES ('alpha', 'source', 'Beta', 'en', false, CURRENT_TIMESTAMP)",
            # kind outside the enum
            "INSERT INTO instruments (slug, kind, title_en, language, is_outline, created_at)"
            " VALUES ('gamma', 'novel', 'Gamma', 'en', false, CURRENT_TIMESTAMP)",
            # no title in any language
            "INSERT INTO instruments (slug, kind, language, is_outline, created_at)"
            " VALUES ('delta', 'source', 'en', false, CURRENT_TIMESTAMP)",
            # a party code must be upper case
            "INSERT INTO parties (code, kind, name_en, created_at)"
            " VALUES ('chn', 'state', 'China', CURRENT_TIMESTAMP)",
            # a provision in an instrument that does not exist
            "INSERT INTO provisions (instrument_id, position, kind, label, title_en_official,"
            " title_zh_official, current_number, created_at)"
            " VALUES (999, 1, 'article', 'Article 1', true, true, 0, CURRENT_TIMESTAMP)",
        ]
        for statement in bad_statements:
            with pytest.raises(IntegrityError):
                connection.execute(text(statement))
            connection.rollback()
    database.dispose()
