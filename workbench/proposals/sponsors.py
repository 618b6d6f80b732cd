"""Sponsors of a proposal: who stands behind it, the label naming them, joining and leaving.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from workbench.db import utcnow
from workbench.errors import Conflict, NotFound
from workbench.parties.models import Party
from workbench.proposals.models import (
    Proposal,
    SponsorRole,
    Sponsorship,
)
from workbench.proposals.status import require_pending
from workbench.sessions.models import Session as Meeting
from workbench.users.audit import record_audit
from workbench.users.models import User
from workbench.users.permissions import require_party_hand


def active_sponsorships(proposal: Proposal) -> list[Sponsorship]:
    """Sponsorships in force, main sponsor first, then co-sponsors in the order they joined."""
    active = [s for s in proposal.sponsorships if s.withdrawn_at is None]
    # SQLite hands back naive UTC times while a sponsorship added in this session holds an
    # aware one; comparing the two raises, so compare them as UTC instants.
    return sorted(active, key=lambda s: (s.role != SponsorRole.MAIN, as_utc(s.joined_at), s.id))


def as_utc(moment: datetime) -> datetime:
    """A time from any backend as an aware UTC time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def main_sponsorship(proposal: Proposal) -> Sponsorship:
    """The main sponsor's sponsorship."""
    return next(s for s in proposal.sponsorships if s.role == SponsorRole.MAIN)


def sponsors_label(proposal: Proposal, lang: str = "en") -> str:
    """Sponsors as the UN writes them: "South Africa on behalf of the African Group, China"."""
    names = []
    for sponsorship in active_sponsorships(proposal):
        name = sponsorship.party.name(lang)
        if sponsorship.on_behalf_of is not None:
            group = sponsorship.on_behalf_of.name(lang)
            name = f"{name}代表{group}" if lang == "zh" else f"{name} on behalf of the {group}"
        names.append(name)
    return ("、" if lang == "zh" else ", ").join(names)


def add_cosponsor(
    db: Session,
    proposal: Proposal,
    party: Party,
    *,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Sponsorship:
    """A party joins a proposal as co-sponsor."""
    require_party_hand(actor, party.id, party.name_en, action="co-sponsor a proposal")
    require_pending(proposal, "join as co-sponsor")
    for sponsorship in active_sponsorships(proposal):
        if sponsorship.party_id == party.id:
            raise Conflict(f"{party.name_en} already sponsors proposal {proposal.id}.")
    sponsorship = Sponsorship(
        proposal=proposal,
        party=party,
        role=SponsorRole.CO,
        joined_session_id=session.id if session else None,
        recorded_by_id=actor.id if actor else None,
    )
    db.add(sponsorship)
    db.flush()
    record_audit(
        db,
        actor,
        "cosponsor",
        "proposal",
        proposal.id,
        summary=f"{party.code} joins proposal {proposal.id}",
        after={"party": party.code, "session": session.code if session else None},
    )
    return sponsorship


def withdraw_cosponsor(
    db: Session,
    proposal: Proposal,
    party: Party,
    *,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Sponsorship:
    """A co-sponsor withdraws; the sponsorship stays in the history with its end date."""
    require_party_hand(actor, party.id, party.name_en, action="withdraw a co-sponsorship")
    sponsorship = next((s for s in active_sponsorships(proposal) if s.party_id == party.id), None)
    if sponsorship is None:
        raise NotFound(f"{party.name_en} does not sponsor proposal {proposal.id}.")
    if sponsorship.role == SponsorRole.MAIN:
        raise Conflict(
            "The main sponsor cannot leave its own proposal; withdraw the proposal instead."
        )
    sponsorship.withdrawn_at = utcnow()
    sponsorship.withdrawn_session_id = session.id if session else None
    db.flush()
    record_audit(
        db,
        actor,
        "withdraw_cosponsor",
        "proposal",
        proposal.id,
        summary=f"{party.code} leaves proposal {proposal.id}",
        before={"party": party.code, "active": True},
        after={"party": party.code, "active": False},
    )
    return sponsorship
