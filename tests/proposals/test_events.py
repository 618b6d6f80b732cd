"""Events: every tabled, revised, decided and rebased proposal and every new version is
announced in the transaction that makes it, in commit order, with kinds and ids only."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError

from tests.scenario import table
from workbench.errors import Conflict, Forbidden, InvalidInput
from workbench.events.models import EVENT_IDS, Event
from workbench.events.queries import events_after, latest_event_id
from workbench.events.record import record_event
from workbench.instruments.queries import find_provision, get_instrument
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.rebase import rebase_proposal
from workbench.proposals.revise import revise_proposal
from workbench.proposals.screen import on_screen, show_on_screen
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session, set_current_session
from workbench.users.models import AuditEntry
from workbench.users.operations import create_user

SECRET_WORDS = "Each Party shall keep this draft wording to itself until it is tabled"


def _kinds(events: list[Event]) -> list[tuple]:
    return [(str(e.kind), e.proposal_id, e.provision_id, e.number, e.status) for e in events]


def test_each_operation_announces_itself_on_commit(db, text):
    start = latest_event_id(db)
    article1 = find_provision(db, text, "Article 1")
    first = table(db, text, "Article 1", "CHN", "Each Party shall criminalize access.")
    second = table(db, text, "Article 1", "USA", "Each Party shall criminalize intrusion.")
    # Nothing is announced before the write is committed.
    assert latest_event_id(db) == start
    db.commit()
    revise_proposal(db, first, texts={"en": "Each Party shall criminalize illegal access."})
    change_status(db, first, "agreed")  # a new version, then the decision
    db.commit()
    # The second is stale now; its sponsor redrafts it on the new text.
    rebase_proposal(db, second, texts={"en": "Each Party shall criminalize intrusion."})
    change_status(db, second, "under_discussion")
    db.commit()
    events = events_after(db, start)
    assert _kinds(events) == [
        ("tabled", first.id, article1.id, None, None),
        ("tabled", second.id, article1.id, None, None),
        ("revised", first.id, article1.id, 2, None),
        ("version", None, article1.id, 2, None),
        ("decided", first.id, article1.id, None, "agreed"),
        ("rebased", second.id, article1.id, 2, None),
        ("decided", second.id, article1.id, None, "under_discussion"),
    ]
    assert [e.id for e in events] == sorted(e.id for e in events)
    assert {e.instrument_id for e in events} == {text.id}
    assert events[0].session_id == get_session(db, "AHC-1").id


def test_an_agreed_insertion_announces_the_new_provision(db, text):
    start = latest_event_id(db)
    insertion = table_proposal(
        db,
        instrument=text,
        kind="insert",
        provision=find_provision(db, text, "Article 3"),
        session=get_session(db, "AHC-1"),
        sponsor=get_party(db, "CHN"),
        texts={"en": "States Parties shall respect sovereignty."},
        label="Article 3 bis",
    )
    change_status(db, insertion, "agreed")
    db.commit()
    inserted = find_provision(db, text, "Article 3 bis")
    assert _kinds(events_after(db, start))[1:] == [
        ("version", None, inserted.id, 1, None),
        ("decided", insertion.id, find_provision(db, text, "Article 3").id, None, "agreed"),
    ]


def test_a_write_rolled_back_announces_nothing(db, text):
    start = latest_event_id(db)
    table(db, text, "Article 2", "CHN", "Each Party shall criminalize interception.")
    db.rollback()
    db.commit()
    assert latest_event_id(db) == start
    with pytest.raises(Conflict):
        # An impossible move raises before anything is announced.
        proposal = table(db, text, "Article 2", "CHN", "Each Party shall act.")
        db.commit()
        change_status(db, proposal, "agreed")
        change_status(db, proposal, "rejected")
    db.rollback()
    db.commit()
    assert _kinds(events_after(db, start)) == [
        ("tabled", proposal.id, proposal.provision_id, None, None)
    ]


def test_events_carry_ids_never_wording_or_names(db, text):
    delegate = create_user(
        db,
        name="zhang-wei-delegate",
        role="delegate",
        password="jade-lantern-harbour-88",
        party=get_party(db, "CHN"),
    )
    db.commit()
    start = latest_event_id(db)
    proposal = table(db, text, "Article 1", "CHN", SECRET_WORDS, actor=delegate)
    revise_proposal(db, proposal, texts={"en": SECRET_WORDS + " again"}, actor=delegate)
    db.commit()
    for event in events_after(db, start):
        data = event.to_json()
        assert set(data) <= {"id", "kind", "at", *EVENT_IDS}
        sent = json.dumps(data)
        assert "draft wording" not in sent and "zhang-wei" not in sent and "CHN" not in sent
    with pytest.raises(InvalidInput):
        record_event(db, "tabled", proposal=proposal.id, text=SECRET_WORDS)


def test_events_are_append_only(db, text):
    table(db, text, "Article 1", "CHN", "Each Party shall criminalize access.")
    db.commit()
    for statement in ("UPDATE events SET status = 'agreed'", "DELETE FROM events"):
        with pytest.raises(DBAPIError, match="append-only"):
            db.execute(sql(statement))
        db.rollback()


def test_events_are_numbered_in_commit_order(app, db, text, backend):
    # On PostgreSQL two writers run at once: the one that commits first must get the lower
    # id, or a stream that has read the later id would never see the earlier one.
    if backend != "postgresql":
        pytest.skip("SQLite serializes writers from their first statement")
    other = app.extensions["workbench.db"].write_sessionmaker()
    try:
        start = latest_event_id(db)
        early = table(db, text, "Article 1", "CHN", "Each Party shall criminalize access.")
        db.flush()  # written first…
        late_text = get_instrument(other, text.slug)
        late = table(other, late_text, "Article 2", "USA", "Each Party shall act at once.")
        other.commit()  # …committed second
        db.commit()
        assert [e.proposal_id for e in events_after(db, start)] == [late.id, early.id]
    finally:
        other.close()


def test_the_secretariat_chooses_the_provision_on_screen(db, text):
    article2 = find_provision(db, text, "Article 2")
    secretariat = create_user(
        db, name="chair", role="secretariat", password="jade-lantern-harbour-88"
    )
    delegate = create_user(
        db,
        name="delegate",
        role="delegate",
        password="jade-lantern-harbour-88",
        party=get_party(db, "CHN"),
    )
    assert on_screen(db) == (None, None)
    with pytest.raises(Conflict):
        show_on_screen(db, article2, actor=secretariat)  # no session in progress
    set_current_session(db, get_session(db, "AHC-2"), actor=None)
    with pytest.raises(Forbidden):
        show_on_screen(db, article2, actor=delegate)
    budapest = find_provision(db, get_instrument(db, "budapest-ets185"), "Article 2")
    with pytest.raises(InvalidInput):
        show_on_screen(db, budapest, actor=secretariat)
    db.commit()
    start = latest_event_id(db)
    show_on_screen(db, article2, actor=secretariat)
    db.commit()
    session, shown = on_screen(db)
    assert (session.code, shown.id) == ("AHC-2", article2.id)
    (event,) = events_after(db, start)
    assert (str(event.kind), event.provision_id, event.session_id) == (
        "screen",
        article2.id,
        session.id,
    )
    entry = db.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
    assert (entry.action, entry.entity_id, entry.user_id) == ("screen", article2.id, secretariat.id)
    # Another session in progress starts with nothing on screen.
    set_current_session(db, get_session(db, "AHC-1"), actor=None)
    db.commit()
    assert on_screen(db)[1] is None
