"""Creating instruments and their structure from parsed texts; filling an outline."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbench.errors import Conflict, InvalidInput
from workbench.instruments.models import (
    Chapter,
    ChapterKind,
    Instrument,
    InstrumentKind,
    Provision,
    ProvisionKind,
    Version,
    VersionOrigin,
)
from workbench.instruments.queries import ChapterNode, instrument_tree
from workbench.instruments.versions import version_texts
from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision
from workbench.users.audit import record_audit, snapshot
from workbench.users.models import User
from workbench.validation import check_characters, clean_short, clean_slug, clean_texts

# Chapters and provisions share one position space in document order, spaced so that
# an inserted provision can take a position between two neighbours without renumbering.
GAP = 1024


def create_instrument(
    db: Session,
    *,
    slug: str,
    kind: InstrumentKind = InstrumentKind.SOURCE,
    title_en: str | None = None,
    title_zh: str | None = None,
    actor: User | None = None,
    **attributes,
) -> Instrument:
    """Create an empty instrument; its slug must be new."""
    slug = clean_slug(slug)
    title_en = clean_short(title_en, "title_en")
    title_zh = clean_short(title_zh, "title_zh")
    if not (title_en or title_zh):
        raise InvalidInput("An instrument needs a title in English or Chinese.", field="title_en")
    if db.scalar(select(Instrument.id).where(Instrument.slug == slug)) is not None:
        raise Conflict(f"An instrument with the slug {slug!r} already exists.", field="slug")
    instrument = Instrument(
        slug=slug, kind=kind, title_en=title_en, title_zh=title_zh, **attributes
    )
    db.add(instrument)
    db.flush()
    record_audit(
        db,
        actor,
        "create",
        "instrument",
        instrument.id,
        summary=f"created {slug}",
        after=snapshot(instrument),
    )
    return instrument


def _next_position(db: Session, instrument: Instrument) -> int:
    highest = max(
        db.scalar(select(func.max(Chapter.position)).where(Chapter.instrument_id == instrument.id))
        or 0,
        db.scalar(
            select(func.max(Provision.position)).where(Provision.instrument_id == instrument.id)
        )
        or 0,
    )
    return highest + GAP


def add_parsed_structure(
    db: Session,
    instrument: Instrument,
    parsed: ParsedInstrument,
    *,
    origin: VersionOrigin = VersionOrigin.SOURCE,
    note: str | None = None,
    actor: User | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Append a parsed text's chapters and provisions (each with version 1) to an instrument."""
    position = _next_position(db, instrument)
    counts = {"chapters": 0, "provisions": 0, "versions": 0}
    total = sum(1 for _ in parsed.walk())
    done = 0

    def add(items, parent: Chapter | None):
        nonlocal position, done
        for item in items:
            done += 1
            if progress is not None:
                progress(done, total)
            check_headings(item)
            if isinstance(item, ParsedChapter):
                chapter = Chapter(
                    instrument=instrument,
                    parent=parent,
                    position=position,
                    kind=ChapterKind(item.kind),
                    label=item.label,
                    title_en=item.title.get("en"),
                    title_zh=item.title.get("zh"),
                    title_en_official="en" not in item.unofficial,
                    title_zh_official="zh" not in item.unofficial,
                )
                db.add(chapter)
                position += GAP
                counts["chapters"] += 1
                add(item.children, chapter)
            else:
                add_provision_from_parsed(
                    db, instrument, parent, item, position, origin, note, actor
                )
                position += GAP
                counts["provisions"] += 1
                counts["versions"] += 1 if item.text else 0

    add(parsed.children, None)
    db.flush()
    return counts


def check_headings(item: ParsedChapter | ParsedProvision) -> None:
    """Refuse a label or title holding a character that would change what a reader sees."""
    check_characters(item.label, "label", multiline=False)
    for lang, title in item.title.items():
        check_characters(title, f"{item.label} title.{lang}", multiline=False)


def add_provision_from_parsed(
    db: Session,
    instrument: Instrument,
    chapter: Chapter | None,
    item: ParsedProvision,
    position: int,
    origin: VersionOrigin,
    note: str | None,
    actor: User | None,
) -> Provision:
    """One parsed provision as a Provision with its first version (when it has wording)."""
    texts = clean_texts(item.text, f"{item.label} text", required=False)
    provision = Provision(
        instrument=instrument,
        chapter=chapter,
        position=position,
        kind=ProvisionKind(item.kind),
        label=item.label,
        title_en=item.title.get("en"),
        title_zh=item.title.get("zh"),
        title_en_official="en" not in item.unofficial,
        title_zh_official="zh" not in item.unofficial,
        current_number=1 if texts else 0,
    )
    db.add(provision)
    if texts:
        version = Version(
            provision=provision,
            number=1,
            origin=origin,
            note=note,
            created_by_id=actor.id if actor else None,
        )
        version.texts.extend(version_texts(texts, item.unofficial))
        db.add(version)
    return provision


