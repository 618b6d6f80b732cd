"""A treaty or statute as data, the ways clients write it, and what the import must read.

``Treaty`` holds chapters, articles (with or without titles), numbered paragraphs that
restart in every article, lettered items with Roman sub-items (English) or （一） items with
1. sub-items (Chinese, whose articles open on the label's line: "第一条 为了……"). Every
client fixture is written from one of these; ``expected`` is the ParsedInstrument the
import must give back word for word, and ``printed_labels`` the labels a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.texts.numformats import chinese_counting, roman
from workbench.texts.structure import (
    ParsedChapter,
    ParsedInstrument,
    ParsedProvision,
    format_paragraph,
    match_label,
)

PREAMBLE = {"en": "Preamble", "zh": "序言"}


@dataclass
class Item:
    """A listed item, with its own sub-items."""

    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Para:
    """A paragraph of an article and the items it introduces (a lead-in ends in ":")."""

    text: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    title: str | None
    paras: list[Para]
    numbered: bool = True  # English paragraphs "1.", "2." (an article of one paragraph may not)


@dataclass
class Chapter:
    title: str
    articles: list[Article]


@dataclass
class Labels:
    """How items are labelled: "(a)"/"(i)", "a)"/"i)" or "a."/"i." (as HTML lists print)."""

    letter: str = "({})"
    roman: str = "({})"


@dataclass
class Treaty:
    lang: str
    title: str
    chapters: list[Chapter]
    preamble: list[str] = field(default_factory=list)
    labels: Labels = field(default_factory=Labels)

    def articles(self) -> list[Article]:
        return [article for chapter in self.chapters for article in chapter.articles]


# -- labels ----------------------------------------------------------------------------------


def chapter_label(treaty: Treaty, number: int) -> str:
    return (
        f"第{chinese_counting(number)}章"
        if treaty.lang == "zh"
        else f"Chapter {roman(number).upper()}"
    )


def article_label(treaty: Treaty, number: int) -> str:
    return f"第{chinese_counting(number)}条" if treaty.lang == "zh" else f"Article {number}"


def item_label(treaty: Treaty, depth: int, number: int) -> str:
    if treaty.lang == "zh":
        return f"（{chinese_counting(number)}）" if depth == 1 else f"{number}."
    if depth == 1:
        return treaty.labels.letter.format(chr(ord("a") + number - 1))
    return treaty.labels.roman.format(roman(number))


def para_label(treaty: Treaty, article: Article, number: int) -> str:
    if treaty.lang == "zh" or not article.numbered:
        return ""
    return f"{number}."


def wording_lines(treaty: Treaty, article: Article, number: int) -> list[tuple[str, str, int]]:
    """(label, text, depth) of each paragraph and item of an article, in order; a Chinese
    article's first paragraph carries the article's own label."""
    lines: list[tuple[str, str, int]] = []
    for index, para in enumerate(article.paras, 1):
        label = para_label(treaty, article, index)
        if treaty.lang == "zh" and index == 1:
            label = article_label(treaty, number)
        lines.append((label, para.text, 0))
        for item_number, item in enumerate(para.items, 1):
            lines.append((item_label(treaty, 1, item_number), item.text, 1))
            for sub_number, sub in enumerate(item.items, 1):
                lines.append((item_label(treaty, 2, sub_number), sub.text, 2))
    return lines


# -- what the import must read ---------------------------------------------------------------


def expected(treaty: Treaty) -> ParsedInstrument:
    """The structure and wording every client's file must import as."""
    lang = treaty.lang
    parsed = ParsedInstrument(title={lang: treaty.title}, language=lang)
    if treaty.preamble:
        parsed.children.append(
            ParsedProvision(
                kind="preamble", label=PREAMBLE[lang], text={lang: "\n".join(treaty.preamble)}
            )
        )
    number = 0
    for chapter_number, chapter in enumerate(treaty.chapters, 1):
        node = ParsedChapter(
            kind="chapter", label=chapter_label(treaty, chapter_number), title={lang: chapter.title}
        )
        for article in chapter.articles:
            number += 1
            lines = wording_lines(treaty, article, number)
            if lang == "zh":
                lines = [("", lines[0][1], 0), *lines[1:]]  # the label is the article's
            node.children.append(
                ParsedProvision(
                    kind="article",
                    label=article_label(treaty, number),
                    title={lang: article.title} if article.title else {},
                    text={lang: "\n".join(format_paragraph(lb, text) for lb, text, _ in lines)},
                )
            )
        parsed.children.append(node)
    return parsed


def printed_labels(parsed: ParsedInstrument) -> list[str]:
    """Every label of a parsed text with the words after it, in reading order, spaces
    removed: what LibreOffice's PDF of the file must show in the same order."""
    lang = parsed.language
    shown = []
    for _depth, item in parsed.walk():
        if isinstance(item, ParsedChapter):
            shown.append(item.label + item.title.get(lang, ""))
            continue
        if item.kind != "article":
            continue
        lines = item.text.get(lang, "").split("\n")
        if lang == "zh":  # the label opens the first paragraph
            shown.append(item.label + lines.pop(0)[:12])
        else:
            shown.append(item.label + item.title.get(lang, ""))
        for line in lines:
            found = match_label(line)
            if found is not None:
                shown.append(found.label + found.rest[:12])
    return ["".join(entry.split()) for entry in shown]


