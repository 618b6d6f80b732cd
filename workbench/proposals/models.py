"""Models of proposals, their revisions and wording, sponsorships, stances and status history."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.db import Base, enum_column, utcnow
from workbench.languages import LANGUAGE_CHECK

if TYPE_CHECKING:
    from workbench.instruments.models import Chapter, Instrument, Provision, Version
    from workbench.parties.models import Party
    from workbench.sessions.models import Session


class ProposalKind(enum.StrEnum):
    """What a proposal does to the negotiating text."""

    AMEND = "amend"
    INSERT = "insert"
    DELETE = "delete"


class ProposalStatus(enum.StrEnum):
    """Where a proposal stands."""

    TABLED = "tabled"
    UNDER_DISCUSSION = "under_discussion"
    AGREED = "agreed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


PENDING_STATUSES = (ProposalStatus.TABLED, ProposalStatus.UNDER_DISCUSSION)


class SponsorRole(enum.StrEnum):
    """How a party stands behind a proposal."""

    MAIN = "main"
    CO = "co"


class StancePosition(enum.StrEnum):
    """A party's recorded position on a proposal."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    RESERVE = "reserve"


class Proposal(Base):
    """A revision tabled against a negotiating text: amend, insert or delete a provision."""

    __tablename__ = "proposals"
    __table_args__ = (
        CheckConstraint(
            "kind = 'insert' OR provision_id IS NOT NULL", name="target_for_amend_delete"
        ),
        CheckConstraint(
            "(status = 'merged') = (merged_into_id IS NOT NULL)", name="merged_has_target"
        ),
        CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id", name="not_merged_self"),
        Index("ix_proposals_instrument_status", "instrument_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id"))
    kind: Mapped[ProposalKind] = mapped_column(enum_column(ProposalKind, "proposal_kind"))
    # Amend and delete: the provision changed. Insert: the provision the new one follows
    # (none when it opens its chapter).
    provision_id: Mapped[int | None] = mapped_column(ForeignKey("provisions.id"), index=True)
    # Insert: the chapter the new provision goes into.
    chapter_id: Mapped[int | None] = mapped_column(ForeignKey("chapters.id"))
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    tabled_on: Mapped[date]
    symbol: Mapped[str | None] = mapped_column(String(120))
    rationale: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ProposalStatus] = mapped_column(
        enum_column(ProposalStatus, "proposal_status"), default=ProposalStatus.TABLED
    )
    # Number of the revision now in force; rebasing appends a revision.
    current_revision: Mapped[int] = mapped_column(default=1)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    # Set when agreed: the version the proposal produced, or the provision it inserted.
    result_version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))
    inserted_provision_id: Mapped[int | None] = mapped_column(ForeignKey("provisions.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    instrument: Mapped[Instrument] = relationship()
    provision: Mapped[Provision | None] = relationship(foreign_keys=[provision_id])
    chapter: Mapped[Chapter | None] = relationship()
    session: Mapped[Session] = relationship()
    merged_into: Mapped[Proposal | None] = relationship(remote_side="Proposal.id")
    result_version: Mapped[Version | None] = relationship()
    inserted_provision: Mapped[Provision | None] = relationship(
        foreign_keys=[inserted_provision_id]
    )
    revisions: Mapped[list[ProposalRevision]] = relationship(
        back_populates="proposal", order_by="ProposalRevision.number"
    )
    sponsorships: Mapped[list[Sponsorship]] = relationship(
        back_populates="proposal", order_by="(Sponsorship.role, Sponsorship.id)"
    )
    stances: Mapped[list[Stance]] = relationship(back_populates="proposal", order_by="Stance.id")
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="proposal", order_by="StatusChange.id"
    )

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def revision(self) -> ProposalRevision:
        """The revision now in force."""
        return next(r for r in self.revisions if r.number == self.current_revision)

    @property
    def current_rationale(self) -> str | None:
        """The rationale of the newest revision that gave one, else the one tabled with."""
        for revision in sorted(self.revisions, key=lambda r: r.number, reverse=True):
            if revision.number <= self.current_revision and revision.rationale:
                return revision.rationale
        return self.rationale

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.kind} {self.status}>"


