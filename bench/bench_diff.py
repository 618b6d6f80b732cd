"""Word-level diff (C++ core) of the Budapest Convention against an amended copy, next to
character-level diff-match-patch in C++ and in Python and to the pure-Python word diff:
per provision and for the whole text."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from contextlib import contextmanager

from bench.common import ROOT, Section, median_time, ms, ratio

TARGET = 2.0  # the word diff of the whole pair may take at most twice the C++ character diff
FIRST_CHINESE_TARGET = 0.100  # seconds, for the first Chinese diff of a fresh process
WORD_EDITS = 100


def _wordings(lang: str) -> list[str]:
    from workbench.corpus.sources import budapest_ets185, china_elements_2021
    from workbench.texts.structure import ParsedProvision

    parsed = budapest_ets185() if lang == "en" else china_elements_2021()
    return [
        item.text[lang]
        for _d, item in parsed.walk()
        if isinstance(item, ParsedProvision) and item.text.get(lang)
    ]


def _pairs(seed: int = 1) -> dict[str, list[tuple[str, str]]]:
    """(original, amended) wording per provision: Budapest in English, China's elements in Chinese."""
    from bench.generate import Drafter

    rng = random.Random(seed)
    english, chinese = _wordings("en"), _wordings("zh")
    drafter = Drafter(rng, english, chinese)
    return {
        "en": [(text, drafter.amend(text, "en")) for text in english],
        "zh": [(text, drafter.amend(text, "zh")) for text in chinese],
    }


def edited_copy(text: str, edits: int, seed: int = 1) -> str:
    """The text with ``edits`` words replaced, deleted or followed by a new word."""
    from workbench.diff import tokenize

    rng = random.Random(seed)
    tokens = tokenize(text, "en")
    words = [i for i, token in enumerate(tokens) if token.isalpha()]
    vocabulary = sorted({tokens[i] for i in words if len(tokens[i]) > 3})
    for spot in sorted(rng.sample(words, edits)):
        move = rng.random()
        if move < 0.5:
            tokens[spot] = rng.choice(vocabulary)
        elif move < 0.7 and spot + 1 < len(tokens) and tokens[spot + 1] == " ":
            tokens[spot] = tokens[spot + 1] = ""  # the word and the space after it
        else:
            tokens[spot] += " " + rng.choice(vocabulary)
    return "".join(tokens)


def _clear_caches() -> None:
    # Tokens are cached per text and per clause; a cold run tokenizes everything again.
    from workbench.diff import tokens

    for cache in (tokens._tokenize, tokens._tokenize_clause, tokens._segment, tokens.token_ends):
        cache.cache_clear()


@contextmanager
def _python_core():
    """Run the word diff on the pure-Python library (the fallback) inside this block."""
    from workbench.diff import core

    native = core.raw_diff
    core.raw_diff = core.diff_python
    try:
        yield
    finally:
        core.raw_diff = native


def first_chinese_diff() -> dict[str, float]:
    """Run in a fresh interpreter: the first Chinese word diff, segmenter loading included."""
    import time

    started = time.perf_counter()
    from workbench.diff import diff_texts

    imported = time.perf_counter()
    diff_texts("各缔约国应采取必要的立法和其他措施", "各缔约国应采取必要的立法措施", "zh")
    first = time.perf_counter()
    diff_texts("非法获取计算机数据", "非法截取计算机信息系统中的数据", "zh")
    second = time.perf_counter()
    return {"import_s": imported - started, "first_s": first - imported, "next_s": second - first}


_RJIEBA = """
import json, time
from importlib import resources
started = time.perf_counter()
import rjieba
segmenter = rjieba.Jieba()
for line in resources.files("workbench.diff").joinpath("treaty_words.txt").read_text("utf-8").split("\\n"):
    if line.strip():
        word, freq, *tag = line.split()
        segmenter.add_word(word, int(freq), tag[0] if tag else None)
words = segmenter.cut(SENTENCE, hmm=False)
print(json.dumps({"first_s": time.perf_counter() - started, "words": words}))
"""
SENTENCE = "利用信通技术实施犯罪的缔约国应当在其本国法律中将下列行为规定为刑事犯罪：非法获取计算机信息系统数据"


