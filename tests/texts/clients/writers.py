"""A Treaty written the ways its clients write it: plain text, Markdown (for pandoc), HTML
(for LibreOffice's HTML import), python-docx, and the spec the UNO builder types from.

Each writer lays the text out as its client would, and adds the furniture that client
adds: a typed contents list with tabs and page numbers, a contents field, headers and
footers with page numbers, a footnote, a comment, a bookmark. None of it is treaty text.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.texts.clients.treaty import (
    PREAMBLE,
    Labels,
    Treaty,
    article_label,
    chapter_label,
    wording_lines,
)

CONTENTS = {"en": "Contents", "zh": "目录"}


def typed_lines(treaty: Treaty) -> list[tuple[str, str]]:
    """(role, text) of every line with its labels typed: title, preamble, chapter,
    chapter-title, article, article-title, body."""
    lines = [("title", treaty.title)]
    if treaty.preamble:
        lines.append(("preamble", PREAMBLE[treaty.lang]))
        lines.extend(("body", text) for text in treaty.preamble)
    number = 0
    for chapter_number, chapter in enumerate(treaty.chapters, 1):
        lines.append(("chapter", chapter_label(treaty, chapter_number)))
        lines.append(("chapter-title", chapter.title))
        for article in chapter.articles:
            number += 1
            wording = wording_lines(treaty, article, number)
            if treaty.lang == "en":
                lines.append(("article", article_label(treaty, number)))
                if article.title:
                    lines.append(("article-title", article.title))
            for label, text, _depth in wording:
                lines.append(("body", f"{label} {text}" if label else text))
    return lines


def contents_entries(treaty: Treaty) -> list[str]:
    """The headings a contents list repeats (chapters and, in English, articles)."""
    entries = []
    number = 0
    for chapter_number, chapter in enumerate(treaty.chapters, 1):
        entries.append(f"{chapter_label(treaty, chapter_number)} {chapter.title}")
        for article in chapter.articles:
            number += 1
            if treaty.lang == "en":
                title = f". {article.title}" if article.title else ""
                entries.append(f"{article_label(treaty, number)}{title}")
    return entries


def write_text(treaty: Treaty, path: Path) -> Path:
    """Plain text as pasted from a PDF: a contents list unlinked to text ("…<TAB>3"), then
    the text, one paragraph a line (UTF-8 with a byte-order mark, which LibreOffice reads)."""
    out = [treaty.title, "", CONTENTS[treaty.lang]]
    out += [f"{entry}\t{page}" for page, entry in enumerate(contents_entries(treaty), 2)]
    out.append("")
    for role, text in typed_lines(treaty)[1:]:
        if role in ("chapter", "article", "preamble"):
            out.append("")
        out.append(text)
    path.write_text("\n".join(out) + "\n", encoding="utf-8-sig")
    return path


def write_markdown(treaty: Treaty, path: Path) -> Path:
    """Markdown for pandoc: headings, and every list an ordered (fancy) list of its own."""
    out = [f"# {treaty.title}", ""]
    if treaty.preamble:
        out += [f"## {PREAMBLE[treaty.lang]}", ""]
        for text in treaty.preamble:
            out += [text, ""]
    number = 0
    for chapter_number, chapter in enumerate(treaty.chapters, 1):
        out += [f"## {chapter_label(treaty, chapter_number)}", "", f"## {chapter.title}", ""]
        for article in chapter.articles:
            number += 1
            if treaty.lang == "en":
                out += [f"#### {article_label(treaty, number)}", ""]
                if article.title:
                    out += [f"##### {article.title}", ""]
            for label, text, depth in wording_lines(treaty, article, number):
                if treaty.lang == "zh" and depth < 2:
                    out += [f"{label}{'' if label.endswith('）') else ' '}{text}".strip(), ""]
                else:
                    out += [
                        "    " * max(depth - (treaty.lang == "zh"), 0) + f"{label} {text}".strip(),
                        "",
                    ]
    path.write_text("\n".join(out), encoding="utf-8")
    return path


HTML_LABELS = Labels(letter="{}.", roman="{}.")


def write_html(treaty: Treaty, path: Path) -> Path:
    """HTML whose lists are <ol> (LibreOffice numbers them: "1.", "a.", "i."), with a
    contents list set with dot leaders; give it a Treaty whose labels are HTML_LABELS."""
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{escape(treaty.title)}</title></head><body>",
        f"<h1>{escape(treaty.title)}</h1>",
        f"<p>{CONTENTS[treaty.lang]}</p>",
    ]
    out += [
        f"<p>{escape(entry)} .......... {page}</p>"
        for page, entry in enumerate(contents_entries(treaty), 2)
    ]
    if treaty.preamble:
        out.append(f"<h2>{PREAMBLE[treaty.lang]}</h2>")
        out += [f"<p>{escape(text)}</p>" for text in treaty.preamble]
    number = 0
    for chapter_number, chapter in enumerate(treaty.chapters, 1):
        out.append(
            f"<h2>{chapter_label(treaty, chapter_number)}</h2><h3>{escape(chapter.title)}</h3>"
        )
        for article in chapter.articles:
            number += 1
            if treaty.lang == "zh":
                for label, text, _depth in wording_lines(treaty, article, number):
                    joined = (
                        f"{label}{'' if label.endswith('）') else ' '}{text}" if label else text
                    )
                    out.append(f"<p>{escape(joined)}</p>")
                continue
            out.append(f"<h4>{article_label(treaty, number)}</h4>")
            if article.title:
                out.append(f"<h5>{escape(article.title)}</h5>")
            out.append(_html_article(article))
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _html_article(article) -> str:
    def items(entries, kind: str) -> str:
        inner = "".join(
            f"<li>{escape(item.text)}{items(item.items, 'i') if item.items else ''}</li>"
            for item in entries
        )
        return f'<ol type="{kind}">{inner}</ol>'

    if not article.numbered:
        return "".join(
            f"<p>{escape(para.text)}</p>{items(para.items, 'a') if para.items else ''}"
            for para in article.paras
        )
    inner = "".join(
        f"<li>{escape(para.text)}{items(para.items, 'a') if para.items else ''}</li>"
        for para in article.paras
    )
    return f'<ol type="1">{inner}</ol>'


def write_python_docx(treaty: Treaty, path: Path) -> Path:
    """A python-docx file: heading styles, Word's automatic numbering for paragraphs and
    items (a new num with w:startOverride wherever a list starts again, as Word restarts
    one), a contents list typed in Word's "toc 1" style, and a comment."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    _abstract(numbering, 80, _docx_formats(treaty))
    ids = iter(range(300, 10_000))

    def new_list(levels: range) -> int:
        num_id = next(ids)
        _num(numbering, num_id, 80, levels)
        return num_id

    _docx_front_matter(document, treaty)
    # Chinese articles count on through the whole statute: one list without overrides.
    statute = new_list(range(0)) if treaty.lang == "zh" else None
    number = 0
    commented = False
    for chapter_number, chapter in enumerate(treaty.chapters, 1):
        document.add_heading(chapter_label(treaty, chapter_number), 1)
        document.add_heading(chapter.title, 2)
        for article in chapter.articles:
            number += 1
            if treaty.lang == "en":
                document.add_heading(article_label(treaty, number), 3)
                if article.title:
                    document.add_heading(article.title, 4)
            current, previous = statute, None
            for label, text, depth in wording_lines(treaty, article, number):
                paragraph = document.add_paragraph()
                run = paragraph.add_run(text)
                if label and (previous is None or not previous):
                    if treaty.lang == "en":
                        current = new_list(range(3))
                    elif depth:
                        current = new_list(range(1, 3))
                if label:
                    _number(paragraph, current, depth)
                    if not commented:
                        document.add_comment(run, text="Check this wording.", author="Secretariat")
                        commented = True
                previous = label
    document.save(path)
    return path


