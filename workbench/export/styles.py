"""The empty UN document: A4 page, Times New Roman 12 pt, black headings, footnote and TOC styles."""

from __future__ import annotations

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm

from workbench.export.docx_common import (
    BODY_FONT,
    EAST_ASIA_FONT,
    EAST_ASIA_LANG,
    LATIN_LANG,
    add_run,
    field_begin,
    field_end,
    make,
    paragraph_properties,
    qn,
    sub,
)

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.5)

# Parts of python-docx's template that a UN document should not carry: a generic thumbnail,
# custom XML, and Word 2010's stylesWithEffects (which Word 2010 prefers over styles.xml).
_DROPPED_RELATIONSHIPS = (
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)

# heading level -> (size in pt, bold, italic, space before, space after in twips); 5-9 as 4
_HEADINGS = {
    1: (14, True, False, 360, 120),
    2: (12, True, False, 240, 120),
    3: (12, True, False, 240, 120),
    4: (12, True, True, 240, 120),
}


def new_document(*, landscape: bool = False, margin=MARGIN) -> Document:
    """An empty A4 document with UN styles: Times New Roman 12 pt, black headings."""
    document = docx.Document()
    _drop_template_extras(document)
    section = document.sections[0]
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, margin)
    section.header_distance = section.footer_distance = Cm(1.25)
    _set_styles(document)
    return document


def text_width_twips(document: Document) -> int:
    """Width between the margins of the first section, in twentieths of a point."""
    section = document.sections[0]
    return int((section.page_width - section.left_margin - section.right_margin) / 635)


def _drop_template_extras(document: Document) -> None:
    for owner in (document.part.package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype in _DROPPED_RELATIONSHIPS:
                del owner.rels[rid]
                owner.rels.related_parts.pop(rid, None)


def _replace_rpr(style_element, *, size, bold=False, italic=False):
    """Replace a style's run properties (dropping the template's theme fonts and colours)."""
    old = style_element.find(qn("w:rPr"))
    if old is not None:
        style_element.remove(old)
    rpr = sub(style_element, "w:rPr")
    sub(
        rpr,
        "w:rFonts",
        {
            "w:ascii": BODY_FONT,
            "w:hAnsi": BODY_FONT,
            "w:cs": BODY_FONT,
            "w:eastAsia": EAST_ASIA_FONT,
        },
    )
    if bold:
        sub(rpr, "w:b")
        sub(rpr, "w:bCs")
    if italic:
        sub(rpr, "w:i")
        sub(rpr, "w:iCs")
    sub(rpr, "w:color", {"w:val": "000000"})
    sub(rpr, "w:sz", {"w:val": str(size * 2)})
    sub(rpr, "w:szCs", {"w:val": str(size * 2)})


def _set_styles(document: Document) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    sub(
        rpr,
        "w:rFonts",
        {
            "w:ascii": BODY_FONT,
            "w:hAnsi": BODY_FONT,
            "w:cs": BODY_FONT,
            "w:eastAsia": EAST_ASIA_FONT,
        },
    )
    sub(rpr, "w:sz", {"w:val": "24"})
    sub(rpr, "w:szCs", {"w:val": "24"})
    sub(rpr, "w:lang", {"w:val": LATIN_LANG, "w:eastAsia": EAST_ASIA_LANG, "w:bidi": "ar-SA"})
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    sub(ppr, "w:spacing", {"w:after": "120", "w:line": "240", "w:lineRule": "auto"})

    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    for level in range(1, 10):
        size, bold, italic, before, after = _HEADINGS.get(level, _HEADINGS[4])
        style = by_id[f"Heading{level}"]
        _replace_rpr(style, size=size, bold=bold, italic=italic)
        ppr = style.find(qn("w:pPr"))
        spacing = ppr.find(qn("w:spacing"))
        spacing.set(qn("w:before"), str(before))
        spacing.set(qn("w:after"), str(after))
        # UN documents centre their headings ("Article 2" over its title); jc goes before
        # outlineLvl in the schema's order.
        centre = make("w:jc", {"w:val": "center"})
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is not None:
            outline.addprevious(centre)
        else:
            ppr.append(centre)
    title = by_id["Title"]
    title.remove(title.find(qn("w:pPr")))
    title_ppr = make("w:pPr")
    sub(title_ppr, "w:spacing", {"w:before": "240", "w:after": "240"})
    sub(title_ppr, "w:jc", {"w:val": "center"})
    title.find(qn("w:rPr")).addprevious(title_ppr)
    _replace_rpr(title, size=16, bold=True)
    _replace_rpr(by_id["TOCHeading"], size=14, bold=True)
    styles.append(_paragraph_style("FootnoteText", "footnote text", size=10, after=0))
    styles.append(_character_style("FootnoteReference", "footnote reference", superscript=True))
    for level in range(1, 10):
        styles.append(
            _paragraph_style(
                f"TOC{level}", f"toc {level}", size=12, after=60, indent=(level - 1) * 400
            )
        )


def _paragraph_style(style_id: str, name: str, *, size: int, after: int, indent: int = 0):
    style = make("w:style", {"w:type": "paragraph", "w:styleId": style_id})
    sub(style, "w:name", {"w:val": name})
    sub(style, "w:basedOn", {"w:val": "Normal"})
    sub(style, "w:uiPriority", {"w:val": "99"})
    sub(style, "w:unhideWhenUsed")
    ppr = sub(style, "w:pPr")
    sub(ppr, "w:spacing", {"w:after": str(after), "w:line": "240", "w:lineRule": "auto"})
    if indent:
        sub(ppr, "w:ind", {"w:left": str(indent)})
    rpr = sub(style, "w:rPr")
    sub(rpr, "w:sz", {"w:val": str(size * 2)})
    sub(rpr, "w:szCs", {"w:val": str(size * 2)})
    return style


def _character_style(style_id: str, name: str, *, superscript: bool):
    style = make("w:style", {"w:type": "character", "w:styleId": style_id})
    sub(style, "w:name", {"w:val": name})
    sub(style, "w:basedOn", {"w:val": "DefaultParagraphFont"})
    sub(style, "w:uiPriority", {"w:val": "99"})
    sub(style, "w:unhideWhenUsed")
    rpr = sub(style, "w:rPr")
    if superscript:
        sub(rpr, "w:vertAlign", {"w:val": "superscript"})
    return style


def add_page_number_footer(document: Document) -> None:
    """Centre a PAGE field in the footer of every section."""
    for section in document.sections:
        footer = section.footer
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        for child in list(p):
            p.remove(child)
        paragraph_properties(p, style="Footer", align="center")
        field_begin(p, "PAGE")
        add_run(p, "1")
        field_end(p)
