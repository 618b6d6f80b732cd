"""Pages of proposals: the list of the whole negotiation, one proposal, the actions on it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workbench.db import get_db
from workbench.errors import InvalidInput, NotFound, WorkbenchError
from workbench.instruments.models import InstrumentKind
from workbench.instruments.queries import get_instrument, list_instruments
from workbench.parties.operations import get_party, list_parties
from workbench.proposals.decide import change_status
from workbench.proposals.models import Proposal, ProposalKind, ProposalStatus, SponsorRole
from workbench.proposals.queries import (
    ProposalFilter,
    count_matching,
    get_proposal,
    is_stale,
    list_proposals,
)
from workbench.proposals.rebase import rebase_proposal, rebase_view
from workbench.proposals.redline import proposal_redline
from workbench.proposals.revise import revise_proposal
from workbench.proposals.sponsors import add_cosponsor, main_sponsorship, withdraw_cosponsor
from workbench.proposals.stances import current_stances, on_earlier_revision, record_stance
from workbench.proposals.status import TRANSITIONS
from workbench.sessions.operations import current_session, list_sessions, named_session
from workbench.users.models import Role
from workbench.web.forms.base import errors_of, parse_id, values_of
from workbench.web.forms.proposals import (
    MergeForm,
    PartyForm,
    ProposalFilterForm,
    RebaseForm,
    ReviseForm,
    StanceForm,
    StatusChangeForm,
)
from workbench.web.views.common import page_actor, page_blueprint, page_reader
from workbench.web.views.texts import redline_rows

bp = page_blueprint("proposals", __name__)

PAGE_SIZE = 50


# --- the whole negotiation ---------------------------------------------------------------


def _filter_of(db) -> tuple[ProposalFilter, dict]:
    """The filter the list's form asks for; unknown codes are a 400 naming the field."""
    form = ProposalFilterForm(formdata=request.args)
    if not form.validate():
        field, message = next(iter(errors_of(form).items()))
        raise InvalidInput(message, field=field)
    values = {field.name: field.data or "" for field in form}
    where = ProposalFilter(
        instrument=get_instrument(db, values["instrument"]) if values["instrument"] else None,
        party=get_party(db, values["party"]) if values["party"] else None,
        session=named_session(db, values["session"]),
        status=ProposalStatus(values["status"]) if values["status"] else None,
        q=values["q"] or None,
    )
    return where, values


