"""Word's own model read from the XML: alignment, styles, numbering, fields, tracked marks.

Each document is written by hand (``tests.texts.clients.wordxml``) with the markup the
standard allows and the programs write; what comes back is what Word and LibreOffice show.
"""

from __future__ import annotations

import pytest

from tests.texts.clients.wordxml import (
    abstract,
    level,
    num,
    num_pr,
    package,
    paragraph,
    run,
)
from workbench.texts import parse_docx
from workbench.texts.numformats import chinese_counting, format_number, roman
from workbench.texts.word import docx_blocks, open_document

HEADING = '<w:pStyle w:val="Heading2"/>'


def lines(path, revisions="accept") -> list[str]:
    return [block.text for block in docx_blocks(open_document(path), revisions)]


def p(text: str, props: str = "") -> str:
    return paragraph(run(text), props)


@pytest.mark.parametrize(
    "value",
    [
        "start",
        "end",
        "left",
        "right",
        "both",
        "distribute",
        "thaiDistribute",
        "mediumKashida",
        "highKashida",
        "lowKashida",
        "numTab",
        "justify",
    ],
)
def test_every_alignment_the_standard_allows_is_read(tmp_path, value):
    body = (
        p("A convention", '<w:pStyle w:val="Title"/>')
        + p("Article 1", f'<w:jc w:val="{value}"/>')
        + p("Each Party shall act.", f'<w:jc w:val="{value}"/>')
    )
    parsed = parse_docx(package(tmp_path / "a.docx", body))
    assert parsed.provision("Article 1").text == {"en": "Each Party shall act."}
    assert not parsed.warnings


def test_an_unknown_alignment_is_ignored_with_a_note(tmp_path):
    body = (
        p("A convention", '<w:jc w:val="center"/>')
        + p("Distr.: General", '<w:jc w:val="sideways"/><w:pStyle w:val="Title"/>')
        + p("Article 1")
        + p("Text.", '<w:jc w:val="sideways"/>')
    )
    parsed = parse_docx(package(tmp_path / "a.docx", body))
    assert parsed.provision("Article 1").text == {"en": "Text."}
    assert parsed.warnings == [
        "Ignored the unknown paragraph alignment (w:jc) 'sideways' in 2 places."
    ]


def test_alignment_and_headings_come_through_based_on_styles(tmp_path):
    styles_extra = (
        '<w:style w:type="paragraph" w:styleId="ArticleHead"><w:name w:val="Article head"/>'
        '<w:basedOn w:val="Heading3"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Centred"><w:name w:val="Centred"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop1"/>'
        '<w:basedOn w:val="Loop2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop2"/>'
        '<w:basedOn w:val="Loop1"/></w:style>'
    )
    from tests.texts.clients.wordxml import DEFAULT_STYLES

    body = (
        p("Draft convention", '<w:pStyle w:val="Title"/>')
        + p("A/AC.291/1", '<w:pStyle w:val="Centred"/>')
        + p("Article 1", '<w:pStyle w:val="ArticleHead"/>')
        + p("Purpose", '<w:pStyle w:val="ArticleHead"/>')
        + p("The purpose is cooperation.", '<w:pStyle w:val="Loop1"/>')
    )
    document = open_document(
        package(tmp_path / "s.docx", body, styles=DEFAULT_STYLES + styles_extra)
    )
    blocks = docx_blocks(document)
    assert [(b.text, b.heading, b.centered) for b in blocks] == [
        ("Draft convention", 0, True),
        ("A/AC.291/1", None, True),
        ("Article 1", 3, True),
        ("Purpose", 3, True),
        ("The purpose is cooperation.", None, False),
    ]
    parsed = parse_docx(package(tmp_path / "s.docx", body, styles=DEFAULT_STYLES + styles_extra))
    assert parsed.provision("Article 1").title == {"en": "Purpose"}
    assert any("title page" in warning for warning in parsed.warnings)


