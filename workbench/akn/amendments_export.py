"""The pending proposals of a negotiating text, read from the database as amendments."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.akn.amendments import AmendmentData, expression_language, write_amendment
from workbench.akn.collect import instrument_outline, instrument_work, session_ref
from workbench.akn.document import Organisation
from workbench.akn.names import outline_eids
from workbench.akn.safexml import serialize, validate
from workbench.akn.sponsors import sponsor_entries, sponsors_text
from workbench.instruments.models import Instrument, wording_of
from workbench.instruments.queries import ChapterNode
from workbench.parties.models import Party
from workbench.proposals.models import Proposal, ProposalKind
from workbench.proposals.queries import pending_by_provision
from workbench.texts.structure import ParsedProvision


def instrument_amendments(
    db: Session, instrument: Instrument, lang: str | None = None
) -> list[tuple[str, bytes]]:
    """(file name, document) for every pending proposal, in each language it is worded in."""
    outline = instrument_outline(db, instrument)
    eids: dict[tuple[str, int], str] = {}
    for node, eid in zip(outline.nodes, outline_eids(outline.parsed), strict=True):
        if isinstance(node, ChapterNode):
            eids[("chapter", node.chapter.id)] = eid
        else:
            eids[("provision", node.provision.id)] = eid
    work = instrument_work(db, instrument)
    proposals = sorted(
        (p for group in pending_by_provision(db, instrument).values() for p in group),
        key=lambda proposal: proposal.id,
    )
    documents = []
    for proposal in proposals:
        data = amendment_data(proposal, eids)
        if data is None:
            continue  # its provision was deleted meanwhile: nothing left to point at
        for code in expression_language(data, lang):
            root = write_amendment(work, data, code)
            validate(root, f"The amendment of proposal {proposal.id}")
            documents.append(
                (f"{instrument.slug}-proposal-{proposal.id}-{code}.xml", serialize(root))
            )
    return documents


def _organisation(party: Party) -> Organisation:
    names = {"en": party.name_en, **({"zh": party.name_zh} if party.name_zh else {})}
    return Organisation(party.code, names)


def amendment_data(proposal: Proposal, eids: dict[tuple[str, int], str]) -> AmendmentData | None:
    """What the amendment of a proposal says; None when its target is no longer in the text."""
    revision = proposal.revision
    provision = proposal.provision
    position = None
    if proposal.kind == ProposalKind.INSERT:
        if provision is not None:
            target, position = eids.get(("provision", provision.id)), "after"
        else:
            target, position = eids.get(("chapter", proposal.chapter_id or 0)), "start"
        titles = {"en": revision.title_en, "zh": revision.title_zh}
        item = ParsedProvision(
            kind=str(provision.kind) if provision is not None else "article",
            label=revision.label or "",
            title={code: title for code, title in titles.items() if title},
        )
    else:
        target = eids.get(("provision", provision.id)) if provision is not None else None
        titles = {"en": provision.title_en, "zh": provision.title_zh} if provision else {}
        item = ParsedProvision(
            kind=str(provision.kind) if provision else "article",
            label=provision.label if provision else "",
            title={code: title for code, title in titles.items() if title},
        )
    if target is None:
        return None
    sponsors: list[tuple[Organisation, str]] = []
    for entry in sponsor_entries(proposal):
        sponsors.append((_organisation(entry.party), entry.role))
        if entry.on_behalf_of is not None:
            sponsors.append((_organisation(entry.on_behalf_of), "behalf"))
    base = revision.base_version
    return AmendmentData(
        proposal_id=proposal.id,
        kind=str(proposal.kind),
        tabled_on=proposal.tabled_on,
        session=session_ref(proposal.session),
        sponsors=sponsors,
        sponsors_label={code: sponsors_text(proposal, code) for code in ("en", "zh")},
        provision=item,
        base=wording_of(base),
        proposed=revision.wording,
        target_eid=target,
        position=position,
        base_version=base.number if base is not None else None,
        rationale=proposal.rationale,
        symbol=proposal.symbol,
        status=str(proposal.status),
    )
