"""The changes to a negotiating text between two sessions, as an export document."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.db import utcnow
from workbench.diff import diff_texts
from workbench.export.consolidate import author, pair, session_line, sponsor_names_by_language
from workbench.export.model import ExportAlternative, ExportChapter, ExportDocument, ExportProvision
from workbench.instruments.models import Instrument, Provision, Version, wording_of
from workbench.instruments.queries import ChapterNode, instrument_tree
from workbench.proposals.models import Proposal
from workbench.proposals.sponsors import sponsors_label
from workbench.sessions.models import Session as Meeting


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

    def convert(nodes, level):
        items: list[ExportChapter | ExportProvision] = []
        for node in nodes:
            if isinstance(node, ChapterNode):
                items.append(
                    ExportChapter(
                        kind=str(node.chapter.kind),
                        label=node.chapter.label,
                        title=pair(node.chapter, "title"),
                        level=level,
                        items=convert(node.children, level + 1),
                    )
                )
                continue
            provision = node.provision
            old, new = before.get(provision.id), after.get(provision.id)
            old_texts, new_texts = wording_of(old), wording_of(new)
            if not old_texts and not new_texts:
                continue
            alternatives = []
            if old is not new:
                proposal = producers.get(new.id) if new is not None else None
                writer = author(proposal) if proposal else "Secretariat"
                alternatives.append(
                    ExportAlternative(
                        proposal_id=proposal.id if proposal else None,
                        kind="change",
                        sponsors=sponsor_names_by_language(proposal)["en"] if proposal else [],
                        names=sponsor_names_by_language(proposal) if proposal else {},
                        authors=(
                            {lang: author(proposal, lang) for lang in ("en", "zh")}
                            if proposal
                            else {}
                        ),
                        sponsors_label=sponsors_label(proposal, "en") if proposal else "",
                        author=writer,
                        date=proposal.tabled_on if proposal else later.starts_on,
                        session=proposal.session.code if proposal else later.code,
                        text=new_texts,
                        diff={
                            lang: list(
                                diff_texts(
                                    old_texts.get(lang, ""), new_texts.get(lang, ""), lang
                                ).ops
                            )
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
                    title=pair(provision, "title"),
                    text=old_texts,
                    agreed=not alternatives,
                    alternatives=alternatives,
                )
            )
        return items

    return ExportDocument(
        slug=instrument.slug,
        title=pair(instrument, "title"),
        symbol=instrument.symbol,
        session=session_line(later),
        date=today or utcnow().date(),
        languages=languages,
        items=convert(tree, 1),
        note=f"Changes between {earlier.code} and {later.code}",
    )
