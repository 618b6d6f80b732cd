"""Pages of the negotiation: tabling proposals, deciding them, parties' and sessions' records."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workbench.db import get_db
from workbench.errors import InvalidInput, NotFound, WorkbenchError
from workbench.instruments.models import InstrumentKind
from workbench.instruments.queries import (
    current_version,
    get_provision,
    get_version_by_id,
    list_instruments,
    ordered_provisions,
)
from workbench.parties.models import PartyKind
from workbench.parties.operations import get_party, group_members, list_parties
from workbench.proposals.attribution import group_record, party_record
from workbench.proposals.decide import change_status
from workbench.proposals.listing import session_decisions, session_proposals
from workbench.proposals.models import Proposal, ProposalKind, ProposalStatus, SponsorRole
from workbench.proposals.queries import get_proposal, is_stale
from workbench.proposals.rebase import rebase_proposal, rebase_view
from workbench.proposals.sponsors import add_cosponsor, main_sponsorship
from workbench.proposals.stances import current_stances, record_stance
from workbench.proposals.status import TRANSITIONS
from workbench.proposals.table import table_proposal
from workbench.serialize import texts_of
from workbench.sessions.operations import get_session, latest_session, list_sessions
from workbench.users.models import Role
from workbench.web.views.common import page_actor, page_blueprint, page_reader
from workbench.web.views.texts import diff_rows

bp = page_blueprint("negotiation", __name__)

TEXT_LANGS = ("en", "zh")
PROPOSAL_FIELDS = (
    "provision_id",
    "kind",
    "text_en",
    "text_zh",
    "sponsor",
    "on_behalf_of",
    "cosponsors",
    "session",
    "rationale",
    "label",
    "base_version_id",
)
# Fields named by the operations' errors → the form field they belong to.
FIELD_OF_ERROR = {
    "text.en": "text_en",
    "text.zh": "text_zh",
    "text": "text_en",
    "provision": "provision_id",
    "base_version": "provision_id",
    "chapter": "provision_id",
    "instrument": "provision_id",
}


def _field_of(error: WorkbenchError, fields) -> str:
    name = FIELD_OF_ERROR.get(error.field or "", error.field or "")
    return name if name in fields else ""


# --- tabling -----------------------------------------------------------------------------


def _proposal_form(values: dict, errors: dict, status: int = 200, preview=None):
    db = get_db()
    texts = list_instruments(db, InstrumentKind.NEGOTIATING)
    choices = [(text, ordered_provisions(db, text)) for text in texts]
    provision = None
    if (values.get("provision_id") or "").isdigit():
        try:
            provision = get_provision(db, int(values["provision_id"]))
        except NotFound:
            provision = None
    return render_template(
        "proposals/new.html",
        values=values,
        errors=errors,
        choices=choices,
        provision=provision,
        sessions=list_sessions(db),
        parties=list_parties(db),
        preview=preview,
        kinds=[k.value for k in ProposalKind],
    ), status


def _preview_rows(values: dict) -> tuple[list[dict] | None, str | None]:
    """The word diff of the typed wording against the provision's text, or why not."""
    db = get_db()
    raw = values.get("provision_id") or ""
    if not raw.isdigit():
        return None, _("Choose the provision to amend.")
    try:
        provision = get_provision(db, int(raw))
    except NotFound as exc:
        return None, exc.message
    base = None
    if (values.get("base_version_id") or "").isdigit():
        try:
            base = get_version_by_id(db, int(values["base_version_id"]))
        except NotFound:
            base = None
    if base is None or base.provision_id != provision.id:
        base = current_version(db, provision)
    old = texts_of(base)
    if values.get("kind") == "delete":
        new: dict[str, str] = {}
    elif values.get("kind") == "insert":
        old, new = (
            {},
            {lang: values[f"text_{lang}"] for lang in TEXT_LANGS if values.get(f"text_{lang}")},
        )
    else:
        # Languages left empty are not proposed, so they are not previewed either.
        new = {lang: values[f"text_{lang}"] for lang in TEXT_LANGS if values.get(f"text_{lang}")}
        # A language the provision lacks shows as wholly inserted.
        old = {lang: old.get(lang, "") for lang in new}
    return diff_rows(old, new, "both"), None


