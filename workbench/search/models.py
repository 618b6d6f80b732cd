"""The search index: one entry per provision and language, its wording pre-segmented."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.db import Base

if TYPE_CHECKING:
    from workbench.instruments.models import Provision


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
