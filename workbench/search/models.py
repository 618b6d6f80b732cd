"""The search index: one entry per provision and language, its wording pre-segmented."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.db import Base

if TYPE_CHECKING:
    from workbench.instruments.models import Provision
    from workbench.proposals.models import Proposal


class SearchEntry(Base):
    """A provision's current wording in one language, as searchable terms.

    ``terms`` holds lower-cased words separated by spaces, Chinese segmented into words and
    character pairs, so that both backends index it with a plain whitespace tokenizer: FTS5
    (a virtual table kept in step by triggers) and PostgreSQL (a GIN index on its tsvector).
    """

    __tablename__ = "search_entries"
    __table_args__ = (UniqueConstraint("provision_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[int] = mapped_column(ForeignKey("provisions.id"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    terms: Mapped[str] = mapped_column(Text)

    provision: Mapped[Provision] = relationship()


class ProposalSearchEntry(Base):
    """A pending or decided proposal's wording and rationale in one language, as terms.

    Indexed like SearchEntry (FTS5 table ``proposal_search_fts`` on SQLite, a GIN index on
    PostgreSQL), so that a search finds what delegations proposed as well as the text.
    """

    __tablename__ = "proposal_search_entries"
    __table_args__ = (UniqueConstraint("proposal_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    terms: Mapped[str] = mapped_column(Text)

    proposal: Mapped[Proposal] = relationship()
