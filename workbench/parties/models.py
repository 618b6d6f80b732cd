"""Models of parties, their group memberships and the names they are known by."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.db import Base, enum_column, utcnow


class PartyKind(enum.StrEnum):
    """What kind of actor a party is."""

    STATE = "state"
    OBSERVER_STATE = "observer_state"
    GROUP = "group"
    ORGANIZATION = "organization"


class Party(Base):
    """A member state, observer state, group of states or organization."""

    __tablename__ = "parties"
    __table_args__ = (
        CheckConstraint("code = upper(code) AND length(code) >= 2", name="code_upper"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[PartyKind] = mapped_column(enum_column(PartyKind, "party_kind"))
    name_en: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str | None] = mapped_column(String(200))
    # The formal name as the United Nations lists it, where it differs from the short one.
    formal_name_en: Mapped[str | None] = mapped_column(String(300))
    alpha2: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[Party]] = relationship(
        secondary="party_memberships",
        primaryjoin="Party.id == PartyMembership.group_id",
        secondaryjoin="Party.id == PartyMembership.member_id",
        order_by="Party.name_en",
        viewonly=True,
    )
    groups: Mapped[list[Party]] = relationship(
        secondary="party_memberships",
        primaryjoin="Party.id == PartyMembership.member_id",
        secondaryjoin="Party.id == PartyMembership.group_id",
        order_by="Party.name_en",
        viewonly=True,
    )
    aliases: Mapped[list[PartyAlias]] = relationship(back_populates="party")

    @property
    def is_group(self) -> bool:
        return self.kind == PartyKind.GROUP

    def name(self, lang: str = "en") -> str:
        """The party's name in the given language, falling back to English."""
        return (self.name_zh if lang == "zh" else None) or self.name_en

    def __repr__(self) -> str:
        return f"<Party {self.code}>"


class PartyMembership(Base):
    """A state's membership of a group."""

    __tablename__ = "party_memberships"
    __table_args__ = (
        UniqueConstraint("group_id", "member_id"),
        CheckConstraint("group_id <> member_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    note: Mapped[str | None] = mapped_column(String(300))


class PartyAlias(Base):
    """Another name a party is known by (formal UN names, Chinese variants, author names)."""

    __tablename__ = "party_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    # Lower-cased and whitespace-collapsed, so lookups are exact and indexable.
    name: Mapped[str] = mapped_column(String(300), unique=True)
    lang: Mapped[str | None] = mapped_column(String(8))

    party: Mapped[Party] = relationship(back_populates="aliases")