class ProposalRevision(Base):
    """One wording of a proposal, drafted against a base version; rebasing appends one."""

    __tablename__ = "proposal_revisions"
    __table_args__ = (
        UniqueConstraint("proposal_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    number: Mapped[int]
    # The version the wording was drafted against: every diff and conflict check starts here.
    base_version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), index=True)
    # Insert: the label and title the new provision would carry.
    label: Mapped[str | None] = mapped_column(String(100))
    title_en: Mapped[str | None] = mapped_column(String(500))
    title_zh: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text)
    # Why this wording: a revision may come with a rationale of its own (None: unchanged).
    rationale: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    proposal: Mapped[Proposal] = relationship(back_populates="revisions")
    base_version: Mapped[Version | None] = relationship()
    texts: Mapped[list[ProposalText]] = relationship(
        back_populates="revision", order_by="ProposalText.lang", lazy="selectin"
    )

    def text(self, lang: str) -> str | None:
        """The proposed wording in one language, or None."""
        for entry in self.texts:
            if entry.lang == lang:
                return entry.text
        return None

    @property
    def languages(self) -> list[str]:
        return [entry.lang for entry in self.texts]

    @property
    def wording(self) -> dict[str, str]:
        """The proposed wording per language."""
        return {entry.lang: entry.text for entry in self.texts}


class ProposalText(Base):
    """A proposal revision's wording in one language."""

    __tablename__ = "proposal_texts"
    __table_args__ = (
        UniqueConstraint("revision_id", "lang"),
        CheckConstraint(LANGUAGE_CHECK, name="lang_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("proposal_revisions.id"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)

    revision: Mapped[ProposalRevision] = relationship(back_populates="texts")


class Sponsorship(Base):
    """A party standing behind a proposal, as main sponsor or co-sponsor, for a while."""

    __tablename__ = "sponsorships"
    __table_args__ = (
        CheckConstraint(
            "on_behalf_of_id IS NULL OR on_behalf_of_id <> party_id", name="not_behalf_self"
        ),
        CheckConstraint(
            "withdrawn_at IS NULL OR withdrawn_at >= joined_at", name="withdrawn_after_joined"
        ),
        CheckConstraint("NOT declined OR withdrawn_at IS NOT NULL", name="declined_is_withdrawn"),
        # One active sponsorship per party and proposal; the withdrawn ones stay as history.
        Index(
            "uq_sponsorships_active",
            "proposal_id",
            "party_id",
            unique=True,
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
        Index(
            "uq_sponsorships_one_main",
            "proposal_id",
            unique=True,
            sqlite_where=text("role = 'main'"),
            postgresql_where=text("role = 'main'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    role: Mapped[SponsorRole] = mapped_column(enum_column(SponsorRole, "sponsor_role"))
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    joined_session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Consent: a state is named only with its consent. A co-sponsor named by the tabling
    # state is an invitation (None) until that state accepts; the number is the revision
    # of the wording it consented to, so a new wording asks it again.
    confirmed_revision: Mapped[int | None]
    confirmed_at: Mapped[datetime | None]
    consent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Consent given orally in the room and recorded by the secretariat.
    consent_oral: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # An invitation the state declined (the sponsorship also ends: withdrawn_at is set).
    declined: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    proposal: Mapped[Proposal] = relationship(back_populates="sponsorships")
    party: Mapped[Party] = relationship(foreign_keys=[party_id], lazy="joined")
    on_behalf_of: Mapped[Party | None] = relationship(foreign_keys=[on_behalf_of_id], lazy="joined")

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def confirmed(self) -> bool:
        """In force and consented to for the wording now proposed."""
        return (
            self.withdrawn_at is None
            and self.confirmed_revision is not None
            and self.confirmed_revision == self.proposal.current_revision
        )


class Stance(Base):
    """A party's support, opposition or reservation on a proposal, as stated at a session."""

    __tablename__ = "stances"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    position: Mapped[StancePosition] = mapped_column(enum_column(StancePosition, "stance_position"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    stated_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)
    # The revision of the proposal's wording the stance was given on.
    revision: Mapped[int | None]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    proposal: Mapped[Proposal] = relationship(back_populates="stances")
    party: Mapped[Party] = relationship(lazy="joined")
    session: Mapped[Session | None] = relationship()


class StatusChange(Base):
    """One step of a proposal's status history: who moved it, when, and why."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    from_status: Mapped[ProposalStatus | None] = mapped_column(
        enum_column(ProposalStatus, "from_status")
    )
    to_status: Mapped[ProposalStatus] = mapped_column(enum_column(ProposalStatus, "to_status"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    note: Mapped[str | None] = mapped_column(Text)

    proposal: Mapped[Proposal] = relationship(back_populates="status_changes")
    session: Mapped[Session | None] = relationship()
