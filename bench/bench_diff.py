"""Word-level diff of the Budapest Convention against an amended copy, next to character-level
diff-match-patch on the same pairs: per provision and for the whole text."""

from __future__ import annotations

import random

from bench.common import Section, median_time, ms, ratio

TARGET = 2.0  # the word diff of the whole pair may take at most twice the character diff


def _pairs(seed: int = 1) -> dict[str, list[tuple[str, str]]]:
    """(original, amended) wording per provision: Budapest in English, China's elements in Chinese."""
    from bench.generate import Drafter
    from workbench.corpus.sources import budapest_ets185, china_elements_2021
    from workbench.texts.structure import ParsedProvision

    rng = random.Random(seed)
    english = [
        item.text["en"]
        for _d, item in budapest_ets185().walk()
        if isinstance(item, ParsedProvision) and item.text.get("en")
    ]
    chinese = [
        item.text["zh"]
        for _d, item in china_elements_2021().walk()
        if isinstance(item, ParsedProvision) and item.text.get("zh")
    ]
    drafter = Drafter(rng, english, chinese)
    return {
        "en": [(text, drafter.amend(text, "en")) for text in english],
        "zh": [(text, drafter.amend(text, "zh")) for text in chinese],
    }


def _clear_caches() -> None:
    # Tokens are cached per text; a cold run segments everything again, as a first request does.
    from workbench.diff.tokens import _segment, _tokenize, token_ends

    for cache in (_tokenize, _segment, token_ends):
        cache.cache_clear()


def run(quick: bool = False, log=print) -> Section:
    from workbench.diff import char_diff, diff_texts

    repeat = 3 if quick else 7
    section = Section("Word-level diff against character-level diff-match-patch")
    pairs = _pairs()
    rows = []
    measured = {}
    for lang, name in (("en", "Budapest Convention (en)"), ("zh", "China's elements (zh)")):
        items = pairs[lang]
        whole_old = "\n\n".join(old for old, _new in items)
        whole_new = "\n\n".join(new for _old, new in items)

        def per_provision_word(items=items, lang=lang):
            _clear_caches()
            for old, new in items:
                diff_texts(old, new, lang)

        def per_provision_char(items=items):
            for old, new in items:
                char_diff(old, new)

        def whole_word(old=whole_old, new=whole_new, lang=lang):
            _clear_caches()
            diff_texts(old, new, lang)

        def whole_char(old=whole_old, new=whole_new):
            char_diff(old, new)

        def whole_word_warm(old=whole_old, new=whole_new, lang=lang):
            diff_texts(old, new, lang)

        log(f"diff: {name} ...")
        word_each, char_each = (
            median_time(per_provision_word, repeat),
            median_time(per_provision_char, repeat),
        )
        word_all, char_all = median_time(whole_word, repeat), median_time(whole_char, repeat)
        warm = median_time(whole_word_warm, repeat)
        measured[lang] = (word_all, char_all)
        changed = sum(1 for op in diff_texts(whole_old, whole_new, lang).ops if op.op != "equal")
        rows.append(
            [
                f"{name}, {len(items)} provisions one by one",
                ms(word_each),
                ms(char_each),
                ratio(word_each, char_each),
                "—",
            ]
        )
        rows.append(
            [
                f"{name}, whole text ({len(whole_old):,} chars, {changed} changed runs)",
                ms(word_all),
                ms(char_all),
                ratio(word_all, char_all),
                ms(warm),
            ]
        )
    section.table(
        ["pair", "word diff (cold)", "char diff (dmp)", "word / char", "word diff (tokens cached)"],
        rows,
    )
    section.note(
        f"Median of {repeat} runs. 'Cold' clears the token cache before each run, so "
        "tokenization (and jieba segmentation for Chinese) is counted every time."
    )
    word_all, char_all = measured["en"]
    section.target(
        "word diff of the whole Budapest pair ≤ 2× char-level dmp",
        ratio(word_all, char_all),
        word_all <= TARGET * char_all,
    )
    return section


if __name__ == "__main__":
    print(run().markdown())
