"""Akoma Ntoso names: FRBR URIs of works and expressions, language codes, and eIds.

FRBR URIs follow the AKN naming convention (``/akn/un/act/convention/2001/ets185`` for the
work, ``.../eng@2001-11-23`` for its English expression). eIds are built the standard way:
the parent's eId, ``__``, the element's abbreviation (``chp``, ``art``, ``para``), ``_`` and
the number read from its ``<num>`` (``chp_II__sec_1__art_2__para_1``); an element without a
number is counted within its parent (``hcontainer_1``); a clash gets ``_2``, ``_3``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# The workbench's own attributes (element kinds, working translations): other systems
# ignore them, the schema allows them (``anyAttribute namespace="##other"``).
WB_NS = "urn:x-treaty-workbench:akn:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
COUNTRY = "un"

# Workbench language code <-> ISO 639-2/B code used in FRBR expression URIs.
ISO639_2 = {"en": "eng", "zh": "zho", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara"}
FROM_ISO639_2 = {code: lang for lang, code in ISO639_2.items()} | {"chi": "zh", "fre": "fr"}


def akn(tag: str) -> str:
    """The qualified name of an Akoma Ntoso element."""
    return f"{{{AKN_NS}}}{tag}"


def wb(name: str) -> str:
    """The qualified name of a workbench attribute."""
    return f"{{{WB_NS}}}{name}"


def local(tag: object) -> str:
    """An element's name without its namespace ('' for comments and processing instructions)."""
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def frbr_language(lang: str) -> str:
    """The three-letter code of a workbench language (``en`` -> ``eng``)."""
    return ISO639_2.get(lang, lang)


def workbench_language(code: str | None) -> str | None:
    """The workbench language of a three- or two-letter code, or None when it has none."""
    if not code:
        return None
    code = code.lower().split("-")[0]
    if code in ISO639_2:
        return code
    return FROM_ISO639_2.get(code)


@dataclass(frozen=True)
class WorkName:
    """The parts of a work's FRBR URI: ``/akn/un/{doctype}/{subtype}/{year}/{number}``."""

    doctype: str  # act, bill, amendment
    subtype: str | None
    year: str
    number: str

    @property
    def work(self) -> str:
        parts = ["", "akn", COUNTRY, self.doctype]
        if self.subtype:
            parts.append(self.subtype)
        return "/".join([*parts, self.year, self.number])

    def expression(self, lang: str, on: date) -> str:
        """The URI of the work's expression in a language at a date."""
        return f"{self.work}/{frbr_language(lang)}@{on.isoformat()}"

    def manifestation(self, lang: str, on: date) -> str:
        """The URI of the XML manifestation of that expression."""
        return f"{self.expression(lang, on)}.xml"


_URI = re.compile(
    r"^/akn/(?P<country>[a-z]{2}(-[^/]+)?)/(?P<doctype>[^/]+)(/(?P<subtype>[^0-9/][^/]*))?"
    r"/(?P<year>[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)/(?P<number>[^/!~.@]+)"
)


def work_uri_of(uri: str | None) -> str | None:
    """The work URI an expression, manifestation or portion URI belongs to."""
    match = _URI.match(uri or "")
    return match.group(0) if match else None


def number_from(symbol: str | None, fallback: str) -> str:
    """A work number for a URI from a document symbol (``ETS No. 185`` -> ``ets185``)."""
    if symbol:
        text = re.sub(r"\bno\.?\s*", "", symbol.lower())
        text = re.sub(r"\s+", "", text)
        text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
        if text:
            return text
    return re.sub(r"[^a-z0-9]+", "-", fallback.lower()).strip("-") or "text"


def subtype_of(title: str | None, doctype: str) -> str:
    """The work subtype read from its title: convention, protocol, resolution, proposal..."""
    words = (title or "").lower()
    for subtype in ("protocol", "convention", "treaty", "agreement", "resolution"):
        if subtype in words:
            return subtype
    return "draft" if doctype == "bill" else "proposal"


# --- eIds ----------------------------------------------------------------------------------

ABBREVIATIONS = {
    "alinea": "al",
    "article": "art",
    "blockContainer": "blockcontainer",
    "blockList": "list",
    "chapter": "chp",
    "clause": "cl",
    "division": "dvs",
    "paragraph": "para",
    "quotedStructure": "qstr",
    "section": "sec",
    "subchapter": "subchp",
    "subparagraph": "subpara",
    "subsection": "subsec",
}
_KIND_WORDS = re.compile(
    r"^(article|art\.|chapter|chap\.|section|sect\.|title|part|annex|appendix|paragraph|"
    r"para\.|element|point|item|rule|clause)\s+",
    re.IGNORECASE,
)
_ZH_ORDINAL = re.compile(r"^第(?P<num>.+?)[条章节编款项部分]$")
_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_ZH_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_NUMERAL = re.compile("[〇零一二两三四五六七八九十百]+")
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)


