"""Tabling a proposal to amend, insert or delete a provision of a negotiating text.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from workbench.db import utcnow
from workbench.errors import Conflict, InvalidInput
from workbench.events.record import record_event
from workbench.instruments.models import (
    Chapter,
    Instrument,
    InstrumentKind,
    Provision,
    Version,
)
from workbench.instruments.queries import current_version
from workbench.parties.models import Party
from workbench.parties.operations import group_members
from workbench.proposals.models import (
    Proposal,
    ProposalKind,
    ProposalRevision,
    ProposalStatus,
    ProposalText,
    SponsorRole,
    Sponsorship,
    StatusChange,
)
from workbench.proposals.sponsors import consent, invite_cosponsor
from workbench.sessions.models import Session as Meeting
from workbench.sessions.operations import current_session
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_party_hand, require_role
from workbench.validation import clean_short, clean_text, clean_wording


def table_proposal(
    db: Session,
    *,
    instrument: Instrument,
    kind: ProposalKind | str,
    session: Meeting | None,
    sponsor: Party | None,
    provision: Provision | None = None,
    base_version: Version | None = None,
    texts: dict[str, str] | None = None,
    chapter: Chapter | None = None,
    label: str | None = None,
    title_en: str | None = None,
    title_zh: str | None = None,
    rationale: str | None = None,
    on_behalf_of: Party | None = None,
    cosponsors: Iterable[Party] = (),
    tabled_on: date | None = None,
    symbol: str | None = None,
    cosponsors_consented: bool = False,
    actor: User | None = None,
) -> Proposal:
    """Table a proposal to amend, insert or delete a provision of a negotiating text.

    ``session`` defaults to the session in progress. Co-sponsors named are invited: they
    count once their states accept, unless ``cosponsors_consented`` records that they said
    so in the room (the secretariat only) or the caller is trusted (``actor`` None).
    """
    try:
        kind = ProposalKind(kind)
    except ValueError:
        raise InvalidInput(
            f"Unknown proposal kind {kind!r} (use amend, insert or delete).", field="kind"
        ) from None
    if instrument.kind != InstrumentKind.NEGOTIATING:
        raise InvalidInput(
            f"{instrument.slug} is a source text; proposals are tabled against a negotiating text.",
            field="instrument",
        )
    if sponsor is None:
        raise InvalidInput("A proposal needs at least one sponsor.", field="sponsor")
    session = session or current_session(db)
    if session is None:
        raise InvalidInput(
            "No session is in progress; say at which session the proposal is tabled.",
            field="session",
        )
    require_party_hand(actor, sponsor.id, sponsor.name_en, action="table a proposal")
    if cosponsors_consented:
        require_role(actor, Role.SECRETARIAT, action="record co-sponsors' consent")
    if on_behalf_of is not None:
        require_member(db, sponsor, on_behalf_of)
    cosponsors = _distinct_cosponsors(sponsor, cosponsors)
    texts = clean_wording(texts, "text", required=kind != ProposalKind.DELETE)
    if kind == ProposalKind.DELETE and texts:
        raise InvalidInput("A deletion proposes no wording; leave the text empty.", field="text")
    rationale = clean_text(rationale, "rationale", required=False)

    if kind in (ProposalKind.AMEND, ProposalKind.DELETE):
        provision, base_version = _check_target(db, instrument, provision, base_version, kind)
        if kind == ProposalKind.AMEND:
            require_change(base_version, texts)
        chapter = provision.chapter
    else:
        provision, chapter = _check_insert_place(instrument, provision, chapter)
        base_version = None

    proposal = Proposal(
        instrument_id=instrument.id,
        kind=kind,
        provision=provision,
        chapter=chapter,
        session_id=session.id,
        # The day it really was tabled, whatever session it belongs to.
        tabled_on=tabled_on or utcnow().date(),
        symbol=clean_short(symbol, "symbol"),
        rationale=rationale,
        status=ProposalStatus.TABLED,
        current_revision=1,
        created_by_id=actor.id if actor else None,
    )
    revision = ProposalRevision(
        number=1,
        base_version=base_version,
        label=clean_short(label, "label") if kind == ProposalKind.INSERT else None,
        title_en=clean_short(title_en, "title_en"),
        title_zh=clean_short(title_zh, "title_zh"),
        created_by_id=actor.id if actor else None,
    )
    revision.texts.extend(
        ProposalText(lang=lang, text=text) for lang, text in sorted(texts.items())
    )
    proposal.revisions.append(revision)
    main = Sponsorship(
        party=sponsor,
        role=SponsorRole.MAIN,
        joined_at=utcnow(),
        on_behalf_of=on_behalf_of,
        joined_session_id=session.id,
        recorded_by_id=actor.id if actor else None,
    )
    proposal.sponsorships.append(main)
    consent(main, actor)
    for party in cosponsors:
        invitation = invite_cosponsor(proposal, party, session=session, actor=actor)
        if cosponsors_consented or actor is None:
            consent(invitation, actor)
    proposal.status_changes.append(
        StatusChange(
            from_status=None,
            to_status=ProposalStatus.TABLED,
            user_id=actor.id if actor else None,
            session_id=session.id,
        )
    )
    db.add(proposal)
    db.flush()
    from_floor = actor is not None and actor.role == Role.SECRETARIAT
    record_audit(
        db,
        actor,
        # The secretariat tables in a state's name what it proposed orally from the floor.
        "table_from_floor" if from_floor else "table",
        "proposal",
        proposal.id,
        summary=f"{kind} {provision.label if provision else 'new provision'} by {sponsor.code}",
        after={
            "kind": str(kind),
            "provision_id": provision.id if provision else None,
            "base_version_id": base_version.id if base_version else None,
            "texts": texts,
            "sponsor": sponsor.code,
            "cosponsors": [p.code for p in cosponsors],
            "session": session.code,
            "rationale": rationale,
        },
    )
    record_event(
        db,
        "tabled",
        proposal=proposal.id,
        provision=provision.id if provision else None,
        instrument=instrument.id,
        session=session.id,
    )
    return proposal


def require_member(db: Session, sponsor: Party, group: Party) -> None:
    """A state speaks on behalf of a group only if it belongs to it."""
    if not group.is_group:
        raise InvalidInput(
            f"{group.name_en} is not a group; a state speaks on behalf of a group.",
            field="on_behalf_of",
        )
    if group.id == sponsor.id:
        raise InvalidInput("A party cannot speak on behalf of itself.", field="on_behalf_of")
    if sponsor.id not in {member.id for member in group_members(db, group)}:
        raise InvalidInput(
            f"{sponsor.name_en} is not a member of the {group.name_en}; only a member speaks "
            "on its behalf.",
            field="on_behalf_of",
        )


def _distinct_cosponsors(sponsor: Party, cosponsors: Iterable[Party]) -> list[Party]:
    result: list[Party] = []
    for party in cosponsors:
        if party is None:
            continue
        if party.id == sponsor.id:
            raise InvalidInput(
                f"{party.name_en} is the main sponsor; it cannot also co-sponsor.",
                field="cosponsors",
            )
        if party.id not in {p.id for p in result}:
            result.append(party)
    return result


def _check_target(db, instrument, provision, base_version, kind):
    if provision is None:
        raise InvalidInput(f"Say which provision to {kind}.", field="provision")
    if provision.instrument_id != instrument.id:
        raise InvalidInput(
            f"{provision.label} does not belong to {instrument.slug}.", field="provision"
        )
    current = current_version(db, provision)
    if current is None or current.is_deletion:
        raise Conflict(f"{provision.label} has no current text to {kind}.", field="provision")
    if base_version is None:
        base_version = current
    elif base_version.provision_id != provision.id:
        raise InvalidInput(
            f"Version {base_version.id} is not a version of {provision.label}.",
            field="base_version",
        )
    elif base_version.number != current.number:
        raise Conflict(
            f"{provision.label} is at version {current.number}; the proposal was drafted on "
            f"version {base_version.number}. Redraft it on the current text.",
            field="base_version",
            details={"current_number": current.number, "base_number": base_version.number},
        )
    return provision, base_version


def require_change(base: Version, texts: dict[str, str]) -> None:
    """Refuse a wording that changes nothing in the text it was drafted on."""
    if all(base.text(lang) == text for lang, text in texts.items()):
        raise InvalidInput(
            "The proposed wording is the same as the current text; nothing would change.",
            field="text",
        )


def _check_insert_place(instrument, after, chapter):
    if after is not None:
        if after.instrument_id != instrument.id:
            raise InvalidInput(
                f"{after.label} does not belong to {instrument.slug}.", field="provision"
            )
        return after, after.chapter
    if chapter is None:
        raise InvalidInput(
            "Say after which provision, or at the start of which chapter, to insert.",
            field="provision",
        )
    if chapter.instrument_id != instrument.id:
        raise InvalidInput(
            f"{chapter.label} does not belong to {instrument.slug}.", field="chapter"
        )
    return None, chapter
