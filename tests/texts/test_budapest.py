"""The Budapest Convention and its Protocol as read from their Markdown files."""

from __future__ import annotations

import pytest

from tests.texts.conftest import source_article_titles
from workbench.corpus import sources
from workbench.texts.structure import (
    ParsedChapter,
    ParsedProvision,
    join_paragraphs,
    split_paragraphs,
)


def all_texts(instrument):
    for item in instrument.provisions():
        yield from item.text.values()
        yield from item.title.values()
    for chapter in instrument.chapters():
        yield from chapter.title.values()


def test_four_chapters_with_their_titles(budapest):
    chapters = budapest.chapters("chapter")
    assert [c.label for c in chapters] == ["Chapter I", "Chapter II", "Chapter III", "Chapter IV"]
    assert [c.title["en"] for c in chapters] == [
        "USE OF TERMS",
        "MEASURES TO BE TAKEN AT THE NATIONAL LEVEL",
        "INTERNATIONAL CO-OPERATION",
        "FINAL PROVISIONS",
    ]
    assert chapters[0].display_title() == "Use of terms"
    assert all(item in budapest.children for item in chapters)


def test_forty_eight_articles_titled_as_the_source_headings(budapest):
    expected = source_article_titles(sources.BUDAPEST_FILE)
    assert len(expected) == 48
    articles = budapest.provisions("article")
    assert [a.label for a in articles] == [f"Article {n}" for n in range(1, 49)]
    assert {int(a.label.split()[1]): a.title["en"] for a in articles} == expected


def test_sections_and_titles_nest_inside_chapters(budapest):
    chapter_two = budapest.chapters("chapter")[1]
    sections = [c for c in chapter_two.children if isinstance(c, ParsedChapter)]
    assert [(s.kind, s.label, s.title["en"]) for s in sections] == [
        ("section", "Section 1", "SUBSTANTIVE CRIMINAL LAW"),
        ("section", "Section 2", "PROCEDURAL LAW"),
        ("section", "Section 3", "JURISDICTION"),
    ]
    titles = [c for c in sections[0].children if isinstance(c, ParsedChapter)]
    assert [t.label for t in titles] == [f"Title {n}" for n in range(1, 6)]
    assert all(t.kind == "title" for t in titles)
    assert [p.label for p in titles[0].children] == [f"Article {n}" for n in range(2, 7)]
    assert [p.label for p in sections[2].children] == ["Article 22"]
    chapter_one = budapest.chapters("chapter")[0]
    assert [p.label for p in chapter_one.children] == ["Article 1"]
    assert len(budapest.chapters("section")) == 5
    assert len(budapest.chapters("title")) == 5 + 5 + 4 + 3


def test_article_6_keeps_its_paragraphs_and_the_tail_after_the_list(budapest):
    paragraphs = split_paragraphs(budapest.provision("Article 6").text["en"])
    assert [(p.label, p.level) for p in paragraphs] == [
        ("1.", 0),
        ("a)", 1),
        ("(i)", 2),
        ("(ii)", 2),
        ("", 1),
        ("b)", 1),
        ("2.", 0),
        ("3.", 0),
    ]
    assert paragraphs[3].text.endswith("is capable of being accessed,")
    assert paragraphs[4].text.startswith("with intent that it be used for the purpose")


@pytest.mark.parametrize(
    ("label", "tail"),
    [
        ("Article 8", "with fraudulent or dishonest intent of procuring"),
        ("Article 14", "that Party may reserve the right not to apply these measures"),
        ("Article 20", "traffic data, in real-time, associated with specified communications"),
        ("Article 21", "content data, in real-time, of specified communications"),
    ],
)
def test_text_after_a_list_is_its_own_unlabelled_paragraph(budapest, label, tail):
    lines = budapest.provision(label).text["en"].split("\n")
    tails = [line for line in lines if line.startswith(tail)]
    assert len(tails) == 1
    assert "   " not in budapest.provision(label).text["en"]


def test_article_15_paragraph_2_has_no_stray_number(budapest):
    lines = budapest.provision("Article 15").text["en"].split("\n")
    assert lines[1].startswith("2. Such conditions and safeguards shall")
    assert "inter alia, include" in lines[1] and "*" not in lines[1]


