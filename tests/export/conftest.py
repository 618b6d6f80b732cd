"""Export tests: a realistic negotiating text built by hand, and readers of LibreOffice's output.

The Word files are checked in what LibreOffice makes of them (ODT's content.xml, plain text,
PDF), never only in the XML the writers produced.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from workbench.diff import DiffOp
from workbench.export.model import (
    ExportAlternative,
    ExportChapter,
    ExportDocument,
    ExportProvision,
    Masthead,
    SynopticCell,
    SynopticRow,
    SynopticTable,
)
from workbench.libreoffice import convert_many, libreoffice_available

TXT = "txt:Text (encoded):UTF8"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
NS = {
    "text": TEXT_NS,
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _t(name: str) -> str:
    return f"{{{TEXT_NS}}}{name}"


def requires_libreoffice():
    """Skip when LibreOffice is missing locally; fail under CI, where it must run."""
    if libreoffice_available():
        return
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is not installed, and CI is set: export tests must run")
    pytest.skip("LibreOffice (soffice) is not installed")


# -- the negotiating text -------------------------------------------------------------------

ART2_EN = (
    "1. Each Party shall adopt such legislative and other measures as may be necessary to "
    "establish as criminal offences under its domestic law, when committed intentionally, the "
    "access to the whole or any part of a computer system without right.\n"
    "2. A Party may require that the offence be committed:\n"
    "a) by infringing security measures;\n"
    "b) with the intent of obtaining computer data or other dishonest intent."
)
ART2_ZH = (
    "1. 各缔约方应采取必要的立法和其他措施，将故意无权访问计算机系统的全部或任何部分的行为"
    "规定为其国内法中的刑事犯罪。\n"
    "2. 缔约方可要求该犯罪须：\n"
    "a) 通过破坏安全措施实施；"
)
ART3_EN = (
    "Each Party shall adopt such legislative and other measures as may be necessary to establish "
    "as criminal offences under its domestic law the interception without right, made by "
    "technical means, of non-public transmissions of computer data."
)
ART4_EN = (
    "1. Each Party shall adopt such legislative and other measures as may be necessary to "
    "establish as criminal offences the damaging, deletion, deterioration, alteration or "
    "suppression of computer data without right.\n"
    "2. A Party may reserve the right to require that the conduct result in serious harm."
)
ART5_EN = (
    "1. Each Party shall establish as criminal offences the serious hindering without right of "
    "the functioning of a computer system:\n"
    "a) by inputting, transmitting or damaging computer data;\n"
    "(i) where the hindering affects critical infrastructure;\n"
    "(ii) where the hindering affects a large number of systems.\n"
    "2. Paragraph 1 applies without prejudice to article 4."
)
ELEMENT_ZH = "各国应将非法获取计算机信息系统数据的行为规定为犯罪，并规定相应的刑罚。"
ELEMENT_EN = (
    "States should criminalize the illegal obtaining of data of computer information systems."
)


AHC_EN = (
    "Ad Hoc Committee to Elaborate a Comprehensive International Convention on Countering "
    "the Use of Information and Communications Technologies for Criminal Purposes"
)
AHC_ZH = "拟订一项关于打击为犯罪目的使用信息和通信技术行为的全面国际公约特设委员会"


def china_amendment() -> ExportAlternative:
    """China with the Russian Federation: "computer system" becomes ICT, a paragraph 3 added."""
    old, new = "a computer system", "an information and communications technology system"
    head, tail = ART2_EN.split(old)
    zh_head, zh_tail = ART2_ZH.split("计算机系统", 1)
    return ExportAlternative(
        proposal_id=11,
        kind="amend",
        sponsors=["China", "Russian Federation"],
        sponsors_label="China, Russian Federation",
        author="China; co-sponsors: Russian Federation",
        names={"en": ["China", "Russian Federation"], "zh": ["中国", "俄罗斯联邦"]},
        authors={"zh": "中国；共同提案国：俄罗斯联邦"},
        date=date(2023, 1, 12),
        session="AHC-4",
        text={
            "en": head + new + tail + "\n3. Each Party shall ensure effective penalties.",
            "zh": zh_head + "信息通信技术系统" + zh_tail,
        },
        diff={
            "en": [
                DiffOp("equal", head),
                DiffOp("delete", old),
                DiffOp("insert", new),
                DiffOp("equal", tail),
                DiffOp("insert", "\n3. Each Party shall ensure effective penalties."),
            ],
            "zh": [
                DiffOp("equal", zh_head),
                DiffOp("delete", "计算机系统"),
                DiffOp("insert", "信息通信技术系统"),
                DiffOp("equal", zh_tail),
            ],
        },
    )


def us_amendment() -> ExportAlternative:
    """The United States: "dishonest intent" struck; drafted on an earlier version."""
    head, tail = ART2_EN.split(" or other dishonest intent")
    return ExportAlternative(
        proposal_id=12,
        kind="amend",
        sponsors=["United States of America"],
        sponsors_label="United States of America",
        author="United States of America",
        date=date(2023, 1, 13),
        session="AHC-4",
        stale=True,
        text={"en": head + tail},
        diff={
            "en": [
                DiffOp("equal", head),
                DiffOp("delete", " or other dishonest intent"),
                DiffOp("equal", tail),
            ]
        },
    )


def negotiating_document(languages: list[str]) -> ExportDocument:
    """A negotiating text with agreed provisions, competing proposals, a deletion, insertions."""
    article1 = ExportProvision(
        id=1,
        kind="article",
        label="Article 1",
        title={"en": "Use of terms", "zh": "术语"},
        text={
            "en": "For the purposes of this Convention:\n"
            'a) "computer system" means any device or group of devices;\n'
            'b) "computer data" means any representation of facts.',
            "zh": "为本公约的目的：\na)“计算机系统”系指任何装置或一组装置；",
        },
        agreed=True,
        provenance=["Based on Budapest Convention, Article 1"],
    )
    article2 = ExportProvision(
        id=2,
        kind="article",
        label="Article 2",
        title={"en": "Illegal access", "zh": "非法访问"},
        text={"en": ART2_EN, "zh": ART2_ZH},
        agreed=False,
        provenance=["Based on Budapest Convention, Article 2"],
        alternatives=[china_amendment(), us_amendment()],
        insertions=[
            ExportAlternative(
                proposal_id=13,
                kind="insert",
                sponsors=["Brazil"],
                sponsors_label="Brazil",
                author="Brazil",
                names={"zh": ["巴西"]},
                date=date(2023, 1, 14),
                session="AHC-4",
                label="Article 2 bis",
                title={"en": "Misuse of devices", "zh": "滥用设备"},
                text={
                    "en": "1. Each Party shall criminalize the production of devices designed "
                    "for committing offences.\n2. Paragraph 1 does not apply to "
                    "authorized testing.",
                    "zh": "1. 各缔约方应将制作用于实施犯罪的装置的行为规定为犯罪。",
                },
                diff={},
            )
        ],
    )
    article3 = ExportProvision(
        id=3,
        kind="article",
        label="Article 3",
        title={"en": "Illegal interception"},
        text={"en": ART3_EN, "zh": "各缔约方应将无权截获计算机数据非公开传输的行为规定为犯罪。"},
        agreed=False,
        alternatives=[
            ExportAlternative(
                proposal_id=14,
                kind="amend",
                sponsors=["India"],
                sponsors_label="India",
                author="India",
                date=date(2023, 1, 15),
                session="AHC-4",
                text={"en": ART3_EN.replace("without right", "dishonestly or without right")},
                diff={
                    "en": [
                        DiffOp("equal", ART3_EN.split("without right")[0]),
                        DiffOp("insert", "dishonestly or "),
                        DiffOp("equal", "without right" + ART3_EN.split("without right")[1]),
                    ]
                },
            )
        ],
    )
    article4 = ExportProvision(
        id=4,
        kind="article",
        label="Article 4",
        title={"en": "Data interference"},
        text={"en": ART4_EN},
        agreed=False,
        provenance=["Based on Budapest Convention, Article 4"],
        alternatives=[
            ExportAlternative(
                proposal_id=15,
                kind="delete",
                sponsors=["United States of America", "Japan"],
                sponsors_label="United States of America, Japan",
                author="United States of America; co-sponsors: Japan",
                names={"zh": ["美利坚合众国", "日本"]},
                authors={"zh": "美利坚合众国；共同提案国：日本"},
                date=date(2023, 1, 16),
                session="AHC-4",
                text={},
                diff={"en": [DiffOp("delete", ART4_EN)]},
            )
        ],
    )
    article5 = ExportProvision(
        id=5,
        kind="article",
        label="Article 5",
        title={"en": "System interference", "zh": "系统干扰"},
        text={"en": ART5_EN, "zh": "1. 各缔约方应将无权严重妨碍计算机系统运行的行为规定为犯罪。"},
        agreed=True,
        provenance=[
            "Based on Budapest Convention, Article 5",
            "Text as agreed at AHC-4 on the proposal of China, Russian Federation",
        ],
    )
    element = ExportProvision(
        id=6,
        kind="element",
        label="三.（三）1",
        title={"zh": "非法获取计算机信息系统数据", "en": "Illegal obtaining of data"},
        text={"zh": ELEMENT_ZH, "en": ELEMENT_EN},
        agreed=True,
        provenance=["Based on China's proposal (2021), element 三.（三）1"],
    )
    chapter1 = ExportChapter(
        kind="chapter",
        label="Chapter I",
        title={"en": "General provisions", "zh": "总则"},
        level=1,
        items=[article1],
    )
    section = ExportChapter(
        kind="section",
        label="Section 1",
        title={
            "en": "Offences against computer data and systems",
            "zh": "侵害计算机数据和系统的犯罪",
        },
        level=2,
        items=[article2, article3, article4, article5],
    )
    chapter2 = ExportChapter(
        kind="chapter",
        label="Chapter II",
        title={"en": "Measures to be taken at the national level", "zh": "国家一级应采取的措施"},
        level=1,
        items=[section],
    )
    chapter3 = ExportChapter(
        kind="chapter",
        label="Chapter III",
        title={"en": "Criminalization", "zh": "刑事定罪"},
        level=1,
        items=[element],
        insertions=[
            ExportAlternative(
                proposal_id=16,
                kind="insert",
                sponsors=["South Africa on behalf of the African Group"],
                sponsors_label="South Africa on behalf of the African Group",
                author="South Africa on behalf of the African Group",
                date=date(2023, 1, 17),
                session="AHC-4",
                label="Article 6",
                title={"en": "Scope of criminalization"},
                text={
                    "en": "This chapter applies to offences established in accordance with this "
                    "Convention."
                },
            )
        ],
    )
    return ExportDocument(
        slug="ahc-negotiating-text",
        title={
            "en": "Draft United Nations convention on countering the use of information "
            "and communications technologies for criminal purposes",
            "zh": "联合国打击为犯罪目的使用信息和通信技术公约草案",
        },
        symbol="A/AC.291/L.4",
        date=date(2023, 1, 20),
        languages=languages,
        session="Fourth session of the Ad Hoc Committee (AHC-4), Vienna, 9-20 January 2023",
        items=[chapter1, chapter2, chapter3],
        masthead=Masthead(
            committee={"en": AHC_EN, "zh": AHC_ZH},
            session={"en": "Fourth session", "zh": "第四届会议"},
            place={"en": "Vienna, 9–20 January 2023", "zh": "维也纳，2023年1月9日至20日"},
            agenda_item="Item 4 of the provisional agenda",
        ),
    )


def session_changes_document() -> ExportDocument:
    """Changes between two sessions ("change" alternatives), as the session export builds them."""
    old = "Each Party shall cooperate to the widest extent possible."
    return ExportDocument(
        slug="ahc-negotiating-text",
        title={"en": "Negotiating text"},
        symbol=None,
        session="Fifth session of the Ad Hoc Committee (AHC-5)",
        date=date(2023, 4, 21),
        languages=["en"],
        note="Changes between AHC-4 and AHC-5",
        items=[
            ExportProvision(
                id=7,
                kind="article",
                label="Article 35",
                title={"en": "General principles"},
                text={"en": old},
                agreed=False,
                alternatives=[
                    ExportAlternative(
                        proposal_id=21,
                        kind="change",
                        sponsors=["Mexico"],
                        sponsors_label="Mexico",
                        author="Mexico",
                        date=date(2023, 4, 12),
                        session="AHC-5",
                        text={"en": old.replace("cooperate", "afford one another assistance")},
                        diff={
                            "en": [
                                DiffOp("equal", "Each Party shall "),
                                DiffOp("delete", "cooperate"),
                                DiffOp("insert", "afford one another assistance"),
                                DiffOp("equal", " to the widest extent possible."),
                            ]
                        },
                    )
                ],
            )
        ],
    )


def synoptic_table() -> SynopticTable:
    """Illegal access across China's proposal, Budapest, the Russian draft, the negotiating text."""
    rows = [
        SynopticRow(
            matter=f"Illegal access ({number})",
            cells=[
                SynopticCell(entries=[("三.（三）1 非法获取计算机信息系统数据", ELEMENT_ZH)]),
                SynopticCell(entries=[("Article 2 Illegal access", ART2_EN)]),
                SynopticCell(note="No corresponding provision."),
                SynopticCell(
                    entries=[("Article 2 Illegal access", ART2_EN)],
                    note="Partial: narrower than the Budapest text",
                ),
            ],
        )
        for number in range(1, 9)
    ]
    return SynopticTable(
        title="Illegal access to information systems",
        subtitle="Each instrument's provisions on the matter",
        date=date(2023, 1, 20),
        columns=[
            "China's proposal (2021)",
            "Budapest Convention",
            "Russian draft (2017)",
            "Negotiating text",
        ],
        rows=rows,
    )


