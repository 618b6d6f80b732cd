"""JSON API of negotiation status: set a provision's status, its history, the text's progress."""

from __future__ import annotations

from workbench.db import get_db
from workbench.instruments.queries import get_instrument, get_provision
from workbench.progress.operations import set_provision_status
from workbench.progress.queries import provision_status, status_history
from workbench.progress.report import instrument_progress
from workbench.serialize import status_change_json
from workbench.sessions.operations import named_session
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.instruments import Progress, ProvisionStatus, StatusBody
from workbench.web.security import acting_user, reader

bp = Blueprint("progress_api", __name__, url_prefix="/api", description=__doc__)


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
@bp.response(200, ProvisionStatus)
@bp.errors(401, 404)
@bp.doc(operationId="getProvisionStatus")
def provision_status_show(provision_id: int):
    """A provision's negotiation status with its history."""
    reader()
    db = get_db()
    return status_payload(db, get_provision(db, provision_id))


@bp.post("/provisions/<int:provision_id>/status")
@bp.write
@bp.arguments(StatusBody)
@bp.response(200, ProvisionStatus)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="setProvisionStatus")
def provision_status_set(data: dict, provision_id: int):
    """Move a provision to a negotiation status (secretariat): open, under_negotiation,
    informally_agreed, agreed_ad_ref, reopened; the session defaults to the one in progress."""
    actor = acting_user()
    db = get_db()
    provision = get_provision(db, provision_id)
    session_code = data["session"]
    set_provision_status(
        db,
        provision,
        data["status"],
        session=named_session(db, session_code),
        note=data["note"],
        actor=actor,
    )
    db.commit()
    return status_payload(db, get_provision(db, provision_id))


@bp.get("/instruments/<slug>/progress")
@bp.response(200, Progress)
@bp.errors(401, 404)
@bp.doc(operationId="getProgress")
def instrument_progress_show(slug: str):
    """How far a negotiating text has come: each provision's status, totals by chapter and
    by session."""
    reader()
    db = get_db()
    return instrument_progress(db, get_instrument(db, slug))
