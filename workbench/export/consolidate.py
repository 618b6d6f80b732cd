"""Building export documents from the database: the consolidated text and synoptic tables."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.concordance.models import Relation, Topic
from workbench.concordance.operations import topic_synopsis
from workbench.db import utcnow
from workbench.diff import diff_texts
from workbench.errors import InvalidInput
from workbench.export.model import (
    ExportAlternative,
    ExportChapter,
    ExportDocument,
    ExportProvision,
    SynopticCell,
    SynopticRow,
    SynopticTable,
)
from workbench.instruments.models import Instrument, Provision, Version
from workbench.instruments.queries import ChapterNode, ProvisionNode, instrument_tree
from workbench.proposals.models import Proposal, ProposalKind, ProposalStatus
from workbench.proposals.queries import is_stale, pending_by_provision
from workbench.proposals.sponsors import active_sponsorships, sponsors_label
from workbench.sessions.models import Session as Meeting


def _pair(obj, name: str) -> dict[str, str]:
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


def _author(proposal: Proposal) -> str:
    """The tracked-change author: the main sponsor, then the co-sponsors."""
    sponsorships = active_sponsorships(proposal)
    main = sponsorships[0]
    name = main.party.name_en
    if main.on_behalf_of is not None:
        name += f" on behalf of the {main.on_behalf_of.name_en}"
    others = [s.party.name_en for s in sponsorships[1:]]
    return f"{name}; co-sponsors: {', '.join(others)}" if others else name


def _sponsor_names(proposal: Proposal) -> list[str]:
    names = []
    for sponsorship in active_sponsorships(proposal):
        name = sponsorship.party.name_en
        if sponsorship.on_behalf_of is not None:
            name += f" on behalf of the {sponsorship.on_behalf_of.name_en}"
        names.append(name)
    return names


def _alternative(
    proposal: Proposal, current: dict[str, str], languages: list[str], with_diffs: bool = True
) -> ExportAlternative:
    revision = proposal.revision
    proposed = {t.lang: t.text for t in revision.texts}
    diffs = {}
    for lang in languages if with_diffs else ():
        if proposal.kind == ProposalKind.DELETE:
            if lang in current:
                diffs[lang] = diff_texts(current[lang], "", lang).ops
        elif lang in proposed:
            old = "" if proposal.kind == ProposalKind.INSERT else current.get(lang, "")
            diffs[lang] = diff_texts(old, proposed[lang], lang).ops
    return ExportAlternative(
        proposal_id=proposal.id,
        kind=str(proposal.kind),
        sponsors=_sponsor_names(proposal),
        sponsors_label=sponsors_label(proposal, "en"),
        author=_author(proposal),
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
    version_ids = [
        node.version.id for node in _walk(tree) if isinstance(node, ProvisionNode) and node.version
    ]
    agreed_by = (
        {
            p.result_version_id: p
            for p in db.scalars(
                select(Proposal)
                .where(
                    Proposal.result_version_id.in_(version_ids),
                    Proposal.status == ProposalStatus.AGREED,
                )
                .options(selectinload(Proposal.sponsorships), selectinload(Proposal.session))
            )
        }
        if version_ids
        else {}
    )
    insertions_at_chapter: dict[int, list[Proposal]] = defaultdict(list)
    insertions_after: dict[int, list[Proposal]] = defaultdict(list)
    for proposals in pending.values():
        for proposal in proposals:
            if proposal.kind == ProposalKind.INSERT:
                if proposal.provision_id is not None:
                    insertions_after[proposal.provision_id].append(proposal)
                elif proposal.chapter_id is not None:
                    insertions_at_chapter[proposal.chapter_id].append(proposal)

    def convert(nodes, level):
        items = []
        for node in nodes:
            if isinstance(node, ChapterNode):
                chapter = node.chapter
                items.append(
                    ExportChapter(
                        kind=str(chapter.kind),
                        label=chapter.label,
                        title=_pair(chapter, "title"),
                        level=level,
                        items=convert(node.children, level + 1),
                        insertions=[
                            _alternative(p, {}, languages, diffs)
                            for p in insertions_at_chapter.get(chapter.id, [])
                        ],
                    )
                )
                continue
            if node.deleted:
                continue
            provision = node.provision
            current = {t.lang: t.text for t in node.version.texts} if node.version else {}
            alternatives = [
                _alternative(p, current, languages, diffs)
                for p in pending.get(provision.id, [])
                if p.kind != ProposalKind.INSERT
            ]
            items.append(
                ExportProvision(
                    id=provision.id,
                    kind=str(provision.kind),
                    label=provision.label,
                    title=_pair(provision, "title"),
                    text=current,
                    agreed=not alternatives,
                    provenance=_provenance(provision, node.version, agreed_by),
                    alternatives=alternatives,
                    insertions=[
                        _alternative(p, {}, languages, diffs)
                        for p in insertions_after.get(provision.id, [])
                    ],
                )
            )
        return items

    return ExportDocument(
        slug=instrument.slug,
        title=_pair(instrument, "title"),
        symbol=instrument.symbol,
        session=session_line(instrument.session),
        date=today or utcnow().date(),
        languages=languages,
        items=convert(tree, 1),
    )


def _walk(nodes):
    for node in nodes:
        yield node
        if isinstance(node, ChapterNode):
            yield from _walk(node.children)


def text_at_session(
    db: Session, instrument: Instrument, session: Meeting
) -> dict[int, Version | None]:
    """Each provision's version as it stood at the end of a session."""
    provisions = list(db.scalars(select(Provision).where(Provision.instrument_id == instrument.id)))
    versions = (
        list(
            db.scalars(
                select(Version)
                .where(Version.provision_id.in_([p.id for p in provisions]))
                .options(selectinload(Version.texts))
                .order_by(Version.provision_id, Version.number)
            )
        )
        if provisions
        else []
    )
    sessions = {s.id: s for s in db.scalars(select(Meeting))}
    result: dict[int, Version | None] = {p.id: None for p in provisions}
    for version in versions:
        adopted = sessions.get(version.session_id) if version.session_id else None
        if adopted is None or adopted.starts_on <= session.starts_on:
            result[version.provision_id] = version
    return result