LIST = abstract(
    1,
    [
        level(0, "decimal", "%1."),
        level(1, "lowerLetter", "%2)"),
        level(2, "lowerRoman", "(%3)"),
    ],
)


def test_counters_belong_to_the_abstract_list_and_overrides_restart_them(tmp_path):
    """LibreOffice's restarted list: the first item under a num with w:startOverride, the
    next ones under another num of the same abstract list."""
    numbering = LIST + num(1, 1) + num(2, 1, {0: 1}) + num(3, 1) + num(4, 1, {0: 5})
    body = (
        p("Article 1", HEADING)
        + p("First.", num_pr(1))
        + p("With items:", num_pr(1))
        + p("one;", num_pr(1, 1))
        + p("two:", num_pr(1, 1))
        + p("roman one;", num_pr(1, 2))
        + p("roman two.", num_pr(1, 2))
        + p("three.", num_pr(1, 1))
        + p("Article 2", HEADING)
        + p("Restarted.", num_pr(2))
        + p("Continued.", num_pr(3))
        + p("with an item.", num_pr(3, 1))
        + p("Continued again.", num_pr(3))
        + p("Article 3", HEADING)
        + p("Starts at five.", num_pr(4))
        + p("Six.", num_pr(3))
    )
    parsed = parse_docx(package(tmp_path / "n.docx", body, numbering=numbering))
    assert parsed.provision("Article 1").text["en"].split("\n") == [
        "1. First.",
        "2. With items:",
        "a) one;",
        "b) two:",
        "(i) roman one;",
        "(ii) roman two.",
        "c) three.",
    ]
    assert parsed.provision("Article 2").text["en"].split("\n") == [
        "1. Restarted.",
        "2. Continued.",
        "a) with an item.",
        "3. Continued again.",
    ]
    assert parsed.provision("Article 3").text["en"].split("\n") == ["5. Starts at five.", "6. Six."]


def test_level_restart_legal_numbering_and_multi_level_text(tmp_path):
    numbering = abstract(
        2,
        [
            level(0, "upperRoman", "%1."),
            level(1, "decimal", "%1.%2", legal=True),
            level(2, "lowerLetter", "%3)", restart=0),
        ],
    ) + num(7, 2)
    body = (
        p("Article 1", HEADING)
        + p("Part one", num_pr(7))
        + p("Sub one", num_pr(7, 1))
        + p("item", num_pr(7, 2))
        + p("Part two", num_pr(7))
        + p("Sub again", num_pr(7, 1))
        + p("item never restarted", num_pr(7, 2))
    )
    parsed = parse_docx(package(tmp_path / "l.docx", body, numbering=numbering))
    assert parsed.provision("Article 1").text["en"].split("\n") == [
        "I. Part one",
        "1.1 Sub one",
        "a) item",
        "II. Part two",
        "2.1 Sub again",
        "b) item never restarted",
    ]


def test_numbering_through_styles_with_patterns_and_a_style_link(tmp_path):
    """Headings numbered "Article %1" by their style (lvl/w:pStyle), a style based on it,
    and a list whose abstract definition only links to a numbering style."""
    from tests.texts.clients.wordxml import DEFAULT_STYLES

    styles = DEFAULT_STYLES + (
        '<w:style w:type="paragraph" w:styleId="Article"><w:name w:val="Article"/>'
        f'<w:basedOn w:val="Heading3"/><w:pPr>{num_pr(20)}</w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ArticleBis"><w:name w:val="Article bis"/>'
        '<w:basedOn w:val="Article"/></w:style>'
        '<w:style w:type="numbering" w:styleId="TreatyList"><w:name w:val="Treaty list"/>'
        f'<w:pPr><w:numPr><w:numId w:val="30"/></w:numPr></w:pPr></w:style>'
    )
    numbering = (
        abstract(20, [level(0, "decimal", "Article %1", style="Article")])
        + abstract(30, [level(0, "decimal", "%1."), level(1, "lowerLetter", "(%2)")])
        + abstract(31, [], link="TreatyList")
        + num(20, 20)
        + num(30, 30)
        + num(31, 31)
    )
    body = (
        p("Scope", '<w:pStyle w:val="Article"/>')
        + p("This Convention applies.", num_pr(31))
        + p("It covers:", num_pr(31))
        + p("offences.", num_pr(31, 1))
        + p("Use of terms", '<w:pStyle w:val="ArticleBis"/>')
        + p("Terms are defined.", num_pr(30))
    )
    parsed = parse_docx(package(tmp_path / "st.docx", body, styles=styles, numbering=numbering))
    articles = parsed.provisions("article")
    assert [(a.label, a.title) for a in articles] == [
        ("Article 1", {"en": "Scope"}),
        ("Article 2", {"en": "Use of terms"}),
    ]
    assert articles[0].text["en"] == "1. This Convention applies.\n2. It covers:\n(a) offences."
    # num 30 is the list the style names: one sequence with num 31.
    assert articles[1].text["en"] == "3. Terms are defined."


