"""The provision on screen: what the secretariat shows the room during the session.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.errors import Conflict, InvalidInput
from workbench.events.queries import latest_screen_event
from workbench.events.record import record_event
from workbench.instruments.models import InstrumentKind, Provision
from workbench.sessions.models import Session as Meeting
from workbench.sessions.operations import current_session
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_role


def show_on_screen(db: Session, provision: Provision, *, actor: User | None) -> Meeting:
    """Put a provision of a negotiating text on screen at the session in progress."""
    require_role(actor, Role.SECRETARIAT, Role.ADMIN, action="choose what is on screen")
    session = current_session(db)
    if session is None:
        raise Conflict("No session is in progress; set one before putting a provision on screen.")
    if provision.instrument.kind != InstrumentKind.NEGOTIATING:
        raise InvalidInput(
            "Only a provision of a negotiating text can be put on screen.", field="provision"
        )
    record_audit(
        db,
        actor,
        "screen",
        "provision",
        provision.id,
        summary=f"{provision.label} on screen at {session.code}",
        after={"session": session.code, "provision_id": provision.id},
    )
    record_event(
        db,
        "screen",
        provision=provision.id,
        instrument=provision.instrument_id,
        session=session.id,
    )
    return session


def on_screen(db: Session) -> tuple[Meeting | None, Provision | None]:
    """The session in progress and the provision last put on screen there."""
    session = current_session(db)
    if session is None:
        return None, None
    chosen = latest_screen_event(db, session.id)
    if chosen is None or chosen.provision_id is None:
        return session, None
    return session, db.get(Provision, chosen.provision_id)
