"""Models of users and the audit log."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.db import Base, enum_column, utcnow

if TYPE_CHECKING:
    from workbench.parties.models import Party


class Role(enum.StrEnum):
    """What a user may do."""

    SECRETARIAT = "secretariat"
    DELEGATE = "delegate"
    OBSERVER = "observer"
    ADMIN = "admin"


class User(Base):
    """Someone who logs in: the secretariat, a delegate of one party, an observer, an admin."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role <> 'delegate' OR party_id IS NOT NULL", name="delegate_has_party"),
        CheckConstraint("length(name) >= 2", name="name_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Part of every session cookie: raising it (logout, a new password, disabling the
    # account) ends every session of the user at once, wherever the cookies are.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # The TOTP second factor's base32 secret; None: not enrolled.
    totp_secret: Mapped[str | None] = mapped_column(String(64))

    party: Mapped[Party | None] = relationship()
    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", order_by="ApiToken.id", cascade="all, delete-orphan"
    )

    # Flask-Login's user protocol.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        # The session cookie names the generation too: see session_generation.
        return f"{self.id}.{self.session_generation}"

    def __repr__(self) -> str:
        return f"<User {self.name} {self.role}>"


class ApiToken(Base):
    """One named API token of a user: only its digest is kept; it expires and can be revoked."""

    __tablename__ = "api_tokens"
    # No cached page or answer shows tokens: using or issuing one is no new data version.
    __bookkeeping__ = True
    __table_args__ = (CheckConstraint("length(name) >= 1", name="name_length"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")


class ThrottleHit(Base):
    """One counted attempt (a failed login, a PDF conversion), shared by every worker process."""

    __tablename__ = "throttle_hits"
    __bookkeeping__ = True  # counting refusals changes nothing a page shows
    __table_args__ = (Index("ix_throttle_hits_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    # Seconds since the epoch: compared with arithmetic, the same on every backend.
    at: Mapped[float] = mapped_column(Float, index=True)


class AuditEntry(Base):
    """One write: who did what to which record, with the record before and after."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(80))
    entity: Mapped[str] = mapped_column(String(80))
    entity_id: Mapped[int | None]
    summary: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    user: Mapped[User | None] = relationship()