def _docx_formats(treaty: Treaty) -> list[tuple[str, str]]:
    """The number format and text of the paragraphs' list, level by level."""
    if treaty.lang == "zh":
        return [("chineseCounting", "第%1条"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    letter, sub = (
        pattern.format(f"%{n}")
        for n, pattern in ((2, treaty.labels.letter), (3, treaty.labels.roman))
    )
    return [("decimal", "%1."), ("lowerLetter", letter), ("lowerRoman", sub)]


def _docx_front_matter(document, treaty: Treaty) -> None:
    """The title, a contents list typed in Word's "toc 1" style and the preamble."""
    if "toc 1" not in {style.name for style in document.styles}:
        document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_heading(treaty.title, 0)
    for entry in contents_entries(treaty):
        document.add_paragraph(entry, style="toc 1").add_run("\t3")
    if treaty.preamble:
        document.add_heading(PREAMBLE[treaty.lang], 1)
        for text in treaty.preamble:
            document.add_paragraph(text)


def _abstract(numbering, abstract_id: int, formats: list[tuple[str, str]]) -> None:
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for ilvl, (fmt, text) in enumerate(formats):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("start", "1"), ("numFmt", fmt), ("lvlText", text)):
            child = OxmlElement(f"w:{tag}")
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
    numbering.insert(0, abstract)


def _num(numbering, num_id: int, abstract_id: int, levels: range) -> None:
    """A w:num of the abstract list, restarting ``levels`` where it is first used."""
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    for ilvl in levels:
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), str(ilvl))
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
    numbering.append(num)


