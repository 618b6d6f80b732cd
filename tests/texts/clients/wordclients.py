"""A Treaty in the XML Word and WPS Office write, for the programs that cannot run here.

Word (what its documentation and files show): chapter and article headings numbered by a
multi-level list linked to the heading styles ("Chapter %1", "Article %2" that never
restarts: w:lvlRestart 0), paragraphs in a list restarted per article (a new w:num with a
w:startOverride), a contents field in a content control with hyperlinks and PAGEREF
fields, _Toc bookmarks, w14 paragraph ids, a smart tag, content controls around text, a
REF field, a comment, a footnote, mc:AlternateContent around a run, page fields in the
header and footer, East Asian layout for Chinese.

WPS Office: numeric style ids ("1" Normal, "2" heading 1…), justified ("both") and
distributed ("distribute") paragraphs, the wpsCustomData namespace, eastAsia font hints,
lists "第%1条" / "（%1）" in chineseCounting with a space after the number, a bare TOC
field in "toc 1" paragraphs with dot leaders, and simple PAGE fields.
"""

from __future__ import annotations

from pathlib import Path

from tests.texts.clients.treaty import PREAMBLE, Treaty, article_label, chapter_label, wording_lines
from tests.texts.clients.wordxml import (
    DEFAULT_STYLES,
    abstract,
    level,
    num,
    num_pr,
    package,
    paragraph,
    run,
)
from tests.texts.clients.writers import CONTENTS, contents_entries

ZH_RUN = '<w:rFonts w:hint="eastAsia"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'


def _field(code: str, result: str, props: str = "") -> str:
    return (
        run(inner='<w:fldChar w:fldCharType="begin"/>')
        + run(inner=f'<w:instrText xml:space="preserve"> {code} </w:instrText>')
        + run(inner='<w:fldChar w:fldCharType="separate"/>')
        + run(result, props)
        + run(inner='<w:fldChar w:fldCharType="end"/>')
    )


def _toc_entries(treaty: Treaty, style: str, hyperlinks: bool) -> list[str]:
    entries = []
    for number, entry in enumerate(contents_entries(treaty), 1):
        page = _field(f"PAGEREF _Toc{number} \\h", str(number + 1))
        content = run(entry) + run(inner="<w:tab/>") + page
        if hyperlinks:
            content = f'<w:hyperlink w:anchor="_Toc{number}" w:history="1">{content}</w:hyperlink>'
        entries.append(content)
    first = (
        run(inner='<w:fldChar w:fldCharType="begin"/>')
        + run(inner='<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>')
        + run(inner='<w:fldChar w:fldCharType="separate"/>')
    )
    props = f'<w:pStyle w:val="{style}"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'
    out = [paragraph(first + entries[0], props)]
    out += [paragraph(entry, props) for entry in entries[1:]]
    out.append(paragraph(run(inner='<w:fldChar w:fldCharType="end"/>')))
    return out


# -- Word --------------------------------------------------------------------------------------


