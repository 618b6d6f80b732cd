"""Reading events: those after an id, the newest, what is on screen."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.events.models import Event, EventKind


def events_after(db: Session, after_id: int, *, limit: int = 500) -> list[Event]:
    """Events with a higher id than ``after_id``, oldest first."""
    return list(
        db.scalars(select(Event).where(Event.id > after_id).order_by(Event.id).limit(limit))
    )


def latest_event_id(db: Session) -> int:
    """The id of the newest event (0 when there is none)."""
    return db.scalar(select(func.max(Event.id))) or 0


def latest_screen_event(db: Session, session_id: int) -> Event | None:
    """The last choice of what is on screen at a session."""
    return db.scalar(
        select(Event)
        .where(Event.kind == EventKind.SCREEN, Event.session_id == session_id)
        .order_by(Event.id.desc())
        .limit(1)
    )