@bp.route("/proposals/new", methods=["GET", "POST"])
def proposal_new():
    """The form to table a proposal (GET), and tabling it (POST)."""
    if request.method == "POST":
        return proposal_create()
    return proposal_form()


def proposal_form():
    """The form, prefilled with the provision's current wording."""
    actor = page_actor(Role.DELEGATE, Role.SECRETARIAT)
    db = get_db()
    values = {name: "" for name in PROPOSAL_FIELDS}
    values["kind"] = request.args.get("kind", "amend")
    raw = request.args.get("provision", "")
    if raw.isdigit():
        provision = get_provision(db, int(raw))
        version = current_version(db, provision)
        values["provision_id"] = str(provision.id)
        if version is not None:
            values["base_version_id"] = str(version.id)
            for lang in TEXT_LANGS:
                values[f"text_{lang}"] = version.text(lang) or ""
    if actor.role == Role.DELEGATE:
        values["sponsor"] = actor.party.code
    latest = latest_session(db)
    values["session"] = latest.code if latest else ""
    return _proposal_form(values, {})


def _party_or_error(db, code: str, field: str, errors: dict):
    try:
        return get_party(db, code.strip().upper())
    except NotFound:
        errors[field] = _("No party with the code %(code)s.", code=code.strip())
        return None


def proposal_create():
    """Table the proposal; a mistake brings the form back with everything typed kept."""
    actor = page_actor(Role.DELEGATE, Role.SECRETARIAT)
    db = get_db()
    values = {name: request.form.get(name, "") for name in PROPOSAL_FIELDS}
    if request.form.get("action") == "preview":
        rows, problem = _preview_rows(values)
        return _proposal_form(
            values,
            {"provision_id": problem} if problem else {},
            400 if problem else 200,
            preview=rows,
        )
    errors: dict[str, str] = {}
    provision = None
    if not values["provision_id"].isdigit():
        errors["provision_id"] = _("Choose the provision.")
    else:
        try:
            provision = get_provision(db, int(values["provision_id"]))
        except NotFound as exc:
            errors["provision_id"] = exc.message
    if not values["sponsor"].strip():
        errors["sponsor"] = _("Name the sponsor.")
    if not values["session"]:
        errors["session"] = _("Choose the session.")
    sponsor = (
        _party_or_error(db, values["sponsor"], "sponsor", errors)
        if values["sponsor"].strip()
        else None
    )
    behalf = (
        _party_or_error(db, values["on_behalf_of"], "on_behalf_of", errors)
        if values["on_behalf_of"].strip()
        else None
    )
    cosponsors = []
    for code in values["cosponsors"].replace(";", ",").split(","):
        if code.strip():
            party = _party_or_error(db, code, "cosponsors", errors)
            cosponsors.append(party)
    meeting = None
    if values["session"]:
        try:
            meeting = get_session(db, values["session"])
        except NotFound as exc:
            errors["session"] = exc.message
    base = None
    if values["base_version_id"].isdigit():
        try:
            base = get_version_by_id(db, int(values["base_version_id"]))
        except NotFound:
            errors["provision_id"] = _("The text you drafted on no longer exists.")
    if base is not None and provision is not None and base.provision_id != provision.id:
        # Another provision was picked after the form was loaded: draft on its current text.
        base = None
    if errors:
        return _proposal_form(values, errors, 400)
    kind = values["kind"]
    texts = {lang: values[f"text_{lang}"] for lang in TEXT_LANGS if values[f"text_{lang}"].strip()}
    if kind == "amend" and base is not None:
        # Only the languages the delegation changed are proposed; the rest stay as they are.
        changed = {lang: t for lang, t in texts.items() if t != (base.text(lang) or "")}
        texts = changed or texts
    try:
        proposal = table_proposal(
            db,
            instrument=provision.instrument,
            kind=kind,
            provision=provision,
            base_version=base if kind != "insert" else None,
            texts=texts if kind != "delete" else None,
            label=values["label"] or None,
            rationale=values["rationale"] or None,
            session=meeting,
            sponsor=sponsor,
            on_behalf_of=behalf,
            cosponsors=cosponsors,
            actor=actor,
        )
    except WorkbenchError as exc:
        db.rollback()
        status = exc.status_code if exc.status_code in (403, 409, 413) else 400
        return _proposal_form(values, {_field_of(exc, PROPOSAL_FIELDS): exc.message}, status)
    db.commit()
    flash(_("Proposal %(id)s tabled.", id=proposal.id))
    return redirect(url_for("negotiation.proposal", proposal_id=proposal.id), code=303)