# -- reading what LibreOffice made ---------------------------------------------------------


def convert_all(paths: list[Path], folder: Path, formats: Iterable[str] = ("odt", TXT)):
    """Convert files to several formats at once (one LibreOffice start per format, in parallel)."""
    formats = list(formats)
    with ThreadPoolExecutor(max_workers=len(formats)) as pool:
        futures = {
            fmt: pool.submit(convert_many, paths, fmt, folder / fmt.split(":")[0])
            for fmt in formats
        }
        return {
            fmt.split(":")[0]: dict(zip(paths, future.result(), strict=True))
            for fmt, future in futures.items()
        }


def odt_content(path: Path):
    """The parsed content.xml of an ODT file."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("content.xml"))


def odt_styles(path: Path):
    """The parsed styles.xml of an ODT file."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("styles.xml"))


def read_text(path: Path) -> str:
    """A text export, without its byte-order mark."""
    return path.read_text(encoding="utf-8-sig")


def odf_text(element) -> str:
    """The text of an ODF element: spaces and tabs expanded, footnotes and change marks left out."""
    parts: list[str] = []

    def walk(node):
        if node.tag == _t("s"):
            parts.append(" " * int(node.get(_t("c"), "1")))
        elif node.tag == _t("tab"):
            parts.append("\t")
        elif node.tag == _t("line-break"):
            parts.append("\n")
        elif node.tag != _t("note"):
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


