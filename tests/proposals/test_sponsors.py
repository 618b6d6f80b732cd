"""Sponsors: a named co-sponsor is only invited until its state consents, and is named then."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.errors import Conflict, Forbidden, NotFound
from workbench.models import Proposal, Sponsorship
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.sponsors import (
    add_cosponsor,
    pending_invitations,
    sponsor_codes,
    sponsor_names,
    sponsors_label,
    withdraw_cosponsor,
)
from workbench.users.operations import create_user

WORDING = ART2.replace("Each Party", "Each State Party")


def user(db, name, role, party=None):
    return create_user(
        db,
        name=name,
        role=role,
        password="correct horse battery staple",
        party=get_party(db, party) if party else None,
    )


@pytest.fixture
def people(db):
    """China's and Russia's delegates and a secretariat officer."""
    users = {
        "CHN": user(db, "chn-delegate", "delegate", "CHN"),
        "RUS": user(db, "rus-delegate", "delegate", "RUS"),
        "secretariat": user(db, "officer", "secretariat"),
    }
    db.commit()
    return users


def test_named_cosponsor_is_invited_until_its_delegate_consents(db, text, people):
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS"], actor=people["CHN"])
    db.commit()
    assert [s.party.code for s in pending_invitations(proposal)] == ["RUS"]
    assert sponsors_label(proposal) == "China"
    assert sponsor_names(proposal, "zh") == ["中国"]
    assert sponsor_codes(proposal) == ["CHN"]

    sponsorship = add_cosponsor(db, proposal, get_party(db, "RUS"), actor=people["RUS"])
    db.commit()
    assert sponsorship.confirmed and sponsorship.consent_oral is False
    assert sponsorship.confirmed_revision == proposal.current_revision == 1
    assert sponsors_label(proposal) == "China, Russian Federation"
    assert pending_invitations(proposal) == []
    with pytest.raises(Conflict, match="already sponsors"):
        add_cosponsor(db, proposal, get_party(db, "RUS"), actor=people["RUS"])


def test_secretariat_records_consent_given_orally(db, text, people):
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS"], actor=people["CHN"])
    db.commit()
    sponsorship = add_cosponsor(db, proposal, get_party(db, "RUS"), actor=people["secretariat"])
    db.commit()
    assert (
        sponsorship.consent_oral is True and sponsorship.consent_by_id == people["secretariat"].id
    )
    assert sponsors_label(proposal) == "China, Russian Federation"


def test_secretariat_tables_with_consent_given_in_the_room(db, text, people):
    proposal = table(
        db,
        text,
        "Article 1",
        "CHN",
        WORDING,
        cosponsors=["RUS"],
        cosponsors_consented=True,
        actor=people["secretariat"],
    )
    db.commit()
    assert sponsors_label(proposal) == "China, Russian Federation"


def _counts(db):
    return (
        db.scalar(select(func.count()).select_from(Proposal)),
        db.scalar(select(func.count()).select_from(Sponsorship)),
        db.scalar(
            select(func.count())
            .select_from(Sponsorship)
            .where(Sponsorship.confirmed_at.is_not(None))
        ),
    )


def test_a_delegate_cannot_consent_for_another_state(db, text, people):
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS"], actor=people["CHN"])
    db.commit()
    before = _counts(db)
    with pytest.raises(Forbidden):
        add_cosponsor(db, proposal, get_party(db, "RUS"), actor=people["CHN"])
    db.rollback()
    # Nor may a delegate record for its co-sponsors that they consented.
    with pytest.raises(Forbidden):
        table(
            db,
            text,
            "Article 1",
            "CHN",
            WORDING + " Again.",
            cosponsors=["RUS"],
            cosponsors_consented=True,
            actor=people["CHN"],
        )
    db.rollback()
    assert _counts(db) == before
    assert sponsors_label(proposal) == "China"


def test_invited_state_declines_and_is_never_named(db, text, people):
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS"], actor=people["CHN"])
    db.commit()
    sponsorship = withdraw_cosponsor(db, proposal, get_party(db, "RUS"), actor=people["RUS"])
    db.commit()
    assert sponsorship.declined is True and sponsorship.withdrawn_at is not None
    assert pending_invitations(proposal) == [] and sponsors_label(proposal) == "China"
    with pytest.raises(NotFound):
        withdraw_cosponsor(db, proposal, get_party(db, "RUS"), actor=people["RUS"])


def test_consenting_cosponsor_leaves_and_main_sponsor_cannot(db, text):
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS"])
    db.commit()
    assert sponsors_label(proposal) == "China, Russian Federation"  # a trusted caller
    sponsorship = withdraw_cosponsor(db, proposal, get_party(db, "RUS"))
    assert sponsorship.declined is False
    with pytest.raises(Conflict, match="main sponsor"):
        withdraw_cosponsor(db, proposal, get_party(db, "CHN"))
    db.commit()
    assert sponsors_label(proposal) == "China"


@pytest.mark.parametrize("decision", ["agreed", "rejected", "withdrawn"])
def test_the_sponsors_of_a_decided_proposal_are_history(db, text, decision):
    # What the room decided stays attributed as it was: no state leaves, joins or declines
    # once the decision is taken, so a blame or an export of the agreed text never changes.
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS"])
    db.commit()
    change_status(db, proposal, decision)
    db.commit()
    with pytest.raises(Conflict, match="too late"):
        withdraw_cosponsor(db, proposal, get_party(db, "RUS"))
    db.rollback()
    assert sponsors_label(proposal) == "China, Russian Federation"
    assert all(s.withdrawn_at is None for s in proposal.sponsorships)
