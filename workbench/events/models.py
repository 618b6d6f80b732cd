"""The Event model: one announcement that the negotiation changed."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db import Base, enum_column, utcnow


class EventKind(enum.StrEnum):
    """What happened: the live screens and the event stream say no more than this and ids."""

    TABLED = "tabled"
    REVISED = "revised"
    DECIDED = "decided"
    REBASED = "rebased"
    VERSION = "version"
    SCREEN = "screen"


# The ids an event may carry: public identifiers only, never names or wording.
EVENT_IDS = ("proposal", "provision", "instrument", "session", "number", "status")


class Event(Base):
    """One change, numbered in commit order; the stream resumes from an event's id."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_kind_session_id", "kind", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "event_kind"))
    proposal_id: Mapped[int | None]
    provision_id: Mapped[int | None]
    instrument_id: Mapped[int | None]
    session_id: Mapped[int | None]
    # A version's or revision's number.
    number: Mapped[int | None]
    status: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def to_json(self) -> dict:
        """What the stream sends: the kind, the ids and the time, nothing else."""
        data: dict = {"id": self.id, "kind": str(self.kind)}
        for name in EVENT_IDS:
            value = getattr(self, name if name in ("number", "status") else f"{name}_id")
            if value is not None:
                data[name] = value
        data["at"] = self.created_at.isoformat() if self.created_at else None
        return data

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.kind}>"
