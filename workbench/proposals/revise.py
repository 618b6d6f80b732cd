"""Revising a tabled proposal: a new wording by its sponsor, each revision kept with its diff.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.errors import InvalidInput
from workbench.events.record import record_event
from workbench.instruments.models import Version
from workbench.proposals.models import Proposal, ProposalKind, ProposalRevision, ProposalText
from workbench.proposals.sponsors import consent, main_sponsorship
from workbench.proposals.status import require_pending
from workbench.proposals.table import require_change
from workbench.users.audit import record_audit
from workbench.users.models import User
from workbench.users.permissions import require_party_hand
from workbench.validation import clean_text, clean_wording


def append_revision(
    db: Session,
    proposal: Proposal,
    texts: dict[str, str],
    *,
    base_version: Version | None,
    note: str | None,
    rationale: str | None,
    keep_consent: bool,
    actor: User | None,
) -> ProposalRevision:
    """Append a revision and make it the one in force; the earlier ones stay.

    The main sponsor consents to its own new wording. Co-sponsors keep their consent only
    where the proposal's changes are the same (``keep_consent``: a clean rebase); a new
    wording asks them again.
    """
    previous = proposal.revision
    carried = [
        s
        for s in proposal.sponsorships
        if keep_consent and s.confirmed and s.confirmed_revision == previous.number
    ]
    revision = ProposalRevision(
        number=proposal.current_revision + 1,
        base_version=base_version,
        label=previous.label,
        title_en=previous.title_en,
        title_zh=previous.title_zh,
        note=note,
        rationale=rationale,
        created_by_id=actor.id if actor else None,
    )
    revision.texts.extend(
        ProposalText(lang=lang, text=text) for lang, text in sorted(texts.items())
    )
    proposal.revisions.append(revision)
    proposal.current_revision = revision.number
    for sponsorship in carried:
        sponsorship.confirmed_revision = revision.number
    main = main_sponsorship(proposal)
    if not main.confirmed:
        consent(main, actor)
    db.flush()
    return revision


def revise_proposal(
    db: Session,
    proposal: Proposal,
    *,
    texts: dict[str, str] | None,
    rationale: str | None = None,
    note: str | None = None,
    actor: User | None = None,
) -> ProposalRevision:
    """The sponsor's new wording of its pending proposal, on the same base version."""
    sponsor = main_sponsorship(proposal).party
    require_party_hand(actor, sponsor.id, sponsor.name_en, action="revise this proposal")
    require_pending(proposal, "revise it")
    if proposal.kind == ProposalKind.DELETE:
        raise InvalidInput("A deletion proposes no wording to revise.", field="text")
    texts = clean_wording(texts, "text", required=True)
    base = proposal.revision.base_version
    if proposal.kind == ProposalKind.AMEND and base is not None:
        require_change(base, texts)
    if texts == proposal.revision.wording:
        raise InvalidInput(
            "The revision is the same as the wording now proposed; nothing would change.",
            field="text",
        )
    previous = proposal.revision
    revision = append_revision(
        db,
        proposal,
        texts,
        base_version=base,
        note=clean_text(note, "note", required=False),
        rationale=clean_text(rationale, "rationale", required=False),
        keep_consent=False,
        actor=actor,
    )
    record_audit(
        db,
        actor,
        "revise",
        "proposal",
        proposal.id,
        summary=f"proposal {proposal.id} revised (revision {revision.number})",
        before={"revision": previous.number, "texts": previous.wording},
        after={"revision": revision.number, "texts": texts, "rationale": revision.rationale},
    )
    record_event(
        db,
        "revised",
        proposal=proposal.id,
        provision=proposal.provision_id,
        instrument=proposal.instrument_id,
        number=revision.number,
    )
    return revision
