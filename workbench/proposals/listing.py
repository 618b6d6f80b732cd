"""Read-only queries behind the web pages: bounded lists with everything they show loaded."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from workbench.errors import NotFound
from workbench.instruments.models import Instrument, Provision
from workbench.proposals.models import (
    PENDING_STATUSES,
    Proposal,
    ProposalRevision,
    ProposalStatus,
    StatusChange,
)
from workbench.sessions.models import Session as Meeting


def _fully_loaded(query):
    # Everything a proposal card shows, in a fixed number of queries however many proposals.
    # Base versions are not loaded here: they are versions of the provision shown, which the
    # page has already loaded, so the identity map serves them without a query.
    return query.options(
        joinedload(Proposal.session),
        selectinload(Proposal.revisions).selectinload(ProposalRevision.texts),
        selectinload(Proposal.sponsorships),
        selectinload(Proposal.stances),
    )


def _listed(query):
    # A line in a list: its heading (kind and article), status, sponsors.
    return query.options(
        joinedload(Proposal.session),
        joinedload(Proposal.provision),
        joinedload(Proposal.chapter),
        selectinload(Proposal.sponsorships),
    )


def provision_for_page(db: Session, provision_id: int) -> Provision:
    """A provision with its instrument, chapter and source provision, in one query."""
    provision = db.scalar(
        select(Provision)
        .where(Provision.id == provision_id)
        .options(
            joinedload(Provision.instrument),
            joinedload(Provision.chapter),
            joinedload(Provision.source_provision).joinedload(Provision.instrument),
        )
    )
    if provision is None:
        raise NotFound(f"No provision with the id {provision_id}.")
    return provision


def provision_proposals(
    db: Session,
    provision: Provision,
    *,
    pending: bool,
    limit: int = 50,
    offset: int = 0,
    lines: bool = False,
) -> list[Proposal]:
    """Pending proposals on one provision with all a redline card shows (or decided ones, or
    with ``lines`` any, as list lines), oldest first, one page of them."""
    statuses = (
        PENDING_STATUSES
        if pending
        else tuple(s for s in ProposalStatus if s not in PENDING_STATUSES)
    )
    query = (
        select(Proposal)
        .where(
            (Proposal.provision_id == provision.id)
            | (Proposal.inserted_provision_id == provision.id),
            Proposal.status.in_(statuses),
        )
        .order_by(Proposal.id)
        .limit(limit)
        .offset(offset)
    )
    return list(db.scalars(_fully_loaded(query) if pending and not lines else _listed(query)))


def provision_proposal_lines(db: Session, provision: Provision, *, limit: int) -> list[Proposal]:
    """The first ``limit`` pending proposals on one provision, oldest first, as list lines."""
    return provision_proposals(db, provision, pending=True, limit=limit, lines=True)


def count_provision_proposals(db: Session, provision: Provision) -> dict[str, int]:
    """How many proposals touch a provision, per status."""
    rows = db.execute(
        select(Proposal.status, func.count())
        .where(
            (Proposal.provision_id == provision.id)
            | (Proposal.inserted_provision_id == provision.id)
        )
        .group_by(Proposal.status)
    )
    return {str(status): count for status, count in rows}


def pending_counts(db: Session, instrument: Instrument) -> dict[int, int]:
    """Pending proposals per provision of an instrument, counted in the database."""
    rows = db.execute(
        select(Proposal.provision_id, func.count())
        .where(
            Proposal.instrument_id == instrument.id,
            Proposal.status.in_(PENDING_STATUSES),
            Proposal.provision_id.is_not(None),
        )
        .group_by(Proposal.provision_id)
    )
    return {provision_id: count for provision_id, count in rows if provision_id is not None}


def session_proposals(db: Session, meeting: Meeting, *, limit: int = 200) -> list[Proposal]:
    """Proposals tabled at a session."""
    query = (
        select(Proposal).where(Proposal.session_id == meeting.id).order_by(Proposal.id).limit(limit)
    )
    return list(db.scalars(_listed(query)))


def session_decisions(db: Session, meeting: Meeting, *, limit: int = 200) -> list[StatusChange]:
    """Status moves recorded at a session (agreed, rejected, merged...)."""
    query = (
        select(StatusChange)
        .where(StatusChange.session_id == meeting.id, StatusChange.from_status.is_not(None))
        .order_by(StatusChange.id)
        .limit(limit)
    )
    return list(db.scalars(query))


def recent_proposals(db: Session, *, limit: int = 10) -> list[Proposal]:
    """The latest proposals tabled anywhere."""
    query = select(Proposal).order_by(Proposal.id.desc()).limit(limit)
    return list(db.scalars(_listed(query)))
