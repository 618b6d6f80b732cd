"""Decisions on proposals: status moves, and agreement, which applies a proposal to the text.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.errors import Conflict, InvalidInput
from workbench.events.record import record_event
from workbench.instruments.create import position_after
from workbench.instruments.models import (
    Provision,
    Version,
    VersionOrigin,
    VersionText,
)
from workbench.instruments.versions import append_version
from workbench.proposals.merge import merge_proposal
from workbench.proposals.models import (
    Proposal,
    ProposalKind,
    ProposalStatus,
)
from workbench.proposals.queries import is_stale
from workbench.proposals.sponsors import main_sponsorship
from workbench.proposals.status import TRANSITIONS, move_status
from workbench.sessions.models import Session as Meeting
from workbench.sessions.operations import decision_session
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_party_hand, require_role
from workbench.validation import clean_text


def change_status(
    db: Session,
    proposal: Proposal,
    to_status: ProposalStatus | str,
    *,
    note: str | None = None,
    session: Meeting | None = None,
    merged_into: Proposal | None = None,
    actor: User | None = None,
) -> Proposal:
    """Move a proposal to a new status; agreeing applies it to the text."""
    session = decision_session(db, session)
    try:
        to_status = ProposalStatus(to_status)
    except ValueError:
        raise InvalidInput(f"Unknown status {to_status!r}.", field="status") from None
    if to_status not in TRANSITIONS[proposal.status]:
        raise Conflict(
            f"Proposal {proposal.id} is {proposal.status.value.replace('_', ' ')}; "
            f"it cannot become {to_status.value.replace('_', ' ')}.",
            field="status",
        )
    if to_status == ProposalStatus.WITHDRAWN:
        sponsor = main_sponsorship(proposal).party
        require_party_hand(actor, sponsor.id, sponsor.name_en, action="withdraw this proposal")
    else:
        require_role(actor, Role.SECRETARIAT, action="decide on proposals")
    if to_status == ProposalStatus.AGREED:
        return agree_proposal(db, proposal, note=note, session=session, actor=actor)
    if to_status == ProposalStatus.MERGED:
        return merge_proposal(db, proposal, merged_into, note=note, session=session, actor=actor)
    if merged_into is not None:
        raise InvalidInput("Only a merge names another proposal.", field="merged_into")
    move_status(db, proposal, to_status, note=note, session=session, actor=actor)
    return proposal


def agree_proposal(
    db: Session,
    proposal: Proposal,
    *,
    note: str | None = None,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Proposal:
    """Apply a proposal to the negotiating text, appending versions, never overwriting."""
    require_role(actor, Role.SECRETARIAT, action="agree proposals")
    if ProposalStatus.AGREED not in TRANSITIONS[proposal.status]:
        raise Conflict(f"Proposal {proposal.id} is {proposal.status}; it cannot be agreed.")
    session = decision_session(db, session)
    revision = proposal.revision
    if proposal.kind == ProposalKind.INSERT:
        provision = _insert_provision(db, proposal, revision, session, actor)
        proposal.inserted_provision_id = provision.id
        result = provision.versions[0]
    else:
        # An amendment or a deletion names the provision and the version it changes.
        assert proposal.provision is not None and revision.base_version is not None
        provision = proposal.provision
        base = revision.base_version
        if is_stale(proposal):
            raise Conflict(
                f"Proposal {proposal.id} was drafted on version {base.number} of "
                f"{provision.label}, which is now at version {provision.current_number}. "
                "Rebase it on the current text before agreeing it.",
                details={
                    "proposal_id": proposal.id,
                    "base_number": base.number,
                    "current_number": provision.current_number,
                    "stale": True,
                },
            )
        if proposal.kind == ProposalKind.DELETE:
            result = append_version(
                db,
                provision,
                {},
                origin=VersionOrigin.PROPOSAL,
                expected_number=base.number,
                is_deletion=True,
                # What produced the version is the proposal's record (result_version_id), read
                # in each reader's language; the version keeps only what a person wrote.
                note=clean_text(note, "note", required=False),
                session_id=session.id if session else None,
                actor=actor,
            )
        else:
            # Languages the proposal does not give keep their current wording.
            texts = {**base.wording, **revision.wording}
            result = append_version(
                db,
                provision,
                texts,
                origin=VersionOrigin.PROPOSAL,
                expected_number=base.number,
                note=clean_text(note, "note", required=False),
                session_id=session.id if session else None,
                actor=actor,
            )
    proposal.result_version_id = result.id
    move_status(
        db,
        proposal,
        ProposalStatus.AGREED,
        note=note,
        session=session,
        actor=actor,
        after={"result_version_id": result.id},
    )
    return proposal


def _insert_provision(db, proposal, revision, session, actor) -> Provision:
    instrument = proposal.instrument
    anchor = proposal.provision
    chapter = proposal.chapter
    if anchor is not None:
        position = position_after(db, instrument, anchor.position)
    elif chapter is not None:
        position = position_after(db, instrument, chapter.position)
    else:
        raise Conflict(f"Proposal {proposal.id} has no place to insert into.")
    label = revision.label or (f"{anchor.label} bis" if anchor is not None else "New provision")
    provision = Provision(
        instrument_id=instrument.id,
        chapter_id=chapter.id if chapter else None,
        position=position,
        kind=anchor.kind if anchor is not None else "article",
        label=label,
        title_en=revision.title_en,
        title_zh=revision.title_zh,
        current_number=1,
    )
    version = Version(
        number=1,
        origin=VersionOrigin.PROPOSAL,
        note=None,  # the proposal that inserted it is on record (inserted_provision_id)
        session_id=session.id if session else None,
        created_by_id=actor.id if actor else None,
    )
    version.texts.extend(VersionText(lang=t.lang, text=t.text) for t in revision.texts)
    provision.versions.append(version)
    db.add(provision)
    db.flush()
    record_audit(
        db,
        actor,
        "insert_provision",
        "provision",
        provision.id,
        summary=f"{label} inserted by proposal {proposal.id}",
        after={"label": label, "texts": revision.wording},
    )
    record_event(
        db,
        "version",
        provision=provision.id,
        instrument=instrument.id,
        session=session.id if session else None,
        number=1,
    )
    return provision
