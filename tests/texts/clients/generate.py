"""Hypothesis strategies for treaties (English) and statutes (Chinese) of every shape.

Chapters; articles with and without titles; paragraphs numbered or not, restarting in
every article; lead-ins ending in ":" (or "："), lettered items with Roman sub-items, （一）
items with 1. sub-items; now and then a paragraph without final punctuation right after
an untitled article's heading, which a reader must not take for a title.
"""

from __future__ import annotations

from hypothesis import strategies as st

from tests.texts.clients.treaty import Article, Chapter, Item, Labels, Para, Treaty

SUBJECTS = ["Each State Party", "The States Parties", "A State Party", "The Conference"]
VERBS = ["shall adopt", "shall ensure", "may establish", "shall provide", "shall consider"]
ADJECTIVES = ["appropriate", "effective", "necessary", "relevant", "proportionate"]
NOUNS = [
    "measures",
    "penalties",
    "safeguards",
    "procedures",
    "cooperation",
    "evidence",
    "assistance",
    "jurisdiction",
]
PREPOSITIONS = ["for", "against", "in relation to", "with respect to"]
CHAPTERS = ["General provisions", "Criminalization", "Procedural measures", "Final provisions"]
TITLES = ["Scope", "Use of terms", "Jurisdiction", "Confiscation", "Extradition", "Signature"]
LABEL_STYLES = [Labels("({})", "({})"), Labels("{})", "{})"), Labels("{}.", "{}.")]

ZH_SUBJECTS = ["缔约国", "各缔约国", "网络运营者", "主管机关"]
ZH_VERBS = ["应当采取", "可以规定", "应当确保", "应当建立"]
ZH_OBJECTS = ["必要的立法措施", "有效的处罚", "电子证据的保全", "国际合作机制", "技术援助"]
ZH_CHAPTERS = ["总则", "网络安全", "法律责任", "国际合作", "附则"]


@st.composite
def _sentence(draw, end: str = ".") -> str:
    words = [
        draw(st.sampled_from(SUBJECTS)),
        draw(st.sampled_from(VERBS)),
        draw(st.sampled_from(ADJECTIVES)),
        draw(st.sampled_from(NOUNS)),
        draw(st.sampled_from(PREPOSITIONS)),
        draw(st.sampled_from(NOUNS)),
    ]
    return " ".join(words) + end


@st.composite
def _phrase(draw, end: str) -> str:
    return f"{draw(st.sampled_from(ADJECTIVES))} {draw(st.sampled_from(NOUNS))}{end}"


@st.composite
def _zh_sentence(draw, end: str = "。") -> str:
    parts = (ZH_SUBJECTS, ZH_VERBS, ZH_OBJECTS)
    return "".join(draw(st.sampled_from(part)) for part in parts) + end


def _ends(count: int, last: str) -> list[str]:
    return [";"] * (count - 1) + [last] if count else []


@st.composite
def _items(draw, zh: bool, depth: int = 1) -> list[Item]:
    count = draw(st.integers(0, 4 if depth == 1 else 3))
    items = []
    for index, end in enumerate(_ends(count, "。" if zh else ".")):
        end = "；" if zh and end == ";" else end
        subs = draw(_items(zh, 2)) if depth == 1 and index == count - 1 else []
        lead = "：" if zh else ":"
        if zh:
            text = draw(st.sampled_from(ZH_OBJECTS)) + (lead if subs else end)
        else:
            text = draw(_phrase(lead if subs else end))
        items.append(Item(text, subs))
    return items


@st.composite
def _article(draw, zh: bool) -> Article:
    paras = []
    for _ in range(draw(st.integers(1, 3))):
        items = draw(_items(zh))
        lead = "：" if zh else ":"
        if zh:
            text = draw(_zh_sentence(lead if items else "。"))
        else:
            text = draw(_sentence(lead if items else "."))
        paras.append(Para(text, items))
    title = None if zh else draw(st.one_of(st.none(), st.sampled_from(TITLES)))
    numbered = zh or len(paras) > 1 or draw(st.booleans())
    if not zh and title is None and not paras[0].items and draw(st.booleans()):
        paras[0].text = paras[0].text.rstrip(".")  # reads like a title; is not set apart as one
    return Article(title, paras, numbered=numbered)


@st.composite
def treaties(draw) -> Treaty:
    """A convention in English or a statute in Chinese."""
    zh = draw(st.booleans())
    chapters = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(ZH_CHAPTERS if zh else CHAPTERS))
        articles = draw(st.lists(_article(zh), min_size=1, max_size=3))
        chapters.append(Chapter(name, articles))
    if zh:
        return Treaty(lang="zh", title="网络安全示范法", chapters=chapters)
    return Treaty(
        lang="en",
        title="Convention on generated provisions",
        chapters=chapters,
        preamble=["The States Parties to this Convention,", "Have agreed as follows:"],
        labels=draw(st.sampled_from(LABEL_STYLES)),
    )
