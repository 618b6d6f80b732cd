"""JSON API of sessions: what was tabled and decided at each."""

from __future__ import annotations

from flask import Blueprint

from workbench.db import get_db
from workbench.proposals.queries import list_proposals
from workbench.serialize import proposal_json, session_ref
from workbench.sessions.operations import get_session, list_sessions
from workbench.web.security import reader

bp = Blueprint("sessions_api", __name__, url_prefix="/api")


@bp.get("/sessions")
def sessions_index():
    """Every session, most recent first."""
    reader()
    return {"sessions": [session_ref(s) for s in list_sessions(get_db())]}


@bp.get("/sessions/<code>")
def session_show(code: str):
    """A session with the proposals tabled there."""
    reader()
    db = get_db()
    session = get_session(db, code)
    data = session_ref(session)
    data["proposals"] = [proposal_json(p) for p in list_proposals(db, session=session, limit=1000)]
    return data
