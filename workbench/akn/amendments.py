"""Pending proposals as Akoma Ntoso ``<amendment>`` documents, one per proposal and language.

An amendment names the text it amends (``<original>``), points at the provision's eId
(``<textualMod>``'s destination, ``pos="after"`` or ``"start"`` for an insertion), quotes
the provision with the change marked by ``<ins>`` and ``<del>`` (word by word, the
workbench's own diff), names its sponsors as ``<TLCOrganization>``s behind
``<docProponent>``s, and records the session it was tabled at in ``<lifecycle>``. A line
break that only one side has is marked ``wb:break`` on the line it opens, so that both the
base wording and the proposed one can be read back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from workbench.akn.document import WORKBENCH_ID, AknWork, Organisation, SessionRef
from workbench.akn.names import XML_LANG, EidMaker, WorkName, akn, element_for, wb
from workbench.akn.write import NSMAP, fallback_order, pick, write_meta
from workbench.diff import DiffOp, diff_texts
from workbench.texts.structure import ParsedProvision

MOD_TYPES = {"amend": "substitution", "delete": "repeal", "insert": "insertion"}
ROLES = {"main": "mainSponsor", "co": "coSponsor", "behalf": "onBehalfOf"}


@dataclass
class AmendmentData:
    """What an amendment document says about one proposal."""

    proposal_id: int
    kind: str  # amend, delete, insert
    tabled_on: date
    session: SessionRef
    sponsors: list[tuple[Organisation, str]]  # (party, main|co|behalf), main sponsor first
    sponsors_label: dict[str, str]  # per language, as the UN writes it
    provision: ParsedProvision  # kind, label and title of the provision changed or inserted
    base: dict[str, str] = field(default_factory=dict)  # the wording it was drafted on
    proposed: dict[str, str] = field(default_factory=dict)
    target_eid: str = ""  # the provision changed, or the one (or chapter) an insertion follows
    position: str | None = None  # insertions: "after" a provision or at the "start" of a chapter
    base_version: int | None = None
    rationale: str | None = None
    symbol: str | None = None
    status: str = "tabled"

    def languages(self) -> list[str]:
        """The languages the proposal is worded in (a deletion: those of its base)."""
        return sorted(self.proposed or self.base) or ["en"]


def marked_lines(ops: tuple[DiffOp, ...] | list[DiffOp]) -> list[tuple[str | None, list[DiffOp]]]:
    """The diff cut into lines: (how the break opening the line changed, the line's runs)."""
    lines: list[tuple[str | None, list[DiffOp]]] = [(None, [])]
    for op in ops:
        for index, piece in enumerate(op.text.split("\n")):
            if index:
                lines.append((None if op.op == "equal" else op.op, []))
            if piece:
                lines[-1][1].append(DiffOp(op.op, piece))
    return lines


def amendment_name(target: AknWork, data: AmendmentData) -> WorkName:
    """The FRBR name of a proposal's amendment work."""
    number = f"{target.name.number}-proposal-{data.proposal_id}"
    return WorkName("amendment", None, str(data.tabled_on.year), number)


def write_amendment(target: AknWork, data: AmendmentData, lang: str) -> etree._Element:
    """The ``<akomaNtoso>`` root of one proposal's amendment in a language."""
    name = amendment_name(target, data)
    original = target.name.expression(lang, target.expression_date)
    destination = f"{original}/!main~{data.target_eid}"
    work = AknWork(
        name=name,
        titles={lang: f"Proposal {data.proposal_id}"},
        work_date=data.tabled_on,
        expression_date=data.tabled_on,
        language=lang,
        symbol=data.symbol,
        author=data.sponsors[0][0] if data.sponsors else None,
        organisations=[party for party, _role in data.sponsors],
    )
    root = etree.Element(akn("akomaNtoso"), nsmap=NSMAP)
    doc = etree.SubElement(root, akn("amendment"), name="amendment", contains="originalVersion")
    doc.append(_meta(work, data, lang, original, destination))
    _preface(doc, data, lang)
    body = etree.SubElement(doc, akn("amendmentBody"))
    heading = etree.SubElement(etree.SubElement(body, akn("amendmentHeading")), akn("p"))
    heading.text = (
        f"Proposal {data.proposal_id} by {data.sponsors_label.get(lang, '')}: {data.kind} "
    )
    ref = etree.SubElement(heading, akn("ref"), href=destination)
    ref.text = data.provision.label or data.target_eid
    content = etree.SubElement(body, akn("amendmentContent"))
    mod = etree.SubElement(etree.SubElement(content, akn("p")), akn("mod"), eId="mod_1")
    quoted = etree.SubElement(mod, akn("quotedStructure"), eId="mod_1__qstr_1")
    _quoted_provision(quoted, data, lang)
    if data.rationale:
        justification = etree.SubElement(body, akn("amendmentJustification"))
        for line in data.rationale.split("\n"):
            etree.SubElement(justification, akn("p")).text = line
    return root


def _meta(
    work: AknWork, data: AmendmentData, lang: str, original: str, destination: str
) -> etree._Element:
    meta = write_meta(work, lang)
    references = meta.find(akn("references"))
    reference = references.find(akn("original")) if references is not None else None
    assert references is not None and reference is not None, "write_meta() writes both"
    reference.set("href", original)
    reference.set("showAs", "the amended text")
    lifecycle = etree.Element(akn("lifecycle"), source=f"#{WORKBENCH_ID}")
    event = etree.SubElement(lifecycle, akn("eventRef"), eId="e_1", date=data.tabled_on.isoformat())
    event.set("source", "#original")
    event.set("type", "generation")
    event.set("refersTo", f"#{data.session.eid}")
    meta.insert(1, lifecycle)
    analysis = etree.Element(akn("analysis"), source=f"#{WORKBENCH_ID}")
    textual = etree.SubElement(
        etree.SubElement(analysis, akn("activeModifications")), akn("textualMod")
    )
    textual.set("type", MOD_TYPES[data.kind])
    textual.set("eId", "tmod_1")
    etree.SubElement(textual, akn("source"), href="#mod_1")
    target = etree.SubElement(textual, akn("destination"), href=destination)
    if data.position:
        target.set("pos", data.position)
    meta.insert(2, analysis)
    session = etree.SubElement(references, akn("TLCEvent"), eId=data.session.eid)
    session.set("href", data.session.href)
    session.set("showAs", data.session.name(lang))
    for role in dict.fromkeys(role for _party, role in data.sponsors):
        tlc = etree.SubElement(references, akn("TLCRole"), eId=ROLES[role])
        tlc.set("href", f"/ontology/role/{ROLES[role]}")
        tlc.set(
            "showAs", {"main": "main sponsor", "co": "co-sponsor", "behalf": "on behalf of"}[role]
        )
    return meta


def _preface(doc: etree._Element, data: AmendmentData, lang: str) -> None:
    preface = etree.SubElement(doc, akn("preface"))
    title = etree.SubElement(etree.SubElement(preface, akn("p")), akn("docTitle"))
    title.text = f"Proposal {data.proposal_id}"
    if data.symbol:
        etree.SubElement(etree.SubElement(preface, akn("p")), akn("docNumber")).text = data.symbol
    for party, role in data.sponsors:
        proponent = etree.SubElement(etree.SubElement(preface, akn("p")), akn("docProponent"))
        proponent.set("refersTo", f"#{party.eid}")
        proponent.set("as", f"#{ROLES[role]}")
        proponent.text = party.name(lang)
    status = etree.SubElement(etree.SubElement(preface, akn("p")), akn("docStatus"))
    status.text = data.status
    day = etree.SubElement(etree.SubElement(preface, akn("p")), akn("docDate"))
    day.set("date", data.tabled_on.isoformat())
    day.text = data.tabled_on.isoformat()


def _quoted_provision(quoted: etree._Element, data: AmendmentData, lang: str) -> None:
    item = data.provision
    tag = element_for(item)
    eid = data.target_eid if data.kind != "insert" else EidMaker().make("ins", tag, item.label)
    element = etree.SubElement(quoted, akn(tag), eId=eid)
    if tag == "hcontainer":
        element.set("name", item.kind)
    element.set(wb("kind"), item.kind)
    if data.base_version is not None:
        element.set(wb("baseVersion"), str(data.base_version))
    if item.label:
        etree.SubElement(element, akn("num")).text = item.label
    chosen = pick(item.title, fallback_order(lang, lang))
    if chosen:
        heading = etree.SubElement(element, akn("heading"))
        heading.text = chosen[1]
        if chosen[0] != lang:
            heading.set(XML_LANG, chosen[0])
    content = etree.SubElement(element, akn("content"))
    ops = diff_texts(data.base.get(lang, ""), data.proposed.get(lang, ""), lang).ops
    maker = EidMaker()
    for change, runs in marked_lines(ops):
        p = etree.SubElement(content, akn("p"), eId=maker.make(eid, "p"))
        if change is not None:
            p.set(wb("break"), "ins" if change == "insert" else "del")
        _runs(p, runs)


def _runs(p: etree._Element, runs: list[DiffOp]) -> None:
    last: etree._Element | None = None
    for run in runs:
        if run.op == "equal":
            if last is None:
                p.text = (p.text or "") + run.text
            else:
                last.tail = (last.tail or "") + run.text
            continue
        last = etree.SubElement(p, akn("ins" if run.op == "insert" else "del"))
        last.text = run.text


def expression_language(data: AmendmentData, lang: str | None) -> list[str]:
    """The languages to write a proposal's amendment in: the one asked for if the proposal
    has it, else all of the proposal's own."""
    own = data.languages()
    if lang is None:
        return own
    return [lang] if lang in own else own[:1]
