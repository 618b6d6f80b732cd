"""Rebasing: redrafting a stale proposal on the current text, a new revision each time.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.errors import Conflict, InvalidInput
from workbench.instruments.queries import current_version
from workbench.proposals.models import (
    Proposal,
    ProposalKind,
    ProposalRevision,
    ProposalText,
)
from workbench.proposals.queries import is_stale
from workbench.proposals.sponsors import main_sponsorship
from workbench.proposals.status import require_pending
from workbench.proposals.table import require_change
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_party_hand
from workbench.validation import clean_text, clean_texts


def rebase_view(db: Session, proposal: Proposal) -> dict:
    """Base, current and proposed wording side by side, with a suggested merge per language."""
    from workbench.diff.merge3 import suggest_merge

    if proposal.kind == ProposalKind.INSERT:
        raise InvalidInput("An insertion has no base text to rebase.")
    base = proposal.revision.base_version
    current = current_version(db, proposal.provision)
    languages = sorted(set(proposal.revision.languages) | set(current.languages if current else []))
    rows = []
    for lang in languages:
        proposed = proposal.revision.text(lang)
        row = {
            "lang": lang,
            "base": base.text(lang) if base else None,
            "current": current.text(lang) if current else None,
            "proposed": proposed,
        }
        if proposed is not None and row["base"] is not None and row["current"] is not None:
            row["suggested"], row["clean"] = suggest_merge(
                row["base"], row["current"], proposed, lang
            )
        rows.append(row)
    return {
        "proposal_id": proposal.id,
        "stale": is_stale(proposal),
        "base_version": base.number if base else None,
        "current_version": current.number if current else None,
        "current_is_deletion": bool(current and current.is_deletion),
        "languages": rows,
    }


def rebase_proposal(
    db: Session,
    proposal: Proposal,
    *,
    texts: dict[str, str] | None = None,
    note: str | None = None,
    actor: User | None = None,
) -> ProposalRevision:
    """Redraft a stale proposal on the current text: a new revision, the old one kept.

    Without ``texts`` the suggested merge is used, but only where it applied cleanly.
    """
    sponsor = main_sponsorship(proposal).party
    if actor is not None and actor.role != Role.SECRETARIAT:
        require_party_hand(actor, sponsor.id, sponsor.name_en, action="rebase this proposal")
    require_pending(proposal, "rebase it")
    if proposal.kind == ProposalKind.INSERT:
        raise InvalidInput("An insertion has no base text to rebase.")
    if not is_stale(proposal):
        raise Conflict(f"Proposal {proposal.id} is already drafted on the current text.")
    current = current_version(db, proposal.provision)
    if current is None or current.is_deletion:
        raise Conflict(
            f"{proposal.provision.label} has been deleted; there is nothing to rebase on."
        )
    if texts is None:
        if proposal.kind == ProposalKind.DELETE:
            texts = {}
        else:
            view = rebase_view(db, proposal)
            unclean = [row["lang"] for row in view["languages"] if row.get("clean") is False]
            if unclean:
                raise Conflict(
                    f"The proposal and the current text overlap in {', '.join(unclean)}; "
                    "give the rebased wording yourself.",
                    details=view,
                )
            texts = {
                row["lang"]: row["suggested"] for row in view["languages"] if row.get("suggested")
            }
    texts = clean_texts(texts, "text", required=proposal.kind != ProposalKind.DELETE)
    if proposal.kind == ProposalKind.AMEND:
        require_change(current, texts)
    previous = proposal.revision
    revision = ProposalRevision(
        number=proposal.current_revision + 1,
        base_version=current,
        title_en=previous.title_en,
        title_zh=previous.title_zh,
        note=clean_text(note, "note", required=False) or "rebased on the current text",
        created_by_id=actor.id if actor else None,
    )
    revision.texts.extend(
        ProposalText(lang=lang, text=text) for lang, text in sorted(texts.items())
    )
    proposal.revisions.append(revision)
    proposal.current_revision = revision.number
    db.flush()
    record_audit(
        db,
        actor,
        "rebase",
        "proposal",
        proposal.id,
        summary=f"proposal {proposal.id} rebased on version {current.number}",
        before={"revision": previous.number, "base_version_id": previous.base_version_id},
        after={"revision": revision.number, "base_version_id": current.id, "texts": texts},
    )
    return revision