def _rjieba_first_cut(runs: int) -> dict | None:
    """rjieba (jieba-rs) in a fresh process: time to its first cut, and whether its words agree."""
    import importlib.util

    from workbench.diff.tokens import _segmenter

    if importlib.util.find_spec("rjieba") is None:
        return None
    code = _RJIEBA.replace("SENTENCE", repr(SENTENCE))
    results = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return {
        "first_s": sorted(r["first_s"] for r in results)[len(results) // 2],
        "same": results[0]["words"] == _segmenter().cut(SENTENCE),
    }


def _fresh_process_first_diff(runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-m", "bench.bench_diff", "--first-chinese"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    return {key: sorted(r[key] for r in results)[len(results) // 2] for key in results[0]}


def run(quick: bool = False, log=print) -> Section:
    import fast_diff_match_patch

    from workbench.diff import char_diff, diff_texts

    repeat = 5 if quick else 11
    section = Section("Word-level diff (C++ core) against character-level diff-match-patch")

    def cxx_char(old: str, new: str):
        # The same algorithm as the word diff, on characters: minimal diff, semantic cleanup.
        return fast_diff_match_patch.diff(
            old, new, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False
        )

    old = "\n\n".join(_wordings("en"))
    new = edited_copy(old, WORD_EDITS)

    def word_cold():
        _clear_caches()
        diff_texts(old, new, "en")

    log("diff: whole Budapest text ...")
    word = median_time(word_cold, repeat)
    warm = median_time(lambda: diff_texts(old, new, "en"), repeat)
    cxx = median_time(lambda: cxx_char(old, new), repeat)
    cxx_lines = median_time(
        lambda: fast_diff_match_patch.diff(old, new, timelimit=0, cleanup="Semantic"), repeat
    )
    python_char = median_time(lambda: char_diff(old, new), max(3, repeat // 2))
    with _python_core():
        python_word = median_time(word_cold, max(3, repeat // 2))
    changed = sum(1 for op in diff_texts(old, new, "en").ops if op.op != "equal")
    section.table(
        ["whole Budapest text, 100 word edits", "time", "word diff (C++ core) ÷ this"],
        [
            ["word diff, C++ core, tokens cold", ms(word), "1.00×"],
            ["word diff, C++ core, tokens cached", ms(warm), ratio(word, warm)],
            ["character diff, C++ (minimal, semantic cleanup)", ms(cxx), ratio(word, cxx)],
            ["character diff, C++, line mode", ms(cxx_lines), ratio(word, cxx_lines)],
            ["character diff, pure Python", ms(python_char), ratio(word, python_char)],
            [
                "word diff, pure-Python core (the fallback)",
                ms(python_word),
                ratio(word, python_word),
            ],
        ],
    )
    section.note(
        f"{len(old):,} characters, {WORD_EDITS} word edits, {changed} changed runs. Median of "
        f"{repeat} runs (the machine is shared: wall times are noisy, compare ratios). "
        "'Cold' clears the token caches before each run; the C++ character diff is "
        "fast-diff-match-patch with no time limit, no line mode and its own semantic cleanup."
    )

    pairs = _pairs()
    rows = []
    for lang, name in (("en", "Budapest Convention (en)"), ("zh", "China's elements (zh)")):
        items = pairs[lang]

        def per_provision_word(items=items, lang=lang):
            _clear_caches()
            for a, b in items:
                diff_texts(a, b, lang)

        def per_provision_char(items=items):
            for a, b in items:
                cxx_char(a, b)

        log(f"diff: {name}, provision by provision ...")
        word_each = median_time(per_provision_word, repeat)
        char_each = median_time(per_provision_char, repeat)
        rows.append(
            [
                f"{name}, {len(items)} provisions",
                ms(word_each),
                ms(char_each),
                ratio(word_each, char_each),
            ]
        )
    section.table(
        ["one amendment per provision", "word diff (cold)", "char diff (C++)", "ratio"], rows
    )

    log("diff: first Chinese diff in a fresh process ...")
    first = _fresh_process_first_diff(3 if quick else 5)
    rows = [
        [
            "workbench (jieba's dictionary read on demand)",
            ms(first["import_s"]),
            ms(first["first_s"]),
            ms(first["next_s"]),
            "(reference)",
        ]
    ]
    rjieba = _rjieba_first_cut(3 if quick else 5)
    if rjieba is not None:
        rows.append(
            [
                "rjieba 0.2 (import, dictionary, treaty words, first cut)",
                "—",
                ms(rjieba["first_s"]),
                "—",
                "yes" if rjieba["same"] else "**no**",
            ]
        )
    section.table(["fresh process", "import", "first Chinese diff", "second", "same words"], rows)
    section.target(
        "word diff of the whole Budapest pair ≤ 2× C++ char-level dmp",
        ratio(word, cxx),
        word <= TARGET * cxx,
    )
    section.target(
        "first Chinese diff in a fresh process ≤ 100 ms",
        ms(first["first_s"]),
        first["first_s"] <= FIRST_CHINESE_TARGET,
    )
    return section


if __name__ == "__main__":
    if "--first-chinese" in sys.argv:
        print(json.dumps(first_chinese_diff()))
    else:
        print(run(quick="--quick" in sys.argv).markdown())
