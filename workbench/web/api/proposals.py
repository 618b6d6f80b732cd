"""JSON API of proposals: list, table, revise, sponsor, take stances, decide, rebase."""

from __future__ import annotations

from workbench.db import get_db
from workbench.errors import InvalidInput
from workbench.instruments.models import Chapter
from workbench.instruments.queries import (
    find_provision,
    get_instrument,
    get_provision,
    get_version_by_id,
)
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.models import Proposal, ProposalStatus
from workbench.proposals.queries import (
    ProposalFilter,
    count_matching,
    get_proposal,
    list_proposals,
)
from workbench.proposals.rebase import rebase_proposal, rebase_view
from workbench.proposals.redline import proposal_redline
from workbench.proposals.revise import revise_proposal
from workbench.proposals.sponsors import add_cosponsor, withdraw_cosponsor
from workbench.proposals.stances import record_stance
from workbench.proposals.table import table_proposal
from workbench.serialize import proposal_json, redline_json, revision_json
from workbench.sessions.operations import named_session
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.answers import Proposal as ProposalAnswer
from workbench.web.api.schemas.proposals import (
    CosponsorBody,
    NewProposalBody,
    ProposalArgs,
    ProposalList,
    ProposalsArgs,
    ProposalStatusBody,
    RebaseBody,
    RebaseView,
    RevisionBody,
    Revisions,
    SessionArgs,
    StanceBody,
)
from workbench.web.fragments import shared_json
from workbench.web.security import acting_user, reader

bp = Blueprint("proposals_api", __name__, url_prefix="/api", description=__doc__)


def proposal_diffs(proposal: Proposal, lang: str | None = None) -> dict:
    """The proposal's redline against its base, per language it changes."""
    return redline_json(proposal_redline(proposal, languages=[lang] if lang else None))


@bp.get("/proposals")
@bp.arguments(ProposalsArgs, location="query")
@bp.response(200, ProposalList)
@bp.errors(400, 401, 404)
@bp.doc(operationId="listProposals")
def proposals_index(args: dict):
    """Proposals filtered by instrument, provision, party, session, status and words, paged."""
    reader()
    return shared_json(lambda: _proposals_page(args))


def _proposals_page(args: dict) -> dict:
    db = get_db()
    status = args["status"]
    provision_id = args["provision"]
    q = args["q"] or None
    where = ProposalFilter(
        instrument=get_instrument(db, args["instrument"]) if args.get("instrument") else None,
        provision=get_provision(db, provision_id) if provision_id else None,
        party=get_party(db, args["party"]) if args.get("party") else None,
        session=named_session(db, args.get("session")),
        status=ProposalStatus(status) if status else None,
        q=q,
    )
    proposals = list_proposals(db, where, limit=args["limit"], offset=args["offset"])
    return {
        "proposals": [proposal_json(p) for p in proposals],
        "total": count_matching(db, where),
    }


@bp.post("/proposals")
@bp.write
@bp.arguments(NewProposalBody)
@bp.response(201, ProposalAnswer)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="createProposal")
def proposal_create(data: dict):
    """Table a proposal: amend, insert or delete, with sponsor, co-sponsors and session."""
    actor = acting_user()
    db = get_db()
    instrument = get_instrument(db, data["instrument"])
    provision_id = data["provision_id"]
    # Or the provision's label in the text ("Article 2"), as a reader knows it.
    provision_label = data["provision"]
    base_version_id = data["base_version_id"]
    chapter_id = data["chapter_id"]
    chapter = db.get(Chapter, chapter_id) if chapter_id else None
    if chapter_id and chapter is None:
        raise InvalidInput(f"No chapter with the id {chapter_id}.", field="chapter_id")
    session_code, sponsor_code, behalf = data["session"], data["sponsor"], data["on_behalf_of"]
    cosponsors = data["cosponsors"] or []
    proposal = table_proposal(
        db,
        instrument=instrument,
        kind=data["kind"],
        provision=(
            get_provision(db, provision_id)
            if provision_id
            else find_provision(db, instrument, provision_label)
            if provision_label
            else None
        ),
        base_version=get_version_by_id(db, base_version_id) if base_version_id else None,
        texts=data["text"],
        chapter=chapter,
        label=data["label"],
        title_en=data["title_en"],
        title_zh=data["title_zh"],
        rationale=data["rationale"],
        # Without a session, the one in progress.
        session=named_session(db, session_code),
        sponsor=get_party(db, sponsor_code) if sponsor_code else None,
        on_behalf_of=get_party(db, behalf) if behalf else None,
        cosponsors=[get_party(db, code) for code in cosponsors],
        tabled_on=data["tabled_on"],
        symbol=data["symbol"],
        cosponsors_consented=bool(data["cosponsors_consented"]),
        actor=actor,
    )
    db.commit()
    return proposal_json(proposal, diffs=proposal_diffs(proposal)), 201


@bp.get("/proposals/<int:proposal_id>")
@bp.arguments(ProposalArgs, location="query")
@bp.response(200, ProposalAnswer)
@bp.errors(400, 401, 404)
@bp.doc(operationId="getProposal")
def proposal_show(args: dict, proposal_id: int):
    """A proposal with its sponsors, stances, status history and diff against its base."""
    reader()

    def build() -> dict:
        proposal = get_proposal(get_db(), proposal_id)
        return proposal_json(proposal, diffs=proposal_diffs(proposal, args["lang"]))

    return shared_json(build)


