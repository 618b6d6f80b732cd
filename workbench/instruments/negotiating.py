"""Negotiating texts: built from a source's structure or from provisions picked across sources."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.errors import InvalidInput
from workbench.instruments.create import GAP, create_instrument
from workbench.instruments.models import (
    Chapter,
    ChapterKind,
    Instrument,
    InstrumentKind,
    Provision,
    Version,
    VersionOrigin,
    VersionText,
)
from workbench.instruments.queries import (
    ChapterNode,
    current_version,
    find_provision,
    get_instrument,
    get_provision,
    instrument_tree,
    walk_tree,
)
from workbench.texts.labels import roman_numeral
from workbench.users.models import User
from workbench.validation import clean_short


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
    [{"provision_id" or "from" and "provision", "label"?, "title_en"?, "title_zh"?}]}``
    ("from": a source's slug, "provision": its label); a pick without ``label`` keeps the
    source provision's. Every provision links to the one it was taken from and its
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
        assert picks is not None, "checked above: a source or picks"
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
    chapter_map: dict[int | None, Chapter] = {}
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
            original = picked_provision(db, pick)
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


def picked_provision(db: Session, pick: dict) -> Provision:
    """The source provision a pick names: by id, or by its instrument's slug and its label."""
    if pick.get("provision_id") is not None:
        return get_provision(db, pick["provision_id"])
    slug, label = pick.get("from"), pick.get("provision")
    if not isinstance(slug, str) or not isinstance(label, str):
        raise InvalidInput(
            "Each pick names a provision: provision_id, or from (a source) and provision "
            "(its label).",
            field="picks",
        )
    return find_provision(db, get_instrument(db, slug), label)


def picks_for(db: Session, provision_ids: list[int], *, renumber: bool = True) -> list[dict]:
    """Picks from chosen provisions: one chapter per source chapter they come from, in order.

    With ``renumber`` the provisions are numbered Article 1, 2, 3... through the new text,
    as a negotiating text built from several sources is.
    """
    chapters: dict[tuple[int, int | None], dict] = {}
    for number, provision_id in enumerate(provision_ids, start=1):
        original = get_provision(db, provision_id)
        key = (original.instrument_id, original.chapter_id)
        if key not in chapters:
            source_chapter = original.chapter
            chapters[key] = {
                "label": f"Chapter {roman_numeral(len(chapters) + 1)}",
                "title_en": source_chapter.title_en if source_chapter else None,
                "title_zh": source_chapter.title_zh if source_chapter else None,
                "provisions": [],
            }
        pick: dict = {"provision_id": original.id}
        if renumber:
            pick["label"] = f"Article {number}"
        chapters[key]["provisions"].append(pick)
    if not chapters:
        raise InvalidInput("Pick at least one provision.", field="picks")
    return list(chapters.values())
