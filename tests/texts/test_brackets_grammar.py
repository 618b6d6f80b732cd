"""The bracket grammar: whatever spans and options a consolidated text holds, reading it gives
them back, and choosing options gives the wording they make."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.texts.brackets import choose, has_brackets, parse_brackets, split_names

WORDS = st.sampled_from(
    [
        "Each",
        "Party",
        "shall",
        "adopt",
        "measures",
        "computer",
        "system",
        "data",
        "law",
        "信息",
        "系统",
    ]
)
NAMES = st.sampled_from(
    ["China", "Russian Federation", "Brazil", "Iran (Islamic Republic of)", "Japan", "中国"]
)
phrase = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
option = st.tuples(
    st.one_of(phrase, st.just("delete")), st.lists(NAMES, min_size=1, max_size=3, unique=True)
)
span = st.tuples(st.one_of(st.none(), phrase), st.lists(option, min_size=1, max_size=3))
text = st.lists(st.tuples(phrase, span), min_size=1, max_size=4).map(
    lambda items: [*items, ("end.", None)]
)


def render(items) -> str:
    """The text as the brackets export writes it."""
    out = []
    for plain, item in items:
        out.append(plain)
        if item is None:
            continue
        current, options = item
        written = [f"[{current}]"] if current is not None else []
        written += [f"[{words}] ({', '.join(names)})" for words, names in options]
        out.append(" / ".join(written))
    return " ".join(out)


@settings(max_examples=200, deadline=None)
@given(text)
def test_spans_and_options_come_back(items):
    written = render(items)
    assert has_brackets(written)
    parsed, faults = parse_brackets(written)
    assert faults == []
    spans = parsed.spans
    expected = [item for _plain, item in items if item is not None]
    assert len(spans) == len(expected)
    for got, (current, options) in zip(spans, expected, strict=True):
        assert (got.current.text if got.current else None) == current
        assert [(o.text, list(o.sponsors)) for o in got.proposed] == options
    # Choosing the current option everywhere gives the text without brackets.
    plain = " ".join(
        part
        for plain_words, item in items
        for part in (plain_words, item[0] if item and item[0] else "")
        if part
    )
    assert parsed.current() == plain
    # Choosing each span's first proposal gives its words (nothing for a deletion).
    first = " ".join(
        part
        for plain_words, item in items
        for part in (plain_words, "" if not item or item[1][0][0] == "delete" else item[1][0][0])
        if part
    )
    assert choose(parsed, lambda s: s.proposed[0]) == first


def test_names_keep_their_parentheses():
    assert split_names("China, Iran (Islamic Republic of), Brazil") == [
        "China",
        "Iran (Islamic Republic of)",
        "Brazil",
    ]
    assert split_names("中国、俄罗斯联邦") == ["中国", "俄罗斯联邦"]


def test_a_whole_provision_proposed_for_deletion():
    parsed, faults = parse_brackets(
        "[1. Each [Party] / [State] (China) shall.\n2. Act.] / [delete] (Japan)"
    )
    assert faults == [] and parsed.deletion == ("Japan",)
    assert parsed.current() == "1. Each Party shall.\n2. Act."
    assert choose(parsed, lambda s: s.proposed[0]) == "1. Each State shall.\n2. Act."


def test_faults_and_their_offsets():
    _parsed, faults = parse_brackets("ab] [c / [d] (X) [e")
    assert [(f.offset, f.message) for f in faults] == [
        (2, "A ']' closes no '['."),
        (9, "A '[' opens inside another option."),
        (4, "A '[' is never closed."),
    ]
    _parsed, faults = parse_brackets("[a] / [b] (X")
    assert [(f.offset, f.message) for f in faults] == [
        (10, "The sponsors' parenthesis is never closed.")
    ]
