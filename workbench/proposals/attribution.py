"""Attribution: which party put each word of a text there, and what each party proposed."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbench.diff import blame
from workbench.instruments.models import Provision, Version, VersionOrigin
from workbench.instruments.queries import provision_history
from workbench.proposals.models import (
    Proposal,
)
from workbench.proposals.sponsors import sponsor_codes, sponsors_label
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
    session_codes: dict[int | None, str] = dict(
        db.execute(
            select(Meeting.id, Meeting.code).where(
                Meeting.id.in_({v.session_id for v in versions if v.session_id})
            )
        )
        .tuples()
        .all()
    )
    result: dict[int, Attribution] = {}
    for version in versions:
        provision = version.provision
        instrument = provision.instrument
        proposal = by_result.get(version.id)
        if proposal is not None:
            # The states behind the words are the ones the label names: consenting
            # sponsors only; a state that never accepted its invitation is credited nothing.
            codes = sponsor_codes(proposal)
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