def chinese_number(numeral: str) -> int:
    """The value of a Chinese numeral up to 999 (十二 -> 12, 一百零五 -> 105)."""
    total, digit = 0, 0
    for char in numeral:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        elif char == "百":
            total += (digit or 1) * 100
            digit = 0
    return total + digit


def eid_number(label: str | None) -> str | None:
    """The number part of an eId read from a label, or None when it holds no number.

    ``Article 2`` -> ``2``; ``Chapter II`` -> ``II``; ``a)`` -> ``a``; ``三.（三）1`` -> ``3-3-1``;
    ``Preamble`` -> None (the element is counted instead).
    """
    text = (label or "").strip()
    zh = _ZH_ORDINAL.match(text)
    if zh:
        text = zh["num"]
    text = _KIND_WORDS.sub("", text)
    text = _ZH_NUMERAL.sub(lambda m: f"-{chinese_number(m.group(0))}-", text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-")
    if not text or re.search(r"[^0-9A-Za-z-]", text):
        return None
    if any(ch.isdigit() for ch in text) or _ROMAN.match(text) or len(text) <= 2:
        return text
    return None


@dataclass
class EidMaker:
    """Hands out unique eIds within one document, the same ones on every run."""

    used: set[str] = field(default_factory=set)
    counters: dict[tuple[str, str], int] = field(default_factory=dict)

    def make(self, prefix: str, tag: str, label: str | None = None) -> str:
        """The eId of an element named ``tag`` with this label inside ``prefix``."""
        name = ABBREVIATIONS.get(tag, tag)
        number = eid_number(label)
        if number is None:
            key = (prefix, name)
            self.counters[key] = self.counters.get(key, 0) + 1
            number = str(self.counters[key])
        candidate = f"{prefix}__{name}_{number}" if prefix else f"{name}_{number}"
        unique, extra = candidate, 1
        while unique in self.used:
            extra += 1
            unique = f"{candidate}_{extra}"
        self.used.add(unique)
        return unique


PROVISION_ELEMENTS = {"article": "article", "paragraph": "paragraph"}
DIVISION_ELEMENTS = {"part": "part", "chapter": "chapter", "section": "section", "title": "title"}


def element_for(item: ParsedChapter | ParsedProvision) -> str:
    """The AKN element a chapter or provision is written as (hcontainer for the others)."""
    table = DIVISION_ELEMENTS if isinstance(item, ParsedChapter) else PROVISION_ELEMENTS
    return table.get(item.kind, "hcontainer")


def outline_eids(parsed: ParsedInstrument, maker: EidMaker | None = None) -> list[str]:
    """The eId of every chapter and provision of the body, in ``parsed.walk()`` order.

    Preambles and final clauses ahead of and after the body are placed in ``<preamble>``
    and ``<conclusions>`` (see ``placement``) and get their eIds there.
    """
    maker = maker or EidMaker()
    leading, trailing = placement(parsed)
    eids: list[str] = []

    def visit(items: list[ParsedChapter | ParsedProvision], prefix: str, top: bool) -> None:
        for index, item in enumerate(items):
            if top and index < leading:
                eids.append(maker.make("preamble", "blockContainer", item.label))
                continue
            if top and index >= len(items) - trailing:
                eids.append(maker.make("conclusions", "blockContainer", item.label))
                continue
            eid = maker.make(prefix, element_for(item), item.label)
            eids.append(eid)
            if isinstance(item, ParsedChapter):
                visit(item.children, eid, False)

    visit(parsed.children, "", True)
    return eids


def placement(parsed: ParsedInstrument) -> tuple[int, int]:
    """How many top-level provisions open the text as its preamble, and close it as its
    final clauses; the body keeps at least one item."""
    items = parsed.children
    leading = 0
    while leading < len(items) - 1 and _is(items[leading], "preamble"):
        leading += 1
    trailing = 0
    while trailing < len(items) - leading - 1 and _is(items[-1 - trailing], "final_clause"):
        trailing += 1
    return leading, trailing


def _is(item: ParsedChapter | ParsedProvision, kind: str) -> bool:
    return isinstance(item, ParsedProvision) and item.kind == kind
