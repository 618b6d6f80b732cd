"""Operations on instruments, their structure and their append-only versions.

Every function takes a session, flushes when it needs ids, and never commits: the web
layer and the CLI commit once at their boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session, joinedload, lazyload, selectinload

from workbench.errors import Conflict, InvalidInput, NotFound
from workbench.instruments.models import (
    Chapter,
    ChapterKind,
    Instrument,
    InstrumentKind,
    Provision,
    ProvisionKind,
    Version,
    VersionOrigin,
    VersionText,
)
from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision
from workbench.users.audit import record_audit, snapshot
from workbench.users.models import User
from workbench.validation import clean_short, clean_slug, clean_texts

# Chapters and provisions share one position space in document order, spaced so that
# an inserted provision can take a position between two neighbours without renumbering.
GAP = 1024


# --- reading -----------------------------------------------------------------------------


def list_instruments(db: Session, kind: InstrumentKind | None = None) -> list[Instrument]:
    """All instruments, sources first, then by title."""
    query = select(Instrument).order_by(Instrument.kind.desc(), Instrument.id)
    if kind is not None:
        query = query.where(Instrument.kind == kind)
    return list(db.scalars(query))


def get_instrument(db: Session, slug: str) -> Instrument:
    """The instrument with this slug, or NotFound."""
    instrument = db.scalar(select(Instrument).where(Instrument.slug == slug))
    if instrument is None:
        raise NotFound(f"No instrument with the slug {slug!r}.")
    return instrument


def get_provision(db: Session, provision_id: int) -> Provision:
    """The provision with this id, or NotFound."""
    provision = (
        db.get(Provision, provision_id, options=[joinedload(Provision.instrument)])
        if isinstance(provision_id, int)
        else None
    )
    if provision is None:
        raise NotFound(f"No provision with the id {provision_id!r}.")
    return provision


def find_provision(db: Session, instrument: Instrument, label: str) -> Provision:
    """The provision of an instrument with this label, or NotFound."""
    provision = db.scalar(
        select(Provision)
        .where(Provision.instrument_id == instrument.id, Provision.label == label)
        .order_by(Provision.position)
        .limit(1)
    )
    if provision is None:
        raise NotFound(f"{instrument.slug} has no provision labelled {label!r}.")
    return provision


def get_version(db: Session, provision: Provision, number: int) -> Version:
    """Version number N of a provision, or NotFound."""
    version = db.scalar(
        select(Version).where(Version.provision_id == provision.id, Version.number == number)
    )
    if version is None:
        raise NotFound(f"{provision.label} has no version {number}.")
    return version


def get_version_by_id(db: Session, version_id: int) -> Version:
    """The version with this id, or NotFound."""
    version = db.get(Version, version_id) if isinstance(version_id, int) else None
    if version is None:
        raise NotFound(f"No version with the id {version_id!r}.")
    return version


def current_version(db: Session, provision: Provision) -> Version | None:
    """The version now in force, or None while the provision has no wording."""
    if provision.current_number == 0:
        return None
    return get_version(db, provision, provision.current_number)


def current_versions(db: Session, provision_ids: Iterable[int]) -> dict[int, Version]:
    """The current versions of many provisions in one query, keyed by provision id."""
    ids = list(provision_ids)
    if not ids:
        return {}
    rows = db.scalars(
        select(Version)
        .join(
            Provision,
            and_(Provision.id == Version.provision_id, Provision.current_number == Version.number),
        )
        .where(Provision.id.in_(ids))
    )
    return {version.provision_id: version for version in rows}


def is_deleted(provision: Provision, version: Version | None) -> bool:
    """A provision is deleted when its current version records the deletion."""
    return version is not None and version.is_deletion


@dataclass
class ProvisionNode:
    """A provision with its current version, in the outline of an instrument."""

    provision: Provision
    version: Version | None
    depth: int = 0

    @property
    def deleted(self) -> bool:
        return is_deleted(self.provision, self.version)


@dataclass
class ChapterNode:
    """A chapter with what it holds, in the outline of an instrument."""

    chapter: Chapter
    children: list[ChapterNode | ProvisionNode] = field(default_factory=list)
    depth: int = 0


def instrument_tree(db: Session, instrument: Instrument) -> list[ChapterNode | ProvisionNode]:
    """The instrument's chapters and provisions, nested, with current versions (four queries)."""
    chapters = list(db.scalars(select(Chapter).where(Chapter.instrument_id == instrument.id)))
    provisions = list(db.scalars(select(Provision).where(Provision.instrument_id == instrument.id)))
    versions = current_versions(db, [p.id for p in provisions])
    chapter_nodes = {chapter.id: ChapterNode(chapter) for chapter in chapters}
    roots: list[tuple[int, ChapterNode | ProvisionNode]] = []
    children: dict[int, list[tuple[int, ChapterNode | ProvisionNode]]] = {}
    for chapter in chapters:
        target = roots if chapter.parent_id is None else children.setdefault(chapter.parent_id, [])
        target.append((chapter.position, chapter_nodes[chapter.id]))
    for provision in provisions:
        node = ProvisionNode(provision, versions.get(provision.id))
        target = (
            roots if provision.chapter_id is None else children.setdefault(provision.chapter_id, [])
        )
        target.append((provision.position, node))

    def build(items, depth):
        result = []
        for _position, node in sorted(items, key=lambda item: item[0]):
            node.depth = depth
            if isinstance(node, ChapterNode):
                node.children = build(children.get(node.chapter.id, []), depth + 1)
            result.append(node)
        return result

    return build(roots, 0)