def session_changes_document(
    db: Session,
    instrument: Instrument,
    earlier: Meeting,
    later: Meeting,
    *,
    languages: list[str],
    today: date | None = None,
) -> ExportDocument:
    """The negotiating text at a later session, with the changes since an earlier one tracked."""
    if earlier.starts_on > later.starts_on:
        earlier, later = later, earlier
    before = text_at_session(db, instrument, earlier)
    after = text_at_session(db, instrument, later)
    changed_ids = [v.id for pid, v in after.items() if v is not None and before.get(pid) is not v]
    producers = (
        {
            p.result_version_id: p
            for p in db.scalars(
                select(Proposal)
                .where(Proposal.result_version_id.in_(changed_ids))
                .options(selectinload(Proposal.sponsorships), selectinload(Proposal.session))
            )
        }
        if changed_ids
        else {}
    )
    tree = instrument_tree(db, instrument)

    def texts(version):
        return (
            {}
            if version is None or version.is_deletion
            else {t.lang: t.text for t in version.texts}
        )

    def convert(nodes, level):
        items = []
        for node in nodes:
            if isinstance(node, ChapterNode):
                items.append(
                    ExportChapter(
                        kind=str(node.chapter.kind),
                        label=node.chapter.label,
                        title=_pair(node.chapter, "title"),
                        level=level,
                        items=convert(node.children, level + 1),
                    )
                )
                continue
            provision = node.provision
            old, new = before.get(provision.id), after.get(provision.id)
            old_texts, new_texts = texts(old), texts(new)
            if not old_texts and not new_texts:
                continue
            alternatives = []
            if old is not new:
                proposal = producers.get(new.id) if new is not None else None
                author = _author(proposal) if proposal else "Secretariat"
                alternatives.append(
                    ExportAlternative(
                        proposal_id=proposal.id if proposal else None,
                        kind="change",
                        sponsors=_sponsor_names(proposal) if proposal else [],
                        sponsors_label=sponsors_label(proposal, "en") if proposal else "",
                        author=author,
                        date=proposal.tabled_on if proposal else later.starts_on,
                        session=proposal.session.code if proposal else later.code,
                        text=new_texts,
                        diff={
                            lang: diff_texts(
                                old_texts.get(lang, ""), new_texts.get(lang, ""), lang
                            ).ops
                            for lang in languages
                            if lang in old_texts or lang in new_texts
                        },
                    )
                )
            items.append(
                ExportProvision(
                    id=provision.id,
                    kind=str(provision.kind),
                    label=provision.label,
                    title=_pair(provision, "title"),
                    text=old_texts,
                    agreed=not alternatives,
                    alternatives=alternatives,
                )
            )
        return items

    return ExportDocument(
        slug=instrument.slug,
        title=_pair(instrument, "title"),
        symbol=instrument.symbol,
        session=session_line(later),
        date=today or utcnow().date(),
        languages=languages,
        items=convert(tree, 1),
        note=f"Changes between {earlier.code} and {later.code}",
    )


def _cell_text(version: Version | None, lang: str) -> str:
    if version is None:
        return ""
    return version.text(lang) or next((t.text for t in version.texts), "")


