"""Stances: each party's latest support, opposition or reservation, kept with its history."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.errors import Forbidden, InvalidInput
from workbench.models import Stance
from workbench.parties.operations import get_party
from workbench.proposals.revise import revise_proposal
from workbench.proposals.stances import current_stances, on_earlier_revision, record_stance
from workbench.sessions.operations import get_session
from workbench.users.operations import create_user

WORDING = ART2.replace("Each Party", "Each State Party")


def test_latest_stance_counts_and_notes_the_wording_it_was_given_on(db, text):
    proposal = table(db, text, "Article 1", "CHN", WORDING)
    usa, brazil = get_party(db, "USA"), get_party(db, "BRA")
    record_stance(db, proposal, usa, "reserve", session=get_session(db, "AHC-1"))
    record_stance(db, proposal, brazil, "support")
    db.commit()
    revise_proposal(db, proposal, texts={"en": WORDING.replace("without right", "unlawfully")})
    latest = record_stance(db, proposal, usa, "oppose", note="Too broad.")
    db.commit()
    stances = current_stances(proposal)
    assert {p: s.position for p, s in stances.items()} == {usa.id: "oppose", brazil.id: "support"}
    assert stances[usa.id].id == latest.id and latest.revision == 2
    assert on_earlier_revision(stances[brazil.id]) and not on_earlier_revision(latest)
    assert len(proposal.stances) == 3  # the reservation is kept in the history


def _stances(db):
    return db.scalar(select(func.count()).select_from(Stance))


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("unknown position", InvalidInput),
        ("own proposal", InvalidInput),
        ("consenting co-sponsor", InvalidInput),
        ("another party's delegate", Forbidden),
    ],
)
def test_bad_stances_write_nothing(db, text, case, error):
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS"])
    party, position, actor = get_party(db, "USA"), "support", None
    if case == "unknown position":
        position = "abstain"
    elif case == "own proposal":
        party = get_party(db, "CHN")
    elif case == "consenting co-sponsor":
        party = get_party(db, "RUS")
    elif case == "another party's delegate":
        actor = create_user(
            db,
            name="bra-delegate",
            role="delegate",
            password="correct horse battery staple",
            party=get_party(db, "BRA"),
        )
    db.commit()
    before = _stances(db)
    with pytest.raises(error):
        record_stance(db, proposal, party, position, actor=actor)
    db.rollback()
    assert _stances(db) == before
