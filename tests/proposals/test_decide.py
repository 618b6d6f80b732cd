"""Decisions on proposals: the status moves allowed and those refused."""

from __future__ import annotations

import pytest

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.errors import Conflict, InvalidInput
from workbench.instruments.queries import provision_history
from workbench.proposals.decide import change_status


def test_impossible_status_moves(db, text):
    proposal = table(db, text, "Article 1", "CHN", ART2.replace("Each Party", "Each State Party"))
    change_status(db, proposal, "withdrawn")
    db.commit()
    versions = len(provision_history(db, proposal.provision))
    for target in ("agreed", "under_discussion", "rejected", "tabled"):
        with pytest.raises(Conflict, match="withdrawn"):
            change_status(db, proposal, target)
        db.rollback()
    with pytest.raises(InvalidInput):
        change_status(db, proposal, "approved")
    assert len(provision_history(db, proposal.provision)) == versions
