"""Searching what delegations proposed: the wording now proposed and the rationale.

Every proposal has one entry per language of its current wording and one for its rationale
(``lang`` "note"), refreshed in the same flush as each new revision, indexed like the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session, selectinload

from workbench.instruments.models import Instrument
from workbench.proposals.models import Proposal, ProposalRevision
from workbench.search.models import ProposalSearchEntry
from workbench.search.operations import check_query, snippet_of, terms_for

RATIONALE = "note"  # the entry of a proposal's rationale, whatever its language


def proposal_entries(proposal: Proposal, revision: ProposalRevision) -> dict[str, str]:
    """What a proposal is found by: its wording per language, and its rationale."""
    entries = dict(revision.wording)
    rationale = revision.rationale or proposal.current_rationale
    if rationale:
        entries[RATIONALE] = rationale
    return entries


def refresh_proposal_entries(db: Session, proposal: Proposal, revision: ProposalRevision) -> None:
    """Make a proposal's entries match the revision now in force."""
    existing = {}
    if proposal.id is not None:
        with db.no_autoflush:
            existing = {
                entry.lang: entry
                for entry in db.scalars(
                    select(ProposalSearchEntry).where(
                        ProposalSearchEntry.proposal_id == proposal.id
                    )
                )
            }
    for lang, wording in proposal_entries(proposal, revision).items():
        entry = existing.pop(lang, None)
        terms = " ".join(terms_for(wording))
        if entry is None:
            db.add(ProposalSearchEntry(proposal=proposal, lang=lang, text=wording, terms=terms))
        elif entry.text != wording:
            entry.text, entry.terms = wording, terms
    for entry in existing.values():
        db.delete(entry)


@event.listens_for(Session, "before_flush")
def _index_new_revisions(session: Session, _context, _instances) -> None:
    """Every new revision in force refreshes its proposal's entries, in the same flush."""
    for obj in list(session.new):
        proposal = obj.proposal if isinstance(obj, ProposalRevision) else None
        if proposal is not None and obj.number >= proposal.current_revision:
            refresh_proposal_entries(session, proposal, obj)


@dataclass
class ProposalHit:
    """A proposal found by its wording or rationale."""

    proposal: Proposal
    lang: str
    text: str
    snippet: str
    terms: list[str]

    @property
    def field(self) -> str:
        return "rationale" if self.lang == RATIONALE else "wording"


def search_proposals(
    db: Session, query: str, *, instrument: Instrument | None = None, limit: int = 50
) -> list[ProposalHit]:
    """Proposals whose current wording or rationale holds every term of the query."""
    terms = check_query(query)
    if not terms:
        return []
    where = "AND p.instrument_id = :instrument " if instrument is not None else ""
    if db.get_bind().dialect.name == "postgresql":
        expression = " & ".join("'" + term.replace("'", "''") + "':*" for term in terms)
        sql = (
            "SELECT e.id FROM proposal_search_entries e JOIN proposals p ON p.id = e.proposal_id "
            "WHERE to_tsvector('simple', e.terms) @@ to_tsquery('simple', :q) "
            + where
            + "ORDER BY ts_rank(to_tsvector('simple', e.terms), to_tsquery('simple', :q)) DESC, "
            "p.id LIMIT :limit"
        )
    else:
        expression = " ".join('"' + term.replace('"', '""') + '"*' for term in terms)
        sql = (
            "SELECT e.id FROM proposal_search_fts f "
            "JOIN proposal_search_entries e ON e.id = f.rowid "
            "JOIN proposals p ON p.id = e.proposal_id WHERE proposal_search_fts MATCH :q "
            + where
            + "ORDER BY f.rank, p.id LIMIT :limit"
        )
    params: dict = {"q": expression, "limit": limit}
    if instrument is not None:
        params["instrument"] = instrument.id
    ids = [row[0] for row in db.execute(text(sql), params)]
    if not ids:
        return []
    entries = {
        entry.id: entry
        for entry in db.scalars(
            select(ProposalSearchEntry)
            .where(ProposalSearchEntry.id.in_(ids))
            .options(
                selectinload(ProposalSearchEntry.proposal).options(
                    selectinload(Proposal.provision),
                    selectinload(Proposal.instrument),
                    selectinload(Proposal.sponsorships),
                    selectinload(Proposal.revisions),
                )
            )
        )
    }
    return [
        ProposalHit(
            entries[i].proposal,
            entries[i].lang,
            entries[i].text,
            snippet_of(entries[i].text, terms),
            terms,
        )
        for i in ids
        if i in entries
    ]
