"""JSON API of sessions: what was tabled and decided at each."""

from __future__ import annotations

from workbench.db import get_db
from workbench.errors import NotFound
from workbench.proposals.queries import ProposalFilter, list_proposals
from workbench.serialize import proposal_json, session_ref
from workbench.sessions.operations import (
    current_session,
    get_session,
    list_sessions,
    named_session,
    set_current_session,
)
from workbench.users.models import Role
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.answers import SessionRef
from workbench.web.api.schemas.sessions import (
    CurrentSession,
    CurrentSessionBody,
    SessionDetail,
    SessionList,
)
from workbench.web.security import reader, require_roles

bp = Blueprint("sessions_api", __name__, url_prefix="/api", description=__doc__)


@bp.get("/sessions")
@bp.response(200, SessionList)
@bp.errors(401)
@bp.doc(operationId="listSessions")
def sessions_index():
    """Every session, most recent first."""
    reader()
    return {"sessions": [session_ref(s) for s in list_sessions(get_db())]}


@bp.get("/sessions/current")
@bp.response(200, SessionRef)
@bp.errors(401, 404)
@bp.doc(operationId="getCurrentSession")
def session_current():
    """The session in progress (404 when none is set)."""
    reader()
    session = current_session(get_db())
    if session is None:
        raise NotFound("No session is in progress; the secretariat sets one.")
    return session_ref(session)


@bp.post("/sessions/current")
@bp.write
@bp.arguments(CurrentSessionBody)
@bp.response(200, CurrentSession)
@bp.errors(401, 403, 404, 413)
@bp.doc(operationId="setCurrentSession")
def session_set_current(data: dict):
    """Set the session in progress ({"session": CODE}, or null for none): the secretariat."""
    actor = require_roles(Role.SECRETARIAT, Role.ADMIN)
    code = data["session"]
    db = get_db()
    session = named_session(db, code)
    set_current_session(db, session, actor=actor)
    db.commit()
    return {"current": session_ref(session) if session else None}


@bp.get("/sessions/<code>")
@bp.response(200, SessionDetail)
@bp.errors(401, 404)
@bp.doc(operationId="getSession")
def session_show(code: str):
    """A session with the proposals tabled there."""
    reader()
    db = get_db()
    session = get_session(db, code)
    data = session_ref(session)
    data["proposals"] = [
        proposal_json(p) for p in list_proposals(db, ProposalFilter(session=session), limit=1000)
    ]
    return data