def walk_tree(nodes: list[ChapterNode | ProvisionNode]):
    """Every node of an outline in document order."""
    for node in nodes:
        yield node
        if isinstance(node, ChapterNode):
            yield from walk_tree(node.children)


def ordered_provisions(db: Session, instrument: Instrument) -> list[ProvisionNode]:
    """The instrument's provisions in document order, with their current versions."""
    return [n for n in walk_tree(instrument_tree(db, instrument)) if isinstance(n, ProvisionNode)]


def count_structure(db: Session, instrument: Instrument) -> dict[str, dict[str, int]]:
    """How many chapters and provisions of each kind an instrument holds."""
    chapter_counts = dict(
        db.execute(
            select(Chapter.kind, func.count())
            .where(Chapter.instrument_id == instrument.id)
            .group_by(Chapter.kind)
        ).all()
    )
    provision_counts = dict(
        db.execute(
            select(Provision.kind, func.count())
            .where(Provision.instrument_id == instrument.id)
            .group_by(Provision.kind)
        ).all()
    )
    return {
        "chapters": {str(kind): count for kind, count in chapter_counts.items()},
        "provisions": {str(kind): count for kind, count in provision_counts.items()},
    }


# --- writing -----------------------------------------------------------------------------


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


def _version_texts(texts: dict[str, str], unofficial: Iterable[str] = ()) -> list[VersionText]:
    unofficial = set(unofficial)
    return [
        VersionText(lang=lang, text=wording, official=lang not in unofficial)
        for lang, wording in sorted(texts.items())
    ]


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
        version.texts.extend(_version_texts(texts, item.unofficial))
        db.add(version)
    return provision


