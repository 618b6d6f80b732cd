"""The redline of a proposal: its change to the text it was drafted on, word by word.

One function for every page, API response, CLI command and export. A proposal changes only
the languages it gives wording in: an English-only amendment proposes nothing for the
Chinese text, and its redline has no Chinese row.
"""

from __future__ import annotations

from workbench.diff import DiffResult, diff_texts
from workbench.instruments.models import wording_of
from workbench.proposals.models import Proposal, ProposalKind, ProposalRevision


def changed_wording(proposal: Proposal, revision: ProposalRevision | None = None) -> dict:
    """Per language the proposal touches: (wording before, wording proposed)."""
    revision = revision or proposal.revision
    before = wording_of(revision.base_version)
    if proposal.kind == ProposalKind.DELETE:
        return {lang: (text, "") for lang, text in before.items()}
    if proposal.kind == ProposalKind.INSERT:
        return {lang: ("", text) for lang, text in revision.wording.items()}
    return {lang: (before.get(lang, ""), text) for lang, text in revision.wording.items()}


def proposal_redline(
    proposal: Proposal,
    revision: ProposalRevision | None = None,
    *,
    languages: tuple[str, ...] | list[str] | None = None,
) -> dict[str, DiffResult]:
    """The word diff of each language the proposal (or one of its revisions) changes."""
    return {
        lang: diff_texts(old, new, lang)
        for lang, (old, new) in changed_wording(proposal, revision).items()
        if languages is None or lang in languages
    }
