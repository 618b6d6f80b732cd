"""Pages of the negotiation: tabling proposals, deciding them, parties' and sessions' records."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from workbench.db import get_db
from workbench.errors import NotFound, WorkbenchError
from workbench.instruments.models import InstrumentKind, wording_of
from workbench.instruments.negotiating import create_negotiating_text, picks_for
from workbench.instruments.queries import (
    current_version,
    get_instrument,
    get_provision,
    get_version_by_id,
    instrument_tree,
    list_instruments,
    ordered_provisions,
)
from workbench.parties.operations import get_party, list_parties
from workbench.proposals.models import ProposalKind
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import (
    current_session,
    get_session,
    latest_session,
    list_sessions,
)
from workbench.users.models import Role
from workbench.web.forms.base import errors_of, parse_id, values_of
from workbench.web.forms.negotiation import NegotiatingTextForm, TableProposalForm
from workbench.web.views.common import page_actor, page_blueprint, page_reader
from workbench.web.views.texts import diff_rows

bp = page_blueprint("negotiation", __name__)

TEXT_LANGS = ("en", "zh")
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
    if (provision_id := parse_id(values.get("provision_id"))) is not None:
        try:
            provision = get_provision(db, provision_id)
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
    provision_id = parse_id(values.get("provision_id"))
    if provision_id is None:
        return None, _("Choose the provision to amend.")
    try:
        provision = get_provision(db, provision_id)
    except NotFound as exc:
        return None, exc.message
    base = None
    if (base_id := parse_id(values.get("base_version_id"))) is not None:
        try:
            base = get_version_by_id(db, base_id)
        except NotFound:
            base = None
    if base is None or base.provision_id != provision.id:
        base = current_version(db, provision)
    old = wording_of(base)
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
    values = {"kind": request.args.get("kind", "amend")}
    provision_id = parse_id(request.args.get("provision"))
    if provision_id is not None:
        provision = get_provision(db, provision_id)
        version = current_version(db, provision)
        values["provision_id"] = str(provision.id)
        if version is not None:
            values["base_version_id"] = str(version.id)
            for lang in TEXT_LANGS:
                values[f"text_{lang}"] = version.text(lang) or ""
    if actor.role == Role.DELEGATE:
        assert actor.party is not None, "a delegate is bound to a party (delegate_has_party)"
        values["sponsor"] = actor.party.code
    # New proposals belong to the session in progress, else the latest one.
    session = current_session(db) or latest_session(db)
    values["session"] = session.code if session else ""
    return _proposal_form(values, {})


def _party_or_error(db, code: str, field: str, errors: dict):
    try:
        return get_party(db, code.strip().upper())
    except NotFound:
        errors[field] = _("No party with the code %(code)s.", code=code.strip())
        return None


def _proposal_form_objects(db, form: TableProposalForm, errors: dict[str, str]) -> dict:
    """The provision, parties, session and base version the form names; mistakes go in errors."""
    provision = None
    if form.provision_id.data is not None:
        try:
            provision = get_provision(db, form.provision_id.data)
        except NotFound as exc:
            errors["provision_id"] = exc.message

    def party(field: str, code: str | None):
        return _party_or_error(db, code, field, errors) if code and field not in errors else None

    cosponsors = [party("cosponsors", code) for code in form.cosponsor_codes()]
    meeting = None
    if form.session.data and "session" not in errors:
        try:
            meeting = get_session(db, form.session.data)
        except NotFound as exc:
            errors["session"] = exc.message
    base = None
    if form.base_version_id.data is not None:
        try:
            base = get_version_by_id(db, form.base_version_id.data)
        except NotFound:
            errors["provision_id"] = _("The text you drafted on no longer exists.")
    if base is not None and provision is not None and base.provision_id != provision.id:
        # Another provision was picked after the form was loaded: draft on its current text.
        base = None
    return {
        "provision": provision,
        "sponsor": party("sponsor", form.sponsor.data),
        "behalf": party("on_behalf_of", form.on_behalf_of.data),
        "cosponsors": [c for c in cosponsors if c is not None],
        "meeting": meeting,
        "base": base,
    }


def proposal_create():
    """Table the proposal; a mistake brings the form back with everything typed kept."""
    actor = page_actor(Role.DELEGATE, Role.SECRETARIAT)
    db = get_db()
    form = TableProposalForm()
    values = values_of(form)
    if form.action.data == "preview":
        rows, problem = _preview_rows(values)
        return _proposal_form(
            values,
            {"provision_id": problem} if problem else {},
            400 if problem else 200,
            preview=rows,
        )
    errors = {} if form.validate() else errors_of(form)
    found = _proposal_form_objects(db, form, errors)
    provision, base = found["provision"], found["base"]
    if errors:
        return _proposal_form(values, errors, 400)
    kind = form.kind.data
    texts = {lang: text for lang, text in form.texts().items() if text.strip()}
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
            label=form.label.data or None,
            rationale=form.rationale.data or None,
            session=found["meeting"],
            sponsor=found["sponsor"],
            on_behalf_of=found["behalf"],
            cosponsors=found["cosponsors"],
            cosponsors_consented=form.cosponsors_consented.data,
            actor=actor,
        )
    except WorkbenchError as exc:
        db.rollback()
        status = exc.status_code if exc.status_code in (403, 409, 413) else 400
        return _proposal_form(values, {_field_of(exc, form): exc.message}, status)
    db.commit()
    flash(_("Proposal %(id)s tabled.", id=proposal.id))
    return redirect(url_for("proposals.proposal", proposal_id=proposal.id), code=303)


@bp.post("/proposals/preview")
def proposal_preview():
    """The word diff of a draft against the provision's text, as an HTML fragment."""
    page_reader()
    # The preview only reads: what is typed is shown, escaped, and checked when tabled.
    rows, problem = _preview_rows(values_of(TableProposalForm()))
    if problem:
        return render_template("proposals/_preview.html", rows=None, problem=problem), 400
    return render_template("proposals/_preview.html", rows=rows, problem=None)


# --- starting a negotiation --------------------------------------------------------------


def _text_form(values: dict, errors: dict, status: int = 200, picked: tuple[int, ...] = ()):
    db = get_db()
    sources = [i for i in list_instruments(db, InstrumentKind.SOURCE) if not i.is_outline]
    return render_template(
        "instruments/new.html",
        values=values,
        errors=errors,
        sources=sources,
        outlines={source.id: instrument_tree(db, source) for source in sources},
        picked=set(picked),
    ), status


@bp.route("/texts/new", methods=["GET", "POST"])
def text_new():
    """The secretariat starts a negotiating text: from one source, or from picked provisions."""
    actor = page_actor(Role.SECRETARIAT)
    if request.method == "GET":
        return _text_form({"renumber": "1"}, {})
    db = get_db()
    form = NegotiatingTextForm()
    values, picked = values_of(form), form.picked()
    if not form.validate():
        return _text_form(values, errors_of(form), 400, picked)
    try:
        source = get_instrument(db, form.source.data) if form.source.data else None
        instrument = create_negotiating_text(
            db,
            slug=form.slug.data,
            title_en=form.title_en.data or None,
            title_zh=form.title_zh.data or None,
            source=source,
            picks=picks_for(db, list(picked), renumber=form.renumber.data) if picked else None,
            actor=actor,
        )
    except WorkbenchError as exc:
        db.rollback()
        field = exc.field if exc.field in form else ""
        return _text_form(values, {field: exc.message}, exc.status_code, picked)
    db.commit()
    flash(_("Negotiating text %(slug)s created.", slug=instrument.slug))
    return redirect(url_for("texts.instrument", slug=instrument.slug), code=303)
