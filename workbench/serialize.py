"""JSON representations shared by the API and the CLI's --json output."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy.orm import Session

from workbench.concordance.models import Correspondence, Topic
from workbench.diff import DiffResult
from workbench.instruments.models import Chapter, Instrument, Provision, Version, wording_of
from workbench.instruments.queries import (
    ChapterNode,
    ProvisionNode,
    count_structure,
    instrument_tree,
)
from workbench.parties.models import Party
from workbench.proposals.models import (
    Proposal,
    ProposalRevision,
    Sponsorship,
    Stance,
)
from workbench.proposals.queries import is_stale
from workbench.proposals.sponsors import active_sponsorships, sponsors_label
from workbench.proposals.stances import current_stances, on_earlier_revision
from workbench.sessions.models import Session as Meeting
from workbench.texts.structure import split_paragraphs


def _pair(obj, name: str) -> dict:
    return {"en": getattr(obj, f"{name}_en"), "zh": getattr(obj, f"{name}_zh")}


def instrument_summary(instrument: Instrument) -> dict:
    return {
        "slug": instrument.slug,
        "kind": str(instrument.kind),
        "title": _pair(instrument, "title"),
        "short_title": _pair(instrument, "short_title"),
        "origin": party_ref(instrument.origin_party) if instrument.origin_party else None,
        "date": instrument.adopted_on.isoformat() if instrument.adopted_on else None,
        "symbol": instrument.symbol,
        "language": instrument.language,
        "is_outline": instrument.is_outline,
        "based_on": instrument.based_on.slug if instrument.based_on else None,
    }


def provision_summary(
    provision: Provision,
    version: Version | None,
    *,
    with_text: bool = True,
    chapter_path: list[str] | None = None,
) -> dict:
    data = {
        "id": provision.id,
        "kind": str(provision.kind),
        "label": provision.label,
        "title": _pair(provision, "title"),
        "title_official": {"en": provision.title_en_official, "zh": provision.title_zh_official},
        "chapter_id": provision.chapter_id,
        "version": provision.current_number,
        "deleted": bool(version is not None and version.is_deletion),
        "source_provision_id": provision.source_provision_id,
    }
    if chapter_path is not None:
        data["chapter_path"] = chapter_path
    if with_text:
        data["text"] = wording_of(version)
        data["official"] = (
            {t.lang: t.official for t in version.texts} if version is not None else {}
        )
    return data


def chapter_summary(chapter: Chapter) -> dict:
    return {
        "id": chapter.id,
        "kind": str(chapter.kind),
        "label": chapter.label,
        "title": _pair(chapter, "title"),
        "title_official": {"en": chapter.title_en_official, "zh": chapter.title_zh_official},
        "parent_id": chapter.parent_id,
    }


def instrument_detail(
    db: Session, instrument: Instrument, *, with_text: bool = True, lang: str | None = None
) -> dict:
    """An instrument with its nested chapters and its provisions in document order."""
    data = instrument_summary(instrument)
    data.update(
        description=instrument.description,
        provenance=instrument.provenance,
        session=session_ref(instrument.session) if instrument.session else None,
        counts=count_structure(db, instrument),
    )
    provisions: list[dict] = []

    def convert(nodes, path):
        result = []
        for node in nodes:
            if isinstance(node, ChapterNode):
                chapter = chapter_summary(node.chapter)
                chapter["children"] = convert(node.children, [*path, node.chapter.label])
                result.append(chapter)
            elif isinstance(node, ProvisionNode):
                summary = provision_summary(
                    node.provision, node.version, with_text=with_text, chapter_path=path
                )
                if lang and with_text:
                    summary["text"] = {k: v for k, v in summary["text"].items() if k == lang}
                provisions.append(summary)
                result.append({"provision_id": node.provision.id, "label": node.provision.label})
        return result

    data["outline"] = convert(instrument_tree(db, instrument), [])
    data["provisions"] = provisions
    return data


def version_detail(version: Version) -> dict:
    copied = version.copied_from
    return {
        "id": version.id,
        "number": version.number,
        "origin": str(version.origin),
        "is_deletion": version.is_deletion,
        "note": version.note,
        "session": version.session_id,
        "created_at": version.created_at.isoformat() if version.created_at else None,
        "text": wording_of(version),
        "official": {t.lang: t.official for t in version.texts},
        "copied_from": (
            {
                "provision_id": copied.provision_id,
                "version": copied.number,
                "instrument": copied.provision.instrument.slug,
                "label": copied.provision.label,
            }
            if copied is not None
            else None
        ),
    }


def version_summary(version: Version) -> dict:
    """A version in a list, with the link to the whole of it."""
    return {
        "id": version.id,
        "number": version.number,
        "origin": str(version.origin),
        "is_deletion": version.is_deletion,
        "created_at": version.created_at.isoformat() if version.created_at else None,
        "href": f"/api/provisions/{version.provision_id}/versions/{version.number}",
    }


def paragraphs_of(version: Version | None) -> dict[str, list[dict]]:
    return {
        lang: [{"label": p.label, "level": p.level, "text": p.text} for p in split_paragraphs(text)]
        for lang, text in wording_of(version).items()
    }


def party_ref(party: Party) -> dict:
    return {
        "code": party.code,
        "name": {"en": party.name_en, "zh": party.name_zh},
        "kind": str(party.kind),
    }


def party_detail(party: Party) -> dict:
    data = party_ref(party)
    data.update(
        formal_name=party.formal_name_en,
        alpha2=party.alpha2,
        groups=[party_ref(g) for g in party.groups],
        members=[party_ref(m) for m in party.members],
    )
    return data


def session_ref(session: Meeting) -> dict:
    return {
        "code": session.code,
        "title": {"en": session.title_en, "zh": session.title_zh},
        "body": {"en": session.body_en, "zh": session.body_zh},
        "number": session.number,
        "place": session.place,
        "starts_on": session.starts_on.isoformat(),
        "ends_on": session.ends_on.isoformat() if session.ends_on else None,
        "symbol": session.symbol,
        "current": session.is_current,
    }


def sponsorship_json(sponsorship: Sponsorship) -> dict:
    return {
        "party": party_ref(sponsorship.party),
        "role": str(sponsorship.role),
        "on_behalf_of": party_ref(sponsorship.on_behalf_of) if sponsorship.on_behalf_of else None,
        "joined_at": sponsorship.joined_at.isoformat(),
        "withdrawn_at": sponsorship.withdrawn_at.isoformat() if sponsorship.withdrawn_at else None,
        "active": sponsorship.active,
        # Named only with consent: false while the state has not accepted this wording.
        "confirmed": sponsorship.confirmed,
        "confirmed_revision": sponsorship.confirmed_revision,
        "consent_oral": sponsorship.consent_oral,
        "declined": sponsorship.declined,
    }


def stance_json(stance: Stance, *, current: bool) -> dict:
    return {
        "party": party_ref(stance.party),
        "position": str(stance.position),
        "session": stance.session.code if stance.session else None,
        "stated_on": stance.stated_on.isoformat() if stance.stated_on else None,
        "note": stance.note,
        "revision": stance.revision,
        "on_earlier_revision": on_earlier_revision(stance),
        "current": current,
    }


def stances_json(proposal: Proposal) -> dict:
    """The current stance of each party, and every stance ever recorded apart."""
    current = current_stances(proposal)
    now = {stance.id for stance in current.values()}
    return {
        "stances": [stance_json(s, current=True) for s in current.values()],
        "stance_history": [stance_json(s, current=s.id in now) for s in proposal.stances],
    }


class _StatusChange(Protocol):
    """A change of status: of a proposal (StatusChange) or of a provision."""

    @property
    def from_status(self) -> StrEnum | None: ...
    @property
    def to_status(self) -> StrEnum: ...
    @property
    def at(self) -> datetime: ...
    @property
    def user_id(self) -> int | None: ...
    @property
    def session(self) -> Meeting | None: ...
    @property
    def note(self) -> str | None: ...


def status_change_json(change: _StatusChange) -> dict:
    return {
        "from": str(change.from_status) if change.from_status else None,
        "to": str(change.to_status),
        "at": change.at.isoformat(),
        "user_id": change.user_id,
        "session": change.session.code if change.session else None,
        "note": change.note,
    }


def revision_json(revision: ProposalRevision) -> dict:
    base = revision.base_version
    return {
        "number": revision.number,
        "base_version": ({"id": base.id, "number": base.number} if base else None),
        "text": revision.wording,
        "label": revision.label,
        "title": {"en": revision.title_en, "zh": revision.title_zh},
        "note": revision.note,
        "rationale": revision.rationale,
        "created_at": revision.created_at.isoformat() if revision.created_at else None,
    }


def proposal_summary(proposal: Proposal) -> dict:
    """A proposal in a list: what it is, where it stands, who stands behind it, its link."""
    return {
        "id": proposal.id,
        "kind": str(proposal.kind),
        "status": str(proposal.status),
        "session": proposal.session.code,
        "tabled_on": proposal.tabled_on.isoformat(),
        "symbol": proposal.symbol,
        "sponsors_label": {
            "en": sponsors_label(proposal, "en"),
            "zh": sponsors_label(proposal, "zh"),
        },
        "href": f"/api/proposals/{proposal.id}",
    }


def proposal_json(proposal: Proposal, *, diffs: dict | None = None) -> dict:
    revision = proposal.revision
    provision = proposal.provision
    data = {
        "id": proposal.id,
        "instrument": proposal.instrument.slug,
        "kind": str(proposal.kind),
        "provision": ({"id": provision.id, "label": provision.label} if provision else None),
        "chapter": (
            {"id": proposal.chapter.id, "label": proposal.chapter.label}
            if proposal.chapter
            else None
        ),
        "session": session_ref(proposal.session),
        "tabled_on": proposal.tabled_on.isoformat(),
        "symbol": proposal.symbol,
        "status": str(proposal.status),
        "stale": is_stale(proposal),
        "rationale": proposal.current_rationale,
        "revision": revision_json(revision),
        "revisions": len(proposal.revisions),
        "sponsors": [sponsorship_json(s) for s in active_sponsorships(proposal)],
        "sponsors_label": {
            "en": sponsors_label(proposal, "en"),
            "zh": sponsors_label(proposal, "zh"),
        },
        "sponsorship_history": [sponsorship_json(s) for s in proposal.sponsorships],
        **stances_json(proposal),
        "status_history": [status_change_json(c) for c in proposal.status_changes],
        "merged_into": proposal.merged_into_id,
        "result_version_id": proposal.result_version_id,
        "inserted_provision_id": proposal.inserted_provision_id,
    }
    if diffs is not None:
        data["diff"] = diffs
    return data


def topic_ref(topic: Topic) -> dict:
    return {
        "slug": topic.slug,
        "title": {"en": topic.title_en, "zh": topic.title_zh},
        "description": topic.description,
    }


def correspondence_json(correspondence: Correspondence) -> dict:
    provision = correspondence.provision
    return {
        "instrument": correspondence.instrument.slug,
        "relation": str(correspondence.relation),
        "provision": (
            {"id": provision.id, "label": provision.label, "title": _pair(provision, "title")}
            if provision
            else None
        ),
        "note": {"en": correspondence.note_en, "zh": correspondence.note_zh},
    }


def diff_json(diff: DiffResult, *, stats: bool = False) -> dict:
    """A word diff as the API gives it: ops, HTML and marked plain text (and word counts)."""
    data: dict = {"ops": diff.to_json(), "html": diff.html(), "text": diff.plain()}
    if stats:
        data["stats"] = diff.stats()
    return data


def redline_json(redline: dict[str, DiffResult]) -> dict[str, dict]:
    """A proposal's redline, per language it changes."""
    return {lang: diff_json(diff) for lang, diff in redline.items()}
