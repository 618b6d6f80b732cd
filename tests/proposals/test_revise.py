"""Revising a proposal: a new wording kept beside the earlier ones, and the co-sponsors asked again."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.errors import Conflict, InvalidInput
from workbench.models import ProposalRevision, Sponsorship
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.revise import revise_proposal
from workbench.proposals.sponsors import add_cosponsor, pending_invitations, sponsors_label

WORDING = ART2.replace("Each Party", "Each State Party")
NEW_WORDING = WORDING.replace("without right", "without authorization")


def test_new_wording_asks_cosponsors_again(db, text):
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS", "IRN"])
    db.commit()
    assert sponsors_label(proposal) == "China, Russian Federation, Iran (Islamic Republic of)"

    revision = revise_proposal(db, proposal, texts={"en": NEW_WORDING}, rationale="Clearer.")
    db.commit()
    assert revision.number == proposal.current_revision == 2
    assert [r.number for r in proposal.revisions] == [1, 2]
    assert proposal.revisions[0].text("en") == WORDING  # the first wording is kept
    assert revision.base_version_id == proposal.revisions[0].base_version_id
    # The co-sponsors consented to the first wording, not to this one.
    assert sponsors_label(proposal) == "China"
    assert [s.party.code for s in pending_invitations(proposal)] == ["RUS", "IRN"]

    add_cosponsor(db, proposal, get_party(db, "IRN"))
    db.commit()
    assert sponsors_label(proposal) == "China, Iran (Islamic Republic of)"


def _counts(db):
    return (
        db.scalar(select(func.count()).select_from(ProposalRevision)),
        db.scalar(
            select(func.count())
            .select_from(Sponsorship)
            .where(Sponsorship.confirmed_revision.is_not(None))
        ),
    )


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("same wording", InvalidInput),
        ("base wording", InvalidInput),
        ("empty wording", InvalidInput),
        ("unknown language", InvalidInput),
        ("deletion", InvalidInput),
        ("decided", Conflict),
    ],
)
def test_bad_revisions_write_nothing(db, text, case, error):
    proposal = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS"])
    texts = {"en": NEW_WORDING}
    if case == "same wording":
        texts = {"en": WORDING}
    elif case == "base wording":
        texts = {"en": ART2}
    elif case == "empty wording":
        texts = {"en": "  "}
    elif case == "unknown language":
        texts = {"xx": "words"}
    elif case == "deletion":
        proposal = table(db, text, "Article 2", "CHN", None, kind="delete")
    elif case == "decided":
        change_status(db, proposal, "rejected")
    db.commit()
    before = _counts(db)
    with pytest.raises(error):
        revise_proposal(db, proposal, texts=texts)
    db.rollback()
    assert _counts(db) == before
    assert proposal.current_revision == 1
