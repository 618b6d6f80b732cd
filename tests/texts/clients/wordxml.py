"""Word packages written from WordprocessingML by hand: the XML a client is known to write.

``package(path, body, styles=..., numbering=...)`` zips a minimal but complete .docx
(content types, relationships, document, styles, numbering, settings, and optionally
footnotes, comments, a header and a footer). The fragments helpers write paragraphs, runs
and list definitions in the shape Word and WPS give them; ``tests.texts.clients.word`` and
``tests.texts.clients.wps`` build whole conventions from them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NAMESPACES = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
    'mc:Ignorable="w14 w15 w16se wp14"'
)
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    # part: (content type, relationship type, file name)
    "styles": (f"{MAIN}.styles+xml", "styles", "styles.xml"),
    "numbering": (f"{MAIN}.numbering+xml", "numbering", "numbering.xml"),
    "settings": (f"{MAIN}.settings+xml", "settings", "settings.xml"),
    "footnotes": (f"{MAIN}.footnotes+xml", "footnotes", "footnotes.xml"),
    "comments": (f"{MAIN}.comments+xml", "comments", "comments.xml"),
    "header": (f"{MAIN}.header+xml", "header", "header1.xml"),
    "footer": (f"{MAIN}.footer+xml", "footer", "footer1.xml"),
}
_ROOTS = {
    "styles": "w:styles",
    "numbering": "w:numbering",
    "settings": "w:settings",
    "footnotes": "w:footnotes",
    "comments": "w:comments",
    "header": "w:hdr",
    "footer": "w:ftr",
}
DEFAULT_STYLES = """
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="SimSun"
 w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:lang w:val="en-GB"
 w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/>
</w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
 <w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
 <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
 <w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr>
 <w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
 <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>
 <w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>
 <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>
 <w:jc w:val="center"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/>
 <w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>
 <w:jc w:val="center"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/>
 <w:next w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/>
 </w:tabs></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/>
 <w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr>
 </w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>
 <w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>
"""


def t(text: str) -> str:
    """A w:t that keeps its spaces."""
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def run(text: str = "", props: str = "", inner: str | None = None) -> str:
    """A w:r with run properties and text (or other content)."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{inner if inner is not None else t(text)}</w:r>"


def paragraph(content: str, props: str = "", para_id: int | None = None) -> str:
    """A w:p; ``para_id`` adds the w14:paraId/w14:textId Word 2010 and later write."""
    ids = ""
    if para_id is not None:
        ids = f' w14:paraId="{para_id:08X}" w14:textId="{para_id + 7:08X}" w:rsidR="00A1{para_id % 9999:04d}"'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p{ids}>{ppr}{content}</w:p>"


def num_pr(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def level(
    ilvl: int,
    fmt: str,
    text: str,
    *,
    start: int = 1,
    style: str | None = None,
    legal: bool = False,
    restart: int | None = None,
    suffix: str | None = None,
    jc: str = "left",
    fmt_xml: str | None = None,
) -> str:
    """A w:lvl as Word writes it (``fmt_xml`` replaces the w:numFmt, e.g. by mc markup)."""
    parts = [f'<w:start w:val="{start}"/>', fmt_xml or f'<w:numFmt w:val="{fmt}"/>']
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if legal:
        parts.append("<w:isLgl/>")
    if suffix:
        parts.append(f'<w:suff w:val="{suffix}"/>')
    parts.append(f"<w:lvlText w:val={quoteattr(text)}/>")
    parts.append(f'<w:lvlJc w:val="{jc}"/>')
    indent = 360 * (ilvl + 1)
    parts.append(f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr>')
    return f'<w:lvl w:ilvl="{ilvl}" w:tplc="0409000F">{"".join(parts)}</w:lvl>'


def abstract(abstract_id: int, levels: list[str], *, link: str | None = None) -> str:
    """A w:abstractNum with an nsid and multi-level type, as Word writes it."""
    extra = f'<w:numStyleLink w:val="{link}"/>' if link else ""
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}" w15:restartNumberingAfterBreak="0">'
        f'<w:nsid w:val="{0x1A2B3C00 + abstract_id:08X}"/><w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:tmpl w:val="0409000F"/>{extra}{"".join(levels)}</w:abstractNum>'
    )


def num(num_id: int, abstract_id: int, starts: dict[int, int] | None = None) -> str:
    """A w:num; ``starts`` writes w:lvlOverride/w:startOverride (a restarted list)."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for ilvl, value in (starts or {}).items()
    )
    return (
        f'<w:num w:numId="{num_id}" w16cid:durableId="{100000 + num_id}" '
        'xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid">'
        f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
    )


def package(
    path: Path,
    body: str,
    *,
    styles: str = DEFAULT_STYLES,
    numbering: str | None = None,
    parts: dict[str, str] | None = None,
    section: str = "",
) -> Path:
    """Write a .docx whose body is ``body``; ``parts`` adds footnotes, comments, header..."""
    parts = dict(parts or {})
    parts["styles"] = styles
    parts.setdefault("settings", '<w:defaultTabStop w:val="720"/><w:compat/>')
    if numbering is not None:
        parts["numbering"] = numbering
    types = [
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        f'<Override PartName="/word/document.xml" ContentType="{MAIN}.document.main+xml"/>',
    ]
    rels = []
    for number, name in enumerate(parts, start=1):
        kind, rel, file = _PARTS[name]
        types.append(f'<Override PartName="/word/{file}" ContentType="{kind}"/>')
        rels.append(f'<Relationship Id="rId{number}" Type="{_REL}/{rel}" Target="{file}"/>')
    sect = section
    if "header" in parts:
        sect += f'<w:headerReference w:type="default" r:id="rId{list(parts).index("header") + 1}"/>'
    if "footer" in parts:
        sect += f'<w:footerReference w:type="default" r:id="rId{list(parts).index("footer") + 1}"/>'
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NAMESPACES}>'
        f'<w:body>{body}<w:sectPr>{sect}<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" '
        'w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns='
            f'"http://schemas.openxmlformats.org/package/2006/content-types">{"".join(types)}</Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            f'Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document)
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            f'"http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rels)}'
            "</Relationships>",
        )
        for name, content in parts.items():
            root = _ROOTS[name]
            archive.writestr(
                f"word/{_PARTS[name][2]}",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f"<{root} {NAMESPACES}>{content}</{root}>",
            )
    return path