def test_chinese_numbering_formats(tmp_path):
    custom = (
        '<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" '
        'w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/>'
        "</mc:Fallback></mc:AlternateContent>"
    )
    numbering = abstract(
        40,
        [
            level(0, "chineseCounting", "第%1条", suffix="space"),
            level(1, "chineseCounting", "（%2）", suffix="nothing"),
            level(2, "decimalEnclosedCircle", "%3"),
            level(3, "ideographTraditional", "%4、"),
            level(4, "klingon", "%5."),
            level(5, "decimal", "%6.", fmt_xml=custom),
        ],
    ) + num(40, 40, {0: 11})
    body = p("某某公约", '<w:pStyle w:val="Title"/>') + p("", num_pr(40))
    body += p("本法中下列用语的含义：", num_pr(40))
    for ilvl, words in (
        (1, "网络；"),
        (1, "数据；"),
        (2, "圈号"),
        (3, "天干"),
        (4, "未知"),
        (5, "定制"),
    ):
        body += p(words, num_pr(40, ilvl))
    parsed = parse_docx(package(tmp_path / "zh.docx", body, numbering=numbering))
    assert [a.label for a in parsed.provisions("article")] == ["第十一条", "第十二条"]
    assert parsed.provision("第十二条").text["zh"].split("\n") == [
        "本法中下列用语的含义：",
        "（一）网络；",
        "（二）数据；",
        "① 圈号",
        "甲、天干",
        "1. 未知",
        "001. 定制",
    ]
    assert (
        "Ignored the unknown numbering format (w:numFmt), read as 1, 2, 3, 'klingon' in 1 place."
        in parsed.warnings
    )


def test_number_formats():
    assert [roman(n) for n in (4, 9, 14, 40, 90, 400, 1994)] == [
        "iv",
        "ix",
        "xiv",
        "xl",
        "xc",
        "cd",
        "mcmxciv",
    ]
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 34, 100, 101, 110, 1010, 12345)] == [
        "一",
        "十",
        "十一",
        "二十",
        "三十四",
        "一百",
        "一百零一",
        "一百一十",
        "一千零一十",
        "一万二千三百四十五",
    ]
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(3, "upperLetter") == "C"
    assert format_number(12, "decimalEnclosedCircle") == "⑫"
    assert format_number(21, "decimalEnclosedCircle") == "21"
    assert format_number(10, "chineseLegalSimplified") == "壹拾"
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "russianLower") == "б"
    assert format_number(5, "decimalZero") == "05"
    assert format_number(5, "none") == ""
    assert format_number(5, "klingon") is None
    # Hostile values: no error, no string of millions of letters.
    assert format_number(2**31 - 1, "lowerLetter") == "2147483647"
    assert [format_number(-3, fmt) for fmt in ("lowerRoman", "lowerLetter", "chicago")] == [
        "",
        "",
        "",
    ]
