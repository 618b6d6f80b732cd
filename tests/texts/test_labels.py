"""Structural labels in Chinese come from one function."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.texts.labels import chinese_numeral, structural_label


@pytest.mark.parametrize(
    ("label", "chinese"),
    [
        ("Article 6", "第六条"),
        ("Article 2", "第二条"),
        ("Article 10", "第十条"),
        ("Article 12", "第十二条"),
        ("Article 46", "第四十六条"),
        ("Article 105", "第一百零五条"),
        ("Article 2 bis", "第二条之二"),
        ("Article 3 ter", "第三条之三"),
        ("Chapter II", "第二章"),
        ("Chapter IV", "第四章"),
        ("Chapter XIV", "第十四章"),
        ("Section 1", "第一节"),
        ("Part III", "第三部分"),
        ("Paragraph 1", "第一款"),
        ("Annex II", "附件二"),
        ("Preamble", "序言"),
        ("三.（三）1", "三.（三）1"),
        ("一（二）", "一（二）"),
        ("第三十四条", "第三十四条"),
        ("3 alt", "3 alt"),
        ("New provision", "New provision"),
    ],
)
def test_labels_read_as_a_chinese_reader_writes_them(label, chinese):
    assert structural_label(label, "zh") == chinese
    assert structural_label(label, "en") == label


@given(st.integers(min_value=0, max_value=9999))
def test_chinese_numerals_read_back(number):
    """Every numeral reads back to its number (checked against a plain reader of 十百千零)."""
    digits = {d: i for i, d in enumerate("零一二三四五六七八九")}
    text = chinese_numeral(number)
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        else:
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            current = 0
    assert total + current == number
    assert not text.endswith("零") or number == 0