def without_labels(parsed: ParsedInstrument) -> list[str]:
    """The words of a parsed text, paragraph by paragraph, without paragraph labels."""
    lang = parsed.language
    words = []
    for _depth, item in parsed.walk():
        words.append(item.title.get(lang, ""))
        for line in getattr(item, "text", {}).get(lang, "").split("\n"):
            found = match_label(line)
            words.append(found.rest if found else line)
    return words


def labels_in_order(wanted: list[str], printed: str) -> list[str]:
    """The wanted labels that do not appear, in order, in the printed text (spaces removed)."""
    text = "".join(printed.split())
    missing = []
    position = 0
    for item in wanted:
        found = text.find(item, position)
        if found < 0:
            missing.append(item)
        else:
            position = found + len(item)
    return missing


# -- the reference texts ---------------------------------------------------------------------


def convention() -> Treaty:
    """A convention in English: chapters, articles with and without titles, paragraphs that
    restart in each article, lettered items with Roman sub-items, lead-ins."""
    return Treaty(
        lang="en",
        title="Convention on cooperation against the criminal misuse of technologies",
        preamble=[
            "The States Parties to this Convention,",
            "Concerned by the seriousness of the problems posed by crime,",
            "Have agreed as follows:",
        ],
        chapters=[
            Chapter(
                "General provisions",
                [
                    Article(
                        "Statement of purpose",
                        [
                            Para(
                                "The purposes of this Convention are:",
                                [
                                    Item("to promote measures to prevent and combat crime;"),
                                    Item("to facilitate international cooperation;"),
                                    Item("to provide technical assistance."),
                                ],
                            ),
                            Para("Nothing in this Convention affects other obligations."),
                        ],
                    ),
                    Article(
                        "Use of terms",
                        [
                            Para(
                                "For the purposes of this Convention:",
                                [
                                    Item(
                                        '"system" means any device that:',
                                        [
                                            Item("processes data automatically; or"),
                                            Item("stores data for others;"),
                                        ],
                                    ),
                                    Item('"data" means any representation of facts;'),
                                    Item('"provider" means any public or private entity.'),
                                ],
                            )
                        ],
                        numbered=False,
                    ),
                    Article(
                        None,
                        [
                            Para("This Convention shall apply to the prevention of offences."),
                            Para("It shall apply also to the collection of evidence."),
                        ],
                    ),
                ],
            ),
            Chapter(
                "Criminalization",
                [
                    Article(
                        "Illegal access",
                        [
                            Para(
                                "Each State Party shall establish as criminal offences, "
                                "when committed intentionally, the access to the whole or "
                                "any part of a system without right."
                            ),
                            Para(
                                "A State Party may require that the offence be committed:",
                                [
                                    Item("by infringing security measures;"),
                                    Item(
                                        "with the intent of obtaining data, in relation to:",
                                        [Item("a system;"), Item("a network.")],
                                    ),
                                ],
                            ),
                            Para("Attempt may also be established as an offence."),
                        ],
                    ),
                    Article(
                        None,
                        [Para("Each State Party shall ensure effective penalties.")],
                        numbered=False,
                    ),
                ],
            ),
            Chapter(
                "Final provisions",
                [
                    Article(
                        "Signature",
                        [
                            Para("This Convention shall be open for signature by all States."),
                            Para("It shall enter into force on the ninetieth day."),
                        ],
                    )
                ],
            ),
        ],
    )


def statute() -> Treaty:
    """A statute in Chinese: 第X章, 第X条 with the first sentence on the label's line,
    lead-ins ending in "：" with （一） items and 1. sub-items, and no article titles."""
    return Treaty(
        lang="zh",
        title="网络安全合作示范法",
        chapters=[
            Chapter(
                "总则",
                [
                    Article(
                        None,
                        [Para("为了保障网络安全，维护网络空间主权，制定本法。")],
                    ),
                    Article(
                        None,
                        [
                            Para(
                                "本法中下列用语的含义：",
                                [
                                    Item("网络，是指由计算机组成的系统；"),
                                    Item(
                                        "网络运营者，是指：",
                                        [Item("网络的所有者；"), Item("网络服务提供者。")],
                                    ),
                                    Item("网络数据，是指通过网络收集的各种电子数据。"),
                                ],
                            )
                        ],
                    ),
                ],
            ),
            Chapter(
                "网络运行安全",
                [
                    Article(
                        None,
                        [
                            Para(
                                "网络运营者应当履行下列安全保护义务：",
                                [
                                    Item("制定内部安全管理制度；"),
                                    Item("采取防范计算机病毒的技术措施。"),
                                ],
                            ),
                            Para("国家鼓励开发网络数据安全保护技术。"),
                        ],
                    ),
                    Article(None, [Para("任何个人和组织不得从事危害网络安全的活动。")]),
                ],
            ),
        ],
    )


def long_convention(articles: int = 70) -> Treaty:
    """A convention of ``articles`` articles in chapters of ten, from the reference ones."""
    model = convention()
    pattern = model.articles()
    chapters = []
    for start in range(0, articles, 10):
        chunk = []
        for number in range(start, min(start + 10, articles)):
            article = pattern[number % len(pattern)]
            title = f"{article.title} ({number + 1})" if article.title else None
            chunk.append(Article(title, article.paras, article.numbered))
        chapters.append(Chapter(f"Provisions {start // 10 + 1}", chunk))
    return Treaty("en", model.title, chapters, model.preamble)
