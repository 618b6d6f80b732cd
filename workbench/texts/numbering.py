"""Word's automatic numbering, turned back into the labels a reader sees ("Article 3", "a)")."""

from __future__ import annotations

from docx.oxml.ns import qn

_CJK_DIGITS = "〇一二三四五六七八九"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_BULLET = "–"


def _attr(element, name: str) -> str | None:
    return None if element is None else element.get(qn(name))


def _child_val(element, tag: str) -> str | None:
    return _attr(None if element is None else element.find(qn(tag)), "w:val")


def roman(number: int) -> str:
    """A positive number in lower-case Roman numerals."""
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def chinese(number: int) -> str:
    """A number up to 99 in Chinese counting numerals (十二, 二十)."""
    if number < 10:
        return _CJK_DIGITS[number]
    tens, units = divmod(number, 10)
    head = "" if tens == 1 else _CJK_DIGITS[tens] if tens < 10 else str(tens)
    return f"{head}十{_CJK_DIGITS[units] if units else ''}"


def _letters(number: int) -> str:
    # Word repeats the letter past z: aa, bb...
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """One level's counter in a numbering format of WordprocessingML."""
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(number)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(number).upper() if fmt == "upperRoman" else roman(number)
    if fmt.startswith(("chineseCounting", "ideographDigital", "japaneseCounting", "taiwanese")):
        return chinese(number) if number < 1000 else str(number)
    if fmt in ("ideographTraditional",) and number <= 10:
        return _TRADITIONAL[number - 1]
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """Counts numbered paragraphs in document order and writes their labels."""

    def __init__(self, document) -> None:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        self._nums = {}
        self._abstracts = {}
        if root is not None:
            for num in root.findall(qn("w:num")):
                self._nums[_attr(num, "w:numId")] = num
            for abstract in root.findall(qn("w:abstractNum")):
                self._abstracts[_attr(abstract, "w:abstractNumId")] = abstract
        self._counters: dict[str, list[int]] = {}
        self._styles = document.styles

    def label(self, paragraph) -> str:
        """The label Word shows before this paragraph, or "" when it is not numbered."""
        num_id, ilvl = self._numbering_of(paragraph)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        levels = self._levels(num_id)
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        for level in range(ilvl + 1, 9):
            counters[level] = 0
        counters[ilvl] = (counters[ilvl] or levels[ilvl]["start"] - 1) + 1
        fmt = levels[ilvl]["fmt"]
        if fmt == "bullet":
            return _BULLET
        text = levels[ilvl]["text"]
        for level in range(ilvl, -1, -1):
            value = counters[level] or levels.get(level, {"start": 1})["start"]
            level_fmt = levels.get(level, {"fmt": "decimal"})["fmt"]
            text = text.replace(f"%{level + 1}", format_number(value, level_fmt))
        return text.strip()

    def _numbering_of(self, paragraph) -> tuple[str | None, int]:
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        from workbench.texts.word import style_of  # word imports this module

        style = style_of(paragraph)
        while num_pr is None and style is not None:
            ppr = style.element.pPr
            num_pr = ppr.numPr if ppr is not None else None
            style = style.base_style
        if num_pr is None:
            return None, 0
        num_id = _child_val(num_pr, "w:numId")
        ilvl = _child_val(num_pr, "w:ilvl")
        return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0

    def _levels(self, num_id: str) -> dict[int, dict]:
        num = self._nums[num_id]
        abstract = self._abstracts.get(_child_val(num, "w:abstractNumId"))
        levels: dict[int, dict] = {}
        for lvl in [] if abstract is None else abstract.findall(qn("w:lvl")):
            levels[int(_attr(lvl, "w:ilvl") or 0)] = self._level(lvl)
        for override in num.findall(qn("w:lvlOverride")):
            index = int(_attr(override, "w:ilvl") or 0)
            lvl = override.find(qn("w:lvl"))
            if lvl is not None:
                levels[index] = self._level(lvl)
            start = _child_val(override, "w:startOverride")
            if start and index in levels:
                levels[index]["start"] = int(start)
        return levels

    @staticmethod
    def _level(lvl) -> dict:
        start = _child_val(lvl, "w:start")
        return {
            "fmt": _child_val(lvl, "w:numFmt") or "decimal",
            "text": _child_val(lvl, "w:lvlText") or "",
            "start": int(start) if start and start.isdigit() else 1,
        }
