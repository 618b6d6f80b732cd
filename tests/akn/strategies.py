"""Hypothesis strategies: instruments of every shape the workbench stores, in English and
Chinese, with the paragraph labels, running text and odd characters real treaties hold."""

from __future__ import annotations

from hypothesis import strategies as st

from workbench.instruments.models import ChapterKind, ProvisionKind
from workbench.texts.structure import ParsedChapter, ParsedInstrument, ParsedProvision
from workbench.validation import clean_text

LABELS = [
    "1.", "2.", "10.", "1)", "(1)", "（1）", "1、", "a)", "b)", "c)", "h)", "i)", "(a)", "(b)",
    "(i)", "(ii)", "(iv)", "a.", "i.", "一、", "二、", "（一）", "（二）", "–", "-", "•",
]  # fmt: skip
WORDS = [
    "Each", "Party", "shall", "adopt", "measures", "1.5", "e.g.", "a", "i", "(see", "article",
    "2)", "“data”", "x-y", "§", "&", "<b>", "'quoted'", "a\u2009b", "]]>", "网络", "犯罪",
    "缔约国", "应当", "，", "。", "（一）", "1、",
]  # fmt: skip
PROVISION_LABELS = [
    "Article 1", "Article 2", "Article 2 bis", "Art. 5", "Preamble", "Final clause", "",
    "三.（一）1", "一（一）", "二", "§ 4", "Paragraph 3", "Element 7",
]  # fmt: skip
CHAPTER_LABELS = [
    "Chapter I", "Chapter II", "Section 1", "Title 3", "Part I", "（三）", "三", "Annex", "",
    "第二章",
]  # fmt: skip

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)


@st.composite
def lines(draw) -> str:
    """One paragraph of wording: labelled, label alone, or running text."""
    shape = draw(st.sampled_from(["labelled", "labelled", "alone", "text"]))
    label = draw(st.sampled_from(LABELS))
    text = draw(words)
    if shape == "alone":
        return label
    if shape == "text":
        return text
    joiner = "" if label.endswith(("、", "）")) and draw(st.booleans()) else " "
    return f"{label}{joiner}{text}"


wordings = st.lists(lines(), min_size=1, max_size=9).map(
    lambda items: clean_text("\n".join(items), "text")
)
titles = st.dictionaries(st.sampled_from(["en", "zh"]), words, max_size=2)


@st.composite
def provisions(draw) -> ParsedProvision:
    text = draw(st.dictionaries(st.sampled_from(["en", "zh"]), wordings, max_size=2))
    title = draw(titles)
    languages = sorted(set(text) | set(title))
    unofficial = (
        set(draw(st.lists(st.sampled_from(languages), unique=True))) if languages else set()
    )
    return ParsedProvision(
        kind=draw(st.sampled_from([kind.value for kind in ProvisionKind])),
        label=draw(st.sampled_from(PROVISION_LABELS)),
        title=title,
        text=text,
        unofficial=unofficial,
    )


def chapters(children) -> st.SearchStrategy[ParsedChapter]:
    @st.composite
    def build(draw) -> ParsedChapter:
        title = draw(titles)
        return ParsedChapter(
            kind=draw(st.sampled_from([kind.value for kind in ChapterKind])),
            label=draw(st.sampled_from(CHAPTER_LABELS)),
            title=title,
            children=draw(st.lists(children, max_size=4)),
            unofficial=set(draw(st.lists(st.sampled_from(sorted(title)), unique=True)))
            if title
            else set(),
        )

    return build()


items = st.recursive(provisions(), chapters, max_leaves=12)
instruments = st.lists(items, min_size=1, max_size=6).map(
    lambda children: ParsedInstrument(title={"en": "Generated"}, children=children)
)
