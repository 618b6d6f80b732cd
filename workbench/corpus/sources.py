"""The shipped source instruments as ParsedInstrument objects, read from the data files.

No database here: ``load-corpus`` stores what these functions return. Each function parses
its file anew and returns a fresh object, so callers may change it.

- ``budapest_ets185()``: the Budapest Convention from its Markdown, with the Chinese names
  of Articles 2-12 from Table 1 of seed 003 (unofficial: the BIMUN 2020 guide's names).
- ``budapest_protocol_ets189()``: its Additional Protocol, with Article 3's Chinese name.
- ``china_elements_2021()``: China's 2021 elements proposal, from seed 004, in Chinese
  (parsed in ``workbench.corpus.china``).
- ``russia_draft_2017_outline()``: the chapter outline of the Russian draft, from seed 000.
- ``load_source(slug)`` and ``SOURCE_METADATA[slug]``: the same by corpus slug.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from workbench.corpus.china import china_elements_2021
from workbench.corpus.seedfiles import (
    BUDAPEST_FILE,
    PROTOCOL_FILE,
    RUSSIA_SEED,
    TABLE_SEED,
    read_source,
)
from workbench.texts.clean import normalize_space
from workbench.texts.markdown import parse_markdown
from workbench.texts.structure import ParsedChapter, ParsedInstrument

_CJK_DIGITS = "一二三四五六七八九十"


# --- Table 1 of seed 003: Chinese names of the Budapest offences ------------------------

_TABLE_CAPTION = re.compile(r"^表\s*1\s")
_TABLE_SOURCE = re.compile(r"^(公约|补充协议)\s*条款\s*(\d+)$")
_ZH_AND_EN = re.compile(
    r"^(?P<zh>[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*?)\s+(?P<en>[A-Z][A-Za-z ,'’\-]+)$"
)
_EN_ONLY = re.compile(r"^[A-Z][A-Za-z ,'’\-]+$")
_CATEGORY_NUMBER = re.compile(r"^\d+\s*")
_INSTRUMENTS = {"公约": "convention", "补充协议": "protocol"}


def offence_names() -> dict[tuple[str, int], tuple[str, str]]:
    """Table 1 of seed 003: ("convention" | "protocol", article number) -> (zh, en) names."""
    # The table is irregular: the name stands in the third column or shifted into another
    # (Art. 7, 8), and Art. 10's row has only the English name, its Chinese one being the
    # category cell before it ("4 侵犯版权及相关权益的犯罪"). So each row is searched for a
    # cell with Chinese then English; failing that, for an English-only cell and the
    # nearest cell that is a Chinese name (no sentence punctuation), category number dropped.
    names: dict[tuple[str, int], tuple[str, str]] = {}
    for cells in _table_rows(read_source(TABLE_SEED)):
        source = _TABLE_SOURCE.match(cells[0])
        if not source:
            continue
        found = _name_in_row(cells[1:])
        if found:
            names[(_INSTRUMENTS[source.group(1)], int(source.group(2)))] = found
    return names


def _table_rows(text: str) -> list[list[str]]:
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if _TABLE_CAPTION.match(line.strip()))
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if not line.strip():
            if rows:
                break
            continue
        if "\t" in line:
            rows.append([normalize_space(cell) for cell in line.split("\t")])
    return rows


def _name_in_row(cells: list[str]) -> tuple[str, str] | None:
    for cell in cells:
        match = _ZH_AND_EN.match(cell)
        if match:
            return normalize_space(match["zh"]), match["en"]
    for index, cell in enumerate(cells):
        if not _EN_ONLY.match(cell):
            continue
        nearest = sorted(range(len(cells)), key=lambda other: (abs(other - index), other))
        for other in nearest:
            zh = _CATEGORY_NUMBER.sub("", cells[other])
            if other != index and _is_chinese_name(zh):
                return zh, cell
    return None


def _is_chinese_name(text: str) -> bool:
    return bool(text) and not re.search(r"[A-Za-z，。；,;]", text) and len(text) <= 40


def _add_chinese_titles(instrument: ParsedInstrument, kind: str) -> None:
    for (source, number), (zh, _en) in offence_names().items():
        if source != kind:
            continue
        article = instrument.provision(f"Article {number}")
        article.title["zh"] = zh
        article.unofficial.add("zh")


# --- the Budapest Convention and its Protocol -------------------------------------------


def budapest_ets185() -> ParsedInstrument:
    """The Convention on Cybercrime (ETS No. 185) with the Chinese names of Art. 2-12."""
    instrument = parse_markdown(read_source(BUDAPEST_FILE), language="en", name=BUDAPEST_FILE.name)
    _add_chinese_titles(instrument, "convention")
    return instrument


def budapest_protocol_ets189() -> ParsedInstrument:
    """The Additional Protocol (ETS No. 189), English part, with Art. 3's Chinese name."""
    instrument = parse_markdown(read_source(PROTOCOL_FILE), language="en", name=PROTOCOL_FILE.name)
    _add_chinese_titles(instrument, "protocol")
    return instrument


