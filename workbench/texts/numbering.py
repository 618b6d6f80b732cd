"""Word's automatic numbering, counted as Word and LibreOffice count it, written as labels.

ECMA-376 §17.9: the counters belong to the abstract numbering definition
(``w:abstractNum``), so every ``w:num`` that refers to it continues one sequence; a
``w:num`` whose ``w:lvlOverride`` carries a ``w:startOverride`` restarts the sequence at
that level where the num is first used. LibreOffice writes a restarted list exactly so:
the first item under a num with the override, the next items under another num of the
same abstract list. A level restarts after any higher level is used unless its
``w:lvlRestart`` says otherwise; ``w:isLgl`` writes every level in Arabic numerals; an
abstract list with ``w:numStyleLink`` takes its levels from the list a numbering style names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from workbench.texts.numformats import custom_format, format_number
from workbench.texts.ooxml import Notes, children, number, on_off, val, w
from workbench.texts.wordstyles import StyleSheet

BULLET = "–"
_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_LINKS = 10


@dataclass(frozen=True)
class Level:
    """One level of a list: how its number is written and when it restarts."""

    fmt: str  # a ST_NumberFormat value
    text: str  # w:lvlText: "%1.", "Article %1", "（%1）", "%1.%2"
    start: int
    restart: int | None  # w:lvlRestart (1-based level index; 0 never), None for the default
    legal: bool  # w:isLgl
    style: str | None  # w:pStyle: the paragraph style this level numbers
    custom: str | None = None  # w:format of a custom numFmt ("001, 002, 003, ...")


class Numbering:
    """The numbering part of a document and the counters of one reading of it."""

    def __init__(self, root, styles: StyleSheet, notes: Notes) -> None:
        self.styles = styles
        self.notes = notes
        self._nums: dict[str | None, etree._Element] = {}
        self._abstracts: dict[str | None, etree._Element] = {}
        if root is not None:
            for num in root.iter(w("num")):
                self._nums.setdefault(num.get(w("numId")), num)
            for abstract in root.iter(w("abstractNum")):
                self._abstracts.setdefault(abstract.get(w("abstractNumId")), abstract)
        self._levels: dict[str, dict[int, Level]] = {}
        self._keys: dict[str, str | None] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self.reset()

    def reset(self) -> None:
        """Forget the counts: a new reading of the document starts from the first paragraph."""
        self._counters: dict[str, dict[int, int]] = {}
        self._seen: set[tuple[str, int]] = set()

    # -- definitions ---------------------------------------------------------------------

    def defined(self, num_id: str | None) -> bool:
        return num_id is not None and num_id in self._nums

    def abstract_key(self, num_id: str) -> str | None:
        """The abstract list a num counts in, after following w:numStyleLink."""
        if num_id not in self._keys:
            key = val(self._nums.get(num_id), "abstractNumId")
            for _ in range(_MAX_LINKS):
                link = val(self._abstracts.get(key), "numStyleLink")
                target = self.styles.numbering_style_target(link) if link else None
                if target is None or target == num_id or target not in self._nums:
                    break
                key = val(self._nums[target], "abstractNumId")
            self._keys[num_id] = key
        return self._keys[num_id]

    def levels(self, num_id: str) -> dict[int, Level]:
        """The levels of a num: its abstract list's, with the num's own w:lvl overrides."""
        if num_id not in self._levels:
            abstract = self._abstracts.get(self.abstract_key(num_id))
            levels = {}
            for lvl in [] if abstract is None else abstract.findall(w("lvl")):
                levels[number(lvl.get(w("ilvl"))) or 0] = self._level(lvl)
            for override in self._nums[num_id].findall(w("lvlOverride")):
                own = override.find(w("lvl"))
                if own is not None:
                    levels[number(override.get(w("ilvl"))) or 0] = self._level(own)
            self._levels[num_id] = levels
        return self._levels[num_id]

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level whose w:pStyle is the paragraph's style (numbering through a style)."""
        if style_id is None or not self.defined(num_id):
            return None
        found = [ilvl for ilvl, level in self.levels(num_id).items() if level.style == style_id]
        return min(found) if found else None

    def _starts(self, num_id: str) -> dict[int, int]:
        if num_id not in self._overrides:
            starts = {}
            for override in self._nums[num_id].findall(w("lvlOverride")):
                start = number(val(override, "startOverride"))
                if start is not None:
                    starts[number(override.get(w("ilvl"))) or 0] = start
            self._overrides[num_id] = starts
        return self._overrides[num_id]

    def _level(self, lvl) -> Level:
        # Word 2010 writes custom formats in mc:AlternateContent, a plain one as fallback.
        fmt_element = next((c for c in children(lvl) if c.tag == w("numFmt")), None)
        fmt = (fmt_element.get(w("val")) if fmt_element is not None else None) or "decimal"
        text_element = lvl.find(w("lvlText"))
        text = "" if text_element is None else text_element.get(w("val")) or ""
        if text_element is not None and text_element.get(w("null")) in ("1", "true", "on"):
            text = ""
        start = number(val(lvl, "start"))
        return Level(
            fmt=fmt,
            text=text,
            # ECMA-376 says an omitted w:start is 0; Word and LibreOffice both start at 1.
            start=1 if start is None else start,
            restart=number(val(lvl, "lvlRestart")),
            legal=bool(on_off(lvl, "isLgl")),
            style=val(lvl, "pStyle"),
            custom=fmt_element.get(w("format")) if fmt_element is not None else None,
        )

    # -- counting ------------------------------------------------------------------------

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Count one numbered paragraph and return the label shown before it ("" for none)."""
        if num_id is None or num_id == "0":
            return ""
        if num_id not in self._nums:
            self.notes.unknown("list (w:numId)", num_id)
            return ""
        levels = self.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(self.abstract_key(num_id) or num_id, {})
        if (num_id, ilvl) not in self._seen:
            self._seen.add((num_id, ilvl))
            start = self._starts(num_id).get(ilvl)
            if start is not None:
                counters[ilvl] = start - 1
        current = counters.get(ilvl)
        counters[ilvl] = level.start if current is None else current + 1
        # A level used before its parent gives the parent its first number, as LibreOffice
        # shows it ("%1.%2" reads 1.1) and counts on from it: the next parent item is 2.
        for higher in range(ilvl):
            if higher in levels and higher not in counters:
                counters[higher] = levels[higher].start
        for deeper, other in levels.items():
            if deeper > ilvl and _restarts(other, deeper, ilvl):
                counters.pop(deeper, None)
        if level.fmt == "bullet":
            return BULLET
        return self._render(level, levels, counters).strip()

    def _render(self, level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
        def replace(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index)
            if shown is None:
                return ""
            value = counters.get(index, shown.start)
            fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
            return self._format(value, fmt, shown.custom)

        return _PLACEHOLDER.sub(replace, level.text)

    def _format(self, value: int, fmt: str, custom: str | None) -> str:
        text = format_number(value, fmt)
        if text is None and fmt == "custom":
            text = custom_format(value, custom)
        if text is None:
            self.notes.unknown("numbering format (w:numFmt), read as 1, 2, 3,", custom or fmt)
            text = str(value)
        return text


def _restarts(level: Level, index: int, used: int) -> bool:
    """Whether a deeper level starts again after a paragraph of level ``used``."""
    restart = level.restart
    if restart == 0:
        return False  # never
    if restart is None or restart - 1 >= index:
        return True  # the default: after any higher level (a value past itself is ignored)
    return used <= restart - 1
