"""Writing an instrument as an Akoma Ntoso 3.0 ``<act>`` (a source) or ``<bill>`` (a
negotiating text), one language expression at a time.

Chapters, sections, titles and parts are written as those AKN elements; articles as
``<article>``, paragraph provisions as ``<paragraph>``, the workbench's other kinds
(elements, objectives, scope, chapeaux) as ``<hcontainer name="...">``; a leading preamble
goes into ``<preamble>`` and trailing final clauses into ``<conclusions>``. A title or
wording missing in the expression's language is given in another one, marked with
``xml:lang``; working translations are marked ``wb:official="false"``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from workbench.akn.document import WORKBENCH_HREF, WORKBENCH_ID, AknWork
from workbench.akn.names import (
    AKN_NS,
    WB_NS,
    XML_LANG,
    EidMaker,
    akn,
    element_for,
    frbr_language,
    outline_eids,
    placement,
    wb,
)
from workbench.akn.wording import write_wording
from workbench.languages import LANGUAGES
from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision

# lxml takes the None key as the default namespace; its stubs type nsmap as str keys only.
NSMAP: dict[str, str] = {None: AKN_NS, "wb": WB_NS}  # type: ignore[dict-item]


def fallback_order(lang: str, original: str) -> list[str]:
    """The languages to take a missing title or wording from, best first."""
    order = [lang, original, "en", "zh", *LANGUAGES]
    return list(dict.fromkeys(order))


def pick(values: dict[str, str], order: list[str]) -> tuple[str, str] | None:
    """The first (language, value) present in the order, or None."""
    for lang in order:
        if values.get(lang):
            return lang, values[lang]
    return None


def write_instrument(work: AknWork, parsed: ParsedInstrument, lang: str) -> etree._Element:
    """The ``<akomaNtoso>`` root of the instrument's expression in ``lang``."""
    root = etree.Element(akn("akomaNtoso"), nsmap=NSMAP)
    doc = etree.SubElement(root, akn(work.name.doctype))
    doc.set("name", work.name.subtype or work.name.doctype)
    doc.append(write_meta(work, lang))
    order = fallback_order(lang, work.language)
    _preface(doc, work, lang)
    maker = EidMaker()
    eids = iter(outline_eids(parsed, maker))
    leading, trailing = placement(parsed)
    items = parsed.children
    if leading:
        preamble = etree.SubElement(doc, akn("preamble"))
        for item in items[:leading]:
            _block_container(preamble, item, next(eids), lang, order, maker)
    body = etree.SubElement(doc, akn("body"))
    for item in items[leading : len(items) - trailing]:
        _item(body, item, eids, lang, order, maker)
    if trailing:
        conclusions = etree.SubElement(doc, akn("conclusions"))
        for item in items[len(items) - trailing :]:
            _block_container(conclusions, item, next(eids), lang, order, maker)
    return root


def write_meta(work: AknWork, lang: str) -> etree._Element:
    """``<meta>``: FRBR identification, lifecycle and references of an expression."""
    meta = etree.Element(akn("meta"))
    ident = etree.SubElement(meta, akn("identification"), source=f"#{WORKBENCH_ID}")
    name, on = work.name, work.expression_date
    author = f"#{work.author.eid}" if work.author else f"#{WORKBENCH_ID}"
    levels = (
        ("FRBRWork", f"{name.work}/!main", name.work, work.work_date),
        ("FRBRExpression", f"{name.expression(lang, on)}/!main", name.expression(lang, on), on),
        ("FRBRManifestation", f"{name.expression(lang, on)}/!main.xml", name.manifestation(lang, on), on),
    )  # fmt: skip
    for level, this, uri, when in levels:
        frbr = etree.SubElement(ident, akn(level))
        etree.SubElement(frbr, akn("FRBRthis"), value=this)
        etree.SubElement(frbr, akn("FRBRuri"), value=uri)
        if level == "FRBRWork":
            _aliases(frbr, work, lang)
        etree.SubElement(frbr, akn("FRBRdate"), date=when.isoformat(), name="Generation")
        etree.SubElement(frbr, akn("FRBRauthor"), href=author)
        if level == "FRBRWork":
            etree.SubElement(frbr, akn("FRBRcountry"), value=name.work.split("/")[2])
            if name.subtype:
                etree.SubElement(frbr, akn("FRBRsubtype"), value=name.subtype)
            etree.SubElement(frbr, akn("FRBRnumber"), value=name.number)
        elif level == "FRBRExpression":
            etree.SubElement(frbr, akn("FRBRlanguage"), language=frbr_language(lang))
    if work.events:
        lifecycle = etree.SubElement(meta, akn("lifecycle"), source=f"#{WORKBENCH_ID}")
        for index, event in enumerate(work.events, start=1):
            ref = etree.SubElement(lifecycle, akn("eventRef"))
            ref.set("eId", f"e_{index}")
            ref.set("date", event.on.isoformat())
            ref.set("source", "#original")
            ref.set("type", event.type)
            if event.session is not None:
                ref.set("refersTo", f"#{event.session.eid}")
    references = etree.SubElement(meta, akn("references"), source=f"#{WORKBENCH_ID}")
    original = etree.SubElement(references, akn("original"), eId="original")
    original.set("href", name.expression(work.language, work.work_date))
    original.set("showAs", work.title(work.language))
    workbench = etree.SubElement(references, akn("TLCOrganization"), eId=WORKBENCH_ID)
    workbench.set("href", WORKBENCH_HREF)
    workbench.set("showAs", "Treaty workbench")
    for organisation in dict.fromkeys(
        [*([work.author] if work.author else []), *work.organisations]
    ):
        tlc = etree.SubElement(references, akn("TLCOrganization"), eId=organisation.eid)
        tlc.set("href", organisation.href)
        tlc.set("showAs", organisation.name(lang))
    sessions = dict.fromkeys(e.session for e in work.events if e.session is not None)
    for session in sessions:
        tlc = etree.SubElement(references, akn("TLCEvent"), eId=session.eid)
        tlc.set("href", session.href)
        tlc.set("showAs", session.name(lang))
    return meta


