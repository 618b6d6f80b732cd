"""Structural labels in each language: "Article 6" is 第六条, "Chapter II" 第二章.

One function names a provision or a division in the reader's language, for every page, API
response and export. Labels a text wrote in its own numbering (China's 三.（三）1) are kept
as written: they are the text's own, not a translation.
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
# Latin ordinal suffixes of inserted provisions, as Chinese treaty texts number them.
_SUFFIXES = {
    "bis": 2,
    "ter": 3,
    "quater": 4,
    "quinquies": 5,
    "sexies": 6,
    "septies": 7,
    "octies": 8,
    "novies": 9,
    "decies": 10,
}
# English unit → (Chinese unit, whether the number is counted: 第六条 but 附件一).
_UNITS = {
    "article": ("条", True),
    "chapter": ("章", True),
    "section": ("节", True),
    "part": ("部分", True),
    "title": ("编", True),
    "paragraph": ("款", True),
    "element": ("项", True),
    "annex": ("附件", False),
}
_NAMED = {
    "preamble": "序言",
    "final clauses": "最后条款",
    "final provisions": "最后条款",
    "objectives": "目标",
    "scope": "范围",
}
_LABEL = re.compile(
    r"^(?P<unit>[A-Za-z]+)\s+(?P<num>\d+|[IVXLCDMivxlcdm]+|[A-Z])"
    r"(?:\s+(?P<suffix>" + "|".join(_SUFFIXES) + r"))?\.?$",
    re.IGNORECASE,
)


def chinese_numeral(number: int) -> str:
    """A whole number from 0 to 9999 in Chinese counting numerals (十二, 二十, 一百零五)."""
    if not 0 <= number <= 9999:
        return str(number)
    if number < 10:
        return _DIGITS[number]
    if number < 20:
        return "十" + (_DIGITS[number - 10] if number > 10 else "")
    parts: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if pending_zero:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            pending_zero = False
        elif parts:
            pending_zero = True
    return "".join(parts)


def roman_numeral(number: int) -> str:
    """A positive number in upper-case Roman numerals, as chapters are numbered (XIV)."""
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _arabic(numeral: str) -> int | None:
    if numeral.isdigit():
        return int(numeral)
    lowered = numeral.lower()
    if all(ch in _ROMAN for ch in lowered):
        total = 0
        for ch, nxt in zip(lowered, [*lowered[1:], ""], strict=True):
            value = _ROMAN[ch]
            total += -value if nxt and _ROMAN[nxt] > value else value
        return total
    if len(numeral) == 1 and numeral.isalpha():
        return ord(numeral.upper()) - ord("A") + 1
    return None


def structural_label(label: str, lang: str = "en") -> str:
    """A provision's or division's label as a reader of ``lang`` writes it."""
    if lang != "zh" or not label:
        return label
    named = _NAMED.get(label.strip().lower())
    if named:
        return named
    match = _LABEL.match(label.strip())
    if not match or match["unit"].lower() not in _UNITS:
        return label
    number = _arabic(match["num"])
    if number is None:
        return label
    unit, counted = _UNITS[match["unit"].lower()]
    numeral = chinese_numeral(number)
    text = f"第{numeral}{unit}" if counted else f"{unit}{numeral}"
    if match["suffix"]:
        text += f"之{chinese_numeral(_SUFFIXES[match['suffix'].lower()])}"
    return text
