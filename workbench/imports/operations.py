"""Importing instruments from files, and delegations' tracked changes as proposals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.errors import Conflict, InvalidInput, NotFound
from workbench.instruments.models import (
    Chapter,
    ChapterKind,
    InstrumentKind,
    Provision,
    ProvisionKind,
)
from workbench.instruments.operations import (
    add_parsed_structure,
    create_instrument,
    fill_outline,
    find_provision,
    get_instrument,
    provision_history,
)
from workbench.parties.operations import find_party, get_party
from workbench.proposals.models import ProposalKind
from workbench.proposals.operations import table_proposal
from workbench.sessions.operations import get_session
from workbench.texts import docx_author_changes, parse_file
from workbench.texts.convert import OFFICE_SUFFIXES, office_to_docx
from workbench.texts.parse import refuse_suffix
from workbench.texts.structure import ParsedInstrument
from workbench.users.models import Role, User
from workbench.users.permissions import require_role
from workbench.validation import limit, slugify


def _limits() -> dict:
    return {
        "max_bytes": limit("IMPORT_MAX_BYTES"),
        "max_unzipped_bytes": limit("IMPORT_MAX_UNZIPPED_BYTES"),
        "max_ratio": limit("IMPORT_MAX_COMPRESSION_RATIO"),
    }


def _check_file(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"{path} does not exist.")
    if not path.is_file():
        raise InvalidInput(f"{path} is not a file.")
    refuse_suffix(path)
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
    path = _check_file(path)
    return parse_file(
        path, title=title, language=language, progress=progress, revisions="reject", **_limits()
    )


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
    path = _check_file(path)
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
        "warnings": list(parsed.warnings),
    }


def _party_for_author(db: Session, author: str, author_map: dict[str, str]):
    if author in author_map:
        return get_party(db, author_map[author])
    party = find_party(db, author)
    if party is None:
        raise InvalidInput(
            f"The revision author {author!r} is not a known party; map it with "
            f"--author '{author}=CODE' (or author_map in the API)."
        )
    return party


def import_tracked_changes(
    db: Session,
    path: str | Path,
    *,
    into: str,
    session_code: str,
    author_map: dict[str, str] | None = None,
    actor: User | None = None,
) -> dict:
    """Each provision a delegation's tracked changes touch becomes a proposal by its authors.

    The base is the version of the provision whose wording the delegation's copy shows
    (normally the current one); the proposed text is the copy with insertions accepted and
    deletions applied (that author's alone when several changed it); the author's party is
    the sponsor.
    """
    path = _check_file(path)
    if path.suffix.lower() not in (".docx", *OFFICE_SUFFIXES):
        raise InvalidInput(
            f"{path.name}: tracked changes come in Word or OpenDocument files (.docx, .odt, "
            ".doc or .rtf)."
        )
    instrument = get_instrument(db, into)
    if instrument.kind != InstrumentKind.NEGOTIATING:
        raise InvalidInput(f"{into} is a source text; tracked changes apply to a negotiating text.")
    session = get_session(db, session_code)
    author_map = author_map or {}
    # One proposal per author and provision: two delegations that marked up the same
    # article in one copy have each tabled their own wording.
    source = office_to_docx(path, **_limits()) if path.suffix.lower() in OFFICE_SUFFIXES else path
    changes = docx_author_changes(source, language=instrument.language, **_limits())
    created = []
    lines = []
    for change in changes:
        authors = list(change.authors)
        if not authors:
            continue
        parties = []
        for author in authors:
            party = _party_for_author(db, author, author_map)
            if party.id not in {p.id for p in parties}:
                parties.append(party)
        # w:date is ISO 8601 text; the earliest day any author touched the provision.
        date = min((day for r in change.revisions if (day := _revision_day(r.date))), default=None)
        rationale = f"Imported from {path.name}: tracked changes by {', '.join(authors)}."
        if change.original is None:
            raise InvalidInput(
                f"{path.name} inserts a whole new provision {change.label!r}; table insertions "
                "one by one in the workbench."
            )
        try:
            provision = find_provision(db, instrument, change.label)
        except NotFound:
            raise InvalidInput(
                f"{path.name} changes {change.label!r}, which {into} does not have."
            ) from None
        lang = next(iter(change.original.text), instrument.language)
        base = _matching_version(db, provision, lang, change.original.text.get(lang, ""))
        if change.proposed is None or not change.proposed.text.get(lang):
            kind, texts = ProposalKind.DELETE, None
        else:
            kind, texts = ProposalKind.AMEND, {lang: change.proposed.text[lang]}
        proposal = table_proposal(
            db,
            instrument=instrument,
            kind=kind,
            provision=provision,
            base_version=base,
            texts=texts,
            session=session,
            sponsor=parties[0],
            cosponsors=parties[1:],
            rationale=rationale,
            tabled_on=date,
            actor=actor,
        )
        created.append(proposal.id)
        lines.append(
            f"Proposal {proposal.id}: {kind} {provision.label} by "
            f"{', '.join(p.name_en for p in parties)}."
        )
    if not created:
        lines.append(f"{path.name} has no tracked changes to any provision of {into}.")
    return {"proposals": created, "lines": lines}


def _revision_day(value: str | None):
    """The day of a w:date ("2024-02-01T10:00:00Z"), or None if it is missing or unreadable."""
    from datetime import date

    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _matching_version(db: Session, provision: Provision, lang: str, original: str):
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
