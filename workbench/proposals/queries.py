"""Reading proposals: one, a filtered list, counts, the pending ones of a text, staleness."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from workbench.errors import NotFound
from workbench.instruments.models import (
    Instrument,
    Provision,
    Version,
)
from workbench.instruments.queries import get_version_by_id
from workbench.parties.models import Party
from workbench.proposals.models import (
    PENDING_STATUSES,
    Proposal,
    ProposalKind,
    ProposalRevision,
    ProposalStatus,
    ProposalText,
    Sponsorship,
    Stance,
    StatusChange,
)
from workbench.sessions.models import Session as Meeting


def _wording_options() -> tuple:
    # What any list of proposals shows: wording, base, sponsors, session, in a fixed number of
    # queries whatever the number of proposals (a lazy load would cost one query per row).
    # Many-to-one links ride along as joins; collections come in one query each.
    return (
        joinedload(Proposal.session),
        joinedload(Proposal.provision),
        joinedload(Proposal.chapter),
        selectinload(Proposal.revisions).options(
            selectinload(ProposalRevision.texts),
            joinedload(ProposalRevision.base_version),
        ),
        selectinload(Proposal.sponsorships),
    )


def _with_details(query):
    # A proposal shown on its own also brings its stances and status history.
    return query.options(
        *_wording_options(),
        joinedload(Proposal.instrument),
        selectinload(Proposal.stances).joinedload(Stance.session),
        selectinload(Proposal.status_changes).joinedload(StatusChange.session),
    )


def get_proposal(db: Session, proposal_id: int) -> Proposal:
    """The proposal with this id (revisions, sponsors, stances loaded), or NotFound."""
    if not isinstance(proposal_id, int) or isinstance(proposal_id, bool):
        raise NotFound(f"No proposal with the id {proposal_id!r}.")
    proposal = db.scalar(_with_details(select(Proposal).where(Proposal.id == proposal_id)))
    if proposal is None:
        raise NotFound(f"No proposal with the id {proposal_id!r}.")
    return proposal


@dataclass(frozen=True)
class ProposalFilter:
    """Which proposals a list shows: by text, provision, session, party, status, words."""

    instrument: Instrument | None = None
    provision: Provision | None = None
    session: Meeting | None = None
    party: Party | None = None
    status: ProposalStatus | Iterable[ProposalStatus] | None = None
    # Words in the wording now proposed or in a rationale (any language, any case).
    q: str | None = None

    def where(self) -> list:
        """The conditions, for a list and its count alike."""
        conditions: list = []
        if self.instrument is not None:
            conditions.append(Proposal.instrument_id == self.instrument.id)
        if self.provision is not None:
            conditions.append(
                (Proposal.provision_id == self.provision.id)
                | (Proposal.inserted_provision_id == self.provision.id)
            )
        if self.session is not None:
            conditions.append(Proposal.session_id == self.session.id)
        if self.party is not None:
            # Named sponsors and co-sponsors, invitations still open included.
            conditions.append(
                Proposal.id.in_(
                    select(Sponsorship.proposal_id).where(
                        Sponsorship.party_id == self.party.id, Sponsorship.withdrawn_at.is_(None)
                    )
                )
            )
        if self.status is not None:
            statuses = (
                [self.status] if isinstance(self.status, ProposalStatus) else list(self.status)
            )
            conditions.append(Proposal.status.in_(statuses))
        if self.q:
            conditions.append(_mentions(self.q))
        return conditions


def _mentions(q: str):
    """Proposals whose current wording or any rationale holds the words, as typed."""
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    current = (
        select(ProposalRevision.proposal_id)
        .join(ProposalText, ProposalText.revision_id == ProposalRevision.id)
        .join(Proposal, Proposal.id == ProposalRevision.proposal_id)
        .where(
            ProposalRevision.number == Proposal.current_revision,
            ProposalText.text.ilike(pattern, escape="\\"),
        )
    )
    revised = select(ProposalRevision.proposal_id).where(
        ProposalRevision.rationale.ilike(pattern, escape="\\")
    )
    return (
        Proposal.id.in_(current)
        | Proposal.id.in_(revised)
        | Proposal.rationale.ilike(pattern, escape="\\")
    )


def list_proposals(
    db: Session, where: ProposalFilter | None = None, *, limit: int = 100, offset: int = 0
) -> list[Proposal]:
    """One page of the proposals a filter selects, oldest first, everything they show loaded."""
    query = select(Proposal).where(*(where or ProposalFilter()).where()).order_by(Proposal.id)
    return list(db.scalars(_with_details(query.limit(limit).offset(offset))))


def count_matching(db: Session, where: ProposalFilter | None = None) -> int:
    """How many proposals a filter selects."""
    query = select(func.count()).select_from(Proposal)
    return db.scalar(query.where(*(where or ProposalFilter()).where())) or 0


def count_proposals(db: Session, instrument: Instrument | None = None) -> dict[str, int]:
    """Proposals per status."""
    query = select(Proposal.status, func.count()).group_by(Proposal.status)
    if instrument is not None:
        query = query.where(Proposal.instrument_id == instrument.id)
    return {str(status): count for status, count in db.execute(query)}


def pending_by_provision(db: Session, instrument: Instrument) -> dict[int | None, list[Proposal]]:
    """Pending proposals of an instrument keyed by the provision they touch (one query set)."""
    # What a consolidated text shows of a proposal: wording, base, sponsors, session. Stances
    # and status histories (most of the rows of a large negotiation) are not loaded.
    proposals = db.scalars(
        select(Proposal)
        .where(Proposal.instrument_id == instrument.id, Proposal.status.in_(PENDING_STATUSES))
        .order_by(Proposal.tabled_on, Proposal.id)
        .options(*_wording_options())
    )
    grouped: dict[int | None, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        grouped[proposal.provision_id].append(proposal)
    return grouped


def is_stale(proposal: Proposal) -> bool:
    """True when the text the proposal was drafted on is no longer the current one."""
    if proposal.kind == ProposalKind.INSERT or proposal.provision is None:
        return False
    base = proposal.revision.base_version
    return base is None or base.number != proposal.provision.current_number


def proposal_base(db: Session, proposal: Proposal) -> Version | None:
    """The version the proposal's current revision was drafted on."""
    base_id = proposal.revision.base_version_id
    return get_version_by_id(db, base_id) if base_id else None


def pending_insertions(
    pending: dict[int | None, list[Proposal]],
) -> tuple[dict[int, list[Proposal]], dict[int, list[Proposal]]]:
    """Pending insertions of ``pending_by_provision``: at a chapter's start, after a provision."""
    at_chapter: dict[int, list[Proposal]] = defaultdict(list)
    after: dict[int, list[Proposal]] = defaultdict(list)
    for proposals in pending.values():
        for proposal in proposals:
            if proposal.kind != ProposalKind.INSERT:
                continue
            if proposal.provision_id is not None:
                after[proposal.provision_id].append(proposal)
            elif proposal.chapter_id is not None:
                at_chapter[proposal.chapter_id].append(proposal)
    return at_chapter, after
