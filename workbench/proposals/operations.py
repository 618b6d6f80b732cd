"""Operations on proposals: tabling, sponsoring, stances, status moves, agreement, rebase.

Functions take a session and an ``actor`` (None for trusted server-side callers), flush
when they need ids, and never commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from workbench.db import utcnow
from workbench.errors import Conflict, InvalidInput, NotFound
from workbench.instruments.models import (
    Chapter,
    Instrument,
    InstrumentKind,
    Provision,
    Version,
    VersionOrigin,
    VersionText,
)
from workbench.instruments.operations import (
    append_version,
    current_version,
    get_version_by_id,
    position_after,
)
from workbench.parties.models import Party
from workbench.proposals.models import (
    PENDING_STATUSES,
    Proposal,
    ProposalKind,
    ProposalRevision,
    ProposalStatus,
    ProposalText,
    SponsorRole,
    Sponsorship,
    Stance,
    StancePosition,
    StatusChange,
)
from workbench.sessions.models import Session as Meeting
from workbench.users.audit import record_audit
from workbench.users.models import Role, User
from workbench.users.permissions import require_party_hand, require_role
from workbench.validation import clean_short, clean_text, clean_texts

# Allowed status moves; agreed, rejected, withdrawn and merged are final.
TRANSITIONS: dict[ProposalStatus, set[ProposalStatus]] = {
    ProposalStatus.TABLED: {
        ProposalStatus.UNDER_DISCUSSION,
        ProposalStatus.AGREED,
        ProposalStatus.REJECTED,
        ProposalStatus.WITHDRAWN,
        ProposalStatus.MERGED,
    },
    ProposalStatus.UNDER_DISCUSSION: {
        ProposalStatus.TABLED,
        ProposalStatus.AGREED,
        ProposalStatus.REJECTED,
        ProposalStatus.WITHDRAWN,
        ProposalStatus.MERGED,
    },
    ProposalStatus.AGREED: set(),
    ProposalStatus.REJECTED: set(),
    ProposalStatus.WITHDRAWN: set(),
    ProposalStatus.MERGED: set(),
}


# --- reading -----------------------------------------------------------------------------


def _wording_options() -> tuple:
    # What any list of proposals shows: wording, base, sponsors, session, in a fixed number of
    # queries whatever the number of proposals (a lazy load would cost one query per row).
    # Many-to-one links ride along as joins; collections come in one query each.
    return (
        joinedload(Proposal.session),
        joinedload(Proposal.provision),
        joinedload(Proposal.chapter),
        selectinload(Proposal.revisions).options(
            selectinload(ProposalRevision.texts),
            joinedload(ProposalRevision.base_version),
        ),
        selectinload(Proposal.sponsorships),
    )


def _with_details(query):
    # A proposal shown on its own also brings its stances and status history.
    return query.options(
        *_wording_options(),
        joinedload(Proposal.instrument),
        selectinload(Proposal.stances).joinedload(Stance.session),
        selectinload(Proposal.status_changes).joinedload(StatusChange.session),
    )


def get_proposal(db: Session, proposal_id: int) -> Proposal:
    """The proposal with this id (revisions, sponsors, stances loaded), or NotFound."""
    if not isinstance(proposal_id, int) or isinstance(proposal_id, bool):
        raise NotFound(f"No proposal with the id {proposal_id!r}.")
    proposal = db.scalar(_with_details(select(Proposal).where(Proposal.id == proposal_id)))
    if proposal is None:
        raise NotFound(f"No proposal with the id {proposal_id!r}.")
    return proposal


def list_proposals(
    db: Session,
    *,
    instrument: Instrument | None = None,
    provision: Provision | None = None,
    session: Meeting | None = None,
    party: Party | None = None,
    status: ProposalStatus | Iterable[ProposalStatus] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Proposal]:
    """Proposals filtered by instrument, provision, session, sponsoring party or status."""
    query = select(Proposal).order_by(Proposal.id)
    if instrument is not None:
        query = query.where(Proposal.instrument_id == instrument.id)
    if provision is not None:
        query = query.where(
            (Proposal.provision_id == provision.id)
            | (Proposal.inserted_provision_id == provision.id)
        )
    if session is not None:
        query = query.where(Proposal.session_id == session.id)
    if party is not None:
        query = query.where(
            Proposal.id.in_(select(Sponsorship.proposal_id).where(Sponsorship.party_id == party.id))
        )
    if status is not None:
        statuses = [status] if isinstance(status, ProposalStatus) else list(status)
        query = query.where(Proposal.status.in_(statuses))
    return list(db.scalars(_with_details(query.limit(limit).offset(offset))))


def count_proposals(db: Session, instrument: Instrument | None = None) -> dict[str, int]:
    """Proposals per status."""
    query = select(Proposal.status, func.count()).group_by(Proposal.status)
    if instrument is not None:
        query = query.where(Proposal.instrument_id == instrument.id)
    return {str(status): count for status, count in db.execute(query)}


def pending_by_provision(db: Session, instrument: Instrument) -> dict[int | None, list[Proposal]]:
    """Pending proposals of an instrument keyed by the provision they touch (one query set)."""
    # What a consolidated text shows of a proposal: wording, base, sponsors, session. Stances
    # and status histories (most of the rows of a large negotiation) are not loaded.
    proposals = db.scalars(
        select(Proposal)
        .where(Proposal.instrument_id == instrument.id, Proposal.status.in_(PENDING_STATUSES))
        .order_by(Proposal.tabled_on, Proposal.id)
        .options(*_wording_options())
    )
    grouped: dict[int | None, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        grouped[proposal.provision_id].append(proposal)
    return grouped


def active_sponsorships(proposal: Proposal) -> list[Sponsorship]:
    """Sponsorships in force, main sponsor first, then co-sponsors in the order they joined."""
    active = [s for s in proposal.sponsorships if s.withdrawn_at is None]
    # SQLite hands back naive UTC times while a sponsorship added in this session holds an
    # aware one; comparing the two raises, so compare them as UTC instants.
    return sorted(active, key=lambda s: (s.role != SponsorRole.MAIN, as_utc(s.joined_at), s.id))


def as_utc(moment: datetime) -> datetime:
    """A time from any backend as an aware UTC time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def main_sponsorship(proposal: Proposal) -> Sponsorship:
    """The main sponsor's sponsorship."""
    return next(s for s in proposal.sponsorships if s.role == SponsorRole.MAIN)


