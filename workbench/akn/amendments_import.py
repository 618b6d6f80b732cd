"""Akoma Ntoso amendments read back as proposals, attributed to the parties behind them.

Every file is read and validated before anything is written; the expressions of one
amendment (its English and Chinese files) become one proposal worded in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.akn.amendments import MOD_TYPES, ROLES
from workbench.akn.collect import instrument_outline, work_name
from workbench.akn.document import party_code_of, session_code_of
from workbench.akn.names import (
    XML_LANG,
    akn,
    local,
    outline_eids,
    wb,
    work_uri_of,
    workbench_language,
)
from workbench.akn.read import document_of, read_meta
from workbench.akn.safexml import parse_akn
from workbench.akn.wording import clean_line, inline_text
from workbench.errors import InvalidInput, NotFound
from workbench.instruments.models import Chapter, Instrument, InstrumentKind, Provision, Version
from workbench.instruments.queries import ChapterNode, get_instrument, get_version
from workbench.parties.models import Party
from workbench.parties.operations import find_party
from workbench.proposals.models import Proposal
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session
from workbench.users.models import User
from workbench.validation import limit

KINDS = {value: kind for kind, value in MOD_TYPES.items()}


@dataclass
class AmendmentRead:
    """One amendment document as read: where it points, what it changes, who sponsors it."""

    name: str
    work_uri: str
    language: str
    kind: str
    target_uri: str | None
    target_eid: str  # the provision changed, or the provision or chapter an insertion follows
    base: str
    proposed: str
    label: str | None = None
    titles: dict[str, str] = field(default_factory=dict)
    base_version: int | None = None
    sponsors: list[tuple[str, str | None, str]] = field(default_factory=list)  # code, name, role
    session_code: str | None = None
    tabled_on: date | None = None
    rationale: str | None = None
    symbol: str | None = None


def amendment_files(source: str | Path) -> list[Path]:
    """The .xml files to read: the file given, or every .xml file of a folder."""
    path = Path(source)
    if path.is_dir():
        files = sorted(
            (p for p in path.iterdir() if p.suffix.lower() == ".xml" and p.is_file()),
            key=_natural,
        )
        if not files:
            raise InvalidInput(f"{path} holds no .xml amendment files.")
        return files
    if not path.exists():
        raise InvalidInput(f"{path} does not exist.")
    if path.suffix.lower() != ".xml":
        raise InvalidInput(
            f"{path.name}: proposals come as tracked changes in .docx or as Akoma Ntoso "
            ".xml amendments."
        )
    return [path]


def _natural(path: Path) -> list[int | str]:
    """Sort key putting proposal-2 before proposal-10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def read_amendment(root: etree._Element, name: str) -> AmendmentRead:
    """The proposal an amendment document carries (the document already validated)."""
    doc = document_of(root, name)
    if local(doc.tag) != "amendment":
        raise InvalidInput(f"{name} holds a {local(doc.tag)}, not an amendment.")
    meta = read_meta(doc, name)
    textual = doc.find(f".//{akn('activeModifications')}/{akn('textualMod')}")
    destination = textual.find(akn("destination")) if textual is not None else None
    mod_type = textual.get("type") if textual is not None else None
    if textual is None or destination is None or mod_type is None or mod_type not in KINDS:
        raise InvalidInput(
            f"{name} does not say what it changes (a textualMod of type substitution, repeal "
            "or insertion with a destination)."
        )
    href = destination.get("href") or ""
    target_uri, _sep, eid = href.partition("~")
    quoted = doc.find(f".//{akn('quotedStructure')}")
    provision = (
        next((child for child in quoted if local(child.tag)), None) if quoted is not None else None
    )
    if provision is None:
        raise InvalidInput(f"{name} quotes no provision in its amendmentBody.")
    base, proposed = unmark(provision.find(akn("content")))
    amendment = AmendmentRead(
        name=name,
        work_uri=meta.work_uri or name,
        language=meta.language,
        kind=KINDS[mod_type],
        target_uri=work_uri_of(target_uri),
        target_eid=eid.lstrip("#") or (href[1:] if href.startswith("#") else ""),
        base=base,
        proposed=proposed,
        symbol=meta.symbol,
    )
    num, heading = provision.find(akn("num")), provision.find(akn("heading"))
    amendment.label = inline_text(num) if num is not None and inline_text(num) else None
    if heading is not None and inline_text(heading):
        lang = workbench_language(heading.get(XML_LANG)) or meta.language
        amendment.titles[lang] = inline_text(heading)
    version = provision.get(wb("baseVersion"))
    amendment.base_version = int(version) if version and version.isdigit() else None
    _people_and_dates(doc, amendment)
    return amendment


