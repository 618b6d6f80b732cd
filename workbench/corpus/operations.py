"""Loading the shipped corpus into the database, idempotently.

A second run adds nothing and changes no id: rows are found by their natural keys
(party code, alias, session code, instrument slug, topic slug, link) and only what is
missing is added. Loaded instruments are never rewritten: their versions are append-only.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.concordance.models import Correspondence, Relation, Topic
from workbench.corpus import agenda, reference, sources
from workbench.errors import WorkbenchError
from workbench.instruments.create import add_parsed_structure, create_instrument
from workbench.instruments.models import Instrument, InstrumentKind, Provision
from workbench.parties.models import Party, PartyAlias, PartyKind, PartyMembership
from workbench.sessions.models import Session as Meeting
from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision
from workbench.users.audit import record_audit

CORPUS_SLUGS = (
    "china-elements-2021",
    "budapest-ets185",
    "budapest-protocol-ets189",
    "russia-draft-2017",
)


def load_corpus(db: Session) -> dict:
    """Load parties, groups, sessions, the source instruments and the concordance."""
    report: dict = {"lines": []}
    report["parties"] = _load_parties(db)
    report["groups"] = _load_groups(db)
    report["sessions"] = _load_sessions(db)
    report["instruments"] = _load_instruments(db)
    report["concordance"] = _load_concordance(db)
    lines = report["lines"]
    lines.append(
        f"Parties: {report['parties']['added']} added, {report['parties']['total']} in all; "
        f"groups and organizations: {report['groups']['added']} added "
        f"({report['groups']['memberships_added']} memberships)."
    )
    lines.append(
        f"Sessions: {report['sessions']['added']} added, {report['sessions']['total']} in all."
    )
    for slug, item in report["instruments"].items():
        state = "loaded" if item["added"] else "already loaded"
        lines.append(
            f"{slug}: {state} ({item['chapters']} chapters, {item['provisions']} provisions)."
        )
    lines.append(
        f"Concordance: {report['concordance']['topics_added']} topics and "
        f"{report['concordance']['links_added']} links added, "
        f"{report['concordance']['links_total']} links in all."
    )
    added = (
        report["parties"]["added"]
        + report["groups"]["added"]
        + report["sessions"]["added"]
        + sum(1 for i in report["instruments"].values() if i["added"])
        + report["concordance"]["links_added"]
    )
    if added:
        record_audit(db, None, "load_corpus", "corpus", None, summary="; ".join(lines))
    db.flush()
    return report


# --- parties -----------------------------------------------------------------------------


def _aliases(db: Session) -> dict[str, int]:
    return dict(db.execute(select(PartyAlias.name, PartyAlias.party_id)).tuples().all())


def _add_aliases(db: Session, party: Party, aliases, known: dict[str, int]) -> None:
    for name, lang in aliases:
        if name and name not in known:
            db.add(PartyAlias(party=party, name=name, lang=lang or None))
            known[name] = -1  # taken, even before the flush gives the id


def _load_parties(db: Session) -> dict[str, int]:
    existing = {p.code: p for p in db.scalars(select(Party))}
    known = _aliases(db)
    added = 0
    for data in reference.load_parties():
        party = existing.get(data.code)
        if party is None:
            party = Party(
                code=data.code,
                kind=PartyKind(data.kind),
                name_en=data.name_en,
                name_zh=data.name_zh,
                formal_name_en=data.formal_name_en,
                alpha2=data.alpha2,
            )
            db.add(party)
            existing[data.code] = party
            added += 1
        _add_aliases(db, party, data.aliases, known)
    db.flush()
    return {"added": added, "total": len(existing)}


def _load_groups(db: Session) -> dict[str, int]:
    existing = {p.code: p for p in db.scalars(select(Party))}
    known = _aliases(db)
    memberships = set(
        db.execute(select(PartyMembership.group_id, PartyMembership.member_id)).tuples().all()
    )
    added = members_added = 0
    groups = reference.load_groups()
    for data in groups:
        group = existing.get(data.code)
        if group is None:
            group = Party(
                code=data.code,
                kind=PartyKind(data.kind),
                name_en=data.name_en,
                name_zh=data.name_zh,
                formal_name_en=data.formal_name_en,
            )
            db.add(group)
            existing[data.code] = group
            added += 1
        _add_aliases(db, group, data.aliases, known)
    db.flush()
    for data in groups:
        group = existing[data.code]
        for code in data.members:
            member = existing.get(code)
            if member is None:
                raise WorkbenchError(f"Group {data.code} lists {code}, which is not a known party.")
            if (group.id, member.id) not in memberships:
                db.add(
                    PartyMembership(
                        group_id=group.id, member_id=member.id, note=data.member_notes.get(code)
                    )
                )
                memberships.add((group.id, member.id))
                members_added += 1
    db.flush()
    return {"added": added, "memberships_added": members_added}


# --- sessions ----------------------------------------------------------------------------


def _load_sessions(db: Session) -> dict[str, int]:
    existing = set(db.scalars(select(Meeting.code)))
    added = 0
    for data in agenda.load_sessions():
        if data.code in existing:
            continue
        db.add(
            Meeting(
                code=data.code,
                body_en=data.body_en,
                body_zh=data.body_zh,
                number=data.number,
                title_en=data.title_en,
                title_zh=data.title_zh,
                place=data.place,
                starts_on=data.starts_on,
                ends_on=data.ends_on,
                symbol=data.symbol,
                note="\n".join(filter(None, [data.note, f"Source: {data.provenance}"])),
            )
        )
        existing.add(data.code)
        added += 1
    db.flush()
    return {"added": added, "total": len(existing)}


# --- instruments -------------------------------------------------------------------------


def _with_china_translation(parsed: ParsedInstrument) -> ParsedInstrument:
    """Add the unofficial English working translation to China's Chinese text."""
    translation = agenda.load_china_translation()
    headings = agenda.load_china_headings()
    for _depth, item in parsed.walk():
        if isinstance(item, ParsedChapter):
            if item.label in headings and "en" not in item.title:
                item.title["en"] = headings[item.label]
                item.unofficial.add("en")
        elif isinstance(item, ParsedProvision):
            entry = translation.get(item.label)
            if entry is None:
                continue
            if entry.get("title") and "en" not in item.title:
                item.title["en"] = entry["title"]
            # A provision without Chinese wording (the empty chapeau of chapter six) gets no
            # English either: a translation of nothing would be text nobody proposed.
            if entry.get("text") and item.text.get("zh"):
                item.text["en"] = entry["text"]
            item.unofficial.add("en")
    return parsed


