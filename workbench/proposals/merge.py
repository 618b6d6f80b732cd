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
    SponsorRole,
    Sponsorship,
)
from workbench.proposals.sponsors import active_sponsorships
from workbench.proposals.status import move_status, require_pending
from workbench.sessions.models import Session as Meeting
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
    """Merge a proposal into another; its sponsors join the other as co-sponsors."""
    require_role(actor, Role.SECRETARIAT, action="merge proposals")
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
            into.sponsorships.append(
                Sponsorship(
                    party_id=sponsorship.party_id,
                    role=SponsorRole.CO,
                    joined_session_id=session.id if session else None,
                    recorded_by_id=actor.id if actor else None,
                )
            )
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