def unmark(content: etree._Element | None) -> tuple[str, str]:
    """The base and the proposed wording of lines marked with ``<ins>``, ``<del>``, ``wb:break``."""
    base: list[str] = []
    proposed: list[str] = []
    lines = [p for p in content if local(p.tag) == "p"] if content is not None else []
    for index, p in enumerate(lines):
        change = p.get(wb("break"))
        old, new = [], []
        if p.text:
            old.append(p.text)
            new.append(p.text)
        for child in p:
            text = "".join(child.itertext())  # type: ignore[arg-type]  # lxml-stubs: str in Python 3
            if local(child.tag) != "ins":
                old.append(text)
            if local(child.tag) != "del":
                new.append(text)
            if child.tail:
                old.append(child.tail)
                new.append(child.tail)
        base.append(("\n" if index and change != "ins" else "") + "".join(old))
        proposed.append(("\n" if index and change != "del" else "") + "".join(new))
    return _clean("".join(base)), _clean("".join(proposed))


def _clean(text: str) -> str:
    return "\n".join(line for line in (clean_line(line) for line in text.split("\n")) if line)


def _people_and_dates(doc: etree._Element, amendment: AmendmentRead) -> None:
    organisations = {e.get("eId"): e for e in doc.iter(akn("TLCOrganization"))}
    roles = {f"#{value}": key for key, value in ROLES.items()}
    for proponent in doc.iter(akn("docProponent")):
        tlc = organisations.get((proponent.get("refersTo") or "").lstrip("#"))
        code = party_code_of(tlc.get("href")) if tlc is not None else None
        name = tlc.get("showAs") if tlc is not None else inline_text(proponent)
        amendment.sponsors.append((code or "", name, roles.get(proponent.get("as") or "", "co")))
    event = doc.find(f".//{akn('lifecycle')}/{akn('eventRef')}")
    if event is not None:
        amendment.tabled_on = date.fromisoformat(event.get("date", "")[:10])
        refers = (event.get("refersTo") or "").lstrip("#")
        tlc = next((e for e in doc.iter(akn("TLCEvent")) if e.get("eId") == refers), None)
        amendment.session_code = session_code_of(tlc.get("href")) if tlc is not None else None
    justification = doc.find(f".//{akn('amendmentJustification')}")
    if justification is not None:
        lines = [inline_text(p) for p in justification if local(p.tag)]
        amendment.rationale = "\n".join(line for line in lines if line) or None


def import_amendments(
    db: Session,
    source: str | Path,
    *,
    into: str | None = None,
    session_code: str | None = None,
    actor: User | None = None,
) -> dict:
    """Table the proposals that AKN amendment files carry; returns their ids and a line each.

    ``actor`` tables them (a delegate only for its own party); None for trusted callers.
    """
    amendments = []
    for path in amendment_files(source):
        root = parse_akn(path, path.name, limit("IMPORT_MAX_BYTES"))
        amendments.append(read_amendment(root, path.name))
    groups: dict[str, list[AmendmentRead]] = {}
    for amendment in amendments:
        groups.setdefault(amendment.work_uri, []).append(amendment)
    targets = _Targets(db, into)
    created, lines = [], []
    for group in groups.values():
        proposal = _table(db, group, targets, session_code, actor)
        created.append(proposal.id)
        lines.append(
            f"Proposal {proposal.id}: {proposal.kind} "
            f"{proposal.provision.label if proposal.provision else 'new provision'} by "
            f"{', '.join(s.party.name_en for s in proposal.sponsorships)} ({group[0].name})."
        )
    return {"proposals": created, "lines": lines}


