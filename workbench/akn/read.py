"""Reading an Akoma Ntoso 3.0 act, bill or doc into the structure every importer produces.

The workbench's own documents carry ``wb:kind`` and come back exactly. Documents of other
systems are mapped onto the workbench's kinds: ``book``/``tome``/``subpart`` as parts,
``subchapter`` as chapters, ``division`` as sections, a ``section`` holding no articles
(Indigo's) as an article, ``<hcontainer>``s and anything else as provisions of the nearest
kind, attachments and components as annexes; each approximation is one warning, and no
text is dropped (it becomes wording of the nearest provision).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from workbench.akn.names import XML_LANG, akn, local, wb, work_uri_of, workbench_language
from workbench.akn.wording import (
    Line,
    block_lines,
    clean_line,
    inline_text,
    read_lines,
    read_wording,
)
from workbench.errors import InvalidInput
from workbench.instruments.models import ChapterKind, ProvisionKind
from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision

CHAPTER_KINDS = {kind.value for kind in ChapterKind}
PROVISION_KINDS = {kind.value for kind in ProvisionKind}
# AKN divisions -> (workbench chapter kind, whether that is an approximation).
DIVISIONS = {
    "book": ("part", True), "tome": ("part", True), "part": ("part", False),
    "subpart": ("part", True), "title": ("title", False), "subtitle": ("title", True),
    "chapter": ("chapter", False), "subchapter": ("chapter", True),
    "division": ("section", True), "subdivision": ("section", True),
    "section": ("section", False),
}  # fmt: skip
PROVISIONS = {
    "article": ("article", False), "paragraph": ("paragraph", False),
    "section": ("article", True), "rule": ("article", True), "clause": ("article", True),
}  # fmt: skip
# Elements that are provisions or divisions themselves, never a provision's wording.
STRUCTURE = set(DIVISIONS) | {"article", "rule", "clause", "hcontainer"}
DOCUMENTS = ("act", "bill", "doc")


@dataclass
class AknText:
    """An imported act, bill or doc: what its metadata says, and its structure."""

    doctype: str
    language: str
    parsed: ParsedInstrument
    work_uri: str | None = None
    titles: dict[str, str] = field(default_factory=dict)
    short_titles: dict[str, str] = field(default_factory=dict)
    symbol: str | None = None
    work_date: date | None = None
    author_code: str | None = None
    author_name: str | None = None


def document_of(root: etree._Element, name: str) -> etree._Element:
    """The document element inside ``<akomaNtoso>``."""
    for child in root:
        if local(child.tag):
            return child
    raise InvalidInput(f"{name} holds no document inside <akomaNtoso>.")


def read_text(root: etree._Element, name: str, language: str | None = None) -> AknText:
    """The instrument an AKN act, bill or doc holds (the document already validated)."""
    doc = document_of(root, name)
    doctype = local(doc.tag)
    if doctype == "amendment":
        raise InvalidInput(f"{name} is an amendment, not a text; import it with import-proposals.")
    if doctype not in DOCUMENTS:
        raise InvalidInput(
            f"{name} holds a {doctype} document; the workbench imports acts, bills and docs."
        )
    meta = read_meta(doc, name, language)
    reader = _Reader(meta.language)
    children = reader.document(doc, meta)
    if not children:
        raise InvalidInput(f"{name} holds no chapters, articles or provisions to import.")
    meta.parsed = ParsedInstrument(
        title=dict(meta.titles),
        language=meta.language,
        children=children,
        warnings=reader.warnings(),
    )
    return meta


def read_meta(doc: etree._Element, name: str, language: str | None = None) -> AknText:
    """The work's URI, language, titles, symbol, date and author from ``<meta>``."""
    frbr_work = doc.find(f"{akn('meta')}/{akn('identification')}/{akn('FRBRWork')}")
    expression = doc.find(f"{akn('meta')}/{akn('identification')}/{akn('FRBRExpression')}")
    found = expression.find(akn("FRBRlanguage")) if expression is not None else None
    code = found.get("language") if found is not None else None
    lang = language or workbench_language(code)
    if lang is None:
        raise InvalidInput(
            f"{name} is written in {code!r}; the workbench holds English, Chinese, French, "
            "Spanish, Russian and Arabic texts (say which with --language)."
        )
    text = AknText(doctype=local(doc.tag), language=lang, parsed=ParsedInstrument())
    if frbr_work is None:
        return text
    uri = frbr_work.find(akn("FRBRuri"))
    text.work_uri = work_uri_of(uri.get("value") if uri is not None else None)
    for alias in frbr_work.findall(akn("FRBRalias")):
        key, value = alias.get("name") or "", clean_line(alias.get("value") or "")
        if key.startswith("title-") and workbench_language(key[6:]) and value:
            text.titles[workbench_language(key[6:]) or lang] = value
        elif key.startswith("short-title-") and workbench_language(key[12:]) and value:
            text.short_titles[workbench_language(key[12:]) or lang] = value
        elif key == "title" and value:
            text.titles.setdefault(lang, value)
        elif key == "symbol" and value:
            text.symbol = value
    when = frbr_work.find(akn("FRBRdate"))
    text.work_date = _date(when.get("date") if when is not None else None)
    author = frbr_work.find(akn("FRBRauthor"))
    href = (author.get("href") or "") if author is not None else ""
    if href.startswith("#") and href != "#workbench":
        tlc = next(
            (
                e
                for e in doc.iter(akn("TLCOrganization"), akn("TLCPerson"))
                if e.get("eId") == href[1:]
            ),
            None,
        )
        text.author_code = href[1:]
        text.author_name = tlc.get("showAs") if tlc is not None else None
    return text


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