def append_version(
    db: Session,
    provision: Provision,
    texts: dict[str, str],
    *,
    origin: VersionOrigin,
    expected_number: int,
    copied_from: Version | None = None,
    is_deletion: bool = False,
    note: str | None = None,
    session_id: int | None = None,
    actor: User | None = None,
) -> Version:
    """Append the next version of a provision, if nobody has appended one meanwhile.

    The compare-and-set on ``current_number`` is the optimistic lock of the text: of two
    writers that both saw version N, only the first becomes N+1; the other gets Conflict.
    """
    texts = clean_texts(texts, "text", required=not is_deletion)
    moved = db.execute(
        update(Provision)
        .where(Provision.id == provision.id, Provision.current_number == expected_number)
        .values(current_number=expected_number + 1)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        db.refresh(provision)
        raise Conflict(
            f"{provision.label} is now at version {provision.current_number}, not "
            f"{expected_number}: someone changed it meanwhile. Rebase on the current text.",
            details={"provision_id": provision.id, "current_number": provision.current_number},
        )
    version = Version(
        provision_id=provision.id,
        number=expected_number + 1,
        origin=origin,
        copied_from=copied_from,
        is_deletion=is_deletion,
        note=note,
        session_id=session_id,
        created_by_id=actor.id if actor else None,
    )
    version.texts.extend(_version_texts(texts))
    db.add(version)
    db.flush()
    db.refresh(provision)
    record_audit(
        db,
        actor,
        "append_version",
        "provision",
        provision.id,
        summary=f"{provision.label}: version {version.number} ({origin})",
        after={
            "version_id": version.id,
            "number": version.number,
            "texts": texts,
            "is_deletion": is_deletion,
        },
    )
    return version


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


# --- negotiating texts -------------------------------------------------------------------


def create_negotiating_text(
    db: Session,
    *,
    slug: str,
    title_en: str | None = None,
    title_zh: str | None = None,
    source: Instrument | None = None,
    picks: list[dict] | None = None,
    session=None,
    symbol: str | None = None,
    actor: User | None = None,
) -> Instrument:
    """Create a negotiating text from a source instrument, or assembled from picked provisions.

    ``picks`` is a list of chapters, each ``{"label", "title_en", "title_zh", "provisions":
    [{"provision_id", "label"?, "title_en"?, "title_zh"?}]}``; a pick without ``label``
    keeps the source provision's. Every provision links to the one it was taken from and its
    first version is a copy of that provision's current version.
    """
    if (source is None) == (picks is None):
        raise InvalidInput("Give either a source instrument or a list of picked provisions.")
    instrument = create_instrument(
        db,
        slug=slug,
        kind=InstrumentKind.NEGOTIATING,
        title_en=title_en,
        title_zh=title_zh,
        based_on_id=source.id if source else None,
        session_id=session.id if session is not None else None,
        symbol=clean_short(symbol, "symbol"),
        language=source.language if source else "en",
        actor=actor,
    )
    if source is not None:
        if source.is_outline:
            raise InvalidInput(f"{source.slug} is an outline without text; import its text first.")
        _copy_structure(db, source, instrument)
    else:
        _assemble(db, instrument, picks)
    db.flush()
    return instrument


def _copy_version(provision: Provision, version: Version | None) -> None:
    if version is None or version.is_deletion:
        provision.current_number = 0
        return
    provision.current_number = 1
    copy = Version(provision=provision, number=1, origin=VersionOrigin.COPY, copied_from=version)
    copy.texts.extend(
        VersionText(lang=t.lang, text=t.text, official=t.official) for t in version.texts
    )


def _copy_structure(db: Session, source: Instrument, target: Instrument) -> None:
    chapter_map: dict[int, Chapter] = {}
    for node in walk_tree(instrument_tree(db, source)):
        if isinstance(node, ChapterNode):
            chapter = node.chapter
            chapter_map[chapter.id] = Chapter(
                instrument=target,
                parent=chapter_map.get(chapter.parent_id),
                position=chapter.position,
                kind=chapter.kind,
                label=chapter.label,
                title_en=chapter.title_en,
                title_zh=chapter.title_zh,
                title_en_official=chapter.title_en_official,
                title_zh_official=chapter.title_zh_official,
            )
            db.add(chapter_map[chapter.id])
        elif not node.deleted:
            original = node.provision
            provision = Provision(
                instrument=target,
                chapter=chapter_map.get(original.chapter_id),
                position=original.position,
                kind=original.kind,
                label=original.label,
                title_en=original.title_en,
                title_zh=original.title_zh,
                title_en_official=original.title_en_official,
                title_zh_official=original.title_zh_official,
                source_provision=original,
            )
            _copy_version(provision, node.version)
            db.add(provision)


def _assemble(db: Session, target: Instrument, picks: list[dict]) -> None:
    if not isinstance(picks, list) or not picks:
        raise InvalidInput("Pick at least one chapter with provisions.", field="picks")
    position = GAP
    for index, spec in enumerate(picks, start=1):
        if not isinstance(spec, dict):
            raise InvalidInput(f"Chapter {index} of the picks must be an object.", field="picks")
        chapter = Chapter(
            instrument=target,
            position=position,
            kind=ChapterKind.CHAPTER,
            label=clean_short(spec.get("label"), "label") or f"Chapter {index}",
            title_en=clean_short(spec.get("title_en"), "title_en"),
            title_zh=clean_short(spec.get("title_zh"), "title_zh"),
        )
        db.add(chapter)
        position += GAP
        provision_specs = spec.get("provisions") or []
        if not isinstance(provision_specs, list):
            raise InvalidInput(f"Chapter {index}: provisions must be a list.", field="picks")
        for pick in provision_specs:
            pick = pick if isinstance(pick, dict) else {"provision_id": pick}
            original = get_provision(db, pick.get("provision_id"))
            version = current_version(db, original)
            provision = Provision(
                instrument=target,
                chapter=chapter,
                position=position,
                kind=original.kind,
                label=clean_short(pick.get("label"), "label") or original.label,
                title_en=clean_short(pick.get("title_en"), "title_en") or original.title_en,
                title_zh=clean_short(pick.get("title_zh"), "title_zh") or original.title_zh,
                title_en_official=original.title_en_official if not pick.get("title_en") else True,
                title_zh_official=original.title_zh_official if not pick.get("title_zh") else True,
                source_provision=original,
            )
            _copy_version(provision, version)
            db.add(provision)
            position += GAP


def provision_history(db: Session, provision: Provision) -> list[Version]:
    """Every version of a provision, oldest first, with their wording loaded."""
    return list(
        db.scalars(
            select(Version)
            .where(Version.provision_id == provision.id)
            .order_by(Version.number)
            .options(
                selectinload(Version.texts),
                # Where each version was copied from, in the same query (no query per version).
                joinedload(Version.copied_from).options(
                    lazyload(Version.texts),
                    joinedload(Version.provision).joinedload(Provision.instrument),
                ),
            )
        )
    )
