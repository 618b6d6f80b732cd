"""The diff's shortcuts (re-tokenizing only the changed span) give exactly the full result."""

from __future__ import annotations

import random

import pytest

from bench.generate import Drafter
from workbench.corpus.sources import budapest_ets185, china_elements_2021
from workbench.diff import diff_texts, tokenize
from workbench.diff.engine import tokenize_pair
from workbench.texts.structure import ParsedProvision


def _wordings(parsed, lang):
    return [
        item.text[lang]
        for _depth, item in parsed.walk()
        if isinstance(item, ParsedProvision) and item.text.get(lang)
    ]


@pytest.fixture(scope="module")
def corpus():
    return {"en": _wordings(budapest_ets185(), "en"), "zh": _wordings(china_elements_2021(), "zh")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pair_tokens_equal_full_tokenization(corpus, lang):
    rng = random.Random(7)
    drafter = Drafter(rng, corpus["en"], corpus["zh"])
    checked = 0
    for wording in corpus[lang]:
        for _ in range(4):
            amended = drafter.amend(wording, lang)
            assert tokenize_pair(wording, amended, lang) == (
                tokenize(wording, lang),
                tokenize(amended, lang),
            )
            checked += 1
    assert checked >= 100


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "1. Each Party shall adopt measures.\n2. It may require cross-border access.\n"
            "3. A Party may reserve the right.\n" * 4,
            "1. Each Party shall adopt measures.\n2. It may require cross-frontier access.\n"
            "3. A Party may reserve the right.\n" + "1. Each Party shall adopt measures.\n" * 3,
        ),
        (
            "各缔约国应采取必要的立法和其他措施，将故意实施的下列行为规定为刑事犯罪：非法访问计算机信息系统。"
            * 3,
            "各缔约国应采取必要的立法和其他措施，将故意实施的下列行为规定为刑事犯罪：非法截取计算机信息系统。"
            * 3,
        ),
        (
            "Article text, with (brackets) and “quotes”; " * 20,
            "Article text, with (brackets) and “quotes”; " * 19,
        ),
    ],
)
def test_pair_tokens_on_edge_cases(old, new):
    assert tokenize_pair(old, new, None) == (tokenize(old), tokenize(new))
    joined = diff_texts(old, new)
    assert "".join(op.text for op in joined.ops if op.op != "insert") == old
    assert "".join(op.text for op in joined.ops if op.op != "delete") == new