def sponsors_label(proposal: Proposal, lang: str = "en") -> str:
    """Sponsors as the UN writes them: "South Africa on behalf of the African Group, China"."""
    names = []
    for sponsorship in active_sponsorships(proposal):
        name = sponsorship.party.name(lang)
        if sponsorship.on_behalf_of is not None:
            group = sponsorship.on_behalf_of.name(lang)
            name = f"{name}代表{group}" if lang == "zh" else f"{name} on behalf of the {group}"
        names.append(name)
    return ("、" if lang == "zh" else ", ").join(names)


def is_stale(proposal: Proposal) -> bool:
    """True when the text the proposal was drafted on is no longer the current one."""
    if proposal.kind == ProposalKind.INSERT or proposal.provision is None:
        return False
    base = proposal.revision.base_version
    return base is None or base.number != proposal.provision.current_number


# --- tabling -----------------------------------------------------------------------------


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
    actor: User | None = None,
) -> Proposal:
    """Table a proposal to amend, insert or delete a provision of a negotiating text."""
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
    if session is None:
        raise InvalidInput("Say at which session the proposal is tabled.", field="session")
    require_party_hand(actor, sponsor.id, sponsor.name_en, action="table a proposal")
    if on_behalf_of is not None:
        if not on_behalf_of.is_group:
            raise InvalidInput(
                f"{on_behalf_of.name_en} is not a group; a state speaks on behalf of a group.",
                field="on_behalf_of",
            )
        if on_behalf_of.id == sponsor.id:
            raise InvalidInput("A party cannot speak on behalf of itself.", field="on_behalf_of")
    cosponsors = _distinct_cosponsors(sponsor, cosponsors)
    texts = clean_texts(texts, "text", required=kind != ProposalKind.DELETE)
    if kind == ProposalKind.DELETE and texts:
        raise InvalidInput("A deletion proposes no wording; leave the text empty.", field="text")
    rationale = clean_text(rationale, "rationale", required=False)

    if kind in (ProposalKind.AMEND, ProposalKind.DELETE):
        provision, base_version = _check_target(db, instrument, provision, base_version, kind)
        if kind == ProposalKind.AMEND:
            _check_changes_something(base_version, texts)
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
        tabled_on=tabled_on or session_day(session),
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
    proposal.sponsorships.append(
        Sponsorship(
            party=sponsor,
            role=SponsorRole.MAIN,
            on_behalf_of=on_behalf_of,
            joined_session_id=session.id,
            recorded_by_id=actor.id if actor else None,
        )
    )
    for party in cosponsors:
        proposal.sponsorships.append(
            Sponsorship(
                party=party,
                role=SponsorRole.CO,
                joined_session_id=session.id,
                recorded_by_id=actor.id if actor else None,
            )
        )
    proposal.status_changes.append(
        StatusChange(
            from_status=None,
            to_status=ProposalStatus.TABLED,
            user_id=actor.id if actor else None,
            session_id=session.id,
            note="tabled",
        )
    )
    db.add(proposal)
    db.flush()
    record_audit(
        db,
        actor,
        "table",
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
    return proposal


def session_day(session: Meeting) -> date:
    """The day a proposal is taken to be tabled when none is given: today within the
    session's dates, else the session's first day."""
    today = utcnow().date()
    if session.starts_on <= today <= (session.ends_on or session.starts_on):
        return today
    return session.starts_on


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


def _check_changes_something(base: Version, texts: dict[str, str]) -> None:
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


# --- sponsors and stances -----------------------------------------------------------------


def add_cosponsor(
    db: Session,
    proposal: Proposal,
    party: Party,
    *,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Sponsorship:
    """A party joins a proposal as co-sponsor."""
    require_party_hand(actor, party.id, party.name_en, action="co-sponsor a proposal")
    _require_pending(proposal, "join as co-sponsor")
    for sponsorship in active_sponsorships(proposal):
        if sponsorship.party_id == party.id:
            raise Conflict(f"{party.name_en} already sponsors proposal {proposal.id}.")
    sponsorship = Sponsorship(
        proposal=proposal,
        party=party,
        role=SponsorRole.CO,
        joined_session_id=session.id if session else None,
        recorded_by_id=actor.id if actor else None,
    )
    db.add(sponsorship)
    db.flush()
    record_audit(
        db,
        actor,
        "cosponsor",
        "proposal",
        proposal.id,
        summary=f"{party.code} joins proposal {proposal.id}",
        after={"party": party.code, "session": session.code if session else None},
    )
    return sponsorship


def withdraw_cosponsor(
    db: Session,
    proposal: Proposal,
    party: Party,
    *,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Sponsorship:
    """A co-sponsor withdraws; the sponsorship stays in the history with its end date."""
    require_party_hand(actor, party.id, party.name_en, action="withdraw a co-sponsorship")
    sponsorship = next((s for s in active_sponsorships(proposal) if s.party_id == party.id), None)
    if sponsorship is None:
        raise NotFound(f"{party.name_en} does not sponsor proposal {proposal.id}.")
    if sponsorship.role == SponsorRole.MAIN:
        raise Conflict(
            "The main sponsor cannot leave its own proposal; withdraw the proposal instead."
        )
    sponsorship.withdrawn_at = utcnow()
    sponsorship.withdrawn_session_id = session.id if session else None
    db.flush()
    record_audit(
        db,
        actor,
        "withdraw_cosponsor",
        "proposal",
        proposal.id,
        summary=f"{party.code} leaves proposal {proposal.id}",
        before={"party": party.code, "active": True},
        after={"party": party.code, "active": False},
    )
    return sponsorship


def record_stance(
    db: Session,
    proposal: Proposal,
    party: Party,
    position: StancePosition | str,
    *,
    session: Meeting | None = None,
    stated_on: date | None = None,
    note: str | None = None,
    actor: User | None = None,
) -> Stance:
    """Record a party's support, opposition or reservation on a proposal."""
    try:
        position = StancePosition(position)
    except ValueError:
        raise InvalidInput(
            f"Unknown stance {position!r} (use support, oppose or reserve).", field="position"
        ) from None
    require_party_hand(actor, party.id, party.name_en, action="record a stance")
    stance = Stance(
        proposal=proposal,
        party=party,
        position=position,
        session_id=session.id if session else None,
        stated_on=stated_on or (session.starts_on if session else utcnow().date()),
        note=clean_text(note, "note", required=False),
        recorded_by_id=actor.id if actor else None,
    )
    db.add(stance)
    db.flush()
    record_audit(
        db,
        actor,
        "stance",
        "proposal",
        proposal.id,
        summary=f"{party.code} {position} proposal {proposal.id}",
        after={
            "party": party.code,
            "position": str(position),
            "session": session.code if session else None,
        },
    )
    return stance


def current_stances(proposal: Proposal) -> dict[int, Stance]:
    """Each party's latest stance on a proposal, keyed by party id."""
    latest: dict[int, Stance] = {}
    for stance in sorted(proposal.stances, key=lambda s: s.id):
        latest[stance.party_id] = stance
    return latest


# --- status ------------------------------------------------------------------------------


def _require_pending(proposal: Proposal, action: str) -> None:
    if proposal.status not in PENDING_STATUSES:
        raise Conflict(f"Proposal {proposal.id} is {proposal.status}; it is too late to {action}.")


def change_status(
    db: Session,
    proposal: Proposal,
    to_status: ProposalStatus | str,
    *,
    note: str | None = None,
    session: Meeting | None = None,
    merged_into: Proposal | None = None,
    actor: User | None = None,
) -> Proposal:
    """Move a proposal to a new status; agreeing applies it to the text."""
    try:
        to_status = ProposalStatus(to_status)
    except ValueError:
        raise InvalidInput(f"Unknown status {to_status!r}.", field="status") from None
    if to_status not in TRANSITIONS[proposal.status]:
        raise Conflict(
            f"Proposal {proposal.id} is {proposal.status.value.replace('_', ' ')}; "
            f"it cannot become {to_status.value.replace('_', ' ')}.",
            field="status",
        )
    if to_status == ProposalStatus.WITHDRAWN:
        sponsor = main_sponsorship(proposal).party
        require_party_hand(actor, sponsor.id, sponsor.name_en, action="withdraw this proposal")
    else:
        require_role(actor, Role.SECRETARIAT, action="decide on proposals")
    if to_status == ProposalStatus.AGREED:
        return agree_proposal(db, proposal, note=note, session=session, actor=actor)
    if to_status == ProposalStatus.MERGED:
        return merge_proposal(db, proposal, merged_into, note=note, session=session, actor=actor)
    if merged_into is not None:
        raise InvalidInput("Only a merge names another proposal.", field="merged_into")
    _move(db, proposal, to_status, note=note, session=session, actor=actor)
    return proposal


def _move(db, proposal, to_status, *, note, session, actor, after=None):
    before = proposal.status
    proposal.status = to_status
    proposal.status_changes.append(
        StatusChange(
            from_status=before,
            to_status=to_status,
            note=clean_text(note, "note", required=False),
            session_id=session.id if session else None,
            user_id=actor.id if actor else None,
        )
    )
    db.flush()
    record_audit(
        db,
        actor,
        "status",
        "proposal",
        proposal.id,
        summary=f"proposal {proposal.id}: {before} -> {to_status}",
        before={"status": str(before)},
        after={"status": str(to_status), **(after or {})},
    )


def agree_proposal(
    db: Session,
    proposal: Proposal,
    *,
    note: str | None = None,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Proposal:
    """Apply a proposal to the negotiating text, appending versions, never overwriting."""
    require_role(actor, Role.SECRETARIAT, action="agree proposals")
    if ProposalStatus.AGREED not in TRANSITIONS[proposal.status]:
        raise Conflict(f"Proposal {proposal.id} is {proposal.status}; it cannot be agreed.")
    session = session or proposal.session
    revision = proposal.revision
    if proposal.kind == ProposalKind.INSERT:
        provision = _insert_provision(db, proposal, revision, session, actor)
        proposal.inserted_provision_id = provision.id
        result = provision.versions[0]
    else:
        provision = proposal.provision
        base = revision.base_version
        if is_stale(proposal):
            raise Conflict(
                f"Proposal {proposal.id} was drafted on version {base.number} of "
                f"{provision.label}, which is now at version {provision.current_number}. "
                "Rebase it on the current text before agreeing it.",
                details={
                    "proposal_id": proposal.id,
                    "base_number": base.number,
                    "current_number": provision.current_number,
                    "stale": True,
                },
            )
        if proposal.kind == ProposalKind.DELETE:
            result = append_version(
                db,
                provision,
                {},
                origin=VersionOrigin.PROPOSAL,
                expected_number=base.number,
                is_deletion=True,
                note=f"deleted by proposal {proposal.id}",
                session_id=session.id if session else None,
                actor=actor,
            )
        else:
            # Languages the proposal does not give keep their current wording.
            texts = {t.lang: t.text for t in base.texts}
            texts.update({t.lang: t.text for t in revision.texts})
            untouched = sorted(set(texts) - set(revision.languages))
            remark = f"agreed proposal {proposal.id}"
            if untouched:
                remark += f"; {', '.join(untouched)} wording not yet aligned"
            result = append_version(
                db,
                provision,
                texts,
                origin=VersionOrigin.PROPOSAL,
                expected_number=base.number,
                note=remark,
                session_id=session.id if session else None,
                actor=actor,
            )
    proposal.result_version_id = result.id
    _move(
        db,
        proposal,
        ProposalStatus.AGREED,
        note=note,
        session=session,
        actor=actor,
        after={"result_version_id": result.id},
    )
    return proposal


def _insert_provision(db, proposal, revision, session, actor) -> Provision:
    instrument = proposal.instrument
    anchor = proposal.provision
    chapter = proposal.chapter
    if anchor is not None:
        position = position_after(db, instrument, anchor.position)
    elif chapter is not None:
        position = position_after(db, instrument, chapter.position)
    else:
        raise Conflict(f"Proposal {proposal.id} has no place to insert into.")
    label = revision.label or (f"{anchor.label} bis" if anchor is not None else "New provision")
    provision = Provision(
        instrument_id=instrument.id,
        chapter_id=chapter.id if chapter else None,
        position=position,
        kind=anchor.kind if anchor is not None else "article",
        label=label,
        title_en=revision.title_en,
        title_zh=revision.title_zh,
        current_number=1,
    )
    version = Version(
        number=1,
        origin=VersionOrigin.PROPOSAL,
        note=f"inserted by proposal {proposal.id}",
        session_id=session.id if session else None,
        created_by_id=actor.id if actor else None,
    )
    version.texts.extend(VersionText(lang=t.lang, text=t.text) for t in revision.texts)
    provision.versions.append(version)
    db.add(provision)
    db.flush()
    record_audit(
        db,
        actor,
        "insert_provision",
        "provision",
        provision.id,
        summary=f"{label} inserted by proposal {proposal.id}",
        after={"label": label, "texts": {t.lang: t.text for t in revision.texts}},
    )
    return provision


def merge_proposal(
    db: Session,
    proposal: Proposal,
    into: Proposal | None,
    *,
    note: str | None = None,
    session: Meeting | None = None,
    actor: User | None = None,
) -> Proposal:
    """Merge a proposal into another; its sponsors join the other as co-sponsors."""
    require_role(actor, Role.SECRETARIAT, action="merge proposals")
    if into is None:
        raise InvalidInput("Say which proposal this one is merged into.", field="merged_into")
    if into.id == proposal.id:
        raise InvalidInput("A proposal cannot be merged into itself.", field="merged_into")
    if into.instrument_id != proposal.instrument_id:
        raise InvalidInput("Proposals on different texts cannot be merged.", field="merged_into")
    _require_pending(into, "merge into it")
    joined = {s.party_id for s in active_sponsorships(into)}
    for sponsorship in active_sponsorships(proposal):
        if sponsorship.party_id not in joined:
            into.sponsorships.append(
                Sponsorship(
                    party_id=sponsorship.party_id,
                    role=SponsorRole.CO,
                    joined_session_id=session.id if session else None,
                    recorded_by_id=actor.id if actor else None,
                )
            )
            joined.add(sponsorship.party_id)
    proposal.merged_into_id = into.id
    _move(
        db,
        proposal,
        ProposalStatus.MERGED,
        note=note,
        session=session,
        actor=actor,
        after={"merged_into": into.id},
    )
    return proposal


# --- rebase ------------------------------------------------------------------------------


def rebase_view(db: Session, proposal: Proposal) -> dict:
    """Base, current and proposed wording side by side, with a suggested merge per language."""
    from workbench.proposals.merge import suggest_merge

    if proposal.kind == ProposalKind.INSERT:
        raise InvalidInput("An insertion has no base text to rebase.")
    base = proposal.revision.base_version
    current = current_version(db, proposal.provision)
    languages = sorted(set(proposal.revision.languages) | set(current.languages if current else []))
    rows = []
    for lang in languages:
        proposed = proposal.revision.text(lang)
        row = {
            "lang": lang,
            "base": base.text(lang) if base else None,
            "current": current.text(lang) if current else None,
            "proposed": proposed,
        }
        if proposed is not None and row["base"] is not None and row["current"] is not None:
            row["suggested"], row["clean"] = suggest_merge(
                row["base"], row["current"], proposed, lang
            )
        rows.append(row)
    return {
        "proposal_id": proposal.id,
        "stale": is_stale(proposal),
        "base_version": base.number if base else None,
        "current_version": current.number if current else None,
        "current_is_deletion": bool(current and current.is_deletion),
        "languages": rows,
    }


def rebase_proposal(
    db: Session,
    proposal: Proposal,
    *,
    texts: dict[str, str] | None = None,
    note: str | None = None,
    actor: User | None = None,
) -> ProposalRevision:
    """Redraft a stale proposal on the current text: a new revision, the old one kept.

    Without ``texts`` the suggested merge is used, but only where it applied cleanly.
    """
    sponsor = main_sponsorship(proposal).party
    if actor is not None and actor.role != Role.SECRETARIAT:
        require_party_hand(actor, sponsor.id, sponsor.name_en, action="rebase this proposal")
    _require_pending(proposal, "rebase it")
    if proposal.kind == ProposalKind.INSERT:
        raise InvalidInput("An insertion has no base text to rebase.")
    if not is_stale(proposal):
        raise Conflict(f"Proposal {proposal.id} is already drafted on the current text.")
    current = current_version(db, proposal.provision)
    if current is None or current.is_deletion:
        raise Conflict(
            f"{proposal.provision.label} has been deleted; there is nothing to rebase on."
        )
    if texts is None:
        if proposal.kind == ProposalKind.DELETE:
            texts = {}
        else:
            view = rebase_view(db, proposal)
            unclean = [row["lang"] for row in view["languages"] if row.get("clean") is False]
            if unclean:
                raise Conflict(
                    f"The proposal and the current text overlap in {', '.join(unclean)}; "
                    "give the rebased wording yourself.",
                    details=view,
                )
            texts = {
                row["lang"]: row["suggested"] for row in view["languages"] if row.get("suggested")
            }
    texts = clean_texts(texts, "text", required=proposal.kind != ProposalKind.DELETE)
    if proposal.kind == ProposalKind.AMEND:
        _check_changes_something(current, texts)
    previous = proposal.revision
    revision = ProposalRevision(
        number=proposal.current_revision + 1,
        base_version=current,
        title_en=previous.title_en,
        title_zh=previous.title_zh,
        note=clean_text(note, "note", required=False) or "rebased on the current text",
        created_by_id=actor.id if actor else None,
    )
    revision.texts.extend(
        ProposalText(lang=lang, text=text) for lang, text in sorted(texts.items())
    )
    proposal.revisions.append(revision)
    proposal.current_revision = revision.number
    db.flush()
    record_audit(
        db,
        actor,
        "rebase",
        "proposal",
        proposal.id,
        summary=f"proposal {proposal.id} rebased on version {current.number}",
        before={"revision": previous.number, "base_version_id": previous.base_version_id},
        after={"revision": revision.number, "base_version_id": current.id, "texts": texts},
    )
    return revision


def proposal_base(db: Session, proposal: Proposal) -> Version | None:
    """The version the proposal's current revision was drafted on."""
    base_id = proposal.revision.base_version_id
    return get_version_by_id(db, base_id) if base_id else None
