"""Versions are append-only: neither the ORM nor the database lets their wording change."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from workbench.instruments.models import ImmutableRecord
from workbench.models import (
    Instrument,
    InstrumentKind,
    Provision,
    ProvisionKind,
    Version,
    VersionOrigin,
    VersionText,
)


@pytest.fixture
def stored_version(empty_app):
    database = empty_app.extensions["workbench.db"]
    with database.session() as db:
        instrument = Instrument(slug="alpha", kind=InstrumentKind.SOURCE, title_en="Alpha")
        provision = Provision(
            instrument=instrument,
            position=1,
            kind=ProvisionKind.ARTICLE,
            label="Article 1",
            current_number=1,
        )
        version = Version(provision=provision, number=1, origin=VersionOrigin.SOURCE)
        version.texts.append(VersionText(lang="en", text="Each Party shall adopt."))
        db.add(instrument)
    return database, version.id


def test_orm_refuses_to_change_a_version_text(stored_version):
    database, version_id = stored_version
    db = database.write_sessionmaker()
    version = db.get(Version, version_id)
    version.texts[0].text = "Each State Party shall adopt."
    with pytest.raises(ImmutableRecord):
        db.flush()
    db.rollback()
    version = db.get(Version, version_id)
    version.note = "rewritten"
    with pytest.raises(ImmutableRecord):
        db.flush()
    db.rollback()
    db.close()
    with database.session() as db:
        assert db.get(Version, version_id).text("en") == "Each Party shall adopt."


def test_orm_refuses_to_delete_a_version(stored_version):
    database, version_id = stored_version
    db = database.write_sessionmaker()
    db.delete(db.get(Version, version_id).texts[0])
    with pytest.raises(ImmutableRecord):
        db.flush()
    db.rollback()
    with pytest.raises(ImmutableRecord):
        db.execute(delete(VersionText).where(VersionText.version_id == version_id))
    with pytest.raises(ImmutableRecord):
        db.execute(update(Version).values(note="x"))
    db.rollback()
    db.close()


def test_database_refuses_raw_sql_changes(stored_version):
    database, version_id = stored_version
    for statement in (
        "UPDATE version_texts SET text = 'changed'",
        "DELETE FROM version_texts",
        "DELETE FROM versions",
        "DELETE FROM provisions",
    ):
        with database.engine.connect() as connection:
            with pytest.raises(DBAPIError, match="append-only"):
                connection.execute(text(statement))
            connection.rollback()
    with database.session() as db:
        assert db.get(Version, version_id).text("en") == "Each Party shall adopt."


def test_appending_a_version_is_allowed(stored_version):
    database, version_id = stored_version
    with database.session() as db:
        provision = db.get(Version, version_id).provision
        second = Version(provision=provision, number=2, origin=VersionOrigin.PROPOSAL)
        second.texts.append(VersionText(lang="en", text="Each State Party shall adopt."))
        provision.current_number = 2
        db.add(second)
    with database.session() as db:
        provision = db.get(Version, version_id).provision
        assert [v.text("en") for v in provision.versions] == [
            "Each Party shall adopt.",
            "Each State Party shall adopt.",
        ]
