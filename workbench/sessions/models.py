"""The Session model: one meeting of a negotiating or expert body."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db import Base, utcnow


class Session(Base):
    """A meeting of a body (Expert Group, Ad Hoc Committee, CCPCJ, General Assembly)."""

    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="dates_ordered"),
        # At most one session is in progress.
        Index(
            "uq_sessions_current",
            "is_current",
            unique=True,
            sqlite_where=text("is_current"),
            postgresql_where=text("is_current"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    body_en: Mapped[str] = mapped_column(String(300))
    body_zh: Mapped[str | None] = mapped_column(String(300))
    number: Mapped[int | None]
    title_en: Mapped[str] = mapped_column(String(300))
    title_zh: Mapped[str | None] = mapped_column(String(300))
    place: Mapped[str | None] = mapped_column(String(200))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    symbol: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    # The session in progress: what new proposals and decisions are recorded under.
    is_current: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def title(self, lang: str = "en") -> str:
        """The session's title in the given language, falling back to English."""
        return (self.title_zh if lang == "zh" else None) or self.title_en

    def __repr__(self) -> str:
        return f"<Session {self.code}>"
