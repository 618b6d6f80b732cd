"""Decisions on proposals: the session they are recorded under, the moves allowed and refused."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.proposals.wording import ART2
from tests.scenario import table
from workbench.db import utcnow
from workbench.errors import Conflict, Forbidden, InvalidInput
from workbench.instruments.queries import current_version, provision_history
from workbench.models import Session as Meeting
from workbench.models import StatusChange, Version
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.stances import record_stance
from workbench.sessions.operations import get_session, set_current_session
from workbench.users.operations import create_user


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


WORDING = ART2.replace("Each Party", "Each State Party")


def test_decisions_are_recorded_under_the_session_in_progress(db, text):
    ahc1, ahc2 = get_session(db, "AHC-1"), get_session(db, "AHC-2")
    proposal = table(db, text, "Article 1", "CHN", WORDING)
    other = table(db, text, "Article 4", "EGY", "Each State Party shall name a contact point.")
    into = table(db, text, "Article 4", "CHN", "Each State Party shall name a 24/7 contact.")
    set_current_session(db, ahc2, actor=None)
    change_status(db, proposal, "under_discussion")
    change_status(db, proposal, "agreed", note="Agreed ad referendum")
    change_status(db, other, "merged", merged_into=into)
    stance = record_stance(db, into, get_party(db, "USA"), "support")
    db.commit()
    # Tabled at the first session, decided at the second, the one in progress.
    assert proposal.session_id == ahc1.id
    assert [c.session_id for c in proposal.status_changes] == [ahc1.id, ahc2.id, ahc2.id]
    assert current_version(db, proposal.provision).session_id == ahc2.id
    assert [c.session_id for c in other.status_changes] == [ahc1.id, ahc2.id]
    assert stance.session_id == ahc2.id
    # A session named explicitly wins over the one in progress.
    change_status(db, into, "under_discussion", session=ahc1)
    db.commit()
    assert into.status_changes[-1].session_id == ahc1.id


def test_without_a_session_in_progress_decisions_go_to_the_latest_begun(db, text):
    set_current_session(db, None, actor=None)
    proposal = table(db, text, "Article 1", "CHN", WORDING)
    change_status(db, proposal, "rejected")
    db.commit()
    today = utcnow().date()
    decided = db.get(Meeting, proposal.status_changes[-1].session_id)
    assert decided is not None and decided.starts_on <= today
    later = db.scalar(
        select(func.count())
        .select_from(Meeting)
        .where(
            Meeting.starts_on > decided.starts_on,
            Meeting.starts_on <= today,
        )
    )
    assert later == 0


def _counts(db):
    return (
        db.scalar(select(func.count()).select_from(Version)),
        db.scalar(select(func.count()).select_from(StatusChange)),
    )


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("delegate agrees", Forbidden),
        ("other delegate withdraws", Forbidden),
        ("unknown status", InvalidInput),
        ("merge into nothing", InvalidInput),
        ("merge into itself", InvalidInput),
        ("names a merge target", InvalidInput),
        ("stale", Conflict),
    ],
)
def test_bad_decisions_write_nothing(db, text, case, error):
    proposal = table(db, text, "Article 1", "CHN", WORDING)
    kwargs: dict = {"to_status": "agreed"}
    if case == "delegate agrees":
        kwargs["actor"] = _delegate(db, "CHN")
    elif case == "other delegate withdraws":
        kwargs.update(to_status="withdrawn", actor=_delegate(db, "USA"))
    elif case == "unknown status":
        kwargs["to_status"] = "approved"
    elif case == "merge into nothing":
        kwargs["to_status"] = "merged"
    elif case == "merge into itself":
        kwargs.update(to_status="merged", merged_into=proposal)
    elif case == "names a merge target":
        other = table(db, text, "Article 2", "USA", None, kind="delete")
        kwargs.update(to_status="rejected", merged_into=other)
    elif case == "stale":
        change_status(db, table(db, text, "Article 1", "USA", ART2 + " Extra."), "agreed")
    db.commit()
    before = _counts(db)
    with pytest.raises(error):
        change_status(db, proposal, **kwargs)
    db.rollback()
    assert _counts(db) == before and proposal.status == "tabled"


def _delegate(db, code):
    return create_user(
        db,
        name=f"{code.lower()}-delegate",
        role="delegate",
        password="correct horse battery staple",
        party=get_party(db, code),
    )
