"""The phrase-level consolidation of a wording and its proposals, on examples and random sets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.consolidation.segments import Segment, choose, consolidate_wordings

BASE = (
    "1. Each Party shall adopt such measures as may be necessary.\n"
    "2. A Party may require that the offence be committed against a computer system.\n"
    "3. Each Party shall ensure effective penalties."
)


def disputed(segments: list[Segment]) -> list[Segment]:
    return [segment for segment in segments if segment.disputed]


def test_one_word_changed_is_one_short_option():
    proposed = BASE.replace("computer", "digital")
    segments = consolidate_wordings(BASE, [(1, proposed)], "en")
    (group,) = disputed(segments)
    assert [(o.text, o.keys, o.current) for o in group.options] == [
        ("computer", (), True),
        ("digital", (1,), False),
    ]
    assert segments[0].text.endswith("against a ") and segments[-1].text.startswith(" system.")


def test_identical_wordings_are_one_option_and_deletion_is_empty():
    same = BASE.replace("a computer system", "an information and communications technology system")
    other = BASE.replace("such measures", "such legislative and other measures")
    deleted = BASE.replace("\n3. Each Party shall ensure effective penalties.", "")
    proposals = [(1, same), (2, same), (3, other), (4, deleted)]
    segments = consolidate_wordings(BASE, proposals, "en")
    groups = disputed(segments)
    assert len(groups) == 3
    phrase, ict, paragraph = groups
    assert [(o.text, o.keys) for o in phrase.options] == [
        ("", (1, 2, 4)),
        ("legislative and other ", (3,)),
    ]
    assert [(o.text, o.keys) for o in ict.options] == [
        ("a computer", (3, 4)),
        ("an information and communications technology", (1, 2)),
    ]
    assert paragraph.current.text.strip() == "3. Each Party shall ensure effective penalties."
    assert [o.keys for o in paragraph.options if o.text == ""] == [(4,)]
    # The common wording stands once: no paragraph of the article is repeated.
    whole = "".join(s.text for s in segments) + "".join(o.text for g in groups for o in g.options)
    assert whole.count("A Party may require") == 1
    for key, text in proposals:
        assert choose(segments, key) == text
    assert choose(segments) == BASE


def test_overlapping_changes_take_the_union_of_their_spans():
    one = BASE.replace("against a computer system", "against an ICT system")
    two = BASE.replace("computer system.", "computer system or network.")
    segments = consolidate_wordings(BASE, [(1, one), (2, two)], "en")
    (group,) = disputed(segments)
    assert {o.text for o in group.options} == {
        "a computer system",
        "an ICT system",
        "a computer system or network",
    } or {o.text.strip(" .") for o in group.options} >= {"an ICT system"}
    assert choose(segments, 1) == one and choose(segments, 2) == two


def test_chinese_is_cut_at_words():
    base = "各缔约方应采取必要的立法和其他措施，将故意无权访问计算机系统的行为规定为刑事犯罪。"
    proposed = base.replace("计算机系统", "信息通信技术系统")
    segments = consolidate_wordings(base, [(7, proposed)], "zh")
    (group,) = disputed(segments)
    assert group.current.text in ("计算机", "访问计算机", "计算机系统")  # whole words
    assert choose(segments, 7) == proposed


def test_no_proposal_is_all_common():
    assert consolidate_wordings(BASE, [], "en") == [Segment(text=BASE)]
    assert consolidate_wordings(BASE, [(1, BASE)], "en") == [Segment(text=BASE)]


# -- the choice property, on random proposal sets ------------------------------------------

WORDS = ["Party", "shall", "adopt", "measures", "data", "system", "the", "of", "a", "right"]
PIECES = st.sampled_from([*WORDS, ",", ".", ";", "\n", "(a)", "1."])


@st.composite
def texts(draw):
    pieces = draw(st.lists(PIECES, min_size=0, max_size=30))
    return " ".join(pieces)


@st.composite
def edited(draw, base: str):
    words = base.split(" ")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        at = draw(st.integers(min_value=0, max_value=max(len(words) - 1, 0)))
        if action == "insert" or not words:
            words.insert(at, draw(PIECES))
        elif action == "replace":
            words[at] = draw(PIECES)
        else:
            del words[at]
    return " ".join(words)


@st.composite
def proposal_sets(draw):
    base = draw(texts())
    proposals: list[tuple[int, str]] = []
    for key in range(1, draw(st.integers(min_value=1, max_value=5)) + 1):
        if proposals and draw(st.booleans()):
            text = draw(st.sampled_from([text for _key, text in proposals]))  # the same words
        else:
            text = draw(edited(base))
        proposals.append((key, text))
    return base, proposals


@settings(max_examples=300, deadline=None)
@given(proposal_sets())
def test_choosing_a_proposals_options_gives_its_text(case):
    base, proposals = case
    segments = consolidate_wordings(base, proposals, "en")
    assert choose(segments) == base
    for key, text in proposals:
        assert choose(segments, key) == text
    keys = {key for key, _text in proposals}
    for index, segment in enumerate(segments):
        if not segment.disputed:
            assert segment.text
            # Common wording is never split in two: segments alternate.
            assert index == 0 or segments[index - 1].disputed
            continue
        assert sum(option.current for option in segment.options) == 1
        texts_here = [option.text for option in segment.options]
        assert len(set(texts_here)) == len(texts_here) >= 2
        held = [key for option in segment.options for key in option.keys]
        assert sorted(held) == sorted(keys)  # each proposal in exactly one option
    # Identical wordings always share their options.
    for key, text in proposals:
        for other, other_text in proposals:
            if text == other_text:
                for segment in disputed(segments):
                    assert any(key in o.keys and other in o.keys for o in segment.options)


CHINESE = st.sampled_from(
    ["缔约国", "应当", "采取", "必要", "措施", "计算机", "系统", "数据", "，", "。", "\n"]
)


@st.composite
def chinese_sets(draw):
    base = draw(st.lists(CHINESE, max_size=20))
    proposals: list[tuple[int, str]] = []
    for key in range(1, draw(st.integers(min_value=1, max_value=5)) + 1):
        words = list(base)
        if proposals and draw(st.booleans()):
            proposals.append((key, draw(st.sampled_from([t for _k, t in proposals]))))
            continue
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            at = draw(st.integers(min_value=0, max_value=len(words)))
            if words and at < len(words) and draw(st.booleans()):
                del words[at]
            else:
                words.insert(at, draw(CHINESE))
        proposals.append((key, "".join(words)))
    return "".join(base), proposals


@settings(max_examples=100, deadline=None)
@given(chinese_sets())
def test_choice_property_in_chinese(case):
    base, proposals = case
    segments = consolidate_wordings(base, proposals, "zh")
    assert choose(segments) == base
    for key, text in proposals:
        assert choose(segments, key) == text
