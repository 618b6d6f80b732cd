"""The screen view: the provision under negotiation, for the chair's projector and every laptop."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from workbench.db import get_db
from workbench.errors import InvalidInput
from workbench.instruments.models import InstrumentKind
from workbench.instruments.queries import (
    current_version,
    get_provision,
    list_instruments,
    ordered_provisions,
)
from workbench.proposals.listing import provision_proposals
from workbench.proposals.redline import proposal_redline
from workbench.proposals.screen import on_screen, show_on_screen
from workbench.users.models import Role
from workbench.web.forms.base import errors_of
from workbench.web.forms.records import ScreenForm
from workbench.web.views.common import page_actor, page_blueprint, page_reader, text_view
from workbench.web.views.texts import PAGE_SIZE, redline_rows

bp = page_blueprint("screen", __name__)


def _live_context() -> dict:
    """What the screen shows: the session, the provision, its text and pending proposals."""
    db = get_db()
    session, provision = on_screen(db)
    current = current_version(db, provision) if provision is not None else None
    view = text_view(current.languages if current else None)
    pending = (
        provision_proposals(db, provision, pending=True, limit=PAGE_SIZE)
        if provision is not None
        else []
    )
    return {
        "session": session,
        "provision": provision,
        "current": current,
        "view": view,
        "pending": pending,
        "redlines": {p.id: redline_rows(proposal_redline(p), view) for p in pending},
    }


@bp.route("/screen", methods=["GET", "POST"])
def screen():
    """The provision on screen, updating itself as the negotiation moves; the secretariat
    chooses it (POST)."""
    if request.method == "POST":
        return _choose()
    page_reader()
    context = _live_context()
    choices = []
    if _may_choose():
        db = get_db()
        choices = [
            (text, ordered_provisions(db, text))
            for text in list_instruments(db, InstrumentKind.NEGOTIATING)
        ]
    return render_template("screen/show.html", choices=choices, **context)


def _may_choose() -> bool:
    from flask_login import current_user

    return current_user.is_authenticated and current_user.role in (Role.SECRETARIAT, Role.ADMIN)


@bp.get("/screen/live")
def screen_live():
    """The changing part of the screen view, fetched by its script after each event."""
    page_reader()
    return render_template("screen/live.html", **_live_context())


def _choose():
    """The secretariat puts a provision on screen."""
    actor = page_actor(Role.SECRETARIAT, Role.ADMIN)
    form = ScreenForm()
    if not form.validate() or form.provision_id.data is None:
        raise InvalidInput(errors_of(form)["provision_id"], field="provision_id")
    db = get_db()
    provision = get_provision(db, form.provision_id.data)
    show_on_screen(db, provision, actor=actor)
    db.commit()
    flash(_("%(label)s is on screen.", label=provision.label))
    return redirect(url_for("screen.screen"), code=303)