def concordance_table(
    db: Session,
    topics: list[Topic],
    *,
    lang: str = "en",
    today: date | None = None,
    title: str | None = None,
) -> SynopticTable:
    """Topics of the concordance as rows, every instrument treating them as a column."""
    if not topics:
        raise InvalidInput("Choose at least one topic.")
    synopses = [(topic, topic_synopsis(db, topic)) for topic in topics]
    instruments: dict[int, Instrument] = {}
    for _topic, columns in synopses:
        for column in columns:
            instruments.setdefault(column.instrument.id, column.instrument)
    if not instruments:
        raise InvalidInput("No instrument is linked to the chosen topics.")
    order = sorted(instruments.values(), key=lambda i: (i.kind == "negotiating", i.id))
    rows = []
    for topic, columns in synopses:
        by_instrument = {column.instrument.id: column for column in columns}
        cells = []
        for instrument in order:
            column = by_instrument.get(instrument.id)
            cell = SynopticCell()
            notes = []
            for correspondence, provision, version in column.entries if column else []:
                if provision is None:
                    notes.append(correspondence.note_en or "No provision on this matter.")
                    continue
                heading = f"{provision.label} {provision.title(lang)}".strip()
                cell.entries.append((heading, _cell_text(version, lang)))
                if (
                    correspondence.relation in (Relation.CONTRARY, Relation.PARTIAL)
                    and correspondence.note_en
                ):
                    notes.append(
                        f"{correspondence.relation.value.capitalize()}: {correspondence.note_en}"
                    )
            if column is None:
                notes.append("No corresponding provision.")
            cell.note = " ".join(dict.fromkeys(notes)) or None
            cells.append(cell)
        rows.append(SynopticRow(matter=topic.title(lang), cells=cells))
    single = topics[0] if len(topics) == 1 else None
    return SynopticTable(
        title=title or (single.title(lang) if single else "Synoptic table of the concordance"),
        subtitle=single.description if single else "Every topic, every instrument",
        date=today or utcnow().date(),
        columns=[i.short_title(lang) for i in order],
        rows=rows,
        language=lang,
    )


def chapter_table(
    db: Session,
    instrument: Instrument,
    chapter_label: str,
    *,
    lang: str = "en",
    today: date | None = None,
) -> SynopticTable:
    """A chapter of an instrument, each provision beside the corresponding provisions elsewhere."""
    from workbench.concordance.operations import provision_topics

    tree = instrument_tree(db, instrument)
    chapter = next(
        (n for n in _walk(tree) if isinstance(n, ChapterNode) and n.chapter.label == chapter_label),
        None,
    )
    if chapter is None:
        raise InvalidInput(f"{instrument.slug} has no chapter labelled {chapter_label!r}.")
    provisions = [
        n for n in _walk(chapter.children) if isinstance(n, ProvisionNode) and not n.deleted
    ]
    other_instruments: dict[int, Instrument] = {}
    rows_data = []
    for node in provisions:
        related: dict[int, list[Provision]] = defaultdict(list)
        for item in provision_topics(db, node.provision):
            for correspondence in item["others"]:
                if correspondence.provision is not None:
                    other_instruments.setdefault(
                        correspondence.instrument_id, correspondence.instrument
                    )
                    if correspondence.provision not in related[correspondence.instrument_id]:
                        related[correspondence.instrument_id].append(correspondence.provision)
        rows_data.append((node, related))
    order = sorted(other_instruments)
    from workbench.instruments.queries import current_versions

    all_ids = [p.id for _n, rel in rows_data for items in rel.values() for p in items]
    versions = current_versions(db, all_ids)
    rows = []
    for node, related in rows_data:
        first = SynopticCell(
            entries=[
                (
                    f"{node.provision.label} {node.provision.title(lang)}".strip(),
                    _cell_text(node.version, lang),
                )
            ]
        )
        cells = [first]
        for instrument_id in order:
            items = related.get(instrument_id, [])
            cells.append(
                SynopticCell(
                    entries=[
                        (f"{p.label} {p.title(lang)}".strip(), _cell_text(versions.get(p.id), lang))
                        for p in items
                    ],
                    note=None if items else "No corresponding provision.",
                )
            )
        rows.append(
            SynopticRow(
                matter=f"{node.provision.label} {node.provision.title(lang)}".strip(), cells=cells
            )
        )
    return SynopticTable(
        title=f"{instrument.short_title(lang)}: {chapter.chapter.label} {chapter.chapter.title(lang)}",
        subtitle="Each provision beside the corresponding provisions of the other instruments",
        date=today or utcnow().date(),
        columns=[instrument.short_title(lang)]
        + [other_instruments[i].short_title(lang) for i in order],
        rows=rows,
        language=lang,
    )
