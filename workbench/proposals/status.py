"""The status of a proposal: the moves allowed, and recording one move with its session."""

from __future__ import annotations

from workbench.errors import Conflict
from workbench.events.record import record_event
from workbench.proposals.models import (
    PENDING_STATUSES,
    Proposal,
    ProposalStatus,
    StatusChange,
)
from workbench.users.audit import record_audit
from workbench.validation import clean_text

# Allowed status moves; agreed, rejected, withdrawn and merged are final.
TRANSITIONS: dict[ProposalStatus, set[ProposalStatus]] = {
    ProposalStatus.TABLED: {
        ProposalStatus.UNDER_DISCUSSION,
        ProposalStatus.AGREED,
        ProposalStatus.REJECTED,
        ProposalStatus.WITHDRAWN,
        ProposalStatus.MERGED,
    },
    ProposalStatus.UNDER_DISCUSSION: {
        ProposalStatus.TABLED,
        ProposalStatus.AGREED,
        ProposalStatus.REJECTED,
        ProposalStatus.WITHDRAWN,
        ProposalStatus.MERGED,
    },
    ProposalStatus.AGREED: set(),
    ProposalStatus.REJECTED: set(),
    ProposalStatus.WITHDRAWN: set(),
    ProposalStatus.MERGED: set(),
}


def require_pending(proposal: Proposal, action: str) -> None:
    """Refuse to act on a proposal that is no longer pending."""
    if proposal.status not in PENDING_STATUSES:
        raise Conflict(f"Proposal {proposal.id} is {proposal.status}; it is too late to {action}.")


def move_status(db, proposal, to_status, *, note, session, actor, after=None):
    """Move a proposal to a status, with its history entry and audit row."""
    before = proposal.status
    proposal.status = to_status
    proposal.status_changes.append(
        StatusChange(
            from_status=before,
            to_status=to_status,
            note=clean_text(note, "note", required=False),
            session_id=session.id if session else None,
            user_id=actor.id if actor else None,
        )
    )
    db.flush()
    record_audit(
        db,
        actor,
        "status",
        "proposal",
        proposal.id,
        summary=f"proposal {proposal.id}: {before} -> {to_status}",
        before={"status": str(before)},
        after={"status": str(to_status), **(after or {})},
    )
    record_event(
        db,
        "decided",
        proposal=proposal.id,
        provision=proposal.provision_id,
        instrument=proposal.instrument_id,
        session=session.id if session else None,
        status=to_status,
    )
