"""Rebasing: redrafting a stale proposal on the current text, a new revision each time.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.diff.merge3 import has_conflict_markers, merge_texts
from workbench.errors import Conflict, InvalidInput
from workbench.events.record import record_event
from workbench.instruments.models import wording_of
from workbench.instruments.queries import current_version
from workbench.proposals.models import (
    Proposal,
    ProposalKind,
    ProposalRevision,
)
from workbench.proposals.queries import is_stale
from workbench.proposals.revise import append_revision
from workbench.proposals.sponsors import main_sponsorship
from workbench.proposals.status import require_pending
from workbench.proposals.table import require_change
from workbench.users.audit import record_audit
from workbench.users.models import User
from workbench.users.permissions import require_party_hand
from workbench.validation import clean_text, clean_wording


def rebase_view(db: Session, proposal: Proposal) -> dict:
    """Base, current and proposed wording per language, with their three-way merge."""
    if proposal.kind == ProposalKind.INSERT:
        raise InvalidInput("An insertion has no base text to rebase.")
    assert proposal.provision is not None, "only an insertion has no provision"
    base = proposal.revision.base_version
    current = current_version(db, proposal.provision)
    base_wording, current_wording = wording_of(base), wording_of(current)
    rows = []
    for lang in sorted(set(proposal.revision.wording) | set(current_wording)):
        proposed = proposal.revision.text(lang)
        row: dict = {
            "lang": lang,
            "base": base_wording.get(lang),
            "current": current_wording.get(lang),
            "proposed": proposed,
        }
        if proposed is not None and row["base"] is not None and row["current"] is not None:
            merge = merge_texts(row["base"], row["current"], proposed, lang)
            row.update(
                clean=merge.clean,
                merged=merge.text,
                draft=merge.with_markers(),
                chunks=[chunk.to_json() for chunk in merge.chunks],
            )
        rows.append(row)
    return {
        "proposal_id": proposal.id,
        "stale": is_stale(proposal),
        "base_version": base.number if base else None,
        "current_version": current.number if current else None,
        "current_is_deletion": bool(current and current.is_deletion),
        "clean": all(row.get("clean", True) for row in rows),
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

    Without ``texts`` the three-way merge is taken, and only if it has no conflict (409 with
    the conflicts otherwise). With ``texts``, the sponsor's resolution: languages it leaves
    out take their clean merge; no conflict marker may remain.
    """
    sponsor = main_sponsorship(proposal).party
    require_party_hand(actor, sponsor.id, sponsor.name_en, action="rebase this proposal")
    require_pending(proposal, "rebase it")
    if proposal.kind == ProposalKind.INSERT:
        raise InvalidInput("An insertion has no base text to rebase.")
    assert proposal.provision is not None, "only an insertion has no provision"
    if not is_stale(proposal):
        raise Conflict(f"Proposal {proposal.id} is already drafted on the current text.")
    current = current_version(db, proposal.provision)
    if current is None or current.is_deletion:
        raise Conflict(
            f"{proposal.provision.label} has been deleted; there is nothing to rebase on."
        )
    resolved = texts is not None
    if proposal.kind == ProposalKind.DELETE:
        texts = {}
    else:
        texts = _merged_wording(db, proposal, texts or {})
    texts = clean_wording(texts, "text", required=proposal.kind != ProposalKind.DELETE)
    if proposal.kind == ProposalKind.AMEND:
        require_change(current, texts)
    previous = proposal.revision
    revision = append_revision(
        db,
        proposal,
        texts,
        base_version=current,
        note=clean_text(note, "note", required=False),
        rationale=None,
        # A clean merge carries the same changes: the co-sponsors' consent stands.
        keep_consent=not resolved,
        actor=actor,
    )
    record_audit(
        db,
        actor,
        "rebase",
        "proposal",
        proposal.id,
        summary=f"proposal {proposal.id} rebased on version {current.number}",
        before={"revision": previous.number, "base_version_id": previous.base_version_id},
        after={
            "revision": revision.number,
            "base_version_id": current.id,
            "texts": texts,
            "resolved_by_sponsor": resolved,
        },
    )
    record_event(
        db,
        "rebased",
        proposal=proposal.id,
        provision=proposal.provision_id,
        instrument=proposal.instrument_id,
        number=revision.number,
    )
    return revision


def _merged_wording(db: Session, proposal: Proposal, resolution: dict) -> dict:
    """Per language: the sponsor's resolution where given, else the clean merge."""
    if not isinstance(resolution, dict):
        raise InvalidInput("text must be an object of language → wording.", field="text")
    for lang, wording in resolution.items():
        if isinstance(wording, str) and has_conflict_markers(wording):
            raise InvalidInput(
                f"The {lang} wording still holds conflict markers; resolve each conflict first.",
                field="text",
            )
    view = rebase_view(db, proposal)
    texts = dict(resolution)
    unresolved = []
    for row in view["languages"]:
        if row["lang"] in texts or row["proposed"] is None:
            continue
        if row.get("clean") is False:
            unresolved.append(row["lang"])
        elif row.get("merged") is not None:
            texts[row["lang"]] = row["merged"]
    if unresolved:
        raise Conflict(
            f"The proposal and the current text change the same words in "
            f"{', '.join(unresolved)}; give the rebased wording for each conflict.",
            details=view,
        )
    return texts