class _Targets:
    """The negotiating text an amendment points at, and its provisions and chapters by eId."""

    def __init__(self, db: Session, into: str | None) -> None:
        self.db = db
        self.into = get_instrument(db, into) if into else None
        self.eids: dict[int, dict[str, Provision | Chapter]] = {}

    def instrument(self, amendment: AmendmentRead) -> Instrument:
        if self.into is not None:
            return self.into
        for instrument in self.db.scalars(
            select(Instrument).where(Instrument.kind == InstrumentKind.NEGOTIATING)
        ):
            if work_name(instrument).work == amendment.target_uri:
                return instrument
        raise InvalidInput(
            f"{amendment.name} amends {amendment.target_uri or 'an unnamed text'}, which is no "
            "negotiating text here; say which with --into SLUG."
        )

    def element(self, instrument: Instrument, eid: str) -> Provision | Chapter:
        if instrument.id not in self.eids:
            outline = instrument_outline(self.db, instrument)
            self.eids[instrument.id] = {
                eid: node.chapter if isinstance(node, ChapterNode) else node.provision
                for node, eid in zip(outline.nodes, outline_eids(outline.parsed), strict=True)
            }
        try:
            return self.eids[instrument.id][eid]
        except KeyError:
            raise InvalidInput(
                f"{instrument.slug} has no provision with the eId {eid!r}."
            ) from None


def _party(db: Session, code: str, name: str | None, file: str) -> Party:
    party = find_party(db, code) or find_party(db, name or "")
    if party is None:
        raise InvalidInput(f"{file} names {name or code}, which is not a known party.")
    return party


def _table(
    db: Session,
    group: list[AmendmentRead],
    targets: _Targets,
    session_code: str | None,
    actor: User | None,
) -> Proposal:
    first = group[0]
    instrument = targets.instrument(first)
    target = targets.element(instrument, first.target_eid)
    code = session_code or first.session_code
    if not code:
        raise InvalidInput(f"{first.name} names no session; give one with --session.")
    session = get_session(db, code)
    sponsor, cosponsors, behalf = None, [], None
    for party_code, name, role in first.sponsors:
        party = _party(db, party_code, name, first.name)
        if role == "main":
            sponsor = party
        elif role == "behalf":
            behalf = party
        else:
            cosponsors.append(party)
    if sponsor is None and cosponsors:
        sponsor = cosponsors.pop(0)  # proponents without roles: the first one leads
    texts = {a.language: a.proposed for a in group if a.proposed}
    titles = {lang: title for a in group for lang, title in a.titles.items()}
    if first.kind == "insert":
        after = target if isinstance(target, Provision) else None
        chapter = target if isinstance(target, Chapter) else None
        provision, base = after, None
    else:
        if not isinstance(target, Provision):
            raise InvalidInput(f"{first.name} points at a chapter, not a provision.")
        provision, chapter = target, None
        base = _base_version(db, provision, group)
    return table_proposal(
        db,
        instrument=instrument,
        kind=first.kind,
        session=session,
        sponsor=sponsor,
        provision=provision,
        base_version=base,
        texts=texts or None,
        chapter=chapter,
        label=first.label if first.kind == "insert" else None,
        title_en=titles.get("en") if first.kind == "insert" else None,
        title_zh=titles.get("zh") if first.kind == "insert" else None,
        rationale=first.rationale,
        on_behalf_of=behalf,
        cosponsors=cosponsors,
        tabled_on=first.tabled_on,
        symbol=first.symbol,
        actor=actor,
    )


def _base_version(db: Session, provision: Provision, group: list[AmendmentRead]) -> Version | None:
    """The version the amendment was drafted on: the one it names when its wording agrees
    (same database), else the one whose wording it quotes (a text exchanged between systems)."""
    number = next((a.base_version for a in group if a.base_version), None)
    if number is not None:
        try:
            version = get_version(db, provision, number)
        except NotFound:
            version = None
        if version is not None and all(
            not a.base or version.text(a.language) == a.base for a in group
        ):
            return version
    quoting = next((a for a in group if a.base), None)
    if quoting is None:
        return None  # no wording quoted in the provision's languages: the current version
    from workbench.instruments.queries import matching_version

    return matching_version(db, provision, quoting.language, quoting.base)