@dataclass
class Change:
    """One tracked change as LibreOffice recorded it."""

    kind: str  # "insertion" or "deletion"
    author: str
    date: str
    text: str


def odt_changes(root) -> list[Change]:
    """Every tracked change: deleted text from its region, inserted text from the body marks."""
    changes: dict[str, Change] = {}
    for region in root.iterfind(".//text:tracked-changes/text:changed-region", NS):
        kind = region[0]
        info = kind.find("office:change-info", NS)
        deleted = "\n".join(odf_text(p) for p in kind if p.tag in (_t("p"), _t("h")))
        changes[region.get(_t("id"))] = Change(
            etree.QName(kind).localname,
            info.findtext("dc:creator", namespaces=NS),
            info.findtext("dc:date", namespaces=NS),
            deleted,
        )
    active: list[str] = []

    def add(text: str | None):
        for change_id in active:
            changes[change_id].text += text or ""

    def walk(node):
        if node.tag == _t("change-start"):
            active.append(node.get(_t("change-id")))
        elif node.tag == _t("change-end"):
            active.remove(node.get(_t("change-id")))
        elif node.tag == _t("s"):
            add(" " * int(node.get(_t("c"), "1")))
        elif node.tag not in (_t("tracked-changes"), _t("note")):
            add(node.text)
            for child in node:
                walk(child)
                add(child.tail)
            if node.tag in (_t("p"), _t("h")):
                add("\n")

    walk(root.find(".//office:text", NS))
    return list(changes.values())


def body_headings(root) -> list[tuple[int, str]]:
    """Headings in the body (outline level, text), leaving out deleted ones and the contents."""
    body = root.find(".//office:text", NS)
    headings = []
    for heading in body.iter(_t("h")):
        if any(
            a.tag in (_t("tracked-changes"), _t("table-of-content"))
            for a in heading.iterancestors()
        ):
            continue
        headings.append((int(heading.get(_t("outline-level"))), odf_text(heading).strip()))
    return headings


def footnotes(root) -> list[str]:
    """The text of each footnote, its paragraphs joined by " | "."""
    return [
        " | ".join(odf_text(p).strip() for p in note.iterfind("text:note-body/text:p", NS))
        for note in root.iter(_t("note"))
        if note.get(_t("note-class")) == "footnote"
    ]


def contents_entries(root) -> list[str]:
    """The paragraphs of the (not yet updated) table of contents."""
    toc = root.find(".//text:table-of-content", NS)
    if toc is None:
        return []
    return [odf_text(p) for p in toc.find("text:index-body", NS).iter(_t("p"))]
