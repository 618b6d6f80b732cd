"""Pages of the record: parties and groups, sessions and the session in progress."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from workbench.db import get_db
from workbench.errors import NotFound
from workbench.parties.models import PartyKind
from workbench.parties.operations import get_party, group_members, list_parties
from workbench.proposals.listing import session_decisions, session_proposals
from workbench.proposals.records import group_record, party_record
from workbench.sessions.operations import (
    current_session,
    get_session,
    list_sessions,
    set_current_session,
)
from workbench.users.models import Role
from workbench.web.forms.base import errors_of
from workbench.web.forms.records import CurrentSessionForm
from workbench.web.views.common import page_actor, page_blueprint, page_reader

bp = page_blueprint("records", __name__)


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
    return _sessions_page()


def _sessions_page(error: str | None = None, status: int = 200):
    db = get_db()
    return render_template(
        "sessions/index.html", sessions=list_sessions(db), current=current_session(db), error=error
    ), status


@bp.post("/sessions/current")
def session_set_current():
    """The secretariat sets the session in progress (what proposals and decisions default to)."""
    actor = page_actor(Role.SECRETARIAT, Role.ADMIN)
    db = get_db()
    form = CurrentSessionForm()
    if not form.validate():
        return _sessions_page(errors_of(form)["session"], 400)
    code = form.session.data
    try:
        session = get_session(db, code) if code != "none" else None
    except NotFound as exc:
        return _sessions_page(exc.message, 400)
    set_current_session(db, session, actor=actor)
    db.commit()
    if session is None:
        flash(_("No session is in progress now."))
    else:
        flash(_("%(code)s is the session in progress.", code=session.code))
    return redirect(url_for("records.sessions"), code=303)


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
