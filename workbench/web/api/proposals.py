"""JSON API of proposals: list, table, revise, sponsor, take stances, decide, rebase."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, request

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
from workbench.sessions.operations import get_session
from workbench.web.api.util import field, int_arg, json_body, lang_arg
from workbench.web.fragments import shared_json
from workbench.web.security import acting_user, reader

bp = Blueprint("proposals_api", __name__, url_prefix="/api")


def proposal_diffs(proposal: Proposal, lang: str | None = None) -> dict:
    """The proposal's redline against its base, per language it changes."""
    return redline_json(proposal_redline(proposal, languages=[lang] if lang else None))


def _date(data: dict, name: str) -> date | None:
    value = field(data, name, str)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name} must be a date like 2023-01-09.", field=name) from None


@bp.get("/proposals")
def proposals_index():
    """Proposals filtered by instrument, provision, party, session, status and words, paged."""
    reader()
    return shared_json(_proposals_page)


def _proposals_page() -> dict:
    db = get_db()
    args = request.args
    status = args.get("status")
    if status is not None and status not in {s.value for s in ProposalStatus}:
        raise InvalidInput(f"Unknown status {status!r}.", field="status")
    provision_id = int_arg("provision", minimum=1)
    q = args.get("q") or None
    if q is not None and len(q) > 200:
        raise InvalidInput("q is longer than 200 characters.", field="q")
    where = ProposalFilter(
        instrument=get_instrument(db, args["instrument"]) if args.get("instrument") else None,
        provision=get_provision(db, provision_id) if provision_id else None,
        party=get_party(db, args["party"]) if args.get("party") else None,
        session=get_session(db, args["session"]) if args.get("session") else None,
        status=ProposalStatus(status) if status else None,
        q=q,
    )
    proposals = list_proposals(
        db,
        where,
        limit=int_arg("limit", 100, minimum=1, maximum=1000) or 100,
        offset=int_arg("offset", 0, minimum=0) or 0,
    )
    return {
        "proposals": [proposal_json(p) for p in proposals],
        "total": count_matching(db, where),
    }


@bp.post("/proposals")
def proposal_create():
    """Table a proposal: amend, insert or delete, with sponsor, co-sponsors and session."""
    actor = acting_user()
    data = json_body()
    db = get_db()
    instrument = get_instrument(db, field(data, "instrument", str, required=True))
    provision_id = field(data, "provision_id", int)
    # Or the provision's label in the text ("Article 2"), as a reader knows it.
    provision_label = field(data, "provision", str)
    base_version_id = field(data, "base_version_id", int)
    chapter_id = field(data, "chapter_id", int)
    chapter = db.get(Chapter, chapter_id) if chapter_id else None
    if chapter_id and chapter is None:
        raise InvalidInput(f"No chapter with the id {chapter_id}.", field="chapter_id")
    session_code = field(data, "session", str)
    sponsor_code = field(data, "sponsor", str)
    behalf = field(data, "on_behalf_of", str)
    cosponsors = field(data, "cosponsors", list) or []
    if not all(isinstance(code, str) for code in cosponsors):
        raise InvalidInput("cosponsors must be a list of party codes.", field="cosponsors")
    proposal = table_proposal(
        db,
        instrument=instrument,
        kind=field(data, "kind", str, required=True),
        provision=(
            get_provision(db, provision_id)
            if provision_id
            else find_provision(db, instrument, provision_label)
            if provision_label
            else None
        ),
        base_version=get_version_by_id(db, base_version_id) if base_version_id else None,
        texts=field(data, "text", dict),
        chapter=chapter,
        label=field(data, "label", str),
        title_en=field(data, "title_en", str),
        title_zh=field(data, "title_zh", str),
        rationale=field(data, "rationale", str),
        # Without a session, the one in progress.
        session=get_session(db, session_code) if session_code else None,
        sponsor=get_party(db, sponsor_code) if sponsor_code else None,
        on_behalf_of=get_party(db, behalf) if behalf else None,
        cosponsors=[get_party(db, code) for code in cosponsors],
        tabled_on=_date(data, "tabled_on"),
        symbol=field(data, "symbol", str),
        cosponsors_consented=bool(field(data, "cosponsors_consented", bool)),
        actor=actor,
    )
    db.commit()
    return proposal_json(proposal, diffs=proposal_diffs(proposal)), 201


