"""What an Akoma Ntoso document says about its work: names, dates, parties, events.

Plain data, built from the database by ``collect`` and read from files by ``read``, so that
the writer and the reader can be tested without a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote, unquote

from workbench.akn.names import WorkName

WORKBENCH_ID = "workbench"
WORKBENCH_HREF = "/ontology/organization/treaty-workbench"


@dataclass(frozen=True)
class Organisation:
    """A party or organisation named in a document: a ``<TLCOrganization>``."""

    code: str
    names: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def eid(self) -> str:
        return re.sub(r"\s+", "-", self.code)

    @property
    def href(self) -> str:
        return f"/ontology/organization/{quote(self.code)}"

    def name(self, lang: str) -> str:
        """The name in a language, else in English, else the code."""
        return self.names.get(lang) or self.names.get("en") or self.code


@dataclass(frozen=True)
class SessionRef:
    """A session at which texts are tabled or adopted: a ``<TLCEvent>``."""

    code: str
    names: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def eid(self) -> str:
        return "session_" + re.sub(r"\s+", "-", self.code)

    @property
    def href(self) -> str:
        return f"/ontology/event/session/{quote(self.code)}"

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("en") or self.code


def session_code_of(href: str | None) -> str | None:
    """The session code a TLCEvent's href names, or None."""
    prefix = "/ontology/event/session/"
    if href and href.startswith(prefix):
        return unquote(href[len(prefix) :]) or None
    return None


def party_code_of(href: str | None) -> str | None:
    """The party code a TLCOrganization's href names, or None."""
    prefix = "/ontology/organization/"
    if href and href.startswith(prefix) and href != WORKBENCH_HREF:
        return unquote(href[len(prefix) :]) or None
    return None


@dataclass(frozen=True)
class Event:
    """One step of the text's life: its making, or the adoption of new wording."""

    on: date
    type: str  # generation, amendment
    session: SessionRef | None = None


@dataclass
class AknWork:
    """The work an act or bill expresses, and what its metadata names."""

    name: WorkName
    titles: dict[str, str]
    work_date: date
    expression_date: date
    short_titles: dict[str, str] = field(default_factory=dict)
    symbol: str | None = None
    slug: str | None = None
    language: str = "en"  # the language the text was written in
    author: Organisation | None = None
    organisations: list[Organisation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def title(self, lang: str) -> str:
        """The title in a language, falling back to the original language, then any."""
        return (
            self.titles.get(lang)
            or self.titles.get(self.language)
            or next(iter(self.titles.values()), self.slug or self.name.number)
        )