def test_wording_is_clean(budapest, protocol):
    for instrument in (budapest, protocol):
        for text in all_texts(instrument):
            assert "``" not in text and "*" not in text and "](" not in text
            assert "\u00a0" not in text and "  " not in text
            assert all(line == line.strip() and line for line in text.split("\n"))
    definitions = budapest.provision("Article 1").text["en"]
    assert definitions.split("\n")[1].startswith('a) "computer system" means any device')


def test_preamble_and_final_clause(budapest):
    preamble, *_middle, final = budapest.children
    assert (preamble.kind, preamble.label) == ("preamble", "Preamble")
    assert preamble.text["en"].startswith("The member States of the Council of Europe")
    assert preamble.text["en"].endswith("Have agreed as follows:")
    assert (final.kind, final.label) == ("final_clause", "Final clause")
    assert final.text["en"].startswith("IN WITNESS WHEREOF the undersigned")
    assert "DONE at Budapest, this 23rd day of November 2001" in final.text["en"]
    assert budapest.title == {"en": "Convention on Cybercrime"}


def test_article_titles_in_chinese_come_from_table_1(budapest):
    names = {a.label: a.title.get("zh") for a in budapest.provisions("article")}
    assert all(names[f"Article {n}"] for n in range(2, 13))
    assert names["Article 1"] is None and names["Article 13"] is None
    assert names["Article 2"] == "非法访问"
    assert names["Article 3"] == "非法侦听"
    assert names["Article 7"] == "计算机相关的伪造"
    assert names["Article 9"] == "儿童色情相关的犯罪"
    assert names["Article 10"] == "侵犯版权及相关权益的犯罪"
    assert names["Article 12"] == "法人责任"
    for article in budapest.provisions("article")[1:12]:
        assert "zh" in article.unofficial and "en" not in article.unofficial


def test_table_1_english_names_are_the_article_titles(budapest, protocol):
    names = sources.offence_names()
    assert sorted(number for kind, number in names if kind == "convention") == list(range(2, 13))
    for (kind, number), (zh, en) in names.items():
        instrument = budapest if kind == "convention" else protocol
        article = instrument.provision(f"Article {number}")
        assert article.title["en"].casefold() == en.casefold()
        assert article.title["zh"] == zh
        assert zh in sources.TABLE_SEED.read_text(encoding="utf-8")


def test_protocol(protocol):
    expected = source_article_titles(sources.PROTOCOL_FILE)
    articles = protocol.provisions("article")
    assert len(articles) == 16 == len(expected)
    assert {int(a.label.split()[1]): a.title["en"] for a in articles} == expected
    assert [c.label for c in protocol.chapters("chapter")] == [
        "Chapter I",
        "Chapter II",
        "Chapter III",
        "Chapter IV",
    ]
    assert protocol.chapters("chapter")[2].title["en"] == (
        "RELATIONS BETWEEN THE CONVENTION AND THIS PROTOCOL"
    )
    assert protocol.provision("Article 3").title == {
        "en": "Dissemination of racist and xenophobic material through computer systems",
        "zh": "通过计算机系统散播种族主义或仇外资料",
    }
    preamble, final = protocol.children[0], protocol.children[-1]
    assert preamble.kind == "preamble"
    assert "the Convention on Cybercrime, opened for signature in Budapest" in preamble.text["en"]
    assert (
        final.kind == "final_clause"
        and "DONE at Strasbourg, this 28 January 2003" in (final.text["en"])
    )


def test_protocol_stops_before_the_dutch_text(protocol):
    assert not any("Aanvullend" in text or "Lidstaten" in text for text in all_texts(protocol))
    assert protocol.warnings and "Aanvullend Protocol" in protocol.warnings[0]


def test_every_provision_has_wording(budapest, protocol):
    for instrument in (budapest, protocol):
        for item in instrument.provisions():
            assert isinstance(item, ParsedProvision) and item.text["en"]


def test_sources_return_fresh_objects():
    first = sources.budapest_ets185()
    first.children.clear()
    assert len(sources.budapest_ets185().provisions("article")) == 48


def test_wording_splits_into_paragraphs_and_back_unchanged(budapest, protocol, china):
    for instrument in (budapest, protocol, china):
        for item in instrument.provisions():
            for wording in item.text.values():
                assert join_paragraphs(split_paragraphs(wording)) == wording
