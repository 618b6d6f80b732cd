"""China's 2021 proposal on the scope, objectives and framework of the convention (seed 004).

Parsed from its Chinese text into parts, chapters and numbered elements; see
``china_elements_2021`` for how the outline maps to provisions.
"""

from __future__ import annotations

import re

from workbench.corpus.seedfiles import CHINA_SEED, read_source
from workbench.texts.clean import normalize_space, rejoin_broken
from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision

_CJK_DIGITS = "一二三四五六七八九十"

_HEADING = re.compile(r"^#{1,6}\s*")
_BOLD = re.compile(r"\*\*")
_LIST_DASH = re.compile(r"^-\s+")
_PART = re.compile(rf"^([{_CJK_DIGITS}]+)、\s*(.+)$")
_BRACKETED = re.compile(rf"^[（(]([{_CJK_DIGITS}]+)[）)]\s*(.*)$")
_ELEMENT = re.compile(r"^(\d+)、\s*(.*)$")
_SHORT_HEADING = re.compile(r"^([^，、；：。,;:]{1,8})。")
_PLACEHOLDER = re.compile(r"^(?:略|……|\[…+\]|\.\.\.)[。.]?$")
CHINA_PREAMBLE_LABEL = "导言"


def _china_lines() -> list[tuple[bool, str]]:
    """Seed 004 as (is_heading, text) paragraphs: Markdown marks dropped, page breaks mended."""
    lines: list[tuple[bool, str]] = []
    body: list[str] = []

    def flush() -> None:
        lines.extend((False, paragraph) for paragraph in rejoin_broken(body))
        body.clear()

    for raw in read_source(CHINA_SEED).split("\n"):
        text = normalize_space(_LIST_DASH.sub("", _BOLD.sub("", _HEADING.sub("", raw))))
        if not text:
            continue
        if _HEADING.match(raw):
            flush()
            lines.append((True, text))
        else:
            body.append(text)
    flush()
    return lines


def china_elements_2021() -> ParsedInstrument:
    """China's 2021 proposal on the scope, objectives and framework (elements), in Chinese."""
    # Parts 一 (objectives), 二 (scope) and 三 (framework), the last holding its chapeau and
    # seven chapters, each opening with its chapeau ("三.（三）") and then its numbered
    # elements ("三.（三）1"). A chapter whose text is not numbered is one element when it
    # says something (（六）'s single paragraph is "三.（六）1", after a chapeau without
    # wording) and its chapeau when it is a placeholder (（七）: "略。", no element).
    lines = _china_lines()
    title_lines = []
    while lines and lines[0][0]:
        title_lines.append(lines.pop(0)[1])
    instrument = ParsedInstrument(title={"zh": "".join(title_lines)}, language="zh")
    preamble = []
    while lines and not (lines[0][0] and _PART.match(lines[0][1])):
        preamble.append(lines.pop(0)[1])
    instrument.children.append(_zh_provision("preamble", CHINA_PREAMBLE_LABEL, preamble))
    for part_label, part_title, paragraphs in _sections(lines, _PART):
        part = ParsedChapter(kind="part", label=part_label, title={"zh": part_title})
        instrument.children.append(part)
        if part_label == "一":
            part.children.extend(_objectives(paragraphs))
        elif part_label == "二":
            part.children.append(_zh_provision("scope", "二", [text for _h, text in paragraphs]))
        else:
            part.children.extend(_framework(part_label, paragraphs))
    return instrument


def _sections(lines: list[tuple[bool, str]], pattern: re.Pattern[str]):
    """Split paragraphs at headings matching pattern: (label, title, paragraphs) each."""
    sections: list[tuple[str, str, list[tuple[bool, str]]]] = []
    for is_heading, text in lines:
        match = pattern.match(text) if is_heading else None
        if match:
            sections.append((match.group(1), match.group(2), []))
        elif sections:
            sections[-1][2].append((is_heading, text))
    return sections


def _zh_provision(kind: str, label: str, paragraphs: list[str], title: str | None = None):
    text = {"zh": "\n".join(paragraphs)} if paragraphs else {}
    provision = ParsedProvision(kind=kind, label=label, text=text)
    if title:
        provision.title["zh"] = title
    return provision


def _objectives(paragraphs: list[tuple[bool, str]]) -> list[ParsedProvision]:
    objectives = []
    for _heading, text in paragraphs:
        match = _BRACKETED.match(text)
        if match:
            label = f"一（{match.group(1)}）"
            objectives.append(_zh_provision("objective", label, [match.group(2)]))
    return objectives


def _framework(part_label: str, paragraphs: list[tuple[bool, str]]) -> list:
    first_chapter = next(
        (i for i, (heading, text) in enumerate(paragraphs) if heading and _BRACKETED.match(text)),
        len(paragraphs),
    )
    chapeau = [text for _heading, text in paragraphs[:first_chapter]]
    items: list = [_zh_provision("chapeau", part_label, chapeau)]
    for number, title, body in _sections(paragraphs[first_chapter:], _BRACKETED):
        chapter_label = f"（{number}）"
        chapter = ParsedChapter(kind="chapter", label=chapter_label, title={"zh": title})
        chapter.children.extend(_elements(f"{part_label}.{chapter_label}", body))
        items.append(chapter)
    return items


def _elements(prefix: str, body: list[tuple[bool, str]]) -> list[ParsedProvision]:
    texts = [text for _heading, text in body]
    start = next((i for i, text in enumerate(texts) if _ELEMENT.match(text)), None)
    if start is None:
        if len(texts) == 1 and _PLACEHOLDER.match(texts[0]):
            return [_zh_provision("chapeau", prefix, texts)]
        # Every chapter opens with its chapeau, here without wording, so that the labels
        # run alike in all chapters (workbench.corpus.reference.CHINA_ELEMENT_LABELS).
        return [_zh_provision("chapeau", prefix, []), _element(prefix, "1", texts)]
    provisions = [_zh_provision("chapeau", prefix, texts[:start])]
    current: tuple[str, list[str]] | None = None
    for text in texts[start:]:
        match = _ELEMENT.match(text)
        if match:
            if current:
                provisions.append(_element(prefix, *current))
            current = (match.group(1), [match.group(2)])
        elif current:
            current[1].append(text)
    if current:
        provisions.append(_element(prefix, *current))
    return provisions


def _element(prefix: str, number: str, paragraphs: list[str]) -> ParsedProvision:
    heading = _SHORT_HEADING.match(paragraphs[0])
    title = heading.group(1) if heading else None
    return _zh_provision("element", f"{prefix}{number}", paragraphs, title)


# --- the Russian draft's outline (seed 000) ----------------------------------------------