class _Reader:
    """Walks a document, turning its structure into chapters and provisions."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.approximations: Counter[str] = Counter()
        self.annexes = 0

    def warnings(self) -> list[str]:
        return [f"{count} {what}." for what, count in sorted(self.approximations.items())]

    def document(self, doc: etree._Element, meta: AknText) -> list[ParsedChapter | ParsedProvision]:
        items: list[ParsedChapter | ParsedProvision] = []
        for part in doc:
            name = local(part.tag)
            if name in ("preface", "coverPage"):
                items += self.preface(part, meta)
            elif name == "preamble":
                items += self.blocks(part, "preamble", "Preamble")
            elif name in ("body", "mainBody"):
                items += self.children(part)
            elif name == "conclusions":
                items += self.blocks(part, "final_clause", "Final clause")
            elif name in ("attachments", "components"):
                items += self.attachments(part)
        return items

    def preface(self, preface: etree._Element, meta: AknText) -> list[ParsedProvision]:
        """Take the title and symbol; other text of the preface is kept as a provision."""
        lines = []
        for block in preface:
            title = block.find(f".//{akn('docTitle')}")
            number = block.find(f".//{akn('docNumber')}")
            text = inline_text(block)
            if title is not None and inline_text(title):
                meta.titles.setdefault(self.language, inline_text(title))
            if number is not None and inline_text(number):
                meta.symbol = meta.symbol or inline_text(number)
            known = {inline_text(e) for e in (title, number) if e is not None}
            if text and text not in known:
                lines += [line.text for line in block_lines([block])]
        if not [line for line in lines if line]:
            return []
        self.approximations["paragraph(s) of the preface were kept as a provision"] += 1
        return [self._provision("other", "Preface", None, lines, preface)]

    def blocks(self, part: etree._Element, kind: str, label: str) -> list[ParsedProvision]:
        """A preamble or conclusions: one provision per block container, loose text in one."""
        items: list[ParsedProvision] = []
        loose: list[str] = []
        for child in part:
            if local(child.tag) == "blockContainer" and (
                child.get(wb("kind")) or child.find(akn("num")) is not None
            ):
                if loose:
                    items.append(self._provision(kind, label, None, loose, part))
                    loose = []
                items.append(self.provision(child, kind))
            elif local(child.tag):
                loose += [line.text for line in read_lines(child)]
        if [line for line in loose if line]:
            items.append(self._provision(kind, label, None, loose, part))
        return items

    def children(self, parent: etree._Element) -> list[ParsedChapter | ParsedProvision]:
        items: list[ParsedChapter | ParsedProvision] = []
        loose: list[Line] = []
        for child in parent:
            name = local(child.tag)
            if not name or name in ("num", "heading", "subheading"):
                continue
            if self._is_item(child):
                if loose:
                    items.append(self._loose(parent, loose))
                    loose = []
                items.append(self.item(child))
            else:
                loose += block_lines([child])
        if [line for line in loose if line.text]:
            items.append(self._loose(parent, loose))
        return items

    def _loose(self, parent: etree._Element, lines: list[Line]) -> ParsedProvision:
        # Text that stands in a division beside its articles (an intro, a wrap-up): a chapeau.
        num = parent.find(akn("num"))
        label = inline_text(num) if num is not None else ""
        self.approximations["passage(s) of text outside any provision were kept as chapeaux"] += 1
        return self._provision("chapeau", label, None, [line.text for line in lines], parent)

    def _is_item(self, element: etree._Element) -> bool:
        name = local(element.tag)
        return (
            bool(element.get(wb("kind")))
            or name in STRUCTURE
            or name in PROVISIONS
            or (name in _OTHER_HIER)
        )

    def item(self, element: etree._Element) -> ParsedChapter | ParsedProvision:
        name = local(element.tag)
        kind = element.get(wb("kind"))
        if kind in CHAPTER_KINDS or (kind is None and self._is_division(element)):
            return self.division(element, kind)
        if kind in PROVISION_KINDS:
            return self.provision(element, kind)
        if name == "hcontainer":
            hname = element.get("name") or ""
            if hname in PROVISION_KINDS:
                return self.provision(element, hname)
            self.approximations[
                f'<hcontainer name="{hname}"> element(s) were read as provisions of kind other'
            ] += 1
            return self.provision(element, "other")
        mapped, approximate = PROVISIONS.get(name, ("other", True))
        if approximate:
            self.approximations[f"<{name}> element(s) were read as {mapped} provisions"] += 1
        return self.provision(element, mapped)

    def _is_division(self, element: etree._Element) -> bool:
        name = local(element.tag)
        if name == "hcontainer":
            hname = element.get("name") or ""
            if hname in CHAPTER_KINDS:
                return True
            if hname in PROVISION_KINDS:
                return False
        elif name not in DIVISIONS:
            return False
        structured = any(local(child.tag) in STRUCTURE for child in element)
        return structured or (name in DIVISIONS and name not in PROVISIONS)

    def division(self, element: etree._Element, kind: str | None) -> ParsedChapter:
        name = local(element.tag)
        if kind is None:
            if name == "hcontainer":
                hname = element.get("name") or ""
                kind = hname if hname in CHAPTER_KINDS else "section"
                if hname not in CHAPTER_KINDS:
                    self.approximations[
                        f'<hcontainer name="{hname}"> element(s) were read as sections'
                    ] += 1
            else:
                kind, approximate = DIVISIONS[name]
                if approximate:
                    self.approximations[f"<{name}> element(s) were read as {kind}s"] += 1
        title, official = self._heading(element)
        return ParsedChapter(
            kind=kind,
            label=self._label(element),
            title=title,
            children=self.children(element),
            unofficial={lang for lang, ok in official.items() if not ok},
        )

    def provision(self, element: etree._Element, kind: str) -> ParsedProvision:
        lines = read_wording(element).split("\n")
        return self._provision(kind, self._label(element), self._heading(element), lines, element)

    def _provision(
        self,
        kind: str,
        label: str,
        heading: tuple[dict[str, str], dict[str, bool]] | None,
        lines: list[str],
        element: etree._Element,
    ) -> ParsedProvision:
        title, official = heading if heading else ({}, {})
        wording = "\n".join(line for line in lines if line)
        lang = self._lang(element)
        unofficial = {code for code, ok in official.items() if not ok}
        if wording and element.get(wb("official")) == "false":
            unofficial.add(lang)
        return ParsedProvision(
            kind=kind,
            label=label,
            title=title,
            text={lang: wording} if wording else {},
            unofficial=unofficial,
        )

    def _label(self, element: etree._Element) -> str:
        num = element.find(akn("num"))
        return inline_text(num) if num is not None else ""

    def _heading(self, element: etree._Element) -> tuple[dict[str, str], dict[str, bool]]:
        heading = element.find(akn("heading"))
        if heading is None or not inline_text(heading):
            return {}, {}
        lang = self._lang(heading)
        return {lang: inline_text(heading)}, {lang: heading.get(wb("official")) != "false"}

    def _lang(self, element: etree._Element) -> str:
        node: etree._Element | None = element
        while node is not None:
            code = node.get(XML_LANG)
            if code:
                return workbench_language(code) or self.language
            node = node.getparent()
        return self.language

    def attachments(self, part: etree._Element) -> list[ParsedChapter]:
        """Attachments and components (schedules, annexes) as annexes, numbered in order."""
        annexes = []
        for attachment in part:
            inner = next((c for c in attachment if local(c.tag) in DOCUMENTS), None)
            if inner is None:
                continue
            meta = read_meta(inner, "an attachment", self.language)
            children = self.document(inner, meta)
            heading = attachment.find(akn("heading"))
            title = (
                inline_text(heading)
                if heading is not None
                else meta.titles.get(self.language) or inner.get("name") or ""
            )
            self.annexes += 1
            annexes.append(
                ParsedChapter(
                    kind="annex",
                    label=self._label(attachment) or f"Annex {self.annexes}",
                    title={self.language: title} if title else {},
                    children=children,
                )
            )
            self.approximations[f"<{local(attachment.tag)}> element(s) were read as annexes"] += 1
        return annexes


_OTHER_HIER = {
    "alinea", "indent", "level", "list", "point", "proviso", "subclause", "subdivision",
    "sublist", "subparagraph", "subrule", "subsection", "transitional", "crossHeading",
}  # fmt: skip