@bp.get("/proposals/<int:proposal_id>")
def proposal_show(proposal_id: int):
    """A proposal with its sponsors, stances, status history and diff against its base."""
    reader()

    def build() -> dict:
        proposal = get_proposal(get_db(), proposal_id)
        return proposal_json(proposal, diffs=proposal_diffs(proposal, lang_arg()))

    return shared_json(build)


@bp.post("/proposals/<int:proposal_id>/status")
def proposal_status(proposal_id: int):
    """Move a proposal: under_discussion, agreed, rejected, withdrawn, merged."""
    actor = acting_user()
    data = json_body()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    session_code = field(data, "session", str)
    merged_into = field(data, "merged_into", int)
    change_status(
        db,
        proposal,
        field(data, "status", str, required=True),
        note=field(data, "note", str),
        session=get_session(db, session_code) if session_code else None,
        merged_into=get_proposal(db, merged_into) if merged_into else None,
        actor=actor,
    )
    db.commit()
    return proposal_json(get_proposal(db, proposal_id))


@bp.post("/proposals/<int:proposal_id>/cosponsors")
def proposal_cosponsor(proposal_id: int):
    """A party joins as co-sponsor."""
    actor = acting_user()
    data = json_body()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    session_code = field(data, "session", str)
    add_cosponsor(
        db,
        proposal,
        get_party(db, field(data, "party", str, required=True)),
        session=get_session(db, session_code) if session_code else None,
        actor=actor,
    )
    db.commit()
    return proposal_json(get_proposal(db, proposal_id)), 201


@bp.delete("/proposals/<int:proposal_id>/cosponsors/<code>")
def proposal_cosponsor_withdraw(proposal_id: int, code: str):
    """A co-sponsor withdraws (kept in the sponsorship history)."""
    actor = acting_user()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    session_code = request.args.get("session")
    withdraw_cosponsor(
        db,
        proposal,
        get_party(db, code),
        session=get_session(db, session_code) if session_code else None,
        actor=actor,
    )
    db.commit()
    return proposal_json(get_proposal(db, proposal_id))


@bp.post("/proposals/<int:proposal_id>/stances")
def proposal_stance(proposal_id: int):
    """Record a party's support, opposition or reservation."""
    actor = acting_user()
    data = json_body()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    session_code = field(data, "session", str)
    record_stance(
        db,
        proposal,
        get_party(db, field(data, "party", str, required=True)),
        field(data, "position", str, required=True),
        session=get_session(db, session_code) if session_code else None,
        stated_on=_date(data, "stated_on"),
        note=field(data, "note", str),
        actor=actor,
    )
    db.commit()
    return proposal_json(get_proposal(db, proposal_id)), 201


@bp.post("/proposals/<int:proposal_id>/revisions")
def proposal_revise(proposal_id: int):
    """The sponsor's new wording of its pending proposal (a new revision; the old ones stay)."""
    actor = acting_user()
    data = json_body()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    revise_proposal(
        db,
        proposal,
        texts=field(data, "text", dict, required=True),
        rationale=field(data, "rationale", str),
        note=field(data, "note", str),
        actor=actor,
    )
    db.commit()
    proposal = get_proposal(db, proposal_id)
    return proposal_json(proposal, diffs=proposal_diffs(proposal)), 201


@bp.get("/proposals/<int:proposal_id>/revisions")
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
def proposal_rebase_view(proposal_id: int):
    """Base, current and proposed wording side by side, with a suggested merge."""
    reader()
    db = get_db()
    return rebase_view(db, get_proposal(db, proposal_id))


@bp.post("/proposals/<int:proposal_id>/rebase")
def proposal_rebase(proposal_id: int):
    """Redraft a stale proposal on the current text (a new revision; the old one is kept)."""
    actor = acting_user()
    data = json_body()
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    rebase_proposal(
        db, proposal, texts=field(data, "text", dict), note=field(data, "note", str), actor=actor
    )
    db.commit()
    proposal = get_proposal(db, proposal_id)
    return proposal_json(proposal, diffs=proposal_diffs(proposal))
