"""Building the consolidated text from the database: provisions, proposals and their sponsors."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.db import utcnow
from workbench.diff import DiffOp, diff_texts
from workbench.errors import InvalidInput
from workbench.export.docx_common import format_date
from workbench.export.model import (
    ExportAlternative,
    ExportChapter,
    ExportDocument,
    ExportProvision,
    Masthead,
)
from workbench.instruments.models import Instrument, Provision, Version, wording_of
from workbench.instruments.queries import ChapterNode, ProvisionNode, instrument_tree, walk_tree
from workbench.progress.queries import statuses_of
from workbench.proposals.models import Proposal, ProposalKind, ProposalStatus
from workbench.proposals.queries import is_stale, pending_by_provision, pending_insertions
from workbench.proposals.sponsors import (
    confirmed_sponsorships,
    join_names,
    main_sponsorship,
    sponsor_name,
    sponsor_names,
    sponsors_label,
)
from workbench.sessions.models import Session as Meeting
from workbench.texts.labels import chinese_numeral


def pair(obj, name: str) -> dict[str, str]:
    return {lang: value for lang in ("en", "zh") if (value := getattr(obj, f"{name}_{lang}"))}


def session_line(session: Meeting | None, lang: str = "en") -> str | None:
    """A session as a title page names it."""
    if session is None:
        return None
    span = session.starts_on.strftime("%-d %B %Y")
    if session.ends_on and session.ends_on != session.starts_on:
        span = (
            f"{session.starts_on.strftime('%-d %B %Y')} – {session.ends_on.strftime('%-d %B %Y')}"
        )
    place = f", {session.place}" if session.place else ""
    return f"{session.title(lang)} ({session.code}){place}, {span}"


_ORDINALS = (
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
)


def date_span(start: date, end: date | None, lang: str) -> str:
    """Meeting dates as a UN masthead writes them: "9–20 January 2023", "2023年1月9日至20日"."""
    if end is None or end == start:
        return format_date(start, lang)
    if lang == "zh":
        tail = f"{end.day}日" if (end.year, end.month) == (start.year, start.month) else None
        return f"{format_date(start, lang)}至{tail or format_date(end, lang)}"
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}–{format_date(end, lang)}"
    if end.year == start.year:
        return f"{format_date(start, lang)[: -len(str(start.year)) - 1]}–{format_date(end, lang)}"
    return f"{format_date(start, lang)}–{format_date(end, lang)}"


def masthead(instrument: Instrument, agenda_item: str | None = None) -> Masthead:
    """Page 1 above the title: the committee, its session, where and when, the agenda item."""
    meeting = instrument.session
    head = Masthead(agenda_item=agenda_item, original=instrument.language or "en")
    if meeting is None:
        return head
    head.committee = {
        lang: text for lang, text in (("en", meeting.body_en), ("zh", meeting.body_zh)) if text
    }
    if meeting.number:
        ordinal = _ORDINALS[meeting.number - 1] if meeting.number <= len(_ORDINALS) else None
        head.session = {
            "en": f"{ordinal} session" if ordinal else f"Session {meeting.number}",
            "zh": f"第{chinese_numeral(meeting.number)}届会议",
        }
    else:
        head.session = {"en": meeting.title("en"), "zh": meeting.title("zh")}
    for lang in ("en", "zh"):
        when = date_span(meeting.starts_on, meeting.ends_on, lang)
        if meeting.place:
            head.place[lang] = (
                f"{meeting.place}，{when}" if lang == "zh" else f"{meeting.place}, {when}"
            )
        else:
            head.place[lang] = when
    return head


def author(proposal: Proposal, lang: str = "en") -> str:
    """The tracked-change author: the main sponsor, then the co-sponsors, in a language."""
    # A wording no sponsor has consented to yet is still its main sponsor's.
    names = [
        sponsor_name(s, lang)
        for s in confirmed_sponsorships(proposal) or [main_sponsorship(proposal)]
    ]
    if len(names) == 1:
        return names[0]
    if lang == "zh":
        return f"{names[0]}；共同提案国：{join_names(names[1:], lang)}"
    return f"{names[0]}; co-sponsors: {join_names(names[1:], lang)}"


def sponsor_names_by_language(proposal: Proposal) -> dict[str, list[str]]:
    """The consenting sponsors' names in English and Chinese."""
    return {lang: sponsor_names(proposal, lang) for lang in ("en", "zh")}


