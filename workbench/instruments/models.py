"""Models of instruments, chapters, provisions and their append-only versions."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.util import object_state

from workbench.db import Base, enum_column, utcnow
from workbench.languages import LANGUAGE_CHECK

if TYPE_CHECKING:
    from workbench.parties.models import Party
    from workbench.sessions.models import Session


class InstrumentKind(enum.StrEnum):
    """A source text that others draw on, or a working negotiating text."""

    SOURCE = "source"
    NEGOTIATING = "negotiating"


class ChapterKind(enum.StrEnum):
    """The level of a division of an instrument."""

    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    TITLE = "title"
    ANNEX = "annex"


class ProvisionKind(enum.StrEnum):
    """What a provision is within its instrument."""

    PREAMBLE = "preamble"
    OBJECTIVE = "objective"
    SCOPE = "scope"
    CHAPEAU = "chapeau"
    ARTICLE = "article"
    ELEMENT = "element"
    PARAGRAPH = "paragraph"
    FINAL_CLAUSE = "final_clause"
    OTHER = "other"


class VersionOrigin(enum.StrEnum):
    """Where a version's wording came from."""

    SOURCE = "source"
    COPY = "copy"
    PROPOSAL = "proposal"
    IMPORT = "import"


class Instrument(Base):
    """One text as a whole: a source (proposal, convention, draft) or a negotiating text."""

    __tablename__ = "instruments"
    __table_args__ = (
        CheckConstraint("title_en IS NOT NULL OR title_zh IS NOT NULL", name="has_title"),
        CheckConstraint("length(slug) >= 2", name="slug_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[InstrumentKind] = mapped_column(enum_column(InstrumentKind, "instrument_kind"))
    title_en: Mapped[str | None] = mapped_column(String(500))
    title_zh: Mapped[str | None] = mapped_column(String(500))
    short_title_en: Mapped[str | None] = mapped_column(String(200))
    short_title_zh: Mapped[str | None] = mapped_column(String(200))
    origin_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    adopted_on: Mapped[date | None]
    symbol: Mapped[str | None] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(8), default="en")
    # An outline holds chapters but no wording yet (the Russian draft until imported).
    is_outline: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)
    provenance: Mapped[str | None] = mapped_column(Text)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("instruments.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    origin_party: Mapped[Party | None] = relationship()
    based_on: Mapped[Instrument | None] = relationship(remote_side="Instrument.id")
    session: Mapped[Session | None] = relationship()
    chapters: Mapped[list[Chapter]] = relationship(
        back_populates="instrument", order_by="Chapter.position"
    )
    provisions: Mapped[list[Provision]] = relationship(
        back_populates="instrument", order_by="Provision.position"
    )

    def title(self, lang: str = "en") -> str:
        """The title in the given language, falling back to the other."""
        if lang == "zh":
            return self.title_zh or self.title_en or self.slug
        return self.title_en or self.title_zh or self.slug

    def short_title(self, lang: str = "en") -> str:
        """The short title used in attributions ("Budapest Convention")."""
        if lang == "zh":
            return self.short_title_zh or self.title_zh or self.short_title_en or self.title(lang)
        return self.short_title_en or self.title_en or self.title(lang)

    def __repr__(self) -> str:
        return f"<Instrument {self.slug}>"


class Chapter(Base):
    """An ordered division of an instrument: part, chapter, section or title."""

    __tablename__ = "chapters"
    __table_args__ = (UniqueConstraint("instrument_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("chapters.id"), index=True)
    position: Mapped[int]
    kind: Mapped[ChapterKind] = mapped_column(enum_column(ChapterKind, "chapter_kind"))
    label: Mapped[str] = mapped_column(String(100))
    title_en: Mapped[str | None] = mapped_column(String(500))
    title_zh: Mapped[str | None] = mapped_column(String(500))
    title_en_official: Mapped[bool] = mapped_column(Boolean, default=True)
    title_zh_official: Mapped[bool] = mapped_column(Boolean, default=True)

    instrument: Mapped[Instrument] = relationship(back_populates="chapters")
    parent: Mapped[Chapter | None] = relationship(remote_side="Chapter.id")

    def title(self, lang: str = "en") -> str:
        """The title in the given language, falling back to the other."""
        if lang == "zh":
            return self.title_zh or self.title_en or ""
        return self.title_en or self.title_zh or ""

    def __repr__(self) -> str:
        return f"<Chapter {self.label}>"


class Provision(Base):
    """An article, element or paragraph; its wording lives in its versions."""

    __tablename__ = "provisions"
    __table_args__ = (
        UniqueConstraint("instrument_id", "position"),
        CheckConstraint("current_number >= 0", name="current_number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id"), index=True)
    chapter_id: Mapped[int | None] = mapped_column(ForeignKey("chapters.id"), index=True)
    position: Mapped[int]
    kind: Mapped[ProvisionKind] = mapped_column(enum_column(ProvisionKind, "provision_kind"))
    label: Mapped[str] = mapped_column(String(100))
    title_en: Mapped[str | None] = mapped_column(String(500))
    title_zh: Mapped[str | None] = mapped_column(String(500))
    title_en_official: Mapped[bool] = mapped_column(Boolean, default=True)
    title_zh_official: Mapped[bool] = mapped_column(Boolean, default=True)
    # The provision of another instrument this one was taken from.
    source_provision_id: Mapped[int | None] = mapped_column(ForeignKey("provisions.id"), index=True)
    # Number of the current version; 0 while no wording is loaded. Agreeing a
    # proposal moves it with a compare-and-set, the optimistic lock of the text.
    current_number: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    instrument: Mapped[Instrument] = relationship(back_populates="provisions")
    chapter: Mapped[Chapter | None] = relationship()
    source_provision: Mapped[Provision | None] = relationship(remote_side="Provision.id")
    versions: Mapped[list[Version]] = relationship(
        back_populates="provision", order_by="Version.number"
    )

    def title(self, lang: str = "en") -> str:
        """The title in the given language, falling back to the other."""
        if lang == "zh":
            return self.title_zh or self.title_en or ""
        return self.title_en or self.title_zh or ""

    def __repr__(self) -> str:
        return f"<Provision {self.label}>"


class Version(Base):
    """One immutable wording of a provision, numbered 1, 2, 3..."""

    __tablename__ = "versions"
    __table_args__ = (
        UniqueConstraint("provision_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("(origin = 'copy') = (copied_from_id IS NOT NULL)", name="copy_has_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[int] = mapped_column(ForeignKey("provisions.id"), index=True)
    number: Mapped[int]
    origin: Mapped[VersionOrigin] = mapped_column(enum_column(VersionOrigin, "version_origin"))
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"), index=True)
    # A deletion is recorded as a version, so that removing a provision loses nothing.
    is_deletion: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    # The session at which this wording was adopted (None for loaded and copied text), so
    # that the negotiating text can be read as it stood at any session.
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    provision: Mapped[Provision] = relationship(back_populates="versions")
    copied_from: Mapped[Version | None] = relationship(remote_side="Version.id")
    texts: Mapped[list[VersionText]] = relationship(
        back_populates="version", order_by="VersionText.lang", lazy="selectin"
    )

    def text(self, lang: str) -> str | None:
        """The wording in one language, or None when the version has none in it."""
        for entry in self.texts:
            if entry.lang == lang:
                return entry.text
        return None

    @property
    def languages(self) -> list[str]:
        return [entry.lang for entry in self.texts]

    @property
    def wording(self) -> dict[str, str]:
        """The wording per language; none for a deletion."""
        return {} if self.is_deletion else {entry.lang: entry.text for entry in self.texts}

    def __repr__(self) -> str:
        return f"<Version {self.provision_id}#{self.number}>"


def wording_of(version: Version | None) -> dict[str, str]:
    """A provision's wording per language at a version (none where there is no version)."""
    return version.wording if version is not None else {}


class VersionText(Base):
    """A version's wording in one language."""

    __tablename__ = "version_texts"
    __table_args__ = (
        UniqueConstraint("version_id", "lang"),
        CheckConstraint(LANGUAGE_CHECK, name="lang_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    # False for working translations that no state or body has made authentic.
    official: Mapped[bool] = mapped_column(Boolean, default=True)

    version: Mapped[Version] = relationship(back_populates="texts")


class ImmutableRecord(Exception):
    """Raised when code tries to change or delete an append-only record."""


APPEND_ONLY = (Version, VersionText)


@event.listens_for(OrmSession, "before_flush")
def _refuse_changes_to_versions(session, _flush_context, _instances):
    """Stored versions are the record of what was written: never changed, never deleted."""
    for obj in session.dirty:
        if isinstance(obj, APPEND_ONLY) and session.is_modified(obj, include_collections=False):
            raise ImmutableRecord(f"{type(obj).__name__} {obj.id} is append-only and cannot change")
    for obj in session.deleted:
        if isinstance(obj, APPEND_ONLY) and object_state(obj).persistent:
            raise ImmutableRecord(
                f"{type(obj).__name__} {obj.id} is append-only and cannot be deleted"
            )


@event.listens_for(OrmSession, "do_orm_execute")
def _refuse_bulk_changes_to_versions(orm_execute_state):
    """Bulk UPDATE and DELETE statements bypass flush; refuse them for versions too."""
    if orm_execute_state.is_update or orm_execute_state.is_delete:
        mapper = orm_execute_state.bind_mapper
        if mapper is not None and mapper.class_ in APPEND_ONLY:
            raise ImmutableRecord(f"{mapper.class_.__name__} rows are append-only")
