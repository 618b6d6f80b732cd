"""Finding proposals: by party, status and words, pending ones per provision, and staleness."""

from __future__ import annotations

import pytest

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.errors import NotFound
from workbench.instruments.queries import find_provision
from workbench.models import ProposalStatus
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.queries import (
    ProposalFilter,
    count_matching,
    get_proposal,
    is_stale,
    list_proposals,
    pending_by_provision,
    pending_insertions,
)
from workbench.proposals.revise import revise_proposal
from workbench.proposals.sponsors import withdraw_cosponsor

WORDING = ART2.replace("Each Party", "Each State Party")


def _found(db, **where):
    found = [p.id for p in list_proposals(db, ProposalFilter(**where))]
    assert count_matching(db, ProposalFilter(**where)) == len(found)
    return found


def test_filters_by_party_status_and_words(db, text):
    first = table(db, text, "Article 1", "CHN", WORDING, cosponsors=["RUS", "IRN"])
    second = table(
        db, text, "Article 4", "BRA", "Each State Party shall name 100% of its 24_7 contacts."
    )
    withdraw_cosponsor(db, first, get_party(db, "IRN"))
    revise_proposal(
        db, first, texts={"en": WORDING.replace("without right", "unlawfully")}, rationale="Terse."
    )
    change_status(db, second, "rejected")
    db.commit()
    assert _found(db, instrument=text) == [first.id, second.id]
    assert _found(db, party=get_party(db, "RUS")) == [first.id]
    assert _found(db, party=get_party(db, "IRN")) == []  # it left
    assert _found(db, status=ProposalStatus.REJECTED) == [second.id]
    assert _found(db, provision=find_provision(db, text, "Article 4")) == [second.id]
    # Words of the wording now proposed or of a rationale, in any case; never an old wording.
    assert _found(db, q="UNLAWFULLY") == [first.id]
    assert _found(db, q="terse") == [first.id]
    assert _found(db, q="without right") == []
    # % and _ are searched as typed, not as wildcards.
    assert _found(db, q="100%") == [second.id]
    assert _found(db, q="24_7") == [second.id]
    assert _found(db, q="1%0") == [] and _found(db, q="24x7") == [] and _found(db, q="2_") == []


def test_get_proposal_refuses_what_is_not_an_id(db, text):
    proposal = table(db, text, "Article 1", "CHN", WORDING)
    db.commit()
    assert get_proposal(db, proposal.id) is proposal
    for wrong in (True, "1", proposal.id + 1000):
        with pytest.raises(NotFound):
            get_proposal(db, wrong)


def test_pending_proposals_per_provision_and_staleness(db, text):
    article1 = find_provision(db, text, "Article 1")
    article3 = find_provision(db, text, "Article 3")
    agreed = table(db, text, "Article 1", "CHN", WORDING)
    stale = table(db, text, "Article 1", "USA", ART2 + " Extra.")
    after = table(db, text, "Article 3", "CHN", "States shall cooperate.", kind="insert")
    assert not is_stale(stale)
    change_status(db, agreed, "agreed")
    db.commit()
    assert is_stale(stale) and not is_stale(after)
    pending = pending_by_provision(db, text)
    assert {k: [p.id for p in v] for k, v in pending.items()} == {
        article1.id: [stale.id],
        article3.id: [after.id],
    }
    at_chapter, after_provision = pending_insertions(pending)
    assert at_chapter == {} and {k: [p.id for p in v] for k, v in after_provision.items()} == {
        article3.id: [after.id]
    }
