"""The consolidated text of an instrument from the database: every provision, phrase by phrase.

Each provision's current wording and the wordings of its pending amendments, in one language,
become common and disputed segments (``segments.consolidate_wordings``); options name the
proposals whose wording they are and those proposals' consenting sponsors. A proposal to
delete a provision is named beside it (``deleted_by``); a proposal to insert one is a
provision of its own, its wording one bracketed option (identical insertions are one option).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from workbench.consolidation.segments import Option, Segment, consolidate_wordings
from workbench.errors import InvalidInput
from workbench.instruments.models import Instrument, wording_of
from workbench.instruments.queries import ChapterNode, ProvisionNode, instrument_tree, walk_tree
from workbench.progress.models import ProvisionStatus
from workbench.progress.queries import statuses_of
from workbench.proposals.models import Proposal, ProposalKind
from workbench.proposals.queries import pending_by_provision, pending_insertions
from workbench.proposals.sponsors import sponsor_codes
from workbench.texts.labels import structural_label

LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class ConsolidatedProvision:
    """A provision (or one proposed for insertion) in one language, phrase by phrase."""

    provision_id: int | None  # None: proposed for insertion
    label: str
    title: str
    status: str
    segments: list[Segment]
    sponsors: dict[int, list[str]] = field(default_factory=dict)  # proposal id -> party codes
    deleted_by: tuple[int, ...] = ()  # proposals to delete the provision
    after: int | None = None  # insertions: the provision they follow

    def parties(self, proposal_ids: tuple[int, ...]) -> list[str]:
        """The sponsors of some proposals, each once, in the order of the proposals."""
        codes = [code for pid in proposal_ids for code in self.sponsors.get(pid, [])]
        return list(dict.fromkeys(codes))

    def option_json(self, option: Option) -> dict:
        return {
            "text": option.text,
            "parties": self.parties(option.keys),
            "proposal_ids": list(option.keys),
            "current": option.current,
        }

    def to_json(self) -> dict:
        """The API shape: segments are ``{"text"}`` or ``{"options": [...]}``."""
        return {
            "provision_id": self.provision_id,
            "label": self.label,
            "title": self.title,
            "status": self.status,
            "inserted": self.provision_id is None,
            "after": self.after,
            "deletion": (
                {"parties": self.parties(self.deleted_by), "proposal_ids": list(self.deleted_by)}
                if self.deleted_by
                else None
            ),
            "segments": [
                {"options": [self.option_json(o) for o in s.options]}
                if s.disputed
                else {"text": s.text}
                for s in self.segments
            ],
        }


def _insertion(proposals: list[Proposal], lang: str, after: int | None) -> ConsolidatedProvision:
    """Provisions proposed at one place under one label: their wordings as options."""
    first = proposals[0].revision
    label = first.label or ""
    title = (first.title_zh if lang == "zh" else first.title_en) or first.title_en or ""
    wordings = [(p.id, p.revision.wording.get(lang, "")) for p in proposals]
    return ConsolidatedProvision(
        provision_id=None,
        label=structural_label(label, lang),
        title=title,
        status=str(ProvisionStatus.OPEN),  # a provision not yet in the text
        segments=consolidate_wordings("", wordings, lang),
        sponsors={p.id: sponsor_codes(p) for p in proposals},
        after=after,
    )


def _insertions(proposals: list[Proposal], lang: str, after: int | None) -> list:
    by_label: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        by_label[proposal.revision.label or ""].append(proposal)
    return [_insertion(group, lang, after) for group in by_label.values()]


def consolidated_text(
    db: Session, instrument: Instrument, lang: str = "en"
) -> list[ConsolidatedProvision]:
    """Every provision of an instrument in document order, with its pending proposals."""
    if lang not in LANGUAGES:
        raise InvalidInput(f"lang must be en or zh (got {lang!r}).", field="lang")
    pending = pending_by_provision(db, instrument)
    at_chapter, after = pending_insertions(pending)
    tree = instrument_tree(db, instrument)
    statuses = statuses_of(
        db, [node.provision.id for node in walk_tree(tree) if isinstance(node, ProvisionNode)]
    )
    result: list[ConsolidatedProvision] = []

    def walk(nodes) -> None:
        for node in nodes:
            if isinstance(node, ChapterNode):
                result.extend(_insertions(at_chapter.get(node.chapter.id, []), lang, None))
                walk(node.children)
                continue
            if isinstance(node, ProvisionNode) and not node.deleted:
                proposals = pending.get(node.provision.id, [])
                status = str(statuses[node.provision.id])
                result.append(_provision(node, proposals, lang, status))
                result.extend(
                    _insertions(after.get(node.provision.id, []), lang, node.provision.id)
                )

    walk(tree)
    return result


def _provision(
    node: ProvisionNode, proposals: list[Proposal], lang: str, status: str
) -> ConsolidatedProvision:
    provision = node.provision
    current = wording_of(node.version).get(lang, "")
    amendments = [p for p in proposals if p.kind == ProposalKind.AMEND]
    # A proposal without wording in this language proposes nothing for it: the current stands.
    wordings = [(p.id, p.revision.wording.get(lang, current)) for p in amendments]
    deletions = [p for p in proposals if p.kind == ProposalKind.DELETE]
    return ConsolidatedProvision(
        provision_id=provision.id,
        label=structural_label(provision.label, lang),
        title=provision.title(lang),
        status=status,
        segments=consolidate_wordings(current, wordings, lang),
        sponsors={p.id: sponsor_codes(p) for p in (*amendments, *deletions)},
        deleted_by=tuple(p.id for p in deletions),
    )
