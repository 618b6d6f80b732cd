"""Reading instruments: lookups, the current text, the tree of chapters and provisions, history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, joinedload, lazyload, selectinload

from workbench.errors import Conflict, NotFound
from workbench.instruments.models import (
    Chapter,
    Instrument,
    InstrumentKind,
    Provision,
    Version,
)
from workbench.texts.labels import structural_label


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


def shown_labels(db: Session, instrument: Instrument) -> dict[str, str]:
    """Each provision's label as a reader of either language writes it (第二条 for
    "Article 2") → the provision's own label."""
    labels: dict[str, str] = {}
    for label in db.scalars(
        select(Provision.label)
        .where(Provision.instrument_id == instrument.id)
        .order_by(Provision.position)
    ):
        labels.setdefault(label, label)
        for lang in ("zh", "en"):
            labels.setdefault(structural_label(label, lang), label)
    return labels


def find_shown_provision(
    db: Session, instrument: Instrument, label: str, shown: dict[str, str] | None = None
) -> Provision:
    """The provision a heading names as either language displays it ("第二条" or
    "Article 2"), or NotFound; ``shown`` is ``shown_labels`` when the caller keeps it."""
    labels = shown if shown is not None else shown_labels(db, instrument)
    return find_provision(db, instrument, labels.get(label.strip(), label))


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
        )
        .tuples()
        .all()
    )
    provision_counts = dict(
        db.execute(
            select(Provision.kind, func.count())
            .where(Provision.instrument_id == instrument.id)
            .group_by(Provision.kind)
        )
        .tuples()
        .all()
    )
    return {
        "chapters": {str(kind): count for kind, count in chapter_counts.items()},
        "provisions": {str(kind): count for kind, count in provision_counts.items()},
    }


def recent_versions(db: Session, provision: Provision, limit: int = 20) -> list[Version]:
    """The last ``limit`` versions of a provision, oldest first, without their wording."""
    newest = db.scalars(
        select(Version)
        .where(Version.provision_id == provision.id)
        .order_by(Version.number.desc())
        .limit(limit)
        .options(lazyload(Version.texts))
    )
    return list(newest)[::-1]


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


def matching_version(db: Session, provision: Provision, lang: str, original: str):
    """The version whose wording the delegation's copy shows, else a clear conflict."""
    versions = provision_history(db, provision)
    for version in reversed(versions):
        if not version.is_deletion and version.text(lang) == original:
            if version.number != provision.current_number:
                raise Conflict(
                    f"The changes to {provision.label} were made on version {version.number}, "
                    f"but the text is now at version {provision.current_number}; redraft them "
                    "on the current text."
                )
            return version
    raise Conflict(
        f"The wording of {provision.label} in the file is not any version of it in the "
        "negotiating text; export the current text and mark it up again."
    )
