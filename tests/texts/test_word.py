"""Word files in the styles delegations use, read back into the same structure."""

from __future__ import annotations

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from tests.texts.builders import STYLES, write_docx, write_text
from workbench.texts import parse_docx, parse_file
from workbench.texts.structure import split_paragraphs


@pytest.mark.parametrize("style", STYLES)
def test_budapest_round_trips_through_word(budapest_plain, tmp_path, style):
    path = write_docx(budapest_plain, tmp_path / f"budapest-{style}.docx", style)
    parsed = parse_file(path)
    assert parsed.title == {"en": "Convention on Cybercrime"}
    assert len(parsed.chapters("chapter")) == 4
    articles = parsed.provisions("article")
    assert [a.label for a in articles] == [f"Article {n}" for n in range(1, 49)]
    assert [a.title for a in articles] == [a.title for a in budapest_plain.provisions("article")]
    # Same chapters, sections, titles, provisions and wording, paragraph for paragraph.
    assert parsed.children == budapest_plain.children


def test_budapest_round_trips_through_plain_text(budapest_plain, tmp_path):
    parsed = parse_file(write_text(budapest_plain, tmp_path / "budapest.txt"))
    assert parsed.children == budapest_plain.children


def test_progress_is_reported_per_paragraph(budapest_plain, tmp_path):
    path = write_docx(budapest_plain, tmp_path / "budapest.docx", "plain")
    calls = []
    parse_docx(path, progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[-1] == (total, total) and total > 300
    assert [done for done, _ in calls] == list(range(1, total + 1))


CHINESE_LINES = [
    ("heading", "某某网络犯罪公约"),
    ("", "序言"),
    ("", "本公约缔约国，"),
    ("", "认识到网络犯罪的严重性，"),
    ("", "兹协议如下："),
    ("heading", "第一章 总则"),
    ("heading", "第一条 目的"),
    ("", "本公约的目的是："),
    ("", "（一）促进和加强各项措施；"),
    ("", "（二）促进国际合作。"),
    ("heading", "第二条 术语"),
    ("", "为本公约的目的："),
    ("", "1、“计算机系统”指任何装置；"),
    ("", "2、“计算机数据”指任何信息。"),
    ("heading", "第二章 定罪"),
    ("heading", "第一节 实体法"),
    ("heading", "第三条"),
    ("heading", "非法访问"),
    ("", "一、缔约国应当将下列行为规定为犯罪："),
    ("", "（一）故意非法访问计算机系统；"),
    ("", "1、侵入系统；"),
    ("", "2、破坏系统。"),
    ("", "（二）故意非法截取计算机数据。"),
    ("", "二、缔约国可以要求以不诚实的意图实施。"),
    ("", "下列签署人经正式授权，在本公约上签字，以昭信守。"),
]


def write_chinese(path, style):
    document = docx.Document()
    for kind, text in CHINESE_LINES:
        if kind == "heading" and style == "headings":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph().add_run(text).bold = kind == "heading" and style == "bold"
    document.save(path)
    return path


@pytest.mark.parametrize("style", STYLES)
def test_chinese_numbering(tmp_path, style):
    parsed = parse_docx(write_chinese(tmp_path / "zh.docx", style))
    assert parsed.language == "zh"
    assert parsed.title == {"zh": "某某网络犯罪公约"}
    preamble, chapter_one, chapter_two, final = parsed.children
    assert (preamble.kind, preamble.label) == ("preamble", "序言")
    assert preamble.text["zh"] == "本公约缔约国，\n认识到网络犯罪的严重性，\n兹协议如下："
    assert (chapter_one.label, chapter_one.title) == ("第一章", {"zh": "总则"})
    assert [(a.label, a.title["zh"]) for a in chapter_one.children] == [
        ("第一条", "目的"),
        ("第二条", "术语"),
    ]
    (section,) = chapter_two.children
    assert (section.kind, section.label, section.title) == ("section", "第一节", {"zh": "实体法"})
    (article,) = section.children
    assert (article.label, article.title) == ("第三条", {"zh": "非法访问"})
    assert [(p.label, p.level) for p in split_paragraphs(article.text["zh"])] == [
        ("一、", 0),
        ("（一）", 1),
        ("1、", 2),
        ("2、", 2),
        ("（二）", 1),
        ("二、", 0),
    ]
    assert article.text["zh"].split("\n")[2] == "1、侵入系统；"
    assert (final.kind, final.label) == ("final_clause", "最后条款")


def test_chinese_text_file_in_gb18030(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_bytes("\n".join(text for _kind, text in CHINESE_LINES).encode("gb18030"))
    parsed = parse_file(path)
    assert [a.label for a in parsed.provisions("article")] == ["第一条", "第二条", "第三条"]
    assert parsed.provision("第三条").title == {"zh": "非法访问"}


def _numbered_style(document, name, num_id, ilvl=0):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    ppr = style.element.get_or_add_pPr()
    num_pr = ppr._add_numPr()
    num_pr._add_ilvl().val = ilvl
    num_pr._add_numId().val = num_id
    return style


def test_word_automatic_numbering_becomes_labels(tmp_path):
    """Articles numbered by a heading style ("Article %1") and paragraphs by a list."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = numbering.makeelement(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNum"
    )
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    abstract.set(f"{w}abstractNumId", "90")
    for ilvl, (fmt, text) in enumerate([("decimal", "%1."), ("lowerLetter", "%2)")]):
        lvl = abstract.makeelement(f"{w}lvl")
        lvl.set(f"{w}ilvl", str(ilvl))
        for tag, value in (("start", "1"), ("numFmt", fmt), ("lvlText", text)):
            child = lvl.makeelement(f"{w}{tag}")
            child.set(f"{w}val", value)
            lvl.append(child)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    # 92 restarts the list (Word's "Restart at 1": a w:startOverride), 93 continues it: the
    # counters belong to abstract list 90, as LibreOffice writes a restarted list.
    for num_id, abstract_id, start in ((91, 90, None), (92, 90, 1), (93, 90, None)):
        num = numbering.makeelement(f"{w}num")
        num.set(f"{w}numId", str(num_id))
        ref = num.makeelement(f"{w}abstractNumId")
        ref.set(f"{w}val", str(abstract_id))
        num.append(ref)
        if start is not None:
            override = num.makeelement(f"{w}lvlOverride")
            override.set(f"{w}ilvl", "0")
            start_override = override.makeelement(f"{w}startOverride")
            start_override.set(f"{w}val", str(start))
            override.append(start_override)
            num.append(override)
        numbering.append(num)
    level_one, level_two = (
        _numbered_style(document, "Para", 91),
        _numbered_style(document, "Sub", 91, 1),
    )
    restarted = _numbered_style(document, "Para2", 92)
    continued = _numbered_style(document, "Para3", 93)
    document.add_heading("Article 1", level=2)
    document.add_heading("Scope", level=3)
    document.add_paragraph("This Convention applies to:", style=level_one)
    document.add_paragraph("offences;", style=level_two)
    document.add_paragraph("evidence.", style=level_two)
    document.add_paragraph("It applies also in peacetime.", style=level_one)
    document.add_heading("Article 2", level=2)
    document.add_paragraph("Each Party shall act.", style=restarted)
    document.add_paragraph("It shall report.", style=continued)
    document.add_heading("Article 3", level=2)
    document.add_paragraph("Parties shall meet.", style=level_one)
    path = tmp_path / "numbered.docx"
    document.save(path)
    parsed = parse_docx(path)
    assert parsed.provision("Article 1").text["en"] == (
        "1. This Convention applies to:\na) offences;\nb) evidence.\n"
        "2. It applies also in peacetime."
    )
    assert (
        parsed.provision("Article 2").text["en"] == "1. Each Party shall act.\n2. It shall report."
    )
    # A num used before continues the shared count: no restart without an override.
    assert parsed.provision("Article 3").text["en"] == "3. Parties shall meet."


def test_articles_with_titles_on_the_same_line_and_parts(tmp_path):
    document = docx.Document()
    for text in (
        "PART I – GENERAL",
        "Article 1. Purpose",
        "The purpose is cooperation.",
        "Article 2 - Use of terms",
        '(a) "data" means data;',
        '(b) "system" means a device.',
        "PART II",
        "Article 3",
        "Each Party shall co-operate.",
        "ANNEX",
        "List of authorities.",
        "Done at Vienna, this first day of May.",
    ):
        document.add_paragraph(text)
    path = tmp_path / "parts.docx"
    document.save(path)
    parsed = parse_docx(path, title="A convention")
    assert parsed.title == {"en": "A convention"}
    parts = parsed.chapters("part")
    assert [(p.label, p.title) for p in parts] == [("Part I", {"en": "GENERAL"}), ("Part II", {})]
    assert [a.title for a in parts[0].children] == [{"en": "Purpose"}, {"en": "Use of terms"}]
    assert (
        parsed.provision("Article 2").text["en"]
        == '(a) "data" means data;\n(b) "system" means a device.'
    )
    (annex,) = parsed.chapters("annex")
    assert annex.label == "Annex" and annex.children[0].text["en"] == "List of authorities."
    assert parsed.children[-1].kind == "final_clause"
