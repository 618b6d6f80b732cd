"""Importing instruments from files, and delegations' tracked changes as proposals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.errors import InvalidInput
from workbench.instruments.create import add_parsed_structure, create_instrument, fill_outline
from workbench.instruments.models import (
    Chapter,
    ChapterKind,
    Instrument,
    InstrumentKind,
    Provision,
    ProvisionKind,
)
from workbench.instruments.queries import (
    ChapterNode,
    get_instrument,
    instrument_tree,
    walk_tree,
)
from workbench.texts import parse_file
from workbench.texts.known import KnownItem, KnownLabels
from workbench.texts.labels import structural_label
from workbench.texts.parse import refuse_suffix
from workbench.texts.structure import ParsedInstrument
from workbench.users.models import Role, User
from workbench.users.permissions import require_role
from workbench.validation import limit, slugify


def import_limits() -> dict:
    """The configured size limits of an imported file, as the readers take them."""
    return {
        "max_bytes": limit("IMPORT_MAX_BYTES"),
        "max_unzipped_bytes": limit("IMPORT_MAX_UNZIPPED_BYTES"),
        "max_ratio": limit("IMPORT_MAX_COMPRESSION_RATIO"),
    }


# Akoma Ntoso documents are read by workbench.akn; every other kind by workbench.texts.
AKN_SUFFIX = ".xml"
AKN_FILES = {AKN_SUFFIX: "and Akoma Ntoso .xml files"}


def refuse_unimportable(path: Path) -> None:
    """Refuse a file of a kind no reader of the workbench takes, saying which kinds they take."""
    refuse_suffix(path, also=AKN_FILES)


def check_import_file(path: str | Path) -> Path:
    """The path of a file to import, once it is an existing file of a kind the workbench reads."""
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"{path} does not exist.")
    if not path.is_file():
        raise InvalidInput(f"{path} is not a file.")
    refuse_unimportable(path)
    return path


def parse_import(
    path: str | Path,
    *,
    title: str | None = None,
    language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ParsedInstrument:
    """Parse a file to import, within the configured size limits."""
    # Tracked changes in a Word file are proposals nobody has accepted yet (the workbench's
    # own tracked export is one): the instrument takes the text as it stands without them.
    path = check_import_file(path)
    return parse_file(
        path,
        title=title,
        language=language,
        progress=progress,
        revisions="reject",
        **import_limits(),
    )


def instrument_labels(db: Session, instrument: Instrument) -> KnownLabels:
    """The instrument's divisions and provisions with their labels, in document order."""
    items = []
    for node in walk_tree(instrument_tree(db, instrument)):
        # The Chinese export writes "第二条之二" where the label is "Article 2 bis".
        if isinstance(node, ChapterNode):
            label, kind, division = node.chapter.label, str(node.chapter.kind), True
        else:
            label, kind, division = node.provision.label, str(node.provision.kind), False
        shown = tuple({structural_label(label, "zh")} - {label})
        items.append(KnownItem(label, kind, division=division, shown=shown))
    return KnownLabels.of(items)


def import_instrument(
    db: Session,
    path: str | Path,
    *,
    slug: str | None = None,
    title: str | None = None,
    into: str | None = None,
    language: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    actor: User | None = None,
) -> dict:
    """Create an instrument from a file, or give an outline (the Russian draft) its text."""
    require_role(actor, Role.SECRETARIAT, action="import texts")
    path = check_import_file(path)
    if path.suffix.lower() == AKN_SUFFIX:
        from workbench.akn.operations import import_akn

        instrument, counts, warnings = import_akn(
            db, path, slug=slug, title=title, into=into, language=language, actor=actor
        )
        return import_summary(db, instrument, counts, warnings)
    parsed = parse_import(path, title=title, language=language, progress=progress)
    if into:
        instrument = get_instrument(db, into)
        counts = fill_outline(db, instrument, parsed, actor=actor)
    else:
        slug = slug or slugify(path.stem)
        lang = parsed.language or language or "en"
        doc_title = title or parsed.title.get(lang) or next(iter(parsed.title.values()), None)
        doc_title = doc_title or path.stem
        instrument = create_instrument(
            db,
            slug=slug,
            kind=InstrumentKind.SOURCE,
            title_en=doc_title if lang != "zh" else None,
            title_zh=doc_title if lang == "zh" else None,
            language=lang,
            provenance=f"Imported from {path.name}.",
            actor=actor,
        )
        counts = add_parsed_structure(
            db, instrument, parsed, note=f"imported from {path.name}", actor=actor
        )
    return import_summary(db, instrument, counts, list(parsed.warnings))


def import_summary(db: Session, instrument, counts: dict, warnings: list[str]) -> dict:
    """What an import made: the instrument's chapters, provisions and articles, and notes."""
    chapters = db.scalar(
        select(func.count())
        .select_from(Chapter)
        .where(Chapter.instrument_id == instrument.id, Chapter.kind == ChapterKind.CHAPTER)
    )
    provisions = db.scalar(
        select(func.count()).select_from(Provision).where(Provision.instrument_id == instrument.id)
    )
    articles = db.scalar(
        select(func.count())
        .select_from(Provision)
        .where(Provision.instrument_id == instrument.id, Provision.kind == ProvisionKind.ARTICLE)
    )
    return {
        "slug": instrument.slug,
        "chapters": chapters,
        "provisions": provisions,
        "articles": articles,
        "added": counts,
        "warnings": warnings,
    }
