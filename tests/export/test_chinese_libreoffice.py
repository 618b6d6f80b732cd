"""Chinese-only and bilingual (English left, Chinese right) texts, as LibreOffice reads them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from workbench.export.writer import write_consolidated

from .conftest import (
    ELEMENT_EN,
    ELEMENT_ZH,
    NS,
    body_headings,
    convert_all,
    footnotes,
    negotiating_document,
    odf_text,
    odt_changes,
    odt_content,
    read_text,
    requires_libreoffice,
)

pytestmark = pytest.mark.libreoffice

VARIANTS = [
    (languages, mode)
    for languages in ("zh", "en-zh")
    for mode in ("brackets", "alternatives", "tracked")
]
CHINA = "中国；共同提案国：俄罗斯联邦"  # the Chinese column's tracked changes name it in Chinese
TITLE_ZH = "联合国打击为犯罪目的使用信息和通信技术公约草案"


@pytest.fixture(scope="module")
def chinese(tmp_path_factory):
    """Chinese-only and bilingual texts in both modes, converted once."""
    requires_libreoffice()
    folder = tmp_path_factory.mktemp("consolidated-zh")
    files = {
        (languages, mode): write_consolidated(
            negotiating_document(languages.split("-")),
            folder / f"text-{languages}-{mode}.docx",
            mode,
        )
        for languages, mode in VARIANTS
    }
    converted = convert_all(list(files.values()), folder)
    return SimpleNamespace(
        files=files,
        odt={key: odt_content(converted["odt"][path]) for key, path in files.items()},
        txt={key: read_text(converted["txt"][path]) for key, path in files.items()},
    )


@pytest.mark.parametrize("key", VARIANTS)
def test_chinese_text_survives(chinese, key):
    text = chinese.txt[key]
    assert TITLE_ZH in text
    assert ELEMENT_ZH in text
    assert "各缔约方应采取必要的立法和其他措施" in text
    assert "1. 各缔约方应将制作用于实施犯罪的装置的行为规定为犯罪。" in text


def test_chinese_brackets_name_the_sponsors_in_chinese(chinese):
    text = chinese.txt[("zh", "brackets")]
    assert "将故意无权[访问计算机] / [访问信息通信技术]（中国、俄罗斯联邦）系统的全部" in text
    assert "] / [删除]（美利坚合众国、日本）" in text
    assert "[1. 各缔约方应将制作用于实施犯罪的装置的行为规定为犯罪。]（巴西）" in text
    assert "China" not in text and "Brazil" not in text


def test_chinese_alternatives_use_chinese_markers(chinese):
    text = chinese.txt[("zh", "alternatives")]
    assert "[备选案文1：" in text
    assert "信息通信技术系统" in text
    assert "（中国、俄罗斯联邦）]" in text
    assert "[备选案文1：删除本条（美利坚合众国、日本）]" in text
    assert (
        "[新增第二条之二：1. 各缔约方应将制作用于实施犯罪的装置的行为规定为犯罪。（巴西）]" in text
    )


@pytest.mark.parametrize("languages", ["zh", "en-zh"])
def test_chinese_tracked_changes_keep_their_author(chinese, languages):
    changes = odt_changes(chinese.odt[(languages, "tracked")])
    assert any(
        c.kind == "deletion" and c.author == CHINA and c.text == "计算机系统" for c in changes
    ), changes
    assert any(
        c.kind == "insertion" and c.author == CHINA and c.text == "信息通信技术系统"
        for c in changes
    ), changes


def test_chinese_only_headings_use_chinese_titles(chinese):
    headings = [text for _level, text in body_headings(chinese.odt[("zh", "brackets")])]
    # Chinese labels (第二条 for Article 2), centred over their titles.
    assert "第二章\n国家一级应采取的措施" in headings
    assert "第二条\n非法访问" in headings
    assert "[第二条之二\n滥用设备]" in headings
    assert "三.（三）1\n非法获取计算机信息系统数据" in headings
    # Without a Chinese title, the English one stands rather than nothing.
    assert "第三条\nIllegal interception" in headings


@pytest.mark.parametrize("mode", ["brackets", "alternatives"])
def test_bilingual_headings_and_side_by_side_columns(chinese, mode):
    root = chinese.odt[("en-zh", mode)]
    headings = [text for _level, text in body_headings(root)]
    assert "Article 2 / 第二条\nIllegal access / 非法访问" in headings
    assert "三.（三）1\nIllegal obtaining of data / 非法获取计算机信息系统数据" in headings
    tables = root.findall(".//office:text/table:table", NS)
    assert len(tables) >= 8  # one per provision and per proposed new provision
    for table in tables:
        columns = table.findall("table:table-column", NS)
        repeated = f"{{{NS['table']}}}number-columns-repeated"
        assert sum(int(c.get(repeated, "1")) for c in columns) == 2
    by_text = {}
    for table in tables:
        cells = table.findall(".//table:table-cell", NS)
        by_text[odf_text(cells[0])] = odf_text(cells[1])
    assert by_text[ELEMENT_EN] == ELEMENT_ZH
    if mode == "brackets":
        english = next(left for left in by_text if "[a computer] / [an information" in left)
        assert english.startswith("1. Each Party shall adopt")
        assert "(China, Russian Federation)" in english
        assert by_text[english].startswith("1. 各缔约方应采取必要的立法和其他措施")
        assert "（中国、俄罗斯联邦）" in by_text[english]
        return
    english = next(left for left in by_text if left.startswith("[1. Each Party shall adopt"))
    assert by_text[english].startswith("[1. 各缔约方应采取必要的立法和其他措施")
    assert "[备选案文1：" in by_text[english]
    assert "[Alt 1: " in english


def test_bilingual_tables_have_no_borders(chinese):
    root = chinese.odt[("en-zh", "brackets")]
    styles = {
        s.get(f"{{{NS['style']}}}name"): s
        for s in root.iterfind(".//office:automatic-styles/style:style", NS)
    }
    cell = root.find(".//office:text/table:table//table:table-cell", NS)
    properties = styles[cell.get(f"{{{NS['table']}}}style-name")].find(
        "style:table-cell-properties", NS
    )
    fo = f"{{{NS['fo']}}}"
    borders = [
        properties.get(f"{fo}border{side}") for side in ("", "-left", "-right", "-top", "-bottom")
    ]
    assert all(border in (None, "none") for border in borders), borders


def test_chinese_runs_carry_the_east_asian_font_and_language(chinese):
    root = chinese.odt[("zh", "brackets")]
    styles = {
        s.get(f"{{{NS['style']}}}name"): s
        for s in root.iterfind(".//office:automatic-styles/style:style", NS)
    }
    span = next(s for s in root.iter(f"{{{NS['text']}}}span") if odf_text(s) == ELEMENT_ZH)
    properties = styles[span.get(f"{{{NS['text']}}}style-name")].find("style:text-properties", NS)
    style = f"{{{NS['style']}}}"
    assert properties.get(f"{style}font-name-asian") == "SimSun"
    assert properties.get(f"{style}language-asian") == "zh"
    assert properties.get(f"{style}country-asian") == "CN"


def test_bilingual_footnotes(chinese):
    notes = footnotes(chinese.odt[("en-zh", "tracked")])
    assert "Based on China's proposal (2021), element 三.（三）1" in notes