@bp.get("/proposals")
def proposals():
    """Every proposal of the negotiation, filtered by text, party, status, session and words."""
    page_reader()
    db = get_db()
    where, values = _filter_of(db)
    page = parse_id(request.args.get("page")) or 1
    total = count_matching(db, where)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    items = list_proposals(db, where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render_template(
        "proposals/index.html",
        proposals=items,
        total=total,
        page=page,
        pages=pages,
        values=values,
        texts=list_instruments(db, InstrumentKind.NEGOTIATING),
        sessions=list_sessions(db),
        parties=list_parties(db),
        statuses=[s.value for s in ProposalStatus],
    )


# --- one proposal ------------------------------------------------------------------------


def _proposal_page(
    proposal: Proposal, errors: dict | None = None, values: dict | None = None, status: int = 200
):
    db = get_db()
    stale = is_stale(proposal)
    moves = sorted(
        (s.value for s in TRANSITIONS[proposal.status] if s != ProposalStatus.MERGED),
        key=[s.value for s in ProposalStatus].index,
    )
    user = current_user if current_user.is_authenticated else None
    own_party = user.party if user is not None and user.role == Role.DELEGATE else None
    own = (
        next((s for s in proposal.sponsorships if s.party_id == own_party.id and s.active), None)
        if own_party is not None
        else None
    )
    current = current_stances(proposal)
    now = {stance.id for stance in current.values()}
    return render_template(
        "proposals/show.html",
        proposal=proposal,
        revision=proposal.revision,
        redline=redline_rows(proposal_redline(proposal), "both"),
        revisions=[
            (r, redline_rows(proposal_redline(proposal, r), "both"))
            for r in reversed(proposal.revisions)
        ],
        stale=stale,
        rebase=rebase_view(db, proposal) if stale and proposal.is_pending else None,
        moves=moves,
        # Main sponsor first, then co-sponsors in the order they joined (withdrawn ones too).
        sponsorships=sorted(
            proposal.sponsorships, key=lambda s: (s.role != SponsorRole.MAIN, s.joined_at, s.id)
        ),
        stances=list(current.values()),
        stance_history=[s for s in proposal.stances if s.id not in now],
        on_earlier_revision=on_earlier_revision,
        main=main_sponsorship(proposal),
        own_party=own_party,
        own_sponsorship=own,
        current_session=current_session(db),
        sessions=list_sessions(db),
        errors=errors or {},
        values=values or {},
        parties=list_parties(db),
    ), status


@bp.get("/proposals/<int:proposal_id>")
def proposal(proposal_id: int):
    """A proposal: its redline, sponsors, stances, revisions, history and the actions on it."""
    page_reader()
    return _proposal_page(get_proposal(get_db(), proposal_id))


def _act(proposal_id: int, roles: tuple[Role, ...], form_class, act, done: str):
    """Run one action from the proposal page; errors re-render it with the input kept."""
    actor = page_actor(*roles)
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    form = form_class()
    values = values_of(form)
    if not form.validate():
        return _proposal_page(proposal, errors_of(form), values, 400)
    try:
        act(db, proposal, form, actor)
    except WorkbenchError as exc:
        db.rollback()
        proposal = get_proposal(db, proposal_id)
        field = exc.field if exc.field in values else ""
        return _proposal_page(proposal, {field: exc.message}, values, exc.status_code)
    db.commit()
    flash(done)
    return redirect(url_for("proposals.proposal", proposal_id=proposal_id), code=303)


def _session_of(db, form):
    return named_session(db, form.session.data)


def _party_of(db, form):
    try:
        return get_party(db, form.party.data.upper())
    except NotFound as exc:
        raise InvalidInput(exc.message, field="party") from None


ACTORS = (Role.SECRETARIAT, Role.DELEGATE)


@bp.post("/proposals/<int:proposal_id>/status")
def proposal_status(proposal_id: int):
    """Change a proposal's status; agreeing it appends the new version of the provision."""

    def act(db, proposal, form, actor):
        change_status(
            db,
            proposal,
            form.status.data,
            note=form.note.data or None,
            session=_session_of(db, form),
            actor=actor,
        )

    return _act(proposal_id, ACTORS, StatusChangeForm, act, _("Status changed."))


@bp.post("/proposals/<int:proposal_id>/merge")
def proposal_merge(proposal_id: int):
    """Merge the proposal into another one; its sponsors are invited to co-sponsor that one."""

    def act(db, proposal, form, actor):
        try:
            into = get_proposal(db, form.merged_into.data)
        except NotFound as exc:
            raise InvalidInput(exc.message, field="merged_into") from None
        change_status(
            db,
            proposal,
            ProposalStatus.MERGED,
            merged_into=into,
            note=form.note.data or None,
            session=_session_of(db, form),
            actor=actor,
        )

    return _act(proposal_id, (Role.SECRETARIAT,), MergeForm, act, _("Merged."))


@bp.post("/proposals/<int:proposal_id>/revise")
def proposal_revise(proposal_id: int):
    """The sponsor's new wording (a new revision; co-sponsors are asked to confirm again)."""

    def act(db, proposal, form, actor):
        texts = form.texts()
        if not texts:
            raise InvalidInput(_("Give the new wording."), field="text_en")
        revise_proposal(
            db,
            proposal,
            texts=texts,
            rationale=form.rationale.data or None,
            actor=actor,
        )

    return _act(proposal_id, ACTORS, ReviseForm, act, _("Revised."))


@bp.post("/proposals/<int:proposal_id>/rebase")
def proposal_rebase(proposal_id: int):
    """Redraft a stale proposal on the current text: the clean merge, or the sponsor's wording."""

    def act(db, proposal, form, actor):
        texts = form.texts()
        if proposal.kind != ProposalKind.DELETE and not texts and form.take.data != "merge":
            raise InvalidInput(_("Give the rebased wording."), field="text_en")
        rebase_proposal(
            db,
            proposal,
            texts=texts if proposal.kind != ProposalKind.DELETE and texts else None,
            note=form.note.data or None,
            actor=actor,
        )

    return _act(proposal_id, ACTORS, RebaseForm, act, _("Rebased on the current text."))


@bp.post("/proposals/<int:proposal_id>/cosponsors")
def proposal_cosponsor(proposal_id: int):
    """A party co-sponsors: accepts its invitation or joins (a delegate for its own party)."""

    def act(db, proposal, form, actor):
        add_cosponsor(db, proposal, _party_of(db, form), session=_session_of(db, form), actor=actor)

    return _act(proposal_id, ACTORS, PartyForm, act, _("Co-sponsorship recorded."))


@bp.post("/proposals/<int:proposal_id>/cosponsors/withdraw")
def proposal_cosponsor_withdraw(proposal_id: int):
    """A co-sponsor leaves, or an invited state declines."""

    def act(db, proposal, form, actor):
        withdraw_cosponsor(
            db, proposal, _party_of(db, form), session=_session_of(db, form), actor=actor
        )

    return _act(proposal_id, ACTORS, PartyForm, act, _("Co-sponsorship ended."))


@bp.post("/proposals/<int:proposal_id>/stances")
def proposal_stance(proposal_id: int):
    """Record a party's support, opposition or reservation, with its explanation."""

    def act(db, proposal, form, actor):
        record_stance(
            db,
            proposal,
            _party_of(db, form),
            form.position.data,
            note=form.note.data or None,
            session=_session_of(db, form),
            actor=actor,
        )

    return _act(proposal_id, ACTORS, StanceForm, act, _("Stance recorded."))
