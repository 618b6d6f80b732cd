"""What an export of an instrument is made of, read from the database in a few queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from workbench.akn.document import AknWork, Event, Organisation, SessionRef
from workbench.akn.names import WorkName, number_from, subtype_of
from workbench.akn.sponsors import sponsor_entries
from workbench.instruments.models import (
    Chapter,
    Instrument,
    InstrumentKind,
    Provision,
    Version,
    wording_of,
)
from workbench.instruments.queries import ChapterNode, ProvisionNode, instrument_tree
from workbench.languages import LANGUAGES
from workbench.parties.models import Party
from workbench.proposals.models import Proposal
from workbench.sessions.models import Session as Meeting
from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision


@dataclass
class Outline:
    """An instrument as the export writes it, with the database rows behind each item."""

    parsed: ParsedInstrument
    nodes: list[ChapterNode | ProvisionNode]  # in ``parsed.walk()`` order


def instrument_outline(db: Session, instrument: Instrument) -> Outline:
    """The instrument's chapters and current provisions (deleted ones left out)."""
    nodes: list[ChapterNode | ProvisionNode] = []

    def convert(items: list[ChapterNode | ProvisionNode]) -> list[ParsedChapter | ParsedProvision]:
        result: list[ParsedChapter | ParsedProvision] = []
        for node in items:
            if isinstance(node, ChapterNode):
                chapter = node.chapter
                parsed_chapter = ParsedChapter(
                    kind=str(chapter.kind),
                    label=chapter.label,
                    title=_titles(chapter),
                    unofficial=_unofficial_titles(chapter),
                )
                nodes.append(node)
                result.append(parsed_chapter)
                parsed_chapter.children = convert(node.children)
            elif not node.deleted:
                nodes.append(node)
                result.append(provision_item(node))
        return result

    children = convert(instrument_tree(db, instrument))
    titles = {"en": instrument.title_en, "zh": instrument.title_zh}
    parsed = ParsedInstrument(
        title={lang: title for lang, title in titles.items() if title},
        language=instrument.language,
        children=children,
    )
    return Outline(parsed=parsed, nodes=nodes)


def provision_item(node: ProvisionNode) -> ParsedProvision:
    """A provision with its current wording, as the structure parsers produce."""
    provision, version = node.provision, node.version
    texts = wording_of(version)
    unofficial = _unofficial_titles(provision)
    if version is not None:
        unofficial |= {t.lang for t in version.texts if not t.official}
    return ParsedProvision(
        kind=str(provision.kind),
        label=provision.label,
        title=_titles(provision),
        text=texts,
        unofficial=unofficial,
    )


def _titles(row: Chapter | Provision) -> dict[str, str]:
    return {
        lang: getattr(row, f"title_{lang}")
        for lang in ("en", "zh")
        if getattr(row, f"title_{lang}")
    }


def _unofficial_titles(row: Chapter | Provision) -> set[str]:
    return {
        lang
        for lang in ("en", "zh")
        if getattr(row, f"title_{lang}") and not getattr(row, f"title_{lang}_official")
    }


def work_name(instrument: Instrument) -> WorkName:
    """The FRBR name of an instrument's work: a bill for a negotiating text, else an act."""
    doctype = "bill" if instrument.kind == InstrumentKind.NEGOTIATING else "act"
    made = instrument.adopted_on or instrument.created_at.date()
    return WorkName(
        doctype=doctype,
        subtype=subtype_of(instrument.title_en, doctype),
        year=str(made.year),
        number=number_from(instrument.symbol, instrument.slug),
    )


def instrument_work(db: Session, instrument: Instrument) -> AknWork:
    """The metadata of an instrument's work: names, dates, author, parties, lifecycle."""
    made = instrument.adopted_on or instrument.created_at.date()
    events = [Event(on=made, type="generation"), *_amendment_events(db, instrument, made)]
    author = _organisation(instrument.origin_party) if instrument.origin_party else None
    return AknWork(
        name=work_name(instrument),
        titles={k: v for k, v in (("en", instrument.title_en), ("zh", instrument.title_zh)) if v},
        short_titles={
            k: v
            for k, v in (("en", instrument.short_title_en), ("zh", instrument.short_title_zh))
            if v
        },
        work_date=made,
        expression_date=max(event.on for event in events),
        symbol=instrument.symbol,
        slug=instrument.slug,
        language=instrument.language if instrument.language in LANGUAGES else "en",
        author=author,
        organisations=_contributors(db, instrument),
        events=events,
    )


def _organisation(party: Party) -> Organisation:
    return Organisation(
        party.code, {"en": party.name_en, **({"zh": party.name_zh} if party.name_zh else {})}
    )


def session_ref(session: Meeting) -> SessionRef:
    """A session as documents name it."""
    names = {"en": session.title_en, **({"zh": session.title_zh} if session.title_zh else {})}
    return SessionRef(session.code, names)


def _amendment_events(db: Session, instrument: Instrument, made: date) -> list[Event]:
    """One event per day and session on which any provision took new wording."""
    rows = db.execute(
        select(Version.created_at, Meeting)
        .join(Provision, Provision.id == Version.provision_id)
        .outerjoin(Meeting, Meeting.id == Version.session_id)
        .where(Provision.instrument_id == instrument.id, Version.number > 1)
    ).all()
    seen: dict[tuple[date, str | None], Event] = {}
    for created_at, session in rows:
        on = max(created_at.date(), made)
        key = (on, session.code if session else None)
        if key not in seen:
            seen[key] = Event(
                on=on, type="amendment", session=session_ref(session) if session else None
            )
    return sorted(
        seen.values(), key=lambda event: (event.on, event.session.code if event.session else "")
    )


def _contributors(db: Session, instrument: Instrument) -> list[Organisation]:
    """The parties whose agreed proposals gave the text its wording, by code."""
    proposals = db.scalars(
        select(Proposal)
        .where(Proposal.instrument_id == instrument.id, Proposal.result_version_id.is_not(None))
        .options(joinedload(Proposal.sponsorships))
    ).unique()
    parties: dict[str, Organisation] = {}
    for proposal in proposals:
        for entry in sponsor_entries(proposal):
            parties.setdefault(entry.party.code, _organisation(entry.party))
    return [parties[code] for code in sorted(parties)]
