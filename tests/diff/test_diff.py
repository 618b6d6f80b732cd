"""Word-level diffs: whole words changed, texts reconstructed, three renderings agree."""

from __future__ import annotations

import random

import pytest

from workbench.diff import DiffOp, blame, char_diff, diff_texts, diff_tokens, tokenize
from workbench.diff.engine import Alphabet


def test_english_diff_replaces_whole_words():
    result = diff_texts(
        "a computer system", "an information and communications technology system", "en"
    )
    assert result.ops == (
        DiffOp("delete", "a computer"),
        DiffOp("insert", "an information and communications technology"),
        DiffOp("equal", " system"),
    )
    # What the design warns against: the character diff splits "a" from "n".
    assert (
        DiffOp("equal", "a")
        in char_diff("a computer system", "an information and communications technology system").ops
    )


def test_chinese_diff_replaces_whole_words():
    result = diff_texts("非法获取计算机数据", "非法截取计算机数据", "zh")
    assert result.ops == (
        DiffOp("equal", "非法"),
        DiffOp("delete", "获取"),
        DiffOp("insert", "截取"),
        DiffOp("equal", "计算机数据"),
    )
    assert DiffOp("delete", "获") in char_diff("非法获取计算机数据", "非法截取计算机数据").ops


def test_shared_word_between_changes_stays_shared():
    result = diff_texts(
        "Each Party shall adopt such legislative measures",
        "Each State Party shall adopt legislative and other measures",
    )
    assert result.plain() == (
        "Each {+State +}Party shall adopt [-such -]legislative {+and other +}measures"
    )


def test_treaty_dictionary_keeps_legal_chinese_apart():
    # 中将 ("lieutenant general") must not swallow 中 + 将 in legal prose.
    tokens = tokenize("在其本国法律中将下列行为规定为刑事犯罪", "zh")
    assert "中将" not in tokens and "中" in tokens and "将" in tokens
    assert "信通技术" in tokenize("利用信通技术实施犯罪", "zh")
    assert diff_texts("计算机系统", "计算机信息系统", "zh").ops == (
        DiffOp("equal", "计算机"),
        DiffOp("insert", "信息"),
        DiffOp("equal", "系统"),
    )


def test_tokens_join_back_and_separate_words_from_space_and_punctuation():
    text = "the Party's cross-border  law.\nArticle 2（信通技术）"
    tokens = tokenize(text, "en")
    assert "".join(tokens) == text
    assert tokens[:6] == ["the", " ", "Party's", " ", "cross-border", "  "]
    assert "\n" in tokens and "." in tokens and "信通技术" in tokens


def test_renderings(tmp_path):
    result = diff_texts("<b>old</b> & kept\nline", "<b>new</b> & kept\nline two", "en")
    html = result.html()
    assert '<del class="diff-delete">old</del>' in html
    assert '<ins class="diff-insert">new</ins>' in html
    assert "&lt;b&gt;" in html and "<b>" not in html and "<br>" in html
    assert result.plain() == "<b>[-old-]{+new+}</b> & kept\nline{+ two+}"
    assert "\x1b[31mold\x1b[0m" in result.plain(color=True)
    assert [[op.op for op in line] for line in result.lines()] == [
        ["equal", "delete", "insert", "equal"],
        ["equal", "insert"],
    ]
    assert result.to_json()[1] == {"op": "delete", "text": "old"}
    assert result.changed and not diff_texts("same", "same").changed
    assert result.stats()["words_inserted"] == 2 and result.stats()["words_deleted"] == 1


def _sentences():
    from workbench.corpus.sources import load_source

    texts = [p.text["en"] for p in load_source("budapest-ets185").provisions() if p.text.get("en")]
    assert len(texts) > 40
    return texts


@pytest.mark.parametrize("seed", range(5))
def test_every_diff_reconstructs_both_texts(seed):
    rng = random.Random(seed)
    texts = _sentences()
    for _ in range(40):
        old, new = rng.choice(texts), rng.choice(texts)
        words = new.split(" ")
        # Edit a copy of the old text as a delegation would: words swapped, dropped, added.
        if rng.random() < 0.7:
            words = old.split(" ")
            for _edit in range(rng.randint(1, 4)):
                at = rng.randrange(len(words))
                words[at : at + rng.randint(0, 2)] = rng.choice(texts).split(" ")[
                    : rng.randint(0, 3)
                ]
        new = " ".join(words)
        result = diff_texts(old, new)
        assert result.old_text() == old and result.new_text() == new
        # Edits never cut inside a word: each run starts and ends on token boundaries.
        old_cuts = _boundaries(tokenize(old)) | {0}
        offset = 0
        for op in result.ops:
            if op.op != "insert":
                assert offset in old_cuts
                offset += len(op.text)
                assert offset in old_cuts


def _boundaries(tokens):
    cuts, offset = set(), 0
    for token in tokens:
        offset += len(token)
        cuts.add(offset)
    return cuts


def test_minimal_token_diff_and_alphabet_past_the_surrogates():
    ops = diff_tokens(["a", " ", "b"], ["a", " ", "c"], cleanup=False)
    assert ops == [("equal", ["a", " "]), ("delete", ["b"]), ("insert", ["c"])]
    alphabet = Alphabet()
    tokens = [f"w{i}" for i in range(0xD800)]  # enough to need code points past U+DFFF
    encoded = alphabet.encode(tokens)
    assert not any(0xD800 <= ord(char) < 0xE000 for char in encoded)
    assert alphabet.decode(encoded) == tokens


def test_blame_gives_each_word_to_the_version_that_wrote_it():
    spans = blame(
        [
            ("Each Party shall adopt measures", "budapest"),
            ("Each State Party shall adopt measures", "china"),
            ("Each State Party shall adopt legislative measures", "russia"),
        ]
    )
    assert [(span.text, span.key) for span in spans] == [
        ("Each ", "budapest"),
        ("State ", "china"),
        ("Party shall adopt ", "budapest"),
        ("legislative ", "russia"),
        ("measures", "budapest"),
    ]
    assert (
        "".join(span.text for span in spans) == "Each State Party shall adopt legislative measures"
    )
    chinese = blame([("非法获取计算机数据", 1), ("非法截取计算机数据", 2)], "zh")
    assert [(span.text, span.key) for span in chinese] == [
        ("非法", 1),
        ("截取", 2),
        ("计算机数据", 1),
    ]
    assert blame([]) == []
