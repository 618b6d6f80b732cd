"""Wording paragraphs and their labels: "1." stands at the margin, "a)" under it, "(i)" further in."""

from __future__ import annotations

import re

_ARABIC = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.．、]|[一二三四五六七八九十百]+、)")
# A label ends in a space, or runs straight into Chinese text ("a)“计算机系统”").
_LETTER = re.compile(r"^\s*\(?([a-z]{1,2})\)(?=\s|[^\x00-\x7f])")
_ROMAN = re.compile(r"^\s*\(?([ivxlc]+)\)(?=\s|[^\x00-\x7f])")
_CN_SUB = re.compile(r"^\s*[（(](?:[一二三四五六七八九十]+|\d+)[)）]")
_CIRCLED = re.compile(r"^\s*[①-⑳]")


def paragraph_levels(lines: list[str]) -> list[int]:
    """Indent level of each wording paragraph from its label: "1." 0, "a)" 1, "(i)" 2."""
    levels: list[int] = []
    last_letter: str | None = None
    for line in lines:
        level = 0
        roman = _ROMAN.match(line)
        letter = _LETTER.match(line)
        # "(i)" after "(h)" is a letter, otherwise a roman numeral under a lettered paragraph.
        if roman and not (
            len(roman.group(1)) == 1 and last_letter and ord(roman.group(1)) == ord(last_letter) + 1
        ):
            level = 2
        elif letter:
            level, last_letter = 1, letter.group(1)
        elif _CN_SUB.match(line):
            level = 1
        elif _CIRCLED.match(line):
            level = 2
        elif _ARABIC.match(line):
            last_letter = None
        levels.append(level)
    return levels


def wording_lines(text: str | None) -> list[str]:
    """The paragraphs of a wording ("\\n"-separated), blank ones dropped."""
    if not text:
        return []
    return [line.rstrip("\r") for line in text.split("\n") if line.strip()]