def _load_instruments(db: Session) -> dict[str, dict]:
    parties = {p.code: p for p in db.scalars(select(Party))}
    result = {}
    for slug in CORPUS_SLUGS:
        meta = sources.SOURCE_METADATA[slug]
        instrument = db.scalar(select(Instrument).where(Instrument.slug == slug))
        added = instrument is None
        if instrument is None:
            parsed = sources.load_source(slug)
            if slug == "china-elements-2021":
                parsed = _with_china_translation(parsed)
            instrument = create_instrument(
                db,
                slug=slug,
                kind=InstrumentKind.SOURCE,
                title_en=meta["title_en"],
                title_zh=meta["title_zh"],
                short_title_en=meta["short_title_en"],
                short_title_zh=meta["short_title_zh"],
                origin_party_id=parties[meta["origin"]].id
                if meta.get("origin") in parties
                else None,
                adopted_on=_date(meta),
                symbol=meta.get("symbol"),
                language=meta["language"],
                is_outline=meta["is_outline"],
                description=meta.get("description"),
                provenance=meta.get("provenance"),
            )
            add_parsed_structure(db, instrument, parsed, note=f"loaded from {meta['source_file']}")
        chapters = db.scalar(
            select(func.count())
            .where(Instrument.id == instrument.id)
            .select_from(Instrument)
            .join(Instrument.chapters)
        )
        provisions = db.scalar(
            select(func.count())
            .select_from(Provision)
            .where(Provision.instrument_id == instrument.id)
        )
        result[slug] = {"added": added, "chapters": chapters, "provisions": provisions}
    return result


def _date(meta: dict) -> date | None:
    if meta.get("adopted_on"):
        return meta["adopted_on"]
    raw = meta.get("date")
    if raw and len(raw) == 4:
        # Only the year is known; 1 January stands for it (the precision is in the note).
        return date(int(raw), 1, 1)
    return date.fromisoformat(raw) if raw else None


# --- concordance -------------------------------------------------------------------------


def _load_concordance(db: Session) -> dict[str, int]:
    topics = {t.slug: t for t in db.scalars(select(Topic))}
    topics_added = 0
    for topic_data in agenda.load_topics():
        if topic_data.slug not in topics:
            topic = Topic(
                slug=topic_data.slug,
                position=topic_data.position,
                title_en=topic_data.title_en,
                title_zh=topic_data.title_zh,
                description=topic_data.description,
            )
            db.add(topic)
            topics[topic_data.slug] = topic
            topics_added += 1
    db.flush()
    instruments = {
        i.slug: i for i in db.scalars(select(Instrument).where(Instrument.slug.in_(CORPUS_SLUGS)))
    }
    provisions = {
        (p.instrument_id, p.label): p
        for p in db.scalars(
            select(Provision).where(
                Provision.instrument_id.in_([i.id for i in instruments.values()])
            )
        )
    }
    existing = set(
        db.execute(
            select(
                Correspondence.topic_id, Correspondence.instrument_id, Correspondence.provision_id
            )
        )
        .tuples()
        .all()
    )
    links_added = 0
    for data in agenda.load_correspondences():
        instrument = instruments.get(data.instrument_slug)
        if instrument is None:
            raise WorkbenchError(
                f"The concordance names an unknown instrument {data.instrument_slug!r}."
            )
        provision = None
        if data.provision_label is not None:
            provision = provisions.get((instrument.id, data.provision_label))
            if provision is None:
                raise WorkbenchError(
                    f"The concordance names {data.instrument_slug} {data.provision_label!r}, "
                    "which the loaded text does not have."
                )
        topic = topics[data.topic_slug]
        key = (topic.id, instrument.id, provision.id if provision else None)
        if key in existing:
            continue
        db.add(
            Correspondence(
                topic_id=topic.id,
                instrument_id=instrument.id,
                provision_id=provision.id if provision else None,
                relation=Relation(data.relation),
                note_en=data.note_en,
                note_zh=data.note_zh,
            )
        )
        existing.add(key)
        links_added += 1
    db.flush()
    total = db.scalars(select(func.count()).select_from(Correspondence)).one()
    return {"topics_added": topics_added, "links_added": links_added, "links_total": total}
