"""The progress page: the text coloured by negotiation status, and the secretariat's form."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from workbench.db import get_db
from workbench.errors import NotFound, WorkbenchError
from workbench.instruments.queries import get_instrument, get_provision, instrument_tree
from workbench.progress.models import ProvisionStatus
from workbench.progress.operations import MOVES, set_provision_status
from workbench.progress.report import instrument_progress
from workbench.sessions.operations import current_session, list_sessions, named_session
from workbench.users.models import Role
from workbench.web.forms.base import errors_of, values_of
from workbench.web.forms.records import ProvisionStatusForm
from workbench.web.views.common import page_actor, page_blueprint, page_reader, text_view

bp = page_blueprint("progress", __name__)


def status_names() -> dict[str, str]:
    """Each negotiation status in the reader's language."""
    return {
        ProvisionStatus.OPEN.value: _("open"),
        ProvisionStatus.UNDER_NEGOTIATION.value: _("under negotiation"),
        ProvisionStatus.INFORMALLY_AGREED.value: _("informally agreed"),
        ProvisionStatus.AGREED_AD_REF.value: _("agreed ad referendum"),
        ProvisionStatus.REOPENED.value: _("reopened"),
    }


def status_name(status: str) -> str:
    """One negotiation status in the reader's language, as the progress page names it."""
    return status_names().get(str(status), str(status))


def _page(slug: str, errors: dict | None = None, values: dict | None = None, status: int = 200):
    reader = page_reader()
    db = get_db()
    instrument = get_instrument(db, slug)
    tree = instrument_tree(db, instrument)
    report = instrument_progress(db, instrument, tree)
    may_set = reader is not None and reader.role == Role.SECRETARIAT
    return (
        render_template(
            "progress/show.html",
            instrument=instrument,
            tree=tree,
            report=report,
            rows={row["id"]: row for row in report["provisions"]},
            names=status_names(),
            moves={s.value: sorted(m.value for m in MOVES[s]) for s in ProvisionStatus},
            view=text_view(),
            may_set=may_set,
            sessions=list_sessions(db) if may_set else [],
            current=current_session(db),
            errors=errors or {},
            values=values or {},
        ),
        status,
    )


@bp.get("/instruments/<slug>/progress")
def progress(slug: str):
    """The negotiating text coloured by the status of each provision, with the totals."""
    return _page(slug)


@bp.post("/provisions/<int:provision_id>/negotiation-status")
def set_status(provision_id: int):
    """The secretariat moves a provision to a negotiation status."""
    actor = page_actor(Role.SECRETARIAT)
    db = get_db()
    provision = get_provision(db, provision_id)
    slug = provision.instrument.slug
    form = ProvisionStatusForm()
    values = {**values_of(form), "provision_id": provision_id}  # shown again, for this row
    if not form.validate():
        return _page(slug, errors_of(form), values, 400)
    try:
        session = named_session(db, form.session.data)
    except NotFound as exc:
        return _page(slug, {"session": exc.message}, values, 400)
    try:
        set_provision_status(
            db, provision, form.status.data, session=session, note=form.note.data, actor=actor
        )
    except WorkbenchError as exc:
        db.rollback()
        return _page(slug, {exc.field or "status": exc.message}, values, exc.status_code)
    db.commit()
    flash(_("Status of %(label)s set.", label=provision.label))
    target = url_for("progress.progress", slug=slug, _anchor=f"provision-{provision_id}")
    return redirect(target, code=303)
