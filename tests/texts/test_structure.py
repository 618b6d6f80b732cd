"""The paragraph conventions: labels, levels, and the display of ALL-CAPS titles."""

from __future__ import annotations

from workbench.texts.structure import (
    Paragraph,
    ParsedChapter,
    ParsedProvision,
    format_paragraph,
    join_paragraphs,
    match_label,
    sentence_case,
    split_paragraphs,
)


def levels(wording: str) -> list[tuple[str, int]]:
    return [(p.label, p.level) for p in split_paragraphs(wording)]


def test_numbered_paragraphs_with_letters_and_items_nest_in_three_levels():
    wording = "\n".join(
        [
            "1. Each Party:",
            "a) the production of:",
            "(i) a device;",
            "(ii) a password,",
            "with intent.",
            "b) possession.",
            "2. This article.",
        ]
    )
    assert levels(wording) == [
        ("1.", 0),
        ("a)", 1),
        ("(i)", 2),
        ("(ii)", 2),
        ("", 1),
        ("b)", 1),
        ("2.", 0),
    ]


def test_a_chapeau_puts_its_list_one_level_down_and_the_tail_back_at_its_level():
    wording = "Each Party shall:\na) any input;\nb) any interference,\nwith fraudulent intent."
    assert levels(wording) == [("", 0), ("a)", 1), ("b)", 1), ("", 0)]


def test_a_label_alone_opens_its_sub_paragraphs():
    assert levels("3.\na) Each Party may.\nb) Where a Party.") == [("3.", 0), ("a)", 1), ("b)", 1)]
    assert split_paragraphs("3.\na) x")[0].text == ""


def test_i_after_h_is_a_letter_and_i_alone_is_a_roman_numeral():
    letters = "\n".join(f"{c}) item" for c in "abcdefghij")
    assert [p.level for p in split_paragraphs(letters)] == [0] * 10
    assert levels("a) thing:\n(i) one\n(ii) two") == [("a)", 0), ("(i)", 1), ("(ii)", 1)]


def test_chinese_numbering_nests_and_needs_no_space():
    wording = "缔约国应当：\n（一）规定犯罪；\n1、非法访问；\n2、非法截取；\n（二）开展合作。"
    assert levels(wording) == [
        ("", 0),
        ("（一）", 1),
        ("1、", 2),
        ("2、", 2),
        ("（二）", 1),
    ]
    assert split_paragraphs("一、总则")[0] == Paragraph(label="一、", level=0, text="总则")


def test_numbers_and_abbreviations_are_not_labels():
    for line in ("1.5 million people", "e.g. this", "i.e. that", "-1 degrees", "A Party may"):
        assert match_label(line) is None, line


def test_dashes_are_items():
    assert levels("1. the provisions of:\n– the European Convention;\n– the Protocol.") == [
        ("1.", 0),
        ("–", 1),
        ("–", 1),
    ]


def test_paragraphs_are_written_back_as_they_were_read():
    wording = "1. Each Party:\na) the production;\n（一）规定犯罪；\n1、非法访问；\nwith intent."
    assert join_paragraphs(split_paragraphs(wording)) == wording
    assert format_paragraph("1、", "保护主权") == "1、保护主权"
    assert format_paragraph("(a)", "") == "(a)"


def test_all_caps_titles_are_kept_and_offered_in_sentence_case():
    chapter = ParsedChapter(kind="title", label="Title 3", title={"en": "24/7 NETWORK"})
    chapter.children.append(
        ParsedProvision(kind="article", label="Article 35", title={"en": "24/7 Network"})
    )
    assert chapter.title["en"] == "24/7 NETWORK"
    assert chapter.display_title() == "24/7 Network"
    assert sentence_case("USE OF TERMS") == "Use of terms"
    assert (
        ParsedChapter(kind="chapter", label="x", title={"en": "Mixed Case"}).display_title()
        == "Mixed Case"
    )
