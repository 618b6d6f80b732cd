"""JSON API of negotiation status: set a provision's status, its history, the text's progress."""

from __future__ import annotations

from flask import Blueprint

from workbench.db import get_db
from workbench.instruments.queries import get_instrument, get_provision
from workbench.progress.operations import set_provision_status
from workbench.progress.queries import provision_status, status_history
from workbench.progress.report import instrument_progress
from workbench.serialize import status_change_json
from workbench.sessions.operations import get_session
from workbench.web.api.util import field, json_body
from workbench.web.security import acting_user, reader

bp = Blueprint("progress_api", __name__, url_prefix="/api")


def status_payload(db, provision) -> dict:
    """A provision's negotiation status and every change of it, oldest first."""
    return {
        "provision_id": provision.id,
        "instrument": provision.instrument.slug,
        "label": provision.label,
        "status": str(provision_status(provision)),
        "history": [status_change_json(c) for c in status_history(db, provision)],
    }


@bp.get("/provisions/<int:provision_id>/status")
def provision_status_show(provision_id: int):
    """A provision's negotiation status with its history."""
    reader()
    db = get_db()
    return status_payload(db, get_provision(db, provision_id))


@bp.post("/provisions/<int:provision_id>/status")
def provision_status_set(provision_id: int):
    """Move a provision to a negotiation status (secretariat): open, under_negotiation,
    informally_agreed, agreed_ad_ref, reopened; the session defaults to the one in progress."""
    actor = acting_user()
    data = json_body()
    db = get_db()
    provision = get_provision(db, provision_id)
    session_code = field(data, "session", str)
    set_provision_status(
        db,
        provision,
        field(data, "status", str, required=True),
        session=get_session(db, session_code) if session_code else None,
        note=field(data, "note", str),
        actor=actor,
    )
    db.commit()
    return status_payload(db, get_provision(db, provision_id))


@bp.get("/instruments/<slug>/progress")
def instrument_progress_show(slug: str):
    """How far a negotiating text has come: each provision's status, totals by chapter and
    by session."""
    reader()
    db = get_db()
    return instrument_progress(db, get_instrument(db, slug))
