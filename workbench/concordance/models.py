"""Models of topics and the correspondences that link provisions to them."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.db import Base, enum_column

if TYPE_CHECKING:
    from workbench.instruments.models import Instrument, Provision


class Relation(enum.StrEnum):
    """How a provision (or its absence) bears on a topic."""

    TREATS = "treats"
    PARTIAL = "partial"
    CONTRARY = "contrary"
    ABSENT = "absent"


class Topic(Base):
    """A matter of substance that several instruments treat (illegal access, jurisdiction...)."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    title_en: Mapped[str] = mapped_column(String(300))
    title_zh: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)

    correspondences: Mapped[list[Correspondence]] = relationship(
        back_populates="topic", order_by="Correspondence.id"
    )

    def title(self, lang: str = "en") -> str:
        """The title in the given language, falling back to English."""
        return (self.title_zh if lang == "zh" else None) or self.title_en


class Correspondence(Base):
    """A provision of one instrument linked to a topic, or that instrument's silence on it."""

    __tablename__ = "correspondences"
    __table_args__ = (
        CheckConstraint(
            "(relation = 'absent') = (provision_id IS NULL)", name="absent_has_no_provision"
        ),
        UniqueConstraint("topic_id", "provision_id"),
        Index(
            "uq_correspondences_absence",
            "topic_id",
            "instrument_id",
            unique=True,
            sqlite_where=text("provision_id IS NULL"),
            postgresql_where=text("provision_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), index=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id"), index=True)
    provision_id: Mapped[int | None] = mapped_column(ForeignKey("provisions.id"), index=True)
    relation: Mapped[Relation] = mapped_column(enum_column(Relation, "relation"))
    note_en: Mapped[str | None] = mapped_column(Text)
    note_zh: Mapped[str | None] = mapped_column(Text)

    topic: Mapped[Topic] = relationship(back_populates="correspondences")
    instrument: Mapped[Instrument] = relationship()
    provision: Mapped[Provision | None] = relationship()
