"""The C++ diff core gives exactly the pure-Python library's diffs, and words stay whole."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.diff import core, diff_texts, diff_tokens, tokenize
from workbench.diff.engine import Alphabet
from workbench.diff.tokens import _HAN_RUN, _TOKEN, segment_chinese

ENGLISH = [
    "Each",
    "Party",
    "State",
    "shall",
    "adopt",
    "such",
    "legislative",
    "and",
    "other",
    "measures",
    "a",
    "an",
    "the",
    "computer",
    "system",
    "information",
    "communications",
    "technology",
    "cross-border",
    "Party's",
    "right",
    "without",
    "2",
    "1950",
]
CHINESE = [
    "各",
    "缔约国",
    "缔约方",
    "应",
    "采取",
    "必要",
    "的",
    "立法",
    "和",
    "其他",
    "措施",
    "非法",
    "获取",
    "截取",
    "计算机",
    "信息",
    "系统",
    "数据",
    "信通技术",
    "在",
    "其",
    "本国",
    "法律",
    "中",
    "将",
]
PUNCTUATION = [" ", " ", " ", "  ", "\n", ".", ",", ";", ":", "(", ")", "[", "]", "“", "”", "'"]
PUNCTUATION_ZH = ["，", "。", "；", "：", "（", "）", "《", "》", "、"]

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text(words: list[str], max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), max_size=max_size).map("".join)


english = _text(ENGLISH + PUNCTUATION * 2, 60)
chinese = _text(CHINESE + PUNCTUATION_ZH, 60)
mixed = _text(ENGLISH + CHINESE + PUNCTUATION + PUNCTUATION_ZH, 60)
# Few distinct tokens, many times over: where a diff has the most equally short answers.
repeated = _text(["a", "b", " ", "Party", "缔约国", "，"], 80)
texts = st.one_of(english, chinese, mixed, repeated)


@st.composite
def amended(draw, base: st.SearchStrategy[str] = texts) -> tuple[str, str]:
    """A text and an amended copy: spans replaced, deleted, inserted or moved."""
    old = draw(base)
    tokens = tokenize(old)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(tokens)))
        cut = draw(st.integers(0, 4))
        tokens[at : at + cut] = tokenize(draw(texts))[: draw(st.integers(0, 6))]
    return old, "".join(tokens)


pairs = st.one_of(amended(), st.tuples(texts, texts))


@st.composite
def long_pairs(draw) -> tuple[str, str]:
    """Several hundred words: a long provision, repeated with edits, against its amendment."""
    old, _ = draw(amended())
    paragraphs = [old or "Each Party shall adopt measures."]
    for _ in range(draw(st.integers(5, 25))):
        paragraphs.append(draw(amended(st.just(paragraphs[-1])))[1] or draw(english))
    whole = "\n".join(paragraphs)
    return whole, draw(amended(st.just(whole)))[1]


def _encoded(old: str, new: str) -> tuple[str, str]:
    alphabet = Alphabet()
    return alphabet.encode(tokenize(old)), alphabet.encode(tokenize(new))


def _cuts(text: str) -> set[int]:
    cuts, offset = {0}, 0
    for token in tokenize(text):
        offset += len(token)
        cuts.add(offset)
    return cuts


def _assert_whole_words(old: str, new: str, ops) -> None:
    """Every run starts and ends where a token starts or ends, in the text it belongs to."""
    old_cuts, new_cuts = _cuts(old), _cuts(new)
    at_old = at_new = 0
    for op in ops:
        if op.op != "insert":
            assert at_old in old_cuts
            at_old += len(op.text)
            assert at_old in old_cuts
        if op.op != "delete":
            assert at_new in new_cuts
            at_new += len(op.text)
            assert at_new in new_cuts
    assert (at_old, at_new) == (len(old), len(new))


def test_the_cxx_core_is_installed_and_used():
    # The fallback must not hide a missing wheel: CI installs it and checks that it runs.
    assert core.native_available()
    assert core.raw_diff("ab", "ac") == [(core.EQUAL, "a"), (core.DELETE, "b"), (core.INSERT, "c")]


@_SETTINGS
@given(pairs)
def test_cxx_and_python_cores_give_the_same_raw_diff(pair):
    old, new = _encoded(*pair)
    assert core.diff_native(old, new) == core.diff_python(old, new)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(long_pairs())
def test_cxx_and_python_cores_agree_on_long_texts(pair):
    old, new = _encoded(*pair)
    assert core.diff_native(old, new) == core.diff_python(old, new)


@_SETTINGS
@given(pairs, st.sampled_from([None, "en", "zh"]))
def test_word_diff_is_the_same_with_either_core_and_never_splits_words(pair, lang):
    old, new = pair
    fast = diff_texts(old, new, lang)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(core, "raw_diff", core.diff_python)
        reference = diff_texts(old, new, lang)
    assert fast == reference
    assert fast.old_text() == old and fast.new_text() == new
    _assert_whole_words(old, new, fast.ops)


@_SETTINGS
@given(st.lists(texts, min_size=1, max_size=12).map("".join))
def test_clause_by_clause_tokens_are_the_tokens_of_the_whole_text(text):
    reference = []
    for token in _TOKEN.findall(text):
        reference += segment_chinese(token) if _HAN_RUN.fullmatch(token) else [token]
    assert tokenize(text) == reference


@_SETTINGS
@given(pairs)
def test_word_ops_are_the_token_diff_joined(pair):
    # The kept text is cut out of the old text by offsets: it must be the decoded tokens.
    old, new = pair
    expected: list[tuple[str, str]] = []
    for op, tokens in diff_tokens(tokenize(old), tokenize(new)):
        if expected and expected[-1][0] == op:
            expected[-1] = (op, expected[-1][1] + "".join(tokens))
        else:
            expected.append((op, "".join(tokens)))
    ops = [(op.op, op.text) for op in diff_texts(old, new).ops]
    assert sorted(ops) == sorted(expected)
    assert [op for op in ops if op[0] == "equal"] == [op for op in expected if op[0] == "equal"]


def test_without_the_cxx_package_the_python_library_diffs(monkeypatch):
    old = "Each Party shall adopt such legislative measures"
    new = "Each State Party shall adopt legislative and other measures"
    expected = diff_texts(old, new)
    monkeypatch.setattr(core, "_native", None)
    assert not core.native_available()
    with pytest.raises(RuntimeError, match="not installed"):
        core.diff_native("a", "b")
    assert diff_texts(old, new) == expected
    assert expected.plain() == (
        "Each {+State +}Party shall adopt [-such -]legislative {+and other +}measures"
    )


def test_cores_agree_past_the_basic_multilingual_plane():
    # More than 65,000 distinct tokens: code points beyond U+FFFF reach the C++ library.
    alphabet = Alphabet()
    words = [f"w{i}" for i in range(70_000)]
    edited = words[:66_000] + words[66_040:66_000:-3] + words[66_100:]
    old, new = alphabet.encode(words), alphabet.encode(edited)
    changed = new[66_000:66_020]
    assert min(map(ord, changed)) > 0xFFFF
    diffs = core.diff_native(old, new)
    assert diffs == core.diff_python(old, new)
    assert any(op != core.EQUAL for op, _text in diffs)
