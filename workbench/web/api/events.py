"""JSON API of live negotiation: the event stream and the provision on screen."""

from __future__ import annotations

from flask import Response, current_app, g

from workbench.db import get_db
from workbench.errors import InvalidInput
from workbench.instruments.queries import current_version, get_provision
from workbench.proposals.screen import on_screen, show_on_screen
from workbench.serialize import provision_summary, session_ref
from workbench.users.models import Role
from workbench.web.api.base import Blueprint
from workbench.web.api.schemas.events import EventArgs, EventHeaders, Screen, ScreenBody
from workbench.web.events import event_broker
from workbench.web.security import reader, require_roles

bp = Blueprint("events_api", __name__, url_prefix="/api", description=__doc__)


def _last_event_id(given: str | None) -> int | None:
    """Where a reconnecting stream resumes: Last-Event-ID, or ?after= for a first connection."""
    if given is None or given == "":
        return None
    if not (given.isascii() and given.isdigit()) or len(given) > 18:  # "²" is a digit int() refuses
        raise InvalidInput("Last-Event-ID must be an event id (a whole number).", field="after")
    return int(given)


@bp.get("/events")
@bp.arguments(EventHeaders, location="headers")
@bp.arguments(EventArgs, location="query")
@bp.file("An endless text/event-stream; a comment every 15 s", "text/event-stream")
@bp.errors(400, 401)
@bp.doc(operationId="streamEvents")
def events_stream(headers: dict, args: dict):
    """Server-Sent Events: tabled, revised, decided, rebased proposals, versions, the screen."""
    reader()
    last_id = _last_event_id(headers["last_event_id"] or args["after"])
    # The stream reads from the process's listener: the request's session goes back now.
    db = g.pop("db_session", None)
    if db is not None:
        db.close()
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # a proxy, typed as Flask
    limit = app.config.get("EVENT_STREAMS_PER_PROCESS")
    response = Response(
        event_broker(app).stream(last_id, limit=limit), mimetype="text/event-stream"
    )
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"  # a proxy in front must not hold events back
    return response


def screen_payload(db) -> dict:
    """The session in progress and the provision on screen, with its current text."""
    session, provision = on_screen(db)
    data: dict = {"session": session_ref(session) if session else None, "provision": None}
    if provision is not None:
        data["provision"] = provision_summary(provision, current_version(db, provision))
        data["provision"]["instrument"] = provision.instrument.slug
    return data


@bp.get("/screen")
@bp.response(200, Screen)
@bp.errors(401)
@bp.doc(operationId="getScreen")
def screen_show():
    """The provision on screen at the session in progress."""
    reader()
    return screen_payload(get_db())


@bp.post("/screen")
@bp.write
@bp.arguments(ScreenBody)
@bp.response(200, Screen)
@bp.errors(401, 403, 404, 409, 413)
@bp.doc(operationId="setScreen")
def screen_set(data: dict):
    """Put a provision on screen ({"provision": ID}): the secretariat."""
    actor = require_roles(Role.SECRETARIAT, Role.ADMIN)
    db = get_db()
    show_on_screen(db, get_provision(db, data["provision"]), actor=actor)
    db.commit()
    return screen_payload(db)
