"""Markdown and plain text as users write them: markup, wrapping, numbering, outlines."""

from __future__ import annotations

from workbench.corpus import seedfiles
from workbench.texts import parse_file, parse_markdown, parse_text
from workbench.texts.plaintext import decode_text

MARKDOWN = """\
Draft convention
================

The States Parties to this Convention, *recalling* the [Charter](https://un.org/charter),
have agreed as follows:

## Chapter I – General provisions

### Article 1 – Scope

1\\. This Convention applies to the ``prevention" of offences
committed by means of **information and communications technologies**.<hard-break>
2. It applies also to:

- the collection of evidence;
- the return of proceeds.

### Article 2

#### Use of terms

For the purposes of this Convention, &ldquo;data&rdquo; means any representation.

## 第二章 国际合作

### 第三条 司法协助

缔约国应当在最大程度上
相互提供司法协助。
""".replace("<hard-break>", "  ")


def test_markdown_markup_is_dropped_and_structure_kept():
    parsed = parse_markdown(MARKDOWN)
    assert parsed.title == {"en": "Draft convention"}
    preamble, chapter_one, chapter_two = parsed.children
    assert preamble.text["en"] == (
        "The States Parties to this Convention, recalling the Charter, have agreed as follows:"
    )
    assert (chapter_one.label, chapter_one.title) == ("Chapter I", {"en": "General provisions"})
    scope, terms = chapter_one.children
    assert scope.title == {"en": "Scope"}
    assert scope.text["en"].split("\n") == [
        '1. This Convention applies to the "prevention" of offences committed by means of '
        "information and communications technologies.",
        "2. It applies also to:",
        "– the collection of evidence;",
        "– the return of proceeds.",
    ]
    assert terms.title == {"en": "Use of terms"}
    assert terms.text["en"] == (
        "For the purposes of this Convention, “data” means any representation."
    )
    assert chapter_two.label == "第二章" and chapter_two.title == {"en": "国际合作"}
    (article,) = chapter_two.children
    assert (article.label, article.title["en"]) == ("第三条", "司法协助")
    assert article.text["en"] == "缔约国应当在最大程度上相互提供司法协助。"


def test_the_title_and_the_language_can_be_given():
    parsed = parse_markdown(MARKDOWN, title="Zero draft", language="en")
    assert parsed.title == {"en": "Zero draft"}
    assert parse_markdown("# 公约\n\n第一条 目的\n\n促进合作。").language == "zh"


def test_hard_wrapped_plain_text_is_joined_into_paragraphs():
    text = """\
ARTICLE 5
Jurisdiction

1. Each Party shall adopt such legislative and other measures as may be
necessary to establish jurisdiction over any offence established in
accordance with this Convention, when the offence is committed in its
territory.

2. Each Party may reserve the right not to apply the jurisdiction rules
laid down in paragraph 1 of this article or any part thereof, in cases
where the offence is committed outside its territory.
"""
    parsed = parse_text(text)
    article = parsed.provision("Article 5")
    assert article.title == {"en": "Jurisdiction"}
    first, second = article.text["en"].split("\n")
    assert first.startswith("1. Each Party") and first.endswith("in its territory.")
    assert second.startswith("2. Each Party may") and "in cases where" in second


def test_a_text_without_articles_is_read_as_numbered_elements():
    text = """\
Elements of a convention

Chapter I
General provisions
The convention should contain the following:
1. Protection of sovereignty. States shall respect sovereignty.
2. Use of terms, including:
(a) electronic evidence;
(b) service provider.
Chapter II
Final provisions
To be discussed.
"""
    parsed = parse_text(text)
    first, second = parsed.chapters("chapter")
    assert [(p.kind, p.label) for p in first.children] == [
        ("chapeau", "Chapter I"),
        ("element", "Chapter I.1"),
        ("element", "Chapter I.2"),
    ]
    assert first.children[2].text["en"] == (
        "Use of terms, including:\n(a) electronic evidence;\n(b) service provider."
    )
    assert [(p.kind, p.text["en"]) for p in second.children] == [("chapeau", "To be discussed.")]


def test_the_seed_text_with_markdown_headings_reads_like_the_curated_source(china):
    parsed = parse_file(seedfiles.CHINA_SEED)
    assert parsed.title == china.title
    elements = {p.label: p.text["zh"] for p in parsed.provisions("element")}
    curated = {p.label: p.text["zh"] for p in china.provisions("element")}
    assert {label: text for label, text in elements.items() if label in curated} == {
        label: text for label, text in curated.items() if label != "三.（六）1"
    }
    assert [c.label for c in parsed.chapters("chapter")] == [c.label for c in china.chapters()][3:]


def test_decoding():
    assert decode_text("公约".encode("utf-8-sig")) == "公约"
    assert decode_text("公约".encode("utf-16")) == "公约"
    assert decode_text("公约".encode("utf-16-be").join([b"\xfe\xff", b""])) == "公约"
    assert decode_text("第一条 公约".encode("gb18030")) == "第一条 公约"
    assert decode_text(b"plain ascii") == "plain ascii"
