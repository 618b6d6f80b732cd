"""Attribution: which party put each word of a text there, and what each party proposed."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.diff import blame
from workbench.instruments.models import Provision, Version, VersionOrigin
from workbench.instruments.queries import provision_history
from workbench.parties.models import Party, PartyMembership
from workbench.proposals.models import (
    Proposal,
    ProposalStatus,
    SponsorRole,
    Sponsorship,
    Stance,
)
from workbench.proposals.sponsors import active_sponsorships, sponsors_label
from workbench.sessions.models import Session as Meeting


@dataclass
class Attribution:
    """Who and what produced one version of a provision."""

    version_id: int
    kind: str  # "source", "proposal", "import", "copy"
    label_en: str
    label_zh: str
    parties: list[str] = field(default_factory=list)  # party codes, main sponsor first
    proposal_id: int | None = None
    session_code: str | None = None  # where the proposal was tabled
    agreed_session_code: str | None = None  # where it was agreed into the text
    instrument_slug: str | None = None
    provision_label: str | None = None
    version_number: int | None = None

    def to_dict(self) -> dict:
        return {
            "version_id": self.version_id,
            "kind": self.kind,
            "label_en": self.label_en,
            "label_zh": self.label_zh,
            "parties": self.parties,
            "proposal_id": self.proposal_id,
            "session": self.session_code,
            "agreed_in": self.agreed_session_code,
            "instrument": self.instrument_slug,
            "provision": self.provision_label,
            "version": self.version_number,
        }


@dataclass
class BlamedSpan:
    """A run of the current text and who introduced it."""

    text: str
    attribution: Attribution


def _chain(
    db: Session, provision: Provision, upto: int | None, lang: str
) -> list[tuple[str, Version]]:
    """The successive wordings of a provision, reaching into the text a copy was taken from."""
    chain: list[tuple[str, Version]] = []
    for version in provision_history(db, provision):
        if upto is not None and version.number > upto:
            break
        if version.origin == VersionOrigin.COPY and version.copied_from is not None:
            source = version.copied_from
            chain.extend(_chain(db, source.provision, source.number, lang))
        text = "" if version.is_deletion else (version.text(lang) or "")
        chain.append((text, version))
    return chain


def attribute_versions(db: Session, versions: list[Version]) -> dict[int, Attribution]:
    """The attribution of each version: its proposal and sponsors, or its source."""
    ids = [v.id for v in versions]
    by_result = {
        p.result_version_id: p
        for p in db.scalars(
            select(Proposal)
            .where(Proposal.result_version_id.in_(ids))
            .options(selectinload(Proposal.sponsorships), selectinload(Proposal.session))
        )
    }
    session_codes = dict(
        db.execute(
            select(Meeting.id, Meeting.code).where(
                Meeting.id.in_({v.session_id for v in versions if v.session_id})
            )
        ).all()
    )
    result: dict[int, Attribution] = {}
    for version in versions:
        provision = version.provision
        instrument = provision.instrument
        proposal = by_result.get(version.id)
        if proposal is not None:
            codes = [s.party.code for s in active_sponsorships(proposal)]
            result[version.id] = Attribution(
                version_id=version.id,
                kind="proposal",
                label_en=f"Proposal {proposal.id} ({sponsors_label(proposal, 'en')}), "
                f"{proposal.session.code}",
                label_zh=f"提案 {proposal.id}（{sponsors_label(proposal, 'zh')}），"
                f"{proposal.session.code}",
                parties=codes,
                proposal_id=proposal.id,
                session_code=proposal.session.code,
                agreed_session_code=session_codes.get(version.session_id),
                instrument_slug=instrument.slug,
                provision_label=provision.label,
                version_number=version.number,
            )
            continue
        origin = instrument.origin_party
        party_en = f" ({origin.name_en})" if origin else ""
        party_zh = f"（{origin.name('zh')}）" if origin else ""
        kind = "import" if version.origin == VersionOrigin.IMPORT else str(version.origin)
        result[version.id] = Attribution(
            version_id=version.id,
            kind=kind,
            label_en=f"{instrument.short_title('en')}, {provision.label}{party_en}",
            label_zh=f"{instrument.short_title('zh')}，{provision.label}{party_zh}",
            parties=[origin.code] if origin else [],
            instrument_slug=instrument.slug,
            provision_label=provision.label,
            version_number=version.number,
        )
    return result


def blame_provision(db: Session, provision: Provision, lang: str) -> list[BlamedSpan]:
    """Every span of the current wording with the proposal, session and parties behind it."""
    chain = _chain(db, provision, None, lang)
    if not chain:
        return []
    versions = [version for _text, version in chain]
    attributions = attribute_versions(db, versions)
    # A copy repeats its source's words: attribute them to where they were first written.
    keyed = [
        (text, version.id)
        for text, version in chain
        if version.origin != VersionOrigin.COPY or not version.copied_from_id
    ]
    if not keyed:
        keyed = [(text, version.id) for text, version in chain]
    spans = blame(keyed, lang)
    return [BlamedSpan(span.text, attributions[span.key]) for span in spans if span.text]


# --- party records -----------------------------------------------------------------------


def _summary(proposals: list[Proposal]) -> dict:
    statuses = Counter(str(p.status) for p in proposals)
    return {
        "total": len(proposals),
        "by_status": dict(sorted(statuses.items())),
        "agreed": statuses.get(str(ProposalStatus.AGREED), 0),
    }


def party_record(db: Session, party: Party) -> dict:
    """What a party sponsored, co-sponsored, supported, opposed and reserved on."""
    sponsorships = list(
        db.scalars(
            select(Sponsorship)
            .where(Sponsorship.party_id == party.id)
            .options(selectinload(Sponsorship.proposal))
            .order_by(Sponsorship.id)
        )
    )
    sponsored = [s.proposal for s in sponsorships if s.role == SponsorRole.MAIN]
    cosponsored = [s.proposal for s in sponsorships if s.role == SponsorRole.CO and s.active]
    withdrawn = [s for s in sponsorships if s.role == SponsorRole.CO and not s.active]
    on_behalf = list(
        db.scalars(
            select(Proposal)
            .join(Sponsorship)
            .where(Sponsorship.on_behalf_of_id == party.id)
            .order_by(Proposal.id)
        )
    )
    stances: dict[int, Stance] = {}
    for stance in db.scalars(
        select(Stance)
        .where(Stance.party_id == party.id)
        .order_by(Stance.id)
        .options(selectinload(Stance.proposal))
    ):
        stances[stance.proposal_id] = stance  # the latest stance per proposal counts
    by_position: dict[str, list[Proposal]] = defaultdict(list)
    for stance in stances.values():
        by_position[str(stance.position)].append(stance.proposal)
    return {
        "party": party.code,
        "sponsored": sponsored,
        "cosponsored": cosponsored,
        "cosponsorships_withdrawn": withdrawn,
        "on_behalf_of": on_behalf,
        "supported": by_position.get("support", []),
        "opposed": by_position.get("oppose", []),
        "reserved": by_position.get("reserve", []),
        "summary": {
            "sponsored": _summary(sponsored),
            "cosponsored": _summary(cosponsored),
            "on_behalf_of": _summary(on_behalf),
            "stances": {position: len(items) for position, items in sorted(by_position.items())},
        },
    }


def group_record(db: Session, group: Party) -> dict:
    """A group's members' records together, so that bloc positions can be compared."""
    members = list(
        db.scalars(
            select(Party)
            .join(PartyMembership, PartyMembership.member_id == Party.id)
            .where(PartyMembership.group_id == group.id)
            .order_by(Party.name_en)
        )
    )
    member_ids = [m.id for m in members]
    sponsorships = (
        list(
            db.scalars(
                select(Sponsorship)
                .where(Sponsorship.party_id.in_(member_ids))
                .options(selectinload(Sponsorship.proposal))
            )
        )
        if member_ids
        else []
    )
    per_member: dict[int, Counter] = {m.id: Counter() for m in members}
    sponsored: dict[int, Proposal] = {}
    cosponsored: dict[int, Proposal] = {}
    for sponsorship in sponsorships:
        counter = per_member[sponsorship.party_id]
        if sponsorship.role == SponsorRole.MAIN:
            counter["sponsored"] += 1
            sponsored[sponsorship.proposal_id] = sponsorship.proposal
            if sponsorship.proposal.status == ProposalStatus.AGREED:
                counter["sponsored_agreed"] += 1
        elif sponsorship.active:
            counter["cosponsored"] += 1
            cosponsored[sponsorship.proposal_id] = sponsorship.proposal
    latest: dict[tuple[int, int], Stance] = {}
    if member_ids:
        for stance in db.scalars(
            select(Stance).where(Stance.party_id.in_(member_ids)).order_by(Stance.id)
        ):
            latest[(stance.party_id, stance.proposal_id)] = stance
    for stance in latest.values():
        per_member[stance.party_id][str(stance.position)] += 1
    own = party_record(db, group)
    return {
        "group": group.code,
        "members": [{"party": m, "counts": dict(per_member[m.id])} for m in members],
        "sponsored_by_members": _summary(list(sponsored.values())),
        "cosponsored_by_members": _summary(list(cosponsored.values())),
        "on_behalf_of_group": own["summary"]["on_behalf_of"],
        "stances_of_members": dict(Counter(str(s.position) for s in latest.values())),
        "proposals": sorted(sponsored.values(), key=lambda p: p.id),
    }
