"""Migration 0007 keeps each user's one API token working, as a named, expiring token."""

from __future__ import annotations

from sqlalchemy import text

from workbench.db import Database
from workbench.migrate import downgrade, upgrade
from workbench.users.tokens import token_digest, user_for_token


def test_an_existing_token_survives_the_upgrade_and_the_downgrade(empty_database_url):
    database = Database(empty_database_url)
    try:
        upgrade(database.engine, "0004")
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (name, role, password_hash, token_digest, active, created_at)"
                    " VALUES ('old-script', 'observer', 'x', :digest, :yes, CURRENT_TIMESTAMP)"
                ),
                {"digest": token_digest("wbt_from_before"), "yes": True},
            )
        upgrade(database.engine)
        with database.session() as db:
            user = user_for_token(db, "wbt_from_before")
            assert user is not None and user.name == "old-script"
            assert [t.name for t in user.tokens] == ["default"]
            assert user.session_generation == 0
        downgrade(database.engine, "0004")
        with database.engine.connect() as connection:
            kept = connection.execute(text("SELECT token_digest FROM users")).scalar_one()
        assert kept == token_digest("wbt_from_before")
    finally:
        database.dispose()