def _number(paragraph, num_id: int, ilvl: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr()._add_numPr()
    num_pr._add_ilvl().val = ilvl
    num_pr._add_numId().val = num_id


def _around(pattern: str) -> tuple[str, str]:
    before, _, after = pattern.partition("{}")
    return before, after


def _uno_lists(treaty: Treaty) -> dict[str, list[list[str]]]:
    """The list styles the UNO builder defines: (numbering type, prefix, suffix) per level."""
    if treaty.lang == "zh":
        return {
            "statute": [
                ["NUMBER_LOWER_ZH", "第", "条"],
                ["NUMBER_LOWER_ZH", "（", "）"],
                ["ARABIC", "", "."],
            ]
        }
    return {
        "para": [
            ["ARABIC", "", "."],
            ["CHARS_LOWER_LETTER", *_around(treaty.labels.letter)],
            ["ROMAN_LOWER", *_around(treaty.labels.roman)],
        ],
        "article": [["ARABIC", "Article ", ""]],
    }


def uno_spec(
    treaty: Treaty, *, contents: bool = True, typed: bool = False, furniture: bool = True
) -> dict:
    """What the UNO builder types: styles, lists and paragraphs, as a person builds the
    document in LibreOffice (list styles, restarted lists, a numbered "Article" paragraph
    style, chapter numbering in Chinese, a contents index, page furniture, a footnote)."""
    zh = treaty.lang == "zh"
    spec: dict = {
        "lang": treaty.lang,
        "lists": _uno_lists(treaty),
        "styles": []
        if zh
        else [
            {
                "name": "Article",
                "parent": "Heading",
                "outline": 3,
                "list": "article",
                "center": True,
            }
        ],
        "chapters": [["NUMBER_LOWER_ZH", "第", "章"]] if zh else [],
        "header": treaty.title if furniture else None,
        "footer": ("页" if zh else "Page") if furniture else None,
        "paragraphs": [{"text": treaty.title, "style": "Title"}],
    }
    paragraphs = spec["paragraphs"]
    # LibreOffice counts its contents heading in chapter numbering: no index where chapters
    # are numbered (the Chinese statute), typed chapter labels where there is one.
    if contents and not zh:
        paragraphs.append({"contents": CONTENTS[treaty.lang]})
    if treaty.preamble:
        paragraphs.append({"text": PREAMBLE[treaty.lang], "style": "Heading 2"})
        paragraphs += [{"text": text, "style": "Text Body"} for text in treaty.preamble]
    number = 0
    noted = False
    list_name = "statute" if zh else "para"
    for chapter_number, chapter in enumerate(treaty.chapters, 1):
        if zh:
            paragraphs.append({"text": chapter.title, "style": "Heading 1", "center": True})
        else:
            paragraphs.append(
                {
                    "text": chapter_label(treaty, chapter_number),
                    "style": "Heading 1",
                    "center": True,
                }
            )
            paragraphs.append({"text": chapter.title, "style": "Heading 2", "center": True})
        for article in chapter.articles:
            number += 1
            if not zh:
                paragraphs.append({"text": article.title or "", "style": "Article"})
            previous = None
            for label, text, depth in wording_lines(treaty, article, number):
                paragraph = {"text": text, "style": "Text Body"}
                if label and typed:
                    paragraph["text"] = f"{label} {text}"
                elif label:
                    paragraph.update(list=list_name, level=depth)
                    if not previous and not (zh and depth == 0):
                        paragraph["restart"] = True
                if furniture and not noted:
                    paragraph["footnote"] = "Based on the proposals of several delegations."
                    paragraph["bookmark"] = "first_provision"
                    noted = True
                paragraphs.append(paragraph)
                previous = label
    return spec