# --- China's elements proposal (seed 004) ------------------------------------------------

_RUSSIA_OUTLINE = re.compile(r"俄方草案主要包括(.+?)等[。，,]")
_RUSSIA_TITLE = re.compile(r"《(联合国合作打击网络犯罪公约[(（]草案[)）])》")
RUSSIA_CHAPTER_TITLES_EN = (
    "General provisions",
    "Criminalization and law enforcement",
    "Prevention and suppression of offences in cyberspace",
    "International cooperation",
    "Implementation mechanism",
)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def russia_outline_titles() -> list[str]:
    """The Russian draft's chapters as seed 000 names them, in its order."""
    match = _RUSSIA_OUTLINE.search(read_source(RUSSIA_SEED))
    if match is None:
        raise LookupError(f"{RUSSIA_SEED.name} no longer names the Russian draft's chapters")
    return [normalize_space(name) for name in match.group(1).split("、")]


def russia_draft_title_zh() -> str:
    """The draft's Chinese title as the seed writes it, brackets made full-width."""
    match = _RUSSIA_TITLE.search(read_source(RUSSIA_SEED))
    title = match.group(1) if match else "联合国合作打击网络犯罪公约（草案）"
    return title.replace("(", "（").replace(")", "）")


def russia_draft_2017_outline() -> ParsedInstrument:
    """The Russian draft convention (2017) as an outline: five chapters, no provisions."""
    # The chapter names are the seed's Chinese description, not the authentic text of
    # A/C.3/72/12, so the Chinese titles are unofficial as well as the English working ones.
    titles = russia_outline_titles()
    if len(titles) != len(RUSSIA_CHAPTER_TITLES_EN):
        raise LookupError(f"{RUSSIA_SEED.name} names {len(titles)} chapters, expected 5")
    instrument = ParsedInstrument(
        title={
            "zh": russia_draft_title_zh(),
            "en": SOURCE_METADATA["russia-draft-2017"]["title_en"],
        },
        language="zh",
    )
    for number, (zh, en) in enumerate(zip(titles, RUSSIA_CHAPTER_TITLES_EN, strict=True)):
        instrument.children.append(
            ParsedChapter(
                kind="chapter",
                label=f"Chapter {_ROMAN[number]}",
                title={"zh": zh, "en": en},
                unofficial={"zh", "en"},
            )
        )
    return instrument


# --- metadata ----------------------------------------------------------------------------

_LAWS_MARKDOWN = "https://github.com/statengeneraal/laws-markdown"

