"""Tabling the proposals a bracketed consolidated text holds, and what changed since export.

Nothing is written while the document has a fault, unless ``skip_bad``: then the provisions
without faults are imported and the faults reported. A group's proposal already pending
(same provision, sponsors, kind and wording) is not tabled again unless duplicates are
allowed, so that importing the export unedited adds nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from workbench.errors import InvalidInput
from workbench.imports.bracket_layout import tidy
from workbench.imports.brackets import BracketReader, Group, ProvisionReading
from workbench.imports.operations import check_import_file, import_limits, instrument_labels
from workbench.instruments.models import InstrumentKind
from workbench.instruments.queries import get_instrument
from workbench.proposals.models import Proposal, ProposalKind
from workbench.proposals.queries import pending_by_provision
from workbench.proposals.sponsors import confirmed_sponsorships, sponsors_label
from workbench.proposals.table import table_proposal
from workbench.sessions.operations import get_session
from workbench.texts.convert import OFFICE_SUFFIXES, office_to_docx
from workbench.texts.files import Source
from workbench.texts.recognize import recognize
from workbench.texts.word import count_tracked_changes, docx_blocks, open_document
from workbench.users.models import Role, User
from workbench.users.permissions import require_role


def is_bracketed(path: Source) -> bool:
    """A Word file with square brackets and no tracked changes: the brackets export (a
    bracket left alone is read too, so that its fault is reported where it is)."""
    document = open_document(path, **import_limits())
    if count_tracked_changes(document):
        return False
    return any("[" in block.text or "]" in block.text for block in docx_blocks(document, "accept"))


def import_brackets(
    db: Session,
    path: str | Path,
    *,
    into: str,
    session_code: str,
    skip_bad: bool = False,
    allow_duplicates: bool = False,
    name: str | None = None,
    actor: User | None = None,
    converted: Source | None = None,
) -> dict:
    """Every group of sponsors' options in a bracketed text becomes one proposal.

    ``converted``: the file already converted to Word (an OpenDocument file), if the caller
    has it.

    Returns the proposals added, the duplicates left out, the faults (``issues``, each with
    its provision label and paragraph), the changes since the export and a line for each.
    """
    require_role(actor, Role.SECRETARIAT, action="import a consolidated text in brackets")
    path = check_import_file(path)
    name = name or path.name
    instrument = get_instrument(db, into)
    if instrument.kind != InstrumentKind.NEGOTIATING:
        raise InvalidInput(f"{into} is a source text; proposals apply to a negotiating text.")
    session = get_session(db, session_code)
    source = converted
    if source is None:
        office = path.suffix.lower() in OFFICE_SUFFIXES
        source = office_to_docx(path, **import_limits()) if office else path
    document = open_document(source, **import_limits())
    blocks = docx_blocks(document, "accept")
    parsed = recognize(blocks, name=name, rejoin=False, known=instrument_labels(db, instrument))
    paragraphs: dict[int, str] = {}
    for block in blocks:
        paragraphs[block.index] = "\n".join(filter(None, (paragraphs.get(block.index), block.text)))
    reader = BracketReader(db, instrument)
    readings = reader.read(parsed, paragraphs)
    issues = reader.issues
    if issues and not skip_bad:
        listed = "\n".join(f"- {issue.line()}" for issue in issues)
        raise InvalidInput(
            f"{name} has {len(issues)} fault{'s' if len(issues) > 1 else ''}; nothing was "
            f"imported (fix them, or import with --skip-bad to import the rest):\n{listed}",
            field="file",
            details={"issues": [issue.as_dict() for issue in issues]},
        )
    bad = {issue.label for issue in issues}
    pending = pending_by_provision(db, instrument)
    created: list[int] = []
    duplicates: list[int] = []
    changes: list[dict] = []
    for reading in readings:
        if reading.provision.label in bad:
            continue
        for change in compare(reading, pending.get(reading.provision.id, [])):
            group = change.pop("group", None)
            if group is not None and (change["change"] != "unchanged" or allow_duplicates):
                proposal = table_group(db, instrument, reading, group, session, name, actor)
                change["proposal"] = proposal.id
                created.append(proposal.id)
            elif change["change"] == "unchanged":
                duplicates.append(change["was"])
            changes.append(change)
    lines = [_line(change) for change in changes]
    lines += [f"Not imported: {issue.line()}" for issue in issues]
    if not created and not issues:
        lines.append(f"Nothing was added: {name} proposes nothing new for {into}.")
    return {
        "proposals": created,
        "duplicates": duplicates,
        "changes": changes,
        "issues": [issue.as_dict() for issue in issues],
        "lines": lines,
    }


def _wording(proposal: Proposal, lang: str) -> str:
    if proposal.kind == ProposalKind.DELETE:
        return ""
    base = proposal.revision.base_version
    return tidy(proposal.revision.text(lang) or (base.text(lang) if base else "") or "")


def _key(proposal: Proposal) -> frozenset:
    return frozenset((s.party_id, s.on_behalf_of_id) for s in confirmed_sponsorships(proposal))


def compare(reading: ProvisionReading, pending: list[Proposal]) -> list[dict]:
    """What each group's proposal is against the proposals pending on the provision: new,
    unchanged, reworded, or the same wording with other sponsors; and the pending ones the
    document no longer holds."""
    label, lang = reading.provision.label, reading.lang
    seen: set[int] = set()
    result = []
    for group in reading.groups:
        kind, wording = group.kind, tidy(group.wording)
        same = [p for p in pending if _key(p) == group.key and p.kind == kind]
        exact = next((p for p in same if _wording(p, lang) == wording), None)
        alike = next((p for p in pending if p.kind == kind and _wording(p, lang) == wording), None)
        entry = {"provision": label, "sponsors": group.names(), "kind": kind, "group": group}
        if group.label:
            entry["label"] = group.label
        change, was = "new", None
        if exact is not None:
            change, was = "unchanged", exact.id
        elif same:
            change, was = "reworded", same[0].id
        elif alike is not None:
            change, was = "sponsors changed", alike.id
            entry["sponsors_were"] = sponsors_label(alike)
        entry.update(change=change, was=was)
        if was is not None:
            seen.add(was)
        entry["wording"] = wording
        result.append(entry)
    for proposal in pending:
        if proposal.id not in seen and not any(_key(proposal) == g.key for g in reading.groups):
            result.append(
                {
                    "provision": label,
                    "sponsors": sponsors_label(proposal),
                    "kind": str(proposal.kind),
                    "change": "gone",
                    "was": proposal.id,
                    "wording": _wording(proposal, lang),
                }
            )
    return result


def table_group(db, instrument, reading: ProvisionReading, group: Group, session, name, actor):
    """Table one group's proposal, its sponsors named as the chair's document names them."""
    (sponsor, behalf), *others = group.sponsors
    insert = group.kind == "insert"
    return table_proposal(
        db,
        instrument=instrument,
        kind=group.kind,
        provision=reading.provision,
        base_version=None if insert else reading.base,
        texts={reading.lang: group.wording} if group.kind != "delete" else None,
        label=group.label if insert else None,
        title_en=group.title if insert and reading.lang != "zh" and group.title else None,
        title_zh=group.title if insert and reading.lang == "zh" and group.title else None,
        session=session,
        sponsor=sponsor,
        on_behalf_of=behalf,
        cosponsors=[party for party, _behalf in others],
        cosponsors_consented=actor is not None,
        rationale=f"Imported from {name}: options in brackets.",
        actor=actor,
    )


def _line(change: dict) -> str:
    what = {
        "new": "new",
        "unchanged": f"unchanged, already proposal {change.get('was')}; not added again",
        "reworded": f"reworded since proposal {change.get('was')}",
        "sponsors changed": (
            f"the wording of proposal {change.get('was')} ({change.get('sponsors_were')})"
        ),
        "gone": f"proposal {change.get('was')} is no longer in the document",
    }[change["change"]]
    added = f"Proposal {change['proposal']}: " if change.get("proposal") else ""
    where = change["provision"]
    if change.get("label"):
        where = f"{change['label']} after {where}"
    return f"{added}{change['kind']} {where} by {change['sponsors']} — {what}."
