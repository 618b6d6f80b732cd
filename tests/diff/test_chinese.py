"""The on-demand segmenter cuts Chinese exactly as jieba does, treaty vocabulary included."""

from __future__ import annotations

import importlib.util
import io
import logging
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import jieba
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.diff import chinese, tokenize
from workbench.diff.tokens import _segmenter

ROOT = Path(__file__).resolve().parents[2]
TREATY_TERMS = [
    "信通技术",
    "缔约方",
    "缔约国",
    "网络犯罪",
    "犯罪所得",
    "双重犯罪",
    "资产追回",
    "联合调查",
    "引渡",
]


def _treaty_words() -> str:
    return resources.files("workbench.diff").joinpath(chinese.TREATY_WORDS).read_text("utf-8")


@pytest.fixture(scope="module")
def reference():
    """jieba's own tokenizer with the treaty vocabulary, as the workbench used it before."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(io.BytesIO(_treaty_words().encode("utf-8")))
    return lambda text: list(tokenizer.cut(text, HMM=False))


@pytest.fixture(scope="module")
def segmenter():
    loaded = chinese.load_segmenter()
    assert isinstance(loaded, chinese.Segmenter)  # the index fits the installed jieba
    return loaded


def _chinese_wordings() -> list[str]:
    from workbench.corpus.sources import china_elements_2021
    from workbench.texts.structure import ParsedProvision

    return [
        item.text["zh"]
        for _depth, item in china_elements_2021().walk()
        if isinstance(item, ParsedProvision) and item.text.get("zh")
    ]


def test_the_shipped_index_is_the_one_the_script_builds():
    spec = importlib.util.spec_from_file_location("build", ROOT / "scripts/build_jieba_index.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    data = chinese.jieba_dictionary_path().read_bytes()
    shipped = resources.files("workbench.diff").joinpath(chinese.INDEX).read_text("utf-8")
    assert build.build_index(data, version("jieba")) == shipped


@pytest.mark.slow
def test_every_entry_read_on_demand_is_jiebas():
    dictionary = chinese.indexed_dictionary()
    assert dictionary is not None
    merged: dict[str, int] = {}
    for char in set(dictionary.chars):
        merged.update(dictionary.shard(char))
    with open(chinese.jieba_dictionary_path(), "rb") as handle:
        expected, total = jieba.Tokenizer.gen_pfdict(handle)
    assert dictionary.total == total
    assert merged == expected


def test_treaty_terms_and_the_corpus_are_cut_as_jieba_cuts_them(reference, segmenter):
    sentences = [
        *TREATY_TERMS,
        "利用信通技术实施犯罪的缔约国应当引渡",
        "在其本国法律中将下列行为规定为刑事犯罪",
        "非法获取计算机信息系统数据",
        "各缔约方应就资产追回和联合调查开展合作，包括双重犯罪原则。",
    ]
    for term in TREATY_TERMS:
        assert segmenter.cut(term) == [term]
    for sentence in sentences + _chinese_wordings():
        assert segmenter.cut(sentence) == reference(sentence), sentence
    assert "中将" not in tokenize("在其本国法律中将下列行为规定为刑事犯罪", "zh")


_CHARS = "".join(
    dict.fromkeys(
        "".join(TREATY_TERMS) + "计算机信息系统数据非法获取截取中将军的和了是在各应当其他措施国家"
    )
)
_OTHER = ["a", "Z", "9", "-", ".", " ", "\n", "，", "。", "㐀", "\U00020000", "ｱ"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list(_CHARS) * 4 + _OTHER), max_size=40).map("".join))
def test_generated_text_is_cut_as_jieba_cuts_it(reference, segmenter, text):
    assert segmenter.cut(text) == reference(text)


def test_without_a_matching_index_jieba_itself_segments(monkeypatch, reference):
    monkeypatch.setattr(chinese, "indexed_dictionary", lambda: None)
    fallback = chinese.load_segmenter()
    assert not isinstance(fallback, chinese.Segmenter)
    for sentence in ["利用信通技术实施犯罪的缔约国应当引渡", *TREATY_TERMS]:
        assert fallback.cut(sentence) == reference(sentence)


def test_the_diff_uses_the_on_demand_segmenter():
    assert isinstance(_segmenter(), chinese.Segmenter)
