"""The negotiation status of a provision and its append-only history of changes."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Text, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm import Session as OrmSession

from workbench.db import Base, enum_column, utcnow
from workbench.instruments.models import ImmutableRecord

if TYPE_CHECKING:
    from workbench.instruments.models import Provision
    from workbench.sessions.models import Session
    from workbench.users.models import User


class ProvisionStatus(enum.StrEnum):
    """How far the negotiation of a provision has come, as the secretariat records it."""

    OPEN = "open"
    UNDER_NEGOTIATION = "under_negotiation"
    INFORMALLY_AGREED = "informally_agreed"
    AGREED_AD_REF = "agreed_ad_ref"
    REOPENED = "reopened"


class ProvisionStatusChange(Base):
    """One move of a provision's status: to what, at which session, by whom, and why."""

    __tablename__ = "provision_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[int] = mapped_column(ForeignKey("provisions.id"), index=True)
    from_status: Mapped[ProvisionStatus] = mapped_column(
        enum_column(ProvisionStatus, "provision_from_status")
    )
    to_status: Mapped[ProvisionStatus] = mapped_column(
        enum_column(ProvisionStatus, "provision_to_status")
    )
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    provision: Mapped[Provision] = relationship()
    session: Mapped[Session | None] = relationship()
    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ProvisionStatusChange {self.provision_id} {self.from_status}->{self.to_status}>"


@event.listens_for(OrmSession, "before_flush")
def _refuse_changes_to_history(session, _flush_context, _instances):
    """A status change is the record of a decision: never changed, never deleted."""
    for obj in (*session.dirty, *session.deleted):
        changed = obj in session.deleted or session.is_modified(obj, include_collections=False)
        if isinstance(obj, ProvisionStatusChange) and inspect(obj).persistent and changed:
            raise ImmutableRecord(f"Provision status change {obj.id} is append-only")
