"""A delegation's Word file with tracked changes against a negotiating text → proposals.

The file is read with the negotiating text's own labels (so that every heading the
workbench wrote, "三.（三）1  Offences…" or "Article 2 bis  …", is split into label and
title as it was written), in the language it is written in. Each provision an author's
changes touch becomes one proposal sponsored by that author's party; a change that is
already a proposal (same provision, base version, sponsors, kind and wording) is not
tabled again unless the caller allows duplicates.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.errors import InvalidInput, NotFound
from workbench.imports.bracket_import import import_brackets, is_bracketed
from workbench.imports.operations import (
    AKN_SUFFIX,
    check_import_file,
    import_limits,
    instrument_labels,
)
from workbench.instruments.models import Instrument, InstrumentKind, Provision, Version
from workbench.instruments.queries import (
    find_shown_provision,
    get_instrument,
    matching_version,
)
from workbench.parties.models import Party
from workbench.parties.operations import find_party, get_party
from workbench.proposals.models import Proposal, ProposalKind, ProposalRevision
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session
from workbench.texts import docx_author_changes
from workbench.texts.convert import OFFICE_SUFFIXES, office_to_docx
from workbench.texts.revisions import ProvisionChange
from workbench.users.models import User


def import_tracked_changes(
    db: Session,
    path: str | Path,
    *,
    into: str,
    session_code: str,
    author_map: dict[str, str] | None = None,
    allow_duplicates: bool = False,
    skip_bad: bool = False,
    actor: User | None = None,
) -> dict:
    """Each provision a delegation's tracked changes touch becomes a proposal by its authors.

    A Word file with options in brackets and no tracked changes is the brackets export as the
    chair edited it: ``workbench.imports.bracket_import`` reads it (``skip_bad`` there).

    The base is the version of the provision whose wording the delegation's copy shows
    (normally the current one); the proposed text is the copy with insertions accepted and
    deletions applied (that author's alone when several changed it); the author's party is
    the sponsor. Returns the proposals added, the duplicates left out, and a line for each.
    """
    if Path(path).is_dir() or Path(path).suffix.lower() == AKN_SUFFIX:
        # Akoma Ntoso amendments (a file or a folder of them) are read by workbench.akn.
        from workbench.akn.amendments_import import import_amendments

        return import_amendments(db, path, into=into, session_code=session_code, actor=actor)
    path = check_import_file(path)
    suffix = path.suffix.lower()
    if suffix not in (".docx", *OFFICE_SUFFIXES):
        raise InvalidInput(
            f"{path.name}: tracked changes come in Word or OpenDocument files (.docx, .odt, "
            ".doc or .rtf)."
        )
    instrument = get_instrument(db, into)
    if instrument.kind != InstrumentKind.NEGOTIATING:
        raise InvalidInput(f"{into} is a source text; tracked changes apply to a negotiating text.")
    session = get_session(db, session_code)
    author_map = author_map or {}
    source = office_to_docx(path, **import_limits()) if suffix in OFFICE_SUFFIXES else path
    if is_bracketed(source):
        return import_brackets(
            db,
            path,
            converted=source,
            into=into,
            session_code=session_code,
            skip_bad=skip_bad,
            allow_duplicates=allow_duplicates,
            name=path.name,
            actor=actor,
        )
    # One proposal per author and provision: two delegations that marked up the same
    # article in one copy have each tabled their own wording.
    changes = docx_author_changes(
        source, known=instrument_labels(db, instrument), **import_limits()
    )
    created: list[int] = []
    duplicates: list[int] = []
    lines: list[str] = []
    for change in changes:
        if not change.authors:
            continue
        parties = _parties(db, change, author_map)
        provision, base, kind, texts = _proposal_of(db, instrument, change, path.name, into)
        names = ", ".join(p.name_en for p in parties)
        existing = (
            None if allow_duplicates else _same_proposal(db, provision, base, kind, texts, parties)
        )
        if existing is not None:
            duplicates.append(existing.id)
            lines.append(
                f"{kind} {provision.label} by {names} is already proposal {existing.id}; "
                "not added again."
            )
            continue
        proposal = _table_in(
            provision,
            db,
            instrument=instrument,
            kind=kind,
            base_version=base,
            texts=texts,
            session=session,
            sponsor=parties[0],
            cosponsors=parties[1:],
            rationale=f"Imported from {path.name}: tracked changes by {', '.join(change.authors)}.",
            tabled_on=min(
                (day for r in change.revisions if (day := _revision_day(r.date))), default=None
            ),
            actor=actor,
        )
        created.append(proposal.id)
        lines.append(f"Proposal {proposal.id}: {kind} {provision.label} by {names}.")
    if duplicates and not created:
        lines.append(
            f"Nothing was added: every change in {path.name} is already a proposal "
            "(import with --allow-duplicates to table them again)."
        )
    elif not created:
        lines.append(f"{path.name} has no tracked changes to any provision of {into}.")
    return {"proposals": created, "duplicates": duplicates, "lines": lines}


def _parties(db: Session, change: ProvisionChange, author_map: dict[str, str]) -> list[Party]:
    parties: list[Party] = []
    for author in change.authors:
        party = _party_for_author(db, author, author_map)
        if party.id not in {p.id for p in parties}:
            parties.append(party)
    return parties


def _party_for_author(db: Session, author: str, author_map: dict[str, str]) -> Party:
    if author in author_map:
        return get_party(db, author_map[author])
    party = find_party(db, author)
    if party is None:
        raise InvalidInput(
            f"The revision author {author!r} is not a known party; map it with "
            f"--author '{author}=CODE' (or author_map in the API)."
        )
    return party


def _table_in(provision, db, **kwargs):
    """Table one proposal; a wording the workbench refuses names the provision it is in."""
    try:
        return table_proposal(db, provision=provision, **kwargs)
    except InvalidInput as exc:
        raise InvalidInput(
            f"{provision.label}: {exc.message}", field=exc.field, details=exc.details
        ) from None


def _proposal_of(
    db: Session, instrument: Instrument, change: ProvisionChange, name: str, into: str
) -> tuple[Provision, Version, ProposalKind, dict[str, str] | None]:
    """The provision a change is about, the version it was drafted on, and what it proposes."""
    if change.original is None:
        raise InvalidInput(
            f"{name} inserts a whole new provision {change.label!r}; table insertions "
            "one by one in the workbench."
        )
    try:
        provision = find_shown_provision(db, instrument, change.label)
    except NotFound:
        raise InvalidInput(
            f"{name} changes {change.label!r}, which {into} does not have."
        ) from None
    lang = next(iter(change.original.text), instrument.language)
    base = matching_version(db, provision, lang, change.original.text.get(lang, ""))
    if change.proposed is None or not change.proposed.text.get(lang):
        return provision, base, ProposalKind.DELETE, None
    return provision, base, ProposalKind.AMEND, {lang: change.proposed.text[lang]}


def _same_proposal(
    db: Session,
    provision: Provision,
    base: Version,
    kind: ProposalKind,
    texts: dict[str, str] | None,
    parties: list[Party],
) -> Proposal | None:
    """A proposal already tabled on this provision, on this base, by these parties, with
    this wording (in any of its revisions), or None."""
    candidates = db.scalars(
        select(Proposal)
        .where(Proposal.provision_id == provision.id, Proposal.kind == kind)
        .options(
            selectinload(Proposal.revisions).selectinload(ProposalRevision.texts),
            selectinload(Proposal.sponsorships),
        )
        .order_by(Proposal.id)
    )
    sponsors = {party.id for party in parties}
    for proposal in candidates:
        if {s.party_id for s in proposal.sponsorships} != sponsors:
            continue
        for revision in proposal.revisions:
            if revision.base_version_id == base.id and revision.wording == (texts or {}):
                return proposal
    return None


def _revision_day(value: str | None) -> date | None:
    """The day of a w:date ("2024-02-01T10:00:00Z"), or None if it is missing or unreadable."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
