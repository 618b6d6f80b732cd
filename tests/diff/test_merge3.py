"""The three-way merge never loses or doubles a word: a property over random edits."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.diff.merge3 import merge_texts


def test_the_rebase_the_issue_describes():
    base = "Each Party shall adopt such measures as may be necessary, when committed intentionally."
    current = "Each State Party shall adopt such measures as may be necessary."
    proposed = (
        "Each State Party shall adopt such measures as may be necessary, when committed "
        "intentionally. A Party may require dishonest intent."
    )
    merge = merge_texts(base, current, proposed, "en")
    assert merge.clean
    assert merge.text == (
        "Each State Party shall adopt such measures as may be necessary. "
        "A Party may require dishonest intent."
    )
    assert merge.text.count("State") == 1


def test_overlapping_changes_are_conflicts_with_all_three_wordings():
    merge = merge_texts("a computer system", "an ICT system", "a digital system", "en")
    assert not merge.clean and merge.text is None
    [conflict] = merge.conflicts
    assert (conflict.base, conflict.current, conflict.proposed) == (
        "a computer ",
        "an ICT ",
        "a digital ",
    )
    assert merge.side("current") == "an ICT system"
    assert merge.side("proposed") == "a digital system"
    assert merge.with_markers() == (
        "<<<<<<< current text\nan ICT \n=======\na digital \n>>>>>>> proposal\nsystem"
    )


def test_chinese_changes_merge_word_by_word():
    merge = merge_texts(
        "各缔约国应当采取必要措施。",
        "各缔约国应当采取立法措施。",
        "各缔约国应当采取必要措施。各缔约国可以要求故意。",
        "zh",
    )
    assert merge.clean
    assert merge.text == "各缔约国应当采取立法措施。各缔约国可以要求故意。"


# Random edits of a base of distinct words: each side deletes, replaces or inserts at some
# places; some edits are made identically on both sides. Words a side inserts are marked
# with the side's letter, so every word's origin is known.
WORDS = 24


@st.composite
def edit_scripts(draw):
    places = list(range(WORDS + 1))
    kinds = st.sampled_from(["delete", "replace", "insert"])
    script: dict[int, tuple[str, str]] = {}
    for side in ("c", "p"):
        for place in draw(st.lists(st.sampled_from(places), max_size=6, unique=True)):
            kind = draw(kinds)
            if place == WORDS and kind != "insert":
                kind = "insert"
            script.setdefault(place, {})[side] = (kind, f"{side}{place}")
    shared = draw(st.lists(st.sampled_from(places), max_size=3, unique=True))
    for place in shared:
        kind = draw(kinds) if place < WORDS else "insert"
        script[place] = {"c": (kind, f"s{place}"), "p": (kind, f"s{place}")}
    return script


def _apply(base: list[str], script: dict, side: str) -> list[str]:
    words: list[str] = []
    for place in range(WORDS + 1):
        edit = script.get(place, {}).get(side)
        if edit and edit[0] == "insert":
            words.append(edit[1])
        if place < WORDS:
            if edit and edit[0] == "replace":
                words.append(edit[1])
            elif not (edit and edit[0] == "delete"):
                words.append(base[place])
    return words


def _tokens(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        out += [word, " "]
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_scripts())
def test_no_word_is_lost_or_doubled(script):
    base = [f"w{i}" for i in range(WORDS)]
    current, proposed = _apply(base, script, "c"), _apply(base, script, "p")
    merge = merge_texts(*("".join(_tokens(words)) for words in (base, current, proposed)), "en")
    # Lossless: the chunks' sides join up again into the three texts.
    assert merge.side("base") == "".join(_tokens(base))
    assert merge.side("current") == "".join(_tokens(current))
    assert merge.side("proposed") == "".join(_tokens(proposed))
    # Edits at places apart from each other never conflict.
    places = sorted(script)
    touching = any(b - a <= 1 for a, b in itertools.pairwise(places)) or any(
        len(sides) == 2 and sides["c"] != sides["p"] for sides in script.values()
    )
    if not touching:
        assert merge.clean
    if not merge.clean:
        return
    merged = merge.text.split()
    # Every word the proposal inserts that the current text lacks survives exactly once...
    for word in set(proposed) - set(current) - set(base):
        assert merged.count(word) == 1, word
    # ...no word of the current text is lost that the proposal did not delete...
    for word in current:
        if word in base and word not in proposed:
            continue  # the proposal deleted it
        assert word in merged, word
    # ...and a change both sides made alike, away from other changes, stands once.
    for place, sides in script.items():
        alone = not any(abs(other - place) <= 1 for other in script if other != place)
        if alone and len(sides) == 2 and sides["c"] == sides["p"] and sides["c"][0] != "delete":
            assert merged.count(sides["c"][1]) == 1, sides