@bp.post("/proposals/<int:proposal_id>/status")
@bp.write
@bp.arguments(ProposalStatusBody)
@bp.response(200, ProposalAnswer)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="changeProposalStatus")
def proposal_status(data: dict, proposal_id: int):
    """Move a proposal: under_discussion, agreed, rejected, withdrawn, merged."""
    actor = acting_user()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    session_code, merged_into = data["session"], data["merged_into"]
    change_status(
        db,
        proposal,
        data["status"],
        note=data["note"],
        session=named_session(db, session_code),
        merged_into=get_proposal(db, merged_into) if merged_into else None,
        actor=actor,
    )
    db.commit()
    return proposal_json(get_proposal(db, proposal_id))


@bp.post("/proposals/<int:proposal_id>/cosponsors")
@bp.write
@bp.arguments(CosponsorBody)
@bp.response(201, ProposalAnswer)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="addCosponsor")
def proposal_cosponsor(data: dict, proposal_id: int):
    """A party joins as co-sponsor."""
    actor = acting_user()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    session_code = data["session"]
    add_cosponsor(
        db,
        proposal,
        get_party(db, data["party"]),
        session=named_session(db, session_code),
        actor=actor,
    )
    db.commit()
    return proposal_json(get_proposal(db, proposal_id)), 201


@bp.delete("/proposals/<int:proposal_id>/cosponsors/<code>")
@bp.write
@bp.arguments(SessionArgs, location="query")
@bp.response(200, ProposalAnswer)
@bp.errors(401, 403, 404, 409)
@bp.doc(operationId="withdrawCosponsor")
def proposal_cosponsor_withdraw(args: dict, proposal_id: int, code: str):
    """A co-sponsor withdraws (kept in the sponsorship history)."""
    actor = acting_user()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    session_code = args["session"]
    withdraw_cosponsor(
        db,
        proposal,
        get_party(db, code),
        session=named_session(db, session_code),
        actor=actor,
    )
    db.commit()
    return proposal_json(get_proposal(db, proposal_id))


@bp.post("/proposals/<int:proposal_id>/stances")
@bp.write
@bp.arguments(StanceBody)
@bp.response(201, ProposalAnswer)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="recordStance")
def proposal_stance(data: dict, proposal_id: int):
    """Record a party's support, opposition or reservation."""
    actor = acting_user()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    session_code = data["session"]
    record_stance(
        db,
        proposal,
        get_party(db, data["party"]),
        data["position"],
        session=named_session(db, session_code),
        stated_on=data["stated_on"],
        note=data["note"],
        actor=actor,
    )
    db.commit()
    return proposal_json(get_proposal(db, proposal_id)), 201


@bp.post("/proposals/<int:proposal_id>/revisions")
@bp.write
@bp.arguments(RevisionBody)
@bp.response(201, ProposalAnswer)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="reviseProposal")
def proposal_revise(data: dict, proposal_id: int):
    """The sponsor's new wording of its pending proposal (a new revision; the old ones stay)."""
    actor = acting_user()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    revise_proposal(
        db,
        proposal,
        texts=data["text"],
        rationale=data["rationale"],
        note=data["note"],
        actor=actor,
    )
    db.commit()
    proposal = get_proposal(db, proposal_id)
    return proposal_json(proposal, diffs=proposal_diffs(proposal)), 201


@bp.get("/proposals/<int:proposal_id>/revisions")
@bp.response(200, Revisions)
@bp.errors(401, 404)
@bp.doc(operationId="listRevisions")
def proposal_revisions(proposal_id: int):
    """Every revision of a proposal, each with its own diff against the version it was on."""
    reader()
    proposal = get_proposal(get_db(), proposal_id)
    return {
        "proposal_id": proposal.id,
        "revision": proposal.current_revision,
        "revisions": [
            {**revision_json(r), "diff": redline_json(proposal_redline(proposal, r))}
            for r in proposal.revisions
        ],
    }


@bp.get("/proposals/<int:proposal_id>/rebase")
@bp.response(200, RebaseView)
@bp.errors(401, 404)
@bp.doc(operationId="rebaseView")
def proposal_rebase_view(proposal_id: int):
    """Base, current and proposed wording side by side, with a suggested merge."""
    reader()
    db = get_db()
    return rebase_view(db, get_proposal(db, proposal_id))


@bp.post("/proposals/<int:proposal_id>/rebase")
@bp.write
@bp.arguments(RebaseBody)
@bp.response(200, ProposalAnswer)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="rebaseProposal")
def proposal_rebase(data: dict, proposal_id: int):
    """Redraft a stale proposal on the current text (a new revision; the old one is kept)."""
    actor = acting_user()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    rebase_proposal(db, proposal, texts=data["text"], note=data["note"], actor=actor)
    db.commit()
    proposal = get_proposal(db, proposal_id)
    return proposal_json(proposal, diffs=proposal_diffs(proposal))
