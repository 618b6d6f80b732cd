"""Sponsors of a proposal: who stands behind it with its consent, and how they are named.

A state is named as sponsor or co-sponsor only with its consent. The tabling state consents
by tabling; a co-sponsor it names is invited, and counts only once that state's delegate
accepts (or the secretariat records a consent given orally in the room). Consent is given to
one wording: a new revision asks the co-sponsors again.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.db import as_utc, utcnow
from workbench.errors import Conflict, NotFound
from workbench.parties.models import Party
from workbench.proposals.models import Proposal, SponsorRole, Sponsorship
from workbench.proposals.status import require_pending
from workbench.sessions.models import Session as Meeting
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_party_hand


def active_sponsorships(proposal: Proposal) -> list[Sponsorship]:
    """Sponsorships in force (invitations included), main sponsor first, then by joining."""
    active = [s for s in proposal.sponsorships if s.withdrawn_at is None]
    # SQLite hands back naive UTC times while a sponsorship added in this session holds an
    # aware one; comparing the two raises, so compare them as UTC instants.
    return sorted(active, key=lambda s: (s.role != SponsorRole.MAIN, as_utc(s.joined_at), s.id))


def confirmed_sponsorships(proposal: Proposal) -> list[Sponsorship]:
    """The sponsors a document may name: in force and consenting to the current wording."""
    return [s for s in active_sponsorships(proposal) if s.confirmed]


def pending_invitations(proposal: Proposal) -> list[Sponsorship]:
    """Co-sponsors named but not (or not again, after a new wording) consenting yet."""
    return [s for s in active_sponsorships(proposal) if not s.confirmed]


def main_sponsorship(proposal: Proposal) -> Sponsorship:
    """The main sponsor's sponsorship."""
    return next(s for s in proposal.sponsorships if s.role == SponsorRole.MAIN)


def sponsor_name(sponsorship: Sponsorship, lang: str = "en") -> str:
    """One sponsor as the UN names it: "South Africa on behalf of the African Group"."""
    name = sponsorship.party.name(lang)
    if sponsorship.on_behalf_of is None:
        return name
    group = sponsorship.on_behalf_of.name(lang)
    return f"{name}代表{group}" if lang == "zh" else f"{name} on behalf of the {group}"


def join_names(names: list[str], lang: str = "en") -> str:
    """Names in a row, as each language lists them ("China, Brazil"; "中国、巴西")."""
    return ("、" if lang == "zh" else ", ").join(names)


def sponsor_names(proposal: Proposal, lang: str = "en") -> list[str]:
    """The consenting sponsors' names, main sponsor first."""
    return [sponsor_name(s, lang) for s in confirmed_sponsorships(proposal)]


def sponsors_label(proposal: Proposal, lang: str = "en") -> str:
    """Sponsors as the UN writes them: "South Africa on behalf of the African Group, China"."""
    return join_names(sponsor_names(proposal, lang), lang)


def sponsor_codes(proposal: Proposal) -> list[str]:
    """The codes of the consenting sponsors, main sponsor first."""
    return [s.party.code for s in confirmed_sponsorships(proposal)]


def consent(sponsorship: Sponsorship, actor: User | None) -> None:
    """Record a party's consent to the proposal's current wording."""
    sponsorship.confirmed_revision = sponsorship.proposal.current_revision
    sponsorship.confirmed_at = utcnow()
    sponsorship.consent_by_id = actor.id if actor else None
    # The secretariat records what a delegation said in the room; a delegate acts itself.
    sponsorship.consent_oral = actor is not None and actor.role != Role.DELEGATE


def add_cosponsor(
    db: Session,
    proposal: Proposal,
    party: Party,
    *,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Sponsorship:
    """A party co-sponsors: accepts its invitation, confirms a new wording, or joins."""
    require_party_hand(actor, party.id, party.name_en, action="co-sponsor a proposal")
    require_pending(proposal, "join as co-sponsor")
    sponsorship = next((s for s in active_sponsorships(proposal) if s.party_id == party.id), None)
    if sponsorship is not None and sponsorship.confirmed:
        raise Conflict(f"{party.name_en} already sponsors proposal {proposal.id}.")
    action = "accept_cosponsorship" if sponsorship is not None else "cosponsor"
    if sponsorship is None:
        sponsorship = Sponsorship(
            proposal=proposal,
            party=party,
            role=SponsorRole.CO,
            joined_session_id=session.id if session else None,
            recorded_by_id=actor.id if actor else None,
        )
        db.add(sponsorship)
    consent(sponsorship, actor)
    db.flush()
    oral = (
        " (consent given orally, recorded by the secretariat)" if sponsorship.consent_oral else ""
    )
    record_audit(
        db,
        actor,
        action,
        "proposal",
        proposal.id,
        summary=f"{party.code} co-sponsors proposal {proposal.id}{oral}",
        after={
            "party": party.code,
            "revision": proposal.current_revision,
            "oral": sponsorship.consent_oral,
            "session": session.code if session else None,
        },
    )
    return sponsorship


def invite_cosponsor(
    proposal: Proposal, party: Party, *, session: Meeting | None, actor: User | None
) -> Sponsorship:
    """Name a co-sponsor: an invitation the named state accepts or declines."""
    sponsorship = Sponsorship(
        party=party,
        role=SponsorRole.CO,
        joined_at=utcnow(),
        joined_session_id=session.id if session else None,
        recorded_by_id=actor.id if actor else None,
    )
    # Appended through the collection, so that it is saved with the proposal.
    proposal.sponsorships.append(sponsorship)
    return sponsorship


def withdraw_cosponsor(
    db: Session,
    proposal: Proposal,
    party: Party,
    *,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Sponsorship:
    """A co-sponsor leaves, or an invited state declines; the record stays in the history."""
    require_party_hand(actor, party.id, party.name_en, action="withdraw a co-sponsorship")
    # Once the room has decided, the sponsors are part of the record the decision names.
    require_pending(proposal, "leave or decline as co-sponsor")
    sponsorship = next((s for s in active_sponsorships(proposal) if s.party_id == party.id), None)
    if sponsorship is None:
        raise NotFound(f"{party.name_en} does not sponsor proposal {proposal.id}.")
    if sponsorship.role == SponsorRole.MAIN:
        raise Conflict(
            "The main sponsor cannot leave its own proposal; withdraw the proposal instead."
        )
    # Never having consented, the state declines the invitation rather than leaving.
    sponsorship.declined = sponsorship.confirmed_revision is None
    sponsorship.withdrawn_at = utcnow()
    sponsorship.withdrawn_session_id = session.id if session else None
    db.flush()
    verb = "declines the invitation to" if sponsorship.declined else "leaves"
    record_audit(
        db,
        actor,
        "decline_cosponsorship" if sponsorship.declined else "withdraw_cosponsor",
        "proposal",
        proposal.id,
        summary=f"{party.code} {verb} proposal {proposal.id}",
        before={"party": party.code, "active": True},
        after={"party": party.code, "active": False, "declined": sponsorship.declined},
    )
    return sponsorship
