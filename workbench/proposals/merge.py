"""Merging a proposal into another, whose sponsors it joins.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.errors import InvalidInput
from workbench.proposals.models import (
    Proposal,
    ProposalStatus,
)
from workbench.proposals.sponsors import active_sponsorships, consent, invite_cosponsor
from workbench.proposals.status import move_status, require_pending
from workbench.sessions.models import Session as Meeting
from workbench.sessions.operations import decision_session
from workbench.users.models import Role, User
from workbench.users.permissions import require_role


def merge_proposal(
    db: Session,
    proposal: Proposal,
    into: Proposal | None,
    *,
    note: str | None = None,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Proposal:
    """Merge a proposal into another; its sponsors are invited to co-sponsor the other.

    They consented to their own wording, not to the other's: each is named on it once it
    accepts (a trusted server-side caller records the consent at once).
    """
    require_role(actor, Role.SECRETARIAT, action="merge proposals")
    session = decision_session(db, session)
    if into is None:
        raise InvalidInput("Say which proposal this one is merged into.", field="merged_into")
    if into.id == proposal.id:
        raise InvalidInput("A proposal cannot be merged into itself.", field="merged_into")
    if into.instrument_id != proposal.instrument_id:
        raise InvalidInput("Proposals on different texts cannot be merged.", field="merged_into")
    require_pending(into, "merge into it")
    joined = {s.party_id for s in active_sponsorships(into)}
    for sponsorship in active_sponsorships(proposal):
        if sponsorship.party_id not in joined:
            invitation = invite_cosponsor(into, sponsorship.party, session=session, actor=actor)
            if actor is None:
                consent(invitation, actor)
            joined.add(sponsorship.party_id)
    proposal.merged_into_id = into.id
    move_status(
        db,
        proposal,
        ProposalStatus.MERGED,
        note=note,
        session=session,
        actor=actor,
        after={"merged_into": into.id},
    )
    return proposal
