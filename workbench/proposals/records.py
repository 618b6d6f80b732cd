"""Party records: what a state or group sponsored, co-sponsored, supported and opposed."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from workbench.parties.models import Party, PartyMembership
from workbench.proposals.models import (
    Proposal,
    ProposalRevision,
    ProposalStatus,
    SponsorRole,
    Sponsorship,
    Stance,
)


def _entry_options() -> tuple:
    # Each entry of a record names the article, the session and the wording proposed.
    return (
        joinedload(Proposal.provision),
        joinedload(Proposal.session),
        selectinload(Proposal.revisions).selectinload(ProposalRevision.texts),
        selectinload(Proposal.sponsorships),
    )


def _summary(proposals: list[Proposal]) -> dict:
    statuses = Counter(str(p.status) for p in proposals)
    return {
        "total": len(proposals),
        "by_status": dict(sorted(statuses.items())),
        "agreed": statuses.get(str(ProposalStatus.AGREED), 0),
    }


def party_record(db: Session, party: Party) -> dict:
    """What a party sponsored, co-sponsored, supported, opposed and reserved on."""
    sponsorships = list(
        db.scalars(
            select(Sponsorship)
            .where(Sponsorship.party_id == party.id)
            .options(selectinload(Sponsorship.proposal).options(*_entry_options()))
            .order_by(Sponsorship.id)
        )
    )
    sponsored = [s.proposal for s in sponsorships if s.role == SponsorRole.MAIN]
    # Named as co-sponsor only with consent; open invitations are listed apart.
    cosponsored = [s.proposal for s in sponsorships if s.role == SponsorRole.CO and s.confirmed]
    invited = [
        s.proposal
        for s in sponsorships
        if s.role == SponsorRole.CO and s.active and not s.confirmed
    ]
    withdrawn = [s for s in sponsorships if s.role == SponsorRole.CO and not s.active]
    on_behalf = list(
        db.scalars(
            select(Proposal)
            .join(Sponsorship)
            .where(Sponsorship.on_behalf_of_id == party.id)
            .order_by(Proposal.id)
            .options(*_entry_options())
        )
    )
    stances: dict[int, Stance] = {}
    for stance in db.scalars(
        select(Stance)
        .where(Stance.party_id == party.id)
        .order_by(Stance.id)
        .options(selectinload(Stance.proposal).options(*_entry_options()))
    ):
        stances[stance.proposal_id] = stance  # the latest stance per proposal counts
    by_position: dict[str, list[Proposal]] = defaultdict(list)
    for stance in stances.values():
        by_position[str(stance.position)].append(stance.proposal)
    return {
        "party": party.code,
        "sponsored": sponsored,
        "cosponsored": cosponsored,
        "invited": invited,
        "cosponsorships_withdrawn": withdrawn,
        "on_behalf_of": on_behalf,
        "supported": by_position.get("support", []),
        "opposed": by_position.get("oppose", []),
        "reserved": by_position.get("reserve", []),
        "summary": {
            "sponsored": _summary(sponsored),
            "cosponsored": _summary(cosponsored),
            "on_behalf_of": _summary(on_behalf),
            "stances": {position: len(items) for position, items in sorted(by_position.items())},
        },
    }


def group_record(db: Session, group: Party) -> dict:
    """A group's members' records together, so that bloc positions can be compared."""
    members = list(
        db.scalars(
            select(Party)
            .join(PartyMembership, PartyMembership.member_id == Party.id)
            .where(PartyMembership.group_id == group.id)
            .order_by(Party.name_en)
        )
    )
    member_ids = [m.id for m in members]
    sponsorships = (
        list(
            db.scalars(
                select(Sponsorship)
                .where(Sponsorship.party_id.in_(member_ids))
                .options(selectinload(Sponsorship.proposal).options(*_entry_options()))
            )
        )
        if member_ids
        else []
    )
    per_member: dict[int, Counter] = {m.id: Counter() for m in members}
    sponsored: dict[int, Proposal] = {}
    cosponsored: dict[int, Proposal] = {}
    for sponsorship in sponsorships:
        counter = per_member[sponsorship.party_id]
        if sponsorship.role == SponsorRole.MAIN:
            counter["sponsored"] += 1
            sponsored[sponsorship.proposal_id] = sponsorship.proposal
            if sponsorship.proposal.status == ProposalStatus.AGREED:
                counter["sponsored_agreed"] += 1
        elif sponsorship.confirmed:
            counter["cosponsored"] += 1
            cosponsored[sponsorship.proposal_id] = sponsorship.proposal
    latest: dict[tuple[int, int], Stance] = {}
    if member_ids:
        for stance in db.scalars(
            select(Stance).where(Stance.party_id.in_(member_ids)).order_by(Stance.id)
        ):
            latest[(stance.party_id, stance.proposal_id)] = stance
    for stance in latest.values():
        per_member[stance.party_id][str(stance.position)] += 1
    own = party_record(db, group)
    return {
        "group": group.code,
        "members": [{"party": m, "counts": dict(per_member[m.id])} for m in members],
        "sponsored_by_members": _summary(list(sponsored.values())),
        "cosponsored_by_members": _summary(list(cosponsored.values())),
        "on_behalf_of_group": own["summary"]["on_behalf_of"],
        "stances_of_members": dict(Counter(str(s.position) for s in latest.values())),
        "proposals": sorted(sponsored.values(), key=lambda p: p.id),
    }
