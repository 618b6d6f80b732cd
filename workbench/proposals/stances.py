"""Stances: a party's support, opposition or reservation on a proposal.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from workbench.db import utcnow
from workbench.errors import InvalidInput
from workbench.parties.models import Party
from workbench.proposals.models import (
    Proposal,
    Stance,
    StancePosition,
)
from workbench.proposals.sponsors import confirmed_sponsorships
from workbench.sessions.models import Session as Meeting
from workbench.sessions.operations import decision_session
from workbench.users.audit import record_audit
from workbench.users.models import User
from workbench.users.permissions import require_party_hand
from workbench.validation import clean_text


def record_stance(
    db: Session,
    proposal: Proposal,
    party: Party,
    position: StancePosition | str,
    *,
    session: Meeting | None = None,
    stated_on: date | None = None,
    note: str | None = None,
    actor: User | None = None,
) -> Stance:
    """Record a party's support, opposition or reservation on a proposal."""
    try:
        position = StancePosition(position)
    except ValueError:
        raise InvalidInput(
            f"Unknown stance {position!r} (use support, oppose or reserve).", field="position"
        ) from None
    require_party_hand(actor, party.id, party.name_en, action="record a stance")
    if any(s.party_id == party.id for s in confirmed_sponsorships(proposal)):
        raise InvalidInput(
            f"{party.name_en} sponsors proposal {proposal.id}; a sponsor states no stance on "
            "its own proposal (it may leave the sponsors first).",
            field="party",
        )
    session = decision_session(db, session)
    stance = Stance(
        proposal=proposal,
        party=party,
        position=position,
        session_id=session.id if session else None,
        stated_on=stated_on or utcnow().date(),
        note=clean_text(note, "note", required=False),
        revision=proposal.current_revision,
        recorded_by_id=actor.id if actor else None,
    )
    db.add(stance)
    db.flush()
    record_audit(
        db,
        actor,
        "stance",
        "proposal",
        proposal.id,
        summary=f"{party.code} {position} proposal {proposal.id}",
        after={
            "party": party.code,
            "position": str(position),
            "session": session.code if session else None,
        },
    )
    return stance


def current_stances(proposal: Proposal) -> dict[int, Stance]:
    """Each party's latest stance on a proposal, keyed by party id (the history is kept)."""
    latest: dict[int, Stance] = {}
    for stance in sorted(proposal.stances, key=lambda s: s.id):
        latest[stance.party_id] = stance
    return latest


def on_earlier_revision(stance: Stance) -> bool:
    """Whether the stance was given on a wording the proposal has since revised."""
    return (stance.revision or 1) < stance.proposal.current_revision