def _alternative(
    proposal: Proposal, current: dict[str, str], languages: list[str], with_diffs: bool = True
) -> ExportAlternative:
    revision = proposal.revision
    proposed = revision.wording
    diffs: dict[str, list[DiffOp]] = {}
    for lang in languages if with_diffs else ():
        if proposal.kind == ProposalKind.DELETE:
            if lang in current:
                diffs[lang] = list(diff_texts(current[lang], "", lang).ops)
        elif lang in proposed:
            old = "" if proposal.kind == ProposalKind.INSERT else current.get(lang, "")
            diffs[lang] = list(diff_texts(old, proposed[lang], lang).ops)
    # Each name worked out once (the sponsorships are walked for every one) and shared.
    names = sponsor_names_by_language(proposal)
    authors = {lang: author(proposal, lang) for lang in ("en", "zh")}
    return ExportAlternative(
        proposal_id=proposal.id,
        kind=str(proposal.kind),
        sponsors=names["en"],
        sponsors_label=sponsors_label(proposal, "en"),
        author=authors["en"],
        names=names,
        authors=authors,
        date=proposal.tabled_on,
        session=proposal.session.code,
        text=proposed,
        diff=diffs,
        stale=is_stale(proposal),
        rationale=proposal.rationale,
        label=revision.label,
        title={k: v for k, v in (("en", revision.title_en), ("zh", revision.title_zh)) if v},
    )


def _provenance(
    provision: Provision, version: Version | None, agreed_by: dict[int, Proposal]
) -> list[str]:
    notes = []
    source = provision.source_provision
    if source is not None:
        origin = source.instrument.origin_party
        by = (
            f", proposed by {origin.name_en}"
            if origin is not None and source.instrument.kind == "source"
            else ""
        )
        notes.append(f"Based on {source.instrument.short_title('en')}, {source.label}{by}.")
    if version is not None:
        proposal = agreed_by.get(version.id)
        if proposal is not None:
            notes.append(
                f"Text as agreed at {proposal.session.code} on the proposal of "
                f"{sponsors_label(proposal, 'en')} (proposal {proposal.id})."
            )
    return notes


def consolidated_document(
    db: Session,
    instrument: Instrument,
    *,
    languages: list[str],
    today: date | None = None,
    diffs: bool = True,
    agenda_item: str | None = None,
) -> ExportDocument:
    """The instrument as it stands, with every pending proposal as an alternative.

    ``diffs=False`` leaves out the word diffs of the alternatives: the bracketed text shows
    whole wordings, and diffing thousands of proposals was half of its export time.
    """
    for lang in languages:
        if lang not in ("en", "zh"):
            raise InvalidInput(f"Exports are in en, zh or both (got {lang!r}).", field="languages")
    tree = instrument_tree(db, instrument)
    if not any(isinstance(node, (ProvisionNode, ChapterNode)) for node in tree):
        raise InvalidInput(
            f"{instrument.slug} is empty: it has no chapters or provisions to export."
        )
    pending = pending_by_provision(db, instrument)
    agreed_by = _agreed_by(db, tree)
    insertions_at_chapter, insertions_after = pending_insertions(pending)
    statuses = statuses_of(
        db, [node.provision.id for node in walk_tree(tree) if isinstance(node, ProvisionNode)]
    )

    def convert(nodes, level) -> list[ExportChapter | ExportProvision]:
        items: list[ExportChapter | ExportProvision] = []
        for node in nodes:
            if isinstance(node, ChapterNode):
                chapter = node.chapter
                items.append(
                    ExportChapter(
                        kind=str(chapter.kind),
                        label=chapter.label,
                        title=pair(chapter, "title"),
                        level=level,
                        items=convert(node.children, level + 1),
                        insertions=[
                            _alternative(p, {}, languages, diffs)
                            for p in insertions_at_chapter.pop(chapter.id, [])
                        ],
                    )
                )
                continue
            if node.deleted:
                continue
            provision = node.provision
            current = wording_of(node.version)
            alternatives = [
                _alternative(p, current, languages, diffs)
                for p in pending.pop(provision.id, [])
                if p.kind != ProposalKind.INSERT
            ]
            items.append(
                ExportProvision(
                    id=provision.id,
                    kind=str(provision.kind),
                    label=provision.label,
                    title=pair(provision, "title"),
                    text=current,
                    agreed=not alternatives,
                    status=str(statuses[provision.id]),
                    provenance=_provenance(provision, node.version, agreed_by),
                    alternatives=alternatives,
                    insertions=[
                        _alternative(p, {}, languages, diffs)
                        for p in insertions_after.pop(provision.id, [])
                    ],
                )
            )
        return items

    return ExportDocument(
        slug=instrument.slug,
        title=pair(instrument, "title"),
        symbol=instrument.symbol,
        session=session_line(instrument.session),
        date=today or utcnow().date(),
        languages=languages,
        items=convert(tree, 1),
        masthead=masthead(instrument, agenda_item),
    )


def _agreed_by(db: Session, tree) -> dict[int, Proposal]:
    """The agreed proposal that made each current version of the tree, by version id."""
    version_ids = [
        node.version.id
        for node in walk_tree(tree)
        if isinstance(node, ProvisionNode) and node.version
    ]
    if not version_ids:
        return {}
    proposals = db.scalars(
        select(Proposal)
        .where(
            Proposal.result_version_id.in_(version_ids),
            Proposal.status == ProposalStatus.AGREED,
        )
        .options(selectinload(Proposal.sponsorships), selectinload(Proposal.session))
    )
    return {p.result_version_id: p for p in proposals if p.result_version_id is not None}