SOURCE_METADATA: dict[str, dict] = {
    "china-elements-2021": {
        "title_en": (
            "China's proposal on the scope, objectives and framework (elements) of the United "
            "Nations convention on countering the use of information and communications "
            "technologies for criminal purposes"
        ),
        "title_zh": "中国对联合国打击为犯罪目的使用信通技术公约范围、目标和框架（要素）的建议",
        "title_en_official": False,  # a working translation; the proposal is in Chinese
        "title_zh_official": True,
        "short_title_en": "China's elements proposal",
        "short_title_zh": "中方要素建议",
        "origin": "CHN",
        # The seed gives no day. It answers the Ad Hoc Committee chair's invitation and cites
        # GA resolution 75/282 (26 May 2021) and the committee's report due at the 78th
        # session, so it dates from 2021, after 26 May; only the year is given.
        "date": "2021",
        "date_precision": "year",
        "adopted_on": None,
        "symbol": None,
        "language": "zh",
        "is_outline": False,
        "description": (
            "China's submission to the Ad Hoc Committee on a comprehensive international "
            "convention on countering the use of ICTs for criminal purposes: objectives, scope "
            "and a framework of seven chapters of elements."
        ),
        "source_file": "workbench/corpus/data/seeds/004_2e0d6e3b5fd5b7de.txt",
        "provenance": "Seed document workbench/corpus/data/seeds/004_2e0d6e3b5fd5b7de.txt.",
    },
    "budapest-ets185": {
        "title_en": "Convention on Cybercrime",
        "title_zh": "网络犯罪公约",
        "title_en_official": True,
        "title_zh_official": False,  # the Convention is authentic in English and French only
        "short_title_en": "Budapest Convention",
        "short_title_zh": "布达佩斯公约",
        "origin": "COE",
        "date": "2001-11-23",  # opened for signature at Budapest (the final clause's date)
        "date_precision": "day",
        "adopted_on": date(2001, 11, 23),
        "symbol": "ETS No. 185",
        "language": "en",
        "is_outline": False,
        "description": (
            "Council of Europe Convention on Cybercrime, Budapest, 23 November 2001: preamble, "
            "four chapters, 48 articles and final clause. Chinese titles of Articles 2-12 are "
            "the names used by the BIMUN 2020 guide (seed 003, Table 1), not an official text."
        ),
        "source_file": "workbench/corpus/data/budapest_ets185_en.md",
        "origin_repository": _LAWS_MARKDOWN,
        "origin_path": "verdrag/convention/on/cybercrime/BWBV0001839/README.md",
        "origin_commit": "253444e2cf322b0f8c2163983eab891b39c5bb69",
        "provenance": (
            "workbench/corpus/data/budapest_ets185_en.md: English part of "
            f"{_LAWS_MARKDOWN}, verdrag/convention/on/cybercrime/BWBV0001839/README.md at "
            "commit 253444e2cf322b0f8c2163983eab891b39c5bb69 (Markdown copy of the Dutch "
            "government's treaty database). Chinese titles: seed 003, Table 1."
        ),
    },
    "budapest-protocol-ets189": {
        "title_en": (
            "Additional Protocol to the Convention on Cybercrime, concerning the criminalisation "
            "of acts of a racist and xenophobic nature committed through computer systems"
        ),
        "title_zh": "网络犯罪公约补充协定：关于通过计算机系统实施的种族主义和仇外情绪的犯罪化",
        "title_en_official": True,
        "title_zh_official": False,  # seed 003's rendering (footnote 18), not an authentic text
        "short_title_en": "Additional Protocol (ETS 189)",
        "short_title_zh": "补充协定（ETS第189号）",
        "origin": "COE",
        "date": "2003-01-28",  # opened for signature at Strasbourg (the final clause's date)
        "date_precision": "day",
        "adopted_on": date(2003, 1, 28),
        "symbol": "ETS No. 189",
        "language": "en",
        "is_outline": False,
        "description": (
            "Additional Protocol to the Budapest Convention on acts of a racist and xenophobic "
            "nature, Strasbourg, 28 January 2003: preamble, four chapters, 16 articles and "
            "final clause."
        ),
        "source_file": "workbench/corpus/data/budapest_additional_protocol_ets189_en.md",
        "origin_repository": _LAWS_MARKDOWN,
        "origin_path": (
            "verdrag/additional/protocol/to/the/convention/on/cybercrime/concerning/the/etc/"
            "BWBV0004845/README.md"
        ),
        "origin_commit": "91556a80a25a3da4234c8039945c6aeef4108d00",
        "provenance": (
            "workbench/corpus/data/budapest_additional_protocol_ets189_en.md: English part of "
            f"{_LAWS_MARKDOWN}, verdrag/additional/protocol/to/the/convention/on/cybercrime/"
            "concerning/the/etc/BWBV0004845/README.md at commit "
            "91556a80a25a3da4234c8039945c6aeef4108d00. Chinese title of Article 3: seed 003, "
            "Table 1."
        ),
    },
    "russia-draft-2017": {
        "title_en": "United Nations Convention on Cooperation in Combating Cybercrime (draft)",
        "title_zh": "联合国合作打击网络犯罪公约（草案）",
        "title_en_official": True,
        "title_zh_official": False,  # as seed 000 names it
        "short_title_en": "Russian draft convention",
        "short_title_zh": "俄方草案",
        "origin": "RUS",
        # Seed 000 says only that the draft was tabled at the 72nd General Assembly, which
        # opened in September 2017; only the year is given.
        "date": "2017",
        "date_precision": "year",
        "adopted_on": None,
        "symbol": "A/C.3/72/12",
        "language": "zh",  # what the workbench holds: the seed's Chinese chapter names
        "is_outline": True,
        "description": (
            "Draft United Nations convention tabled by the Russian Federation at the 72nd "
            "session of the General Assembly (2017). Only its chapter outline is held, as "
            "described in seed 000; import the full text from a Word or text file."
        ),
        "source_file": "workbench/corpus/data/seeds/000_2ab2a71fe62625f6.txt",
        "provenance": (
            "Chapter outline from seed workbench/corpus/data/seeds/000_2ab2a71fe62625f6.txt; "
            "English chapter titles are working translations."
        ),
    },
}

SOURCES: dict[str, Callable[[], ParsedInstrument]] = {
    "china-elements-2021": china_elements_2021,
    "budapest-ets185": budapest_ets185,
    "budapest-protocol-ets189": budapest_protocol_ets189,
    "russia-draft-2017": russia_draft_2017_outline,
}


def load_source(slug: str) -> ParsedInstrument:
    """The parsed source with this corpus slug; KeyError for an unknown slug."""
    return SOURCES[slug]()
