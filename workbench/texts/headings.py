"""Recognizing the lines that open a division or a provision, in English and Chinese."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.texts.clean import has_cjk
from workbench.texts.structure import match_label

# Rank of each division: a heading closes every open division of the same or lower rank.
RANKS = {"part": 0, "annex": 0, "chapter": 1, "section": 2, "title": 3}

_CJK_NUM = "一二三四五六七八九十百零〇两"
_EN_HEADING = re.compile(
    r"^(?P<word>part|chapter|section|title|article|annex|appendix)"
    r"(?:\s+(?P<num>\d{1,3}|[ivxlc]{1,7}|[a-z](?=\W|$)))?"
    r"(?:\s+(?P<suffix>bis|ter|quater|quinquies|sexies)\b)?"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_ZH_HEADING = re.compile(
    rf"^第(?P<num>[{_CJK_NUM}\d]{{1,6}})(?P<unit>编|部分|章|节|条)(?P<rest>.*)$"
)
_ZH_ANNEX = re.compile(rf"^附件(?P<num>[{_CJK_NUM}\d]{{0,4}})(?P<rest>.*)$")
_ZH_PART = re.compile(rf"^(?P<num>[{_CJK_NUM}]{{1,4}})、\s*(?P<rest>.+)$")
_ZH_CHAPTER = re.compile(rf"^[（(](?P<num>[{_CJK_NUM}]{{1,4}})[）)]\s*(?P<rest>.+)$")
_SEPARATOR = re.compile(r"^\s*[–—\-.:：、]\s*")
_ZH_UNITS = {"编": "part", "部分": "part", "章": "chapter", "节": "section", "条": "article"}
_EN_KINDS = {"appendix": "annex"}

PREAMBLE_MARKER = re.compile(r"^(?:preamble|序言|前言|导言)\s*[:：]?$", re.IGNORECASE)
# A heading that names the final clause (as the workbench's own Word export writes it).
FINAL_CLAUSE_MARKER = re.compile(
    r"^(?:final clauses?|testimonium|最后条款)\s*[:：]?$", re.IGNORECASE
)
# The Budapest Markdown opens its one-paragraph preamble with the word itself.
PREAMBLE_PREFIX = re.compile(r"^Preamble\s+(?=[A-Z])")
FINAL_CLAUSE = re.compile(
    r"^(?:in witness whereof|done at\b|(?:为此[，,]\s*)?下列(?:签署|签字)(?:人|代表))"
    rf"|以昭信守|^[{_CJK_NUM}\d]{{2,4}}年.{{0,20}}订于",
    re.IGNORECASE,
)
# A title never ends like a sentence or a lead-in to a list ("本法中下列用语的含义：").
_TITLE_END = set(".;,:。；，：!?！？")
_SENTENCE_END = set(".;:。；：!?！？")


@dataclass(frozen=True)
class Heading:
    """A line that opens a division (part, chapter...) or an article."""

    kind: str  # a ChapterKind value, or "article"
    label: str  # "Chapter I", "Article 12", "第十二条", "（一）"
    title: str | None = None  # the title given on the same line
    text: str | None = None  # wording that follows the label on the same line ("第一条 为了…")


def is_title_like(text: str) -> bool:
    """Whether a line reads as a heading's title rather than as wording."""
    if not text or match_label(text) or text[-1] in _TITLE_END:
        return False
    if has_cjk(text):
        return len(text) <= 40 and not any(mark in text for mark in "，。；：")
    return len(text) <= 200 and not text[0].islower()


def find_heading(text: str, *, marked: bool, in_article: bool) -> Heading | None:
    """The division or article heading a paragraph is, if it is one."""
    # ``marked``: set as a heading (Markdown "#", a Word heading style, bold), so a title may
    # follow the label after a plain space. Chinese outline numbering ("一、目标",
    # "（一）总则") is a heading outside articles only: inside, it numbers paragraphs.
    return (
        _english(text, marked)
        or _chinese(text, marked)
        or (None if in_article and not marked else _outline(text, marked))
    )


def _english(text: str, marked: bool) -> Heading | None:
    match = _EN_HEADING.match(text)
    if not match:
        return None
    word = match["word"].lower()
    num = match["num"]
    if num is None and word not in ("annex", "appendix"):
        return None
    rest = match["rest"]
    if rest and not rest[0].isspace() and not _SEPARATOR.match(rest):
        return None  # "Articles 2", "Article 12a": not a heading
    label = " ".join(
        part for part in (word.capitalize(), _numeral(num), (match["suffix"] or "").lower()) if part
    )
    kind = _EN_KINDS.get(word, word)
    title, wording = _split_rest(rest, marked, kind)
    if title is None and wording is None and rest.strip():
        return None
    return Heading(kind=kind, label=label, title=title, text=wording)


def _numeral(num: str | None) -> str:
    if num is None:
        return ""
    return num if num.isdigit() else num.upper()


def _split_rest(rest: str, marked: bool, kind: str) -> tuple[str | None, str | None]:
    """Split what follows a label into (title, wording); (None, None) when it is prose."""
    separated = _SEPARATOR.match(rest)
    candidate = rest[separated.end() :] if separated else rest.strip()
    candidate = candidate.strip().strip("【】[]").strip()
    if not candidate:
        return None, None
    if is_title_like(candidate) or (
        marked and len(candidate) <= 200 and not reads_as_sentence(candidate)
    ):
        return candidate, None
    if kind == "article" and (separated or marked):
        return None, candidate
    if separated and kind != "article":
        return candidate, None
    return None, None


def reads_as_sentence(text: str) -> bool:
    """Whether text reads as wording even where it is set as a heading: a sentence of
    Chinese (with its punctuation), or any text ending as a sentence or a lead-in does."""
    if text[-1] in _SENTENCE_END:
        return True
    return has_cjk(text) and any(mark in text for mark in "，。；：")


def _chinese(text: str, marked: bool) -> Heading | None:
    match = _ZH_HEADING.match(text)
    if match:
        kind = _ZH_UNITS[match["unit"]]
        label = f"第{match['num']}{match['unit']}"
    else:
        match = _ZH_ANNEX.match(text)
        if not match:
            return None
        kind, label = "annex", f"附件{match['num']}"
    rest = match["rest"]
    if rest and not (rest[0].isspace() or _SEPARATOR.match(rest) or marked or rest[0] in "【["):
        return None  # "第二条所列犯罪…": a reference, not a heading
    title, wording = _split_rest(rest, marked, kind)
    if title is None and wording is None and rest.strip():
        # "第一条　为了……": an article's wording; a division's line holds only its name.
        if kind == "article":
            wording = rest.strip()
        else:
            title = rest.strip()
    return Heading(kind=kind, label=label, title=title, text=wording)


def _outline(text: str, marked: bool) -> Heading | None:
    for kind, pattern in (("part", _ZH_PART), ("chapter", _ZH_CHAPTER)):
        match = pattern.match(text)
        if match and (marked or is_title_like(match["rest"])) and len(match["rest"]) <= 40:
            label = match["num"] if kind == "part" else f"（{match['num']}）"
            return Heading(kind=kind, label=label, title=match["rest"].strip())
    return None
