"""A party's record: it is named as co-sponsor only with consent; invitations are listed apart."""

from __future__ import annotations

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.parties.operations import get_party
from workbench.proposals.records import party_record
from workbench.proposals.revise import revise_proposal
from workbench.proposals.sponsors import add_cosponsor, withdraw_cosponsor
from workbench.proposals.stances import record_stance
from workbench.users.operations import create_user

WORDING = ART2.replace("Each Party", "Each State Party")


def _ids(proposals):
    return [p.id for p in proposals]


def test_invitation_consent_new_wording_and_decline_in_the_record(db, text):
    china = create_user(
        db,
        name="chn-delegate",
        role="delegate",
        password="correct horse battery staple",
        party=get_party(db, "CHN"),
    )
    russia, iran = get_party(db, "RUS"), get_party(db, "IRN")
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS", "IRN"], actor=china)
    db.commit()
    record = party_record(db, russia)
    assert record["cosponsored"] == [] and _ids(record["invited"]) == [proposal.id]
    assert record["summary"]["cosponsored"]["total"] == 0

    add_cosponsor(db, proposal, russia)
    withdraw_cosponsor(db, proposal, iran)  # declines the invitation
    db.commit()
    record = party_record(db, russia)
    assert _ids(record["cosponsored"]) == [proposal.id] and record["invited"] == []
    iran_record = party_record(db, iran)
    assert iran_record["cosponsored"] == [] and iran_record["invited"] == []
    assert [s.declined for s in iran_record["cosponsorships_withdrawn"]] == [True]

    # A new wording: Russia is asked again, and listed as invited until it consents anew.
    revise_proposal(db, proposal, texts={"en": WORDING.replace("without right", "unlawfully")})
    record_stance(db, proposal, get_party(db, "USA"), "oppose")
    db.commit()
    record = party_record(db, russia)
    assert record["cosponsored"] == [] and _ids(record["invited"]) == [proposal.id]
    assert _ids(party_record(db, get_party(db, "CHN"))["sponsored"]) == [proposal.id]
    assert _ids(party_record(db, get_party(db, "USA"))["opposed"]) == [proposal.id]
