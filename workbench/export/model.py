"""What an export is made of: plain data built from the database, rendered by the writers.

``workbench.export.consolidate`` (and ``changes``, ``tables``) build these from the database; the Word writers only
read them, so they can be tested (and benchmarked) without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from workbench.diff import DiffOp


@dataclass
class ExportAlternative:
    """One pending proposal on a provision (or one change between two sessions)."""

    proposal_id: int | None
    kind: str  # "amend", "insert", "delete", or "change" (between two sessions)
    sponsors: list[
        str
    ]  # display names, main sponsor first ("South Africa on behalf of the African Group")
    sponsors_label: str  # the names joined as the UN writes them: "China, Russian Federation"
    author: str  # the tracked-change author: the sponsoring parties
    date: date  # the day it was tabled (the revision date in Word)
    session: str | None  # session code, e.g. "AHC-4"
    text: dict[str, str] = field(default_factory=dict)  # proposed wording per language
    # The word-level diff from the current wording to the proposed one, per language
    # (for a deletion: current → empty; for an insertion: empty → proposed).
    diff: dict[str, list[DiffOp]] = field(default_factory=dict)
    stale: bool = False  # drafted on an older version of the provision
    rationale: str | None = None
    label: str | None = None  # insertions: the new provision's label
    title: dict[str, str] = field(default_factory=dict)  # insertions: its title
    # The sponsors' names and the tracked-change author per language (Chinese in a Chinese
    # column); a language missing falls back to ``sponsors`` and ``author``.
    names: dict[str, list[str]] = field(default_factory=dict)
    authors: dict[str, str] = field(default_factory=dict)

    def sponsor_names(self, lang: str) -> list[str]:
        """The sponsors' names in a language (English, or the label, when not given in it)."""
        return self.names.get(lang) or self.sponsors or [self.sponsors_label or self.author]

    def author_in(self, lang: str) -> str:
        """The tracked-change author in a language."""
        return self.authors.get(lang) or self.author or self.sponsors_label


@dataclass
class ExportProvision:
    """A provision with its agreed wording and the alternatives pending on it."""

    id: int
    kind: str  # a ProvisionKind value
    label: str
    title: dict[str, str]
    text: dict[str, str]  # the current wording per language
    agreed: bool  # no proposal pending: the wording stands plain, without brackets
    status: str = "open"  # where the provision stands: "open", "agreed_ad_ref", ...
    provenance: list[str] = field(
        default_factory=list
    )  # footnotes: "Based on Budapest Convention, Article 2"
    alternatives: list[ExportAlternative] = field(default_factory=list)  # amend/delete proposals
    insertions: list[ExportAlternative] = field(
        default_factory=list
    )  # new provisions proposed after it


@dataclass
class ExportChapter:
    """A part, chapter, section or title with what it holds."""

    kind: str
    label: str
    title: dict[str, str]
    level: int  # 1 for top-level divisions, 2 for sections within them, ...
    items: list[ExportChapter | ExportProvision] = field(default_factory=list)
    insertions: list[ExportAlternative] = field(default_factory=list)  # proposed at its start


@dataclass
class Masthead:
    """What page 1 of a UN document says above the title, per language where it varies."""

    committee: dict[str, str] = field(default_factory=dict)  # the body meeting
    session: dict[str, str] = field(default_factory=dict)  # "Fourth session", "第四届会议"
    place: dict[str, str] = field(default_factory=dict)  # "Vienna, 9–20 January 2023"
    agenda_item: str | None = None  # "Item 4 of the provisional agenda", when known
    original: str = "en"  # the language the text was drafted in
    distribution: str = "limited"  # "Distr.: Limited"


@dataclass
class ExportDocument:
    """A consolidated negotiating text, ready to be written."""

    slug: str
    title: dict[str, str]
    symbol: str | None
    session: (
        str | None
    )  # "Fourth session of the Ad Hoc Committee (AHC-4), Vienna, 9-20 January 2023"
    date: date  # the day of the export
    languages: list[str]  # ["en"], ["zh"] or ["en", "zh"] (side by side)
    items: list[ExportChapter | ExportProvision] = field(default_factory=list)
    note: str | None = None  # a line under the title, e.g. "Changes between AHC-3 and AHC-4"
    masthead: Masthead | None = None  # page 1 above the title; without it, the session line

    def provisions(self) -> list[ExportProvision]:
        """Every provision in document order."""
        result: list[ExportProvision] = []

        def walk(items):
            for item in items:
                if isinstance(item, ExportChapter):
                    walk(item.items)
                else:
                    result.append(item)

        walk(self.items)
        return result


@dataclass
class SynopticCell:
    """One instrument's provisions on one matter (or a note that it has none)."""

    entries: list[tuple[str, str]] = field(default_factory=list)  # (label and title, wording)
    note: str | None = None  # "No provision on this matter", "Contrary: ..."


@dataclass
class SynopticRow:
    """One matter across all instruments."""

    matter: str
    cells: list[SynopticCell]


@dataclass
class SynopticTable:
    """Sources side by side, one column per instrument, one row per matter."""

    title: str
    subtitle: str | None
    date: date
    columns: list[str]  # instrument short titles
    rows: list[SynopticRow]
    language: str = "en"
