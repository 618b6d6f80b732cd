"""The response of a write, kept under the key its client sent with it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db import Base, utcnow


class IdempotencyKey(Base):
    """One write done under a client's key: what was asked (its fingerprint) and the answer."""

    __tablename__ = "idempotency_keys"
    __bookkeeping__ = True  # kept beside a write that bumps the version itself
    # Keys are the client's own: two users may pick the same one.
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(String(200))
    # SHA-256 of the method, path, query and body: the same key with another request is refused.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(200))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