def write_word(treaty: Treaty, path: Path) -> Path:
    """A Treaty as Word writes it (see the module's docstring)."""
    zh = treaty.lang == "zh"
    rpr = ZH_RUN if zh else ""
    chapters, articles, items = _word_lists(treaty)
    styles = _word_styles(zh)
    numbering_parts = [abstract(10, chapters), abstract(11, articles), abstract(20, items)]
    numbering_parts += [num(10, 10), num(11, 11)]
    next_num = iter(range(21, 500))
    para_id = iter(range(0x100, 0x10000))
    body = [paragraph(run(treaty.title, rpr), '<w:pStyle w:val="Title"/>', next(para_id))]
    body.append(
        '<w:sdt><w:sdtPr><w:id w:val="-1"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
        + paragraph(run(CONTENTS[treaty.lang], rpr), '<w:pStyle w:val="TOCHeading"/>')
        + "".join(_toc_entries(treaty, "TOC1", hyperlinks=True))
        + "</w:sdtContent></w:sdt>"
    )
    if treaty.preamble:
        body.append(paragraph(run(PREAMBLE[treaty.lang], rpr), '<w:pStyle w:val="Heading2"/>'))
        body += [paragraph(run(text, rpr), "", next(para_id)) for text in treaty.preamble]
    number = 0
    bookmark = iter(range(1, 500))
    extras = iter(
        [
            "smart-tag",
            "content-control",
            "field",
            "comment",
            "footnote",
            "alternate",
            "block-control",
        ]
    )
    for chapter in treaty.chapters:
        mark = next(bookmark)
        heading = (
            f'<w:bookmarkStart w:id="{mark}" w:name="_Toc{mark}"/>'
            + run(chapter.title, rpr)
            + f'<w:bookmarkEnd w:id="{mark}"/>'
        )
        body.append(paragraph(heading, '<w:pStyle w:val="Heading1"/>', next(para_id)))
        for article in chapter.articles:
            number += 1
            current = None
            if not zh:
                mark = next(bookmark)
                heading = (
                    f'<w:bookmarkStart w:id="{mark}" w:name="_Toc{mark}"/>'
                    + (run(article.title) if article.title else "")
                    + f'<w:bookmarkEnd w:id="{mark}"/>'
                )
                body.append(paragraph(heading, '<w:pStyle w:val="Heading3"/>', next(para_id)))
            previous = None  # (label, depth) of the line before
            for label, text, depth in wording_lines(treaty, article, number):
                props = '<w:pStyle w:val="ListParagraph"/>' if label else ""
                if zh and depth == 0 and label:
                    props = num_pr(11, 0) + '<w:kinsoku w:val="0"/><w:snapToGrid w:val="0"/>'
                elif label:
                    # A list starts again after unnumbered text (or, in Chinese, after the
                    # article's own line, which is numbered in the headings' list).
                    if previous is None or not previous[0] or (zh and previous[1] == 0):
                        current = next(next_num)
                        numbering_parts.append(num(current, 20, dict.fromkeys(range(3), 1)))
                    props += num_pr(current, depth)
                extra = next(extras, None) if not zh or depth else None
                content = _word_extra(extra, text, rpr)
                if zh:
                    # East Asian typography: line breaking, spacing, grid, emphasis marks.
                    props += (
                        '<w:kinsoku w:val="1"/><w:overflowPunct w:val="1"/><w:topLinePunct/>'
                        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
                        '<w:textAlignment w:val="baseline"/>'
                    )
                    content = content.replace(
                        "<w:rPr>",
                        '<w:rPr><w:em w:val="none"/><w:eastAsianLayout w:id="7" w:combine="0"/>',
                        1,
                    )
                built = paragraph(content, props, next(para_id))
                if extra == "block-control":
                    built = (
                        '<w:sdt><w:sdtPr><w:alias w:val="Paragraph"/><w:id w:val="12"/></w:sdtPr>'
                        f"<w:sdtContent>{built}</w:sdtContent></w:sdt>"
                    )
                body.append(built)
                previous = (label, depth)
    footer = paragraph(run("Page ") + _field("PAGE", "1") + run(" of ") + _field("NUMPAGES", "9"))
    header = paragraph(
        run(treaty.title + " ")
        + '<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )
    parts = {
        "footnotes": (
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
            f"{run(' Based on the proposals of several delegations.')}</w:p></w:footnote>"
        ),
        "comments": f'<w:comment w:id="0" w:author="Secretariat" w:date="2026-01-01T00:00:00Z" w:initials="S"><w:p>{run("Check this wording.")}</w:p></w:comment>',
        "header": header,
        "footer": footer,
    }
    return package(
        path, "".join(body), styles=styles, numbering="".join(numbering_parts), parts=parts
    )


def _word_lists(treaty: Treaty) -> tuple[list[str], list[str], list[str]]:
    """The levels of the chapters', the articles' and the paragraphs' lists."""
    zh = treaty.lang == "zh"
    # Chapters by a list linked to Heading 1, articles by a list of their own (Word's
    # lvlRestart 0 would let one list do both, but LibreOffice ignores it).
    if zh:
        chapters = [level(0, "chineseCounting", "第%1章", style="Heading1", suffix="space")]
        articles = [level(0, "chineseCountingThousand", "第%1条", suffix="space")]
        items = [
            level(0, "none", ""),
            level(1, "chineseCounting", "（%2）", suffix="nothing"),
            level(2, "decimal", "%3."),
        ]
    else:
        chapters = [level(0, "upperRoman", "Chapter %1", style="Heading1", suffix="space")]
        articles = [level(0, "decimal", "Article %1", style="Heading3", suffix="space")]
        letter = treaty.labels.letter.format("%2")
        sub = treaty.labels.roman.format("%3")
        items = [
            level(0, "decimal", "%1."),
            level(1, "lowerLetter", letter),
            level(2, "lowerRoman", sub),
        ]
    return chapters, articles, items


def _word_styles(zh: bool) -> str:
    """The styles, the headings' linked to their lists."""
    styles = DEFAULT_STYLES.replace(
        '<w:outlineLvl w:val="0"/></w:pPr>', f'<w:outlineLvl w:val="0"/>{num_pr(10, 0)}</w:pPr>'
    )
    # Word takes the contents heading (based on Heading 1) out of the headings' list.
    styles = styles.replace(
        '<w:outlineLvl w:val="9"/></w:pPr>', f'<w:outlineLvl w:val="9"/>{num_pr(0, 0)}</w:pPr>'
    )
    if not zh:
        styles = styles.replace(
            '<w:outlineLvl w:val="2"/></w:pPr>', f'<w:outlineLvl w:val="2"/>{num_pr(11, 0)}</w:pPr>'
        )
    return styles


def _word_extra(kind: str | None, text: str, rpr: str) -> str:
    """One paragraph's text wrapped the way Word wraps text now and then."""
    head, _, rest = text.partition(" ")
    rest = " " + rest if rest else ""
    if kind == "smart-tag":
        return (
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="stockticker">'
            f"{run(head, rpr)}</w:smartTag>{run(rest, rpr)}"
        )
    if kind == "content-control":
        return (
            '<w:sdt><w:sdtPr><w:alias w:val="Wording"/><w:tag w:val="wording"/><w:id w:val="11"/>'
            f'<w15:appearance w15:val="hidden"/></w:sdtPr><w:sdtContent>{run(text, rpr)}</w:sdtContent></w:sdt>'
        )
    if kind == "field":
        return _field('HYPERLINK "https://www.un.org/"', head, rpr) + run(rest, rpr)
    if kind == "comment":
        return (
            f'<w:commentRangeStart w:id="0"/>{run(text, rpr)}<w:commentRangeEnd w:id="0"/>'
            + run(
                inner='<w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/>'
            )
        )
    if kind == "footnote":
        return run(text, rpr) + run(
            inner='<w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/>'
        )
    if kind == "alternate":
        ligatures = rpr + '<w14:ligatures w14:val="standard"/>'
        return (
            '<mc:AlternateContent><mc:Choice Requires="w14">'
            f"{run(head, ligatures)}</mc:Choice>"
            f"<mc:Fallback>{run(head, rpr)}</mc:Fallback></mc:AlternateContent>{run(rest, rpr)}"
        )
    return run(text, rpr)


# -- WPS ---------------------------------------------------------------------------------------

WPS_STYLES = """
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"
 w:eastAsiaTheme="minorEastAsia" w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="21"/>
 <w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
 <w:pPrDefault/></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/><w:qFormat/>
 <w:uiPriority w:val="0"/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>
 <w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/>
 <w:kern w:val="2"/><w:sz w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:basedOn w:val="1"/>
 <w:next w:val="1"/><w:qFormat/><w:uiPriority w:val="9"/><w:pPr><w:keepNext/><w:keepLines/>
 <w:spacing w:before="340" w:after="330" w:line="576" w:lineRule="auto"/><w:jc w:val="center"/>
 <w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:kern w:val="44"/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 2"/><w:basedOn w:val="1"/>
 <w:next w:val="1"/><w:unhideWhenUsed/><w:qFormat/><w:uiPriority w:val="9"/><w:pPr><w:keepNext/>
 <w:keepLines/><w:jc w:val="center"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="4"><w:name w:val="heading 3"/><w:basedOn w:val="1"/>
 <w:next w:val="1"/><w:unhideWhenUsed/><w:qFormat/><w:uiPriority w:val="9"/><w:pPr><w:keepNext/>
 <w:keepLines/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="5"><w:name w:val="Title"/><w:basedOn w:val="1"/>
 <w:next w:val="1"/><w:qFormat/><w:uiPriority w:val="10"/><w:pPr><w:spacing w:before="240" w:after="60"/>
 <w:jc w:val="distribute"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi"
 w:eastAsiaTheme="majorEastAsia"/><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="10"><w:name w:val="toc 1"/><w:basedOn w:val="1"/>
 <w:next w:val="1"/><w:unhideWhenUsed/><w:uiPriority w:val="39"/></w:style>
<w:style w:type="paragraph" w:styleId="11"><w:name w:val="TOC Heading"/><w:basedOn w:val="2"/>
 <w:next w:val="1"/><w:unhideWhenUsed/><w:qFormat/><w:uiPriority w:val="39"/><w:pPr>
 <w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="6"><w:name w:val="Default Paragraph Font"/>
 <w:semiHidden/><w:unhideWhenUsed/><w:uiPriority w:val="1"/></w:style>
"""


def write_wps(treaty: Treaty, path: Path) -> Path:
    """A Treaty as WPS Office writes it (see the module's docstring)."""
    zh = treaty.lang == "zh"
    rpr = '<w:rFonts w:hint="eastAsia"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    if zh:
        levels = [
            level(0, "chineseCounting", "第%1条", suffix="space"),
            level(1, "chineseCounting", "（%2）", suffix="nothing"),
            level(2, "decimal", "%3.", suffix="space"),
        ]
    else:
        levels = [
            level(0, "decimal", "%1.", suffix="space"),
            level(1, "lowerLetter", treaty.labels.letter.format("%2"), suffix="space"),
            level(2, "lowerRoman", treaty.labels.roman.format("%3"), suffix="space"),
        ]
    numbering_parts = [abstract(0, levels)]
    ids = iter(range(1, 500))
    statute = next(ids)
    numbering_parts.append(num(statute, 0))
    body = [paragraph(run(treaty.title, rpr), '<w:pStyle w:val="5"/><w:jc w:val="distribute"/>')]
    body.append(paragraph(run(CONTENTS[treaty.lang], rpr), '<w:pStyle w:val="11"/>'))
    body += _toc_entries(treaty, "10", hyperlinks=False)
    if treaty.preamble:
        body.append(paragraph(run(PREAMBLE[treaty.lang], rpr), '<w:pStyle w:val="3"/>'))
        body += [
            paragraph(run(text, rpr), '<w:ind w:firstLine="420" w:firstLineChars="200"/>')
            for text in treaty.preamble
        ]
    number = 0
    for chapter_number, chapter in enumerate(treaty.chapters, 1):
        body.append(
            paragraph(run(chapter_label(treaty, chapter_number), rpr), '<w:pStyle w:val="2"/>')
        )
        body.append(paragraph(run(chapter.title, rpr), '<w:pStyle w:val="3"/>'))
        for article in chapter.articles:
            number += 1
            if not zh:
                body.append(
                    paragraph(
                        run(article_label(treaty, number)),
                        '<w:pStyle w:val="4"/><w:jc w:val="center"/>',
                    )
                )
                if article.title:
                    body.append(
                        paragraph(run(article.title), '<w:pStyle w:val="4"/><w:jc w:val="center"/>')
                    )
            current, previous = statute, None
            for label, text, depth in wording_lines(treaty, article, number):
                props = '<w:ind w:firstLine="420" w:firstLineChars="200"/>'
                if label:
                    if not previous and not (zh and depth == 0):
                        current = next(ids)
                        restart = range(depth, 3) if zh else range(3)
                        numbering_parts.append(num(current, 0, dict.fromkeys(restart, 1)))
                    props = num_pr(current, depth) + props
                body.append(paragraph(run(text, rpr), props))
                previous = label
    header = paragraph(
        '<w:fldSimple w:instr=" PAGE  \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>',
        '<w:pStyle w:val="1"/><w:jc w:val="center"/>',
    )
    return package(
        path,
        "".join(body),
        styles=WPS_STYLES,
        numbering="".join(numbering_parts),
        parts={"header": header},
    )