def _aliases(frbr: etree._Element, work: AknWork, lang: str) -> None:
    etree.SubElement(frbr, akn("FRBRalias"), value=work.title(lang), name="title")
    for code, title in sorted(work.titles.items()):
        etree.SubElement(frbr, akn("FRBRalias"), value=title, name=f"title-{code}")
    for code, title in sorted(work.short_titles.items()):
        etree.SubElement(frbr, akn("FRBRalias"), value=title, name=f"short-title-{code}")
    if work.slug:
        etree.SubElement(frbr, akn("FRBRalias"), value=work.slug, name="workbench-slug")
    if work.symbol:
        etree.SubElement(frbr, akn("FRBRalias"), value=work.symbol, name="symbol")


def _preface(doc: etree._Element, work: AknWork, lang: str) -> None:
    preface = etree.SubElement(doc, akn("preface"))
    title = etree.SubElement(etree.SubElement(preface, akn("p")), akn("docTitle"))
    title.text = work.title(lang)
    if work.symbol:
        number = etree.SubElement(etree.SubElement(preface, akn("p")), akn("docNumber"))
        number.text = work.symbol


def _item(
    parent: etree._Element,
    item: ParsedChapter | ParsedProvision,
    eids: Iterator[str],
    lang: str,
    order: list[str],
    maker: EidMaker,
) -> None:
    element = etree.SubElement(parent, akn(element_for(item)))
    eid = next(eids)
    element.set("eId", eid)
    if element_for(item) == "hcontainer":
        element.set("name", item.kind)
    element.set(wb("kind"), item.kind)
    etree.SubElement(element, akn("num")).text = item.label
    if isinstance(item, ParsedChapter):
        _heading(element, item, lang, order)
        for child in item.children:
            _item(element, child, eids, lang, order, maker)
        return
    _heading(element, item, _text(element, item, lang, order), order)
    chosen = pick(item.text, order)
    if chosen is not None:
        write_wording(element, chosen[1], eid, maker)


def _block_container(
    parent: etree._Element,
    item: ParsedChapter | ParsedProvision,
    eid: str,
    lang: str,
    order: list[str],
    maker: EidMaker,
) -> None:
    """A preamble or final clause: num, heading and one ``<p>`` per paragraph."""
    assert isinstance(item, ParsedProvision), "placement() leaves chapters in the body"
    element = etree.SubElement(parent, akn("blockContainer"), eId=eid)
    element.set(wb("kind"), item.kind)
    etree.SubElement(element, akn("num")).text = item.label
    _heading(element, item, _text(element, item, lang, order), order)
    chosen = pick(item.text, order)
    lines = chosen[1].split("\n") if chosen else [""]
    for line in lines:
        etree.SubElement(element, akn("p"), eId=maker.make(eid, "p")).text = line


def _heading(
    element: etree._Element, item: ParsedChapter | ParsedProvision, context: str, order: list[str]
) -> None:
    """The title, marked with its language where it is not the one around it."""
    chosen = pick(item.title, order)
    if chosen is None:
        return
    title_lang, title = chosen
    heading = etree.SubElement(element, akn("heading"))
    heading.text = title
    if title_lang != context:
        heading.set(XML_LANG, title_lang)
    if title_lang in item.unofficial:
        heading.set(wb("official"), "false")


def _text(element: etree._Element, item: ParsedProvision, lang: str, order: list[str]) -> str:
    """Mark the language of the wording where it is not the expression's; return it."""
    chosen = pick(item.text, order)
    if chosen is None:
        return lang
    text_lang = chosen[0]
    if text_lang != lang:
        element.set(XML_LANG, text_lang)
    if text_lang in item.unofficial:
        element.set(wb("official"), "false")
    return text_lang