@bp.post("/proposals/preview")
def proposal_preview():
    """The word diff of a draft against the provision's text, as an HTML fragment."""
    page_reader()
    values = {name: request.form.get(name, "") for name in PROPOSAL_FIELDS}
    rows, problem = _preview_rows(values)
    if problem:
        return render_template("proposals/_preview.html", rows=None, problem=problem), 400
    return render_template("proposals/_preview.html", rows=rows, problem=None)


# --- a proposal and the decisions on it --------------------------------------------------


def _proposal_page(
    proposal: Proposal, errors: dict | None = None, values: dict | None = None, status: int = 200
):
    db = get_db()
    revision = proposal.revision
    proposed = (
        {} if proposal.kind == ProposalKind.DELETE else {t.lang: t.text for t in revision.texts}
    )
    redline = diff_rows(texts_of(revision.base_version), proposed, "both")
    stale = is_stale(proposal)
    rebase = rebase_view(db, proposal) if stale and proposal.is_pending else None
    moves = sorted(
        (s.value for s in TRANSITIONS[proposal.status] if s != ProposalStatus.MERGED),
        key=[s.value for s in ProposalStatus].index,
    )
    user = current_user if current_user.is_authenticated else None
    main = main_sponsorship(proposal)
    own_party = user.party if user is not None and user.role == Role.DELEGATE else None
    return render_template(
        "proposals/show.html",
        proposal=proposal,
        revision=revision,
        redline=redline,
        stale=stale,
        rebase=rebase,
        moves=moves,
        # Main sponsor first, then co-sponsors in the order they joined (withdrawn ones too).
        sponsorships=sorted(
            proposal.sponsorships, key=lambda s: (s.role != SponsorRole.MAIN, s.joined_at, s.id)
        ),
        stances=list(current_stances(proposal).values()),
        main=main,
        own_party=own_party,
        errors=errors or {},
        values=values or {},
        parties=list_parties(db),
    ), status


@bp.get("/proposals/<int:proposal_id>")
def proposal(proposal_id: int):
    """A proposal: its redline, sponsors, stances, status history and the actions on it."""
    page_reader()
    return _proposal_page(get_proposal(get_db(), proposal_id))


def _decide(proposal_id: int, roles: tuple[Role, ...], required: tuple[str, ...], act, done: str):
    """Run one action from the proposal page; errors re-render it with the input kept."""
    actor = page_actor(*roles)
    db = get_db()
    proposal = get_proposal(db, proposal_id)
    values = {key: request.form.get(key, "") for key in request.form if key != "csrf_token"}
    errors = {
        name: _("This field is required.") for name in required if not values.get(name, "").strip()
    }
    if errors:
        return _proposal_page(proposal, errors, values, 400)
    try:
        act(db, proposal, values, actor)
    except WorkbenchError as exc:
        db.rollback()
        proposal = get_proposal(db, proposal_id)
        field = exc.field if exc.field in values else ""
        return _proposal_page(proposal, {field: exc.message}, values, exc.status_code)
    db.commit()
    flash(done)
    return redirect(url_for("negotiation.proposal", proposal_id=proposal_id), code=303)


def _session_of(db, values):
    return get_session(db, values["session"]) if values.get("session") else None


@bp.post("/proposals/<int:proposal_id>/status")
def proposal_status(proposal_id: int):
    """Change a proposal's status; agreeing it appends the new version of the provision."""

    def act(db, proposal, values, actor):
        change_status(
            db,
            proposal,
            values["status"],
            note=values.get("note") or None,
            session=_session_of(db, values),
            actor=actor,
        )

    return _decide(
        proposal_id, (Role.SECRETARIAT, Role.DELEGATE), ("status",), act, _("Status changed.")
    )