def fill_outline(
    db: Session,
    instrument: Instrument,
    parsed: ParsedInstrument,
    *,
    actor: User | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Give an outline (chapters, no wording) the full text a user imports.

    Chapters of the outline are matched in order with the imported chapters and keep their
    identity (correspondences and notes stay attached); the rest is added.
    """
    if not instrument.is_outline:
        raise Conflict(f"{instrument.slug} already has its text; import it under a new slug.")
    if db.scalar(select(func.count()).where(Provision.instrument_id == instrument.id)):
        raise Conflict(f"{instrument.slug} already holds provisions.")
    outline = [c for c in instrument_tree(db, instrument) if isinstance(c, ChapterNode)]
    counts = {"chapters": 0, "provisions": 0, "versions": 0, "matched_chapters": 0}
    # Provisions before the first imported chapter (a preamble) go before the outline's chapters.
    leading = []
    for item in parsed.children:
        if isinstance(item, ParsedChapter):
            break
        leading.append(item)
    first_position = min((node.chapter.position for node in outline), default=GAP) - GAP // 2
    for offset, item in enumerate(leading):
        add_provision_from_parsed(
            db,
            instrument,
            None,
            item,
            first_position + offset,
            VersionOrigin.IMPORT,
            "imported into the outline",
            actor,
        )
        counts["provisions"] += 1
        counts["versions"] += 1 if item.text else 0
    rest = parsed.children[len(leading) :]
    matched = 0
    for index, item in enumerate(rest, start=1):
        if isinstance(item, ParsedChapter) and matched < len(outline):
            chapter = outline[matched].chapter
            matched += 1
            # The imported text's own title replaces a working translation in the outline.
            for lang in ("en", "zh"):
                official = f"title_{lang}_official"
                if item.title.get(lang) and not getattr(chapter, official):
                    setattr(chapter, f"title_{lang}", item.title[lang])
                    setattr(chapter, official, lang not in item.unofficial)
            sub = ParsedInstrument(
                title=parsed.title, language=parsed.language, children=item.children
            )
            added = _add_into_chapter(db, instrument, chapter, sub, actor)
        else:
            sub = ParsedInstrument(title=parsed.title, language=parsed.language, children=[item])
            added = add_parsed_structure(
                db,
                instrument,
                sub,
                origin=VersionOrigin.IMPORT,
                note="imported into the outline",
                actor=actor,
            )
        for key in ("chapters", "provisions", "versions"):
            counts[key] += added[key]
        if progress is not None:
            progress(index, len(rest))
    counts["matched_chapters"] = matched
    instrument.is_outline = False
    db.flush()
    record_audit(
        db,
        actor,
        "fill_outline",
        "instrument",
        instrument.id,
        summary=f"{instrument.slug}: full text imported",
        after=counts,
    )
    return counts


def _add_into_chapter(db, instrument, chapter, parsed, actor):
    # Positions of a matched chapter's content must fall between it and the next chapter;
    # renumbering everything after it is the simple, safe way to make room.
    items = list(parsed.walk())
    room = (len(items) + 1) * GAP
    _shift_positions(db, instrument, after=chapter.position, by=room)
    position = chapter.position + GAP
    counts = {"chapters": 0, "provisions": 0, "versions": 0}

    def add(children, parent):
        nonlocal position
        for item in children:
            if isinstance(item, ParsedChapter):
                sub = Chapter(
                    instrument=instrument,
                    parent=parent,
                    position=position,
                    kind=ChapterKind(item.kind),
                    label=item.label,
                    title_en=item.title.get("en"),
                    title_zh=item.title.get("zh"),
                )
                db.add(sub)
                counts["chapters"] += 1
                position += GAP
                add(item.children, sub)
            else:
                add_provision_from_parsed(
                    db,
                    instrument,
                    parent,
                    item,
                    position,
                    VersionOrigin.IMPORT,
                    "imported into the outline",
                    actor,
                )
                counts["provisions"] += 1
                counts["versions"] += 1 if item.text else 0
                position += GAP

    add(parsed.children, chapter)
    db.flush()
    return counts


def _shift_positions(db: Session, instrument: Instrument, *, after: int, by: int) -> None:
    """Move every chapter and provision after a position further down, keeping uniqueness."""
    db.flush()
    # Two steps through negative numbers so that no intermediate state collides.
    for model in (Chapter, Provision):
        db.execute(
            update(model)
            .where(model.instrument_id == instrument.id, model.position > after)
            .values(position=-(model.position + by))
            .execution_options(synchronize_session=False)
        )
        db.execute(
            update(model)
            .where(model.instrument_id == instrument.id, model.position < 0)
            .values(position=-model.position)
            .execution_options(synchronize_session=False)
        )
    db.expire_all()


def position_after(db: Session, instrument: Instrument, anchor_position: int) -> int:
    """A free position right after the given one, making room when the gap is used up."""
    following = [
        value
        for value in (
            db.scalar(
                select(func.min(Chapter.position)).where(
                    Chapter.instrument_id == instrument.id, Chapter.position > anchor_position
                )
            ),
            db.scalar(
                select(func.min(Provision.position)).where(
                    Provision.instrument_id == instrument.id, Provision.position > anchor_position
                )
            ),
        )
        if value is not None
    ]
    if not following:
        return anchor_position + GAP
    nearest = min(following)
    if nearest - anchor_position >= 2:
        return anchor_position + (nearest - anchor_position) // 2
    _shift_positions(db, instrument, after=anchor_position, by=GAP)
    return anchor_position + GAP // 2