@bp.post("/proposals/<int:proposal_id>/merge")
def proposal_merge(proposal_id: int):
    """Merge the proposal into another one; its sponsors join it."""

    def act(db, proposal, values, actor):
        raw = values["merged_into"].strip().lstrip("#")
        if not raw.isdigit():
            raise InvalidInput(_("Give the number of a proposal."), field="merged_into")
        try:
            into = get_proposal(db, int(raw))
        except NotFound as exc:
            raise InvalidInput(exc.message, field="merged_into") from None
        change_status(
            db,
            proposal,
            ProposalStatus.MERGED,
            merged_into=into,
            note=values.get("note") or None,
            actor=actor,
        )

    return _decide(proposal_id, (Role.SECRETARIAT,), ("merged_into",), act, _("Merged."))


@bp.post("/proposals/<int:proposal_id>/rebase")
def proposal_rebase(proposal_id: int):
    """Redraft a stale proposal on the current text (a new revision; the old one is kept)."""

    def act(db, proposal, values, actor):
        texts = {
            lang: values[f"text_{lang}"]
            for lang in TEXT_LANGS
            if values.get(f"text_{lang}", "").strip()
        }
        if proposal.kind != ProposalKind.DELETE and not texts:
            raise InvalidInput(_("Give the rebased wording."), field="text_en")
        rebase_proposal(
            db,
            proposal,
            texts=texts if proposal.kind != ProposalKind.DELETE else None,
            note=values.get("note") or None,
            actor=actor,
        )

    actor_roles = (Role.SECRETARIAT, Role.DELEGATE)
    if request.form.get("text_en", "").strip() or request.form.get("text_zh", "").strip():
        return _decide(proposal_id, actor_roles, (), act, _("Rebased on the current text."))
    return _decide(proposal_id, actor_roles, ("text_en",), act, _("Rebased on the current text."))


@bp.post("/proposals/<int:proposal_id>/cosponsors")
def proposal_cosponsor(proposal_id: int):
    """A party joins as co-sponsor (a delegate for its own party only)."""

    def act(db, proposal, values, actor):
        try:
            party = get_party(db, values["party"].strip().upper())
        except NotFound as exc:
            raise InvalidInput(exc.message, field="party") from None
        add_cosponsor(db, proposal, party, session=_session_of(db, values), actor=actor)

    return _decide(
        proposal_id, (Role.SECRETARIAT, Role.DELEGATE), ("party",), act, _("Co-sponsor added.")
    )


@bp.post("/proposals/<int:proposal_id>/stances")
def proposal_stance(proposal_id: int):
    """Record a party's support, opposition or reservation."""

    def act(db, proposal, values, actor):
        try:
            party = get_party(db, values["party"].strip().upper())
        except NotFound as exc:
            raise InvalidInput(exc.message, field="party") from None
        record_stance(
            db,
            proposal,
            party,
            values["position"],
            note=values.get("note") or None,
            session=_session_of(db, values),
            actor=actor,
        )

    return _decide(
        proposal_id,
        (Role.SECRETARIAT, Role.DELEGATE),
        ("party", "position"),
        act,
        _("Stance recorded."),
    )


# --- parties and sessions ----------------------------------------------------------------


@bp.get("/parties")
def parties():
    """States, groups and organizations."""
    page_reader()
    db = get_db()
    return render_template(
        "parties/index.html",
        groups=list_parties(db, PartyKind.GROUP),
        organizations=list_parties(db, PartyKind.ORGANIZATION),
        states=list_parties(db, PartyKind.STATE),
        observers=list_parties(db, PartyKind.OBSERVER_STATE),
    )


@bp.get("/parties/<code>")
def party(code: str):
    """What a party sponsored, co-sponsored, supported and opposed; a group's members too."""
    page_reader()
    db = get_db()
    item = get_party(db, code.upper())
    group = group_record(db, item) if item.is_group else None
    return render_template(
        "parties/show.html",
        party=item,
        record=party_record(db, item),
        group=group,
        members=group_members(db, item) if group else [],
    )


@bp.get("/sessions")
def sessions():
    """Every session, the latest first."""
    page_reader()
    return render_template("sessions/index.html", sessions=list_sessions(get_db()))


@bp.get("/sessions/<session_code>")
def session_page(session_code: str):
    """What was tabled and decided at a session."""
    page_reader()
    db = get_db()
    meeting = get_session(db, session_code)
    return render_template(
        "sessions/show.html",
        meeting=meeting,
        tabled=session_proposals(db, meeting),
        decisions=session_decisions(db, meeting),
    )
