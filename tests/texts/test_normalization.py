"""Quotes, dashes and spaces: the three readers store the same text, and keep the words.

The same treaty written as Markdown, plain text and a Word file reads back identically:
spaces of every kind become one space, soft hyphens and zero-width spaces go, a
non-breaking hyphen is a hyphen, the TeX quote pair ``…'' becomes straight quotes; curly
and straight quotes, dashes and the zero-width joiners of Persian words stay as written;
a heading mark typed into a line ("####Purpose") is a heading in every reader.
"""

from __future__ import annotations

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.texts import parse_file

WORDS = [
    "Party",
    "shall",
    "cross-border",
    "Party's",
    "computer",
    "com\u00adputer",  # a soft hyphen: layout
    "data\u200b",  # a zero-width space: layout
    "می\u200cخواهم",  # a zero-width non-joiner: spelling
    "“system”",
    '"system"',
    "‘data’",
    "'data'",
    "``system''",
    '``system"',
    "–",
    "—",
    "non\u2011binding",  # a non-breaking hyphen
    "2024",
]
SPACES = [" ", "\u00a0", "\u2009", "  "]

paragraphs = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), min_size=2, max_size=8
).map(lambda pairs: "".join(word + space for word, space in pairs).strip() + ".")
articles = st.lists(
    st.tuples(st.booleans(), st.lists(paragraphs, min_size=1, max_size=3)), min_size=1, max_size=4
)


def lines_of(treaty) -> list[str]:
    lines = ["Convention on normalization"]
    for number, (titled, texts) in enumerate(treaty, 1):
        lines.append(f"Article {number}")
        if titled:
            lines.append(f"####Subject {number}")
        lines += texts
    return lines


def expected_text(paragraph: str) -> str:
    text = paragraph.replace("\u00ad", "").replace("\u200b", "").replace("\u2011", "-")
    if "``" in text:
        text = text.replace("``", '"').replace("''", '"')
    return " ".join(text.replace("\u00a0", " ").replace("\u2009", " ").split())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(treaty=articles)
def test_markdown_text_and_word_read_the_same_words(tmp_path, treaty):
    lines = lines_of(treaty)
    (tmp_path / "t.md").write_text("\n\n".join(lines), encoding="utf-8")
    (tmp_path / "t.txt").write_text("\n".join(lines), encoding="utf-8")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(tmp_path / "t.docx")
    markdown, text, word = (parse_file(tmp_path / f"t.{kind}") for kind in ("md", "txt", "docx"))
    assert markdown.children == text.children == word.children
    for number, (titled, texts) in enumerate(treaty, 1):
        article = word.provision(f"Article {number}")
        assert article.title == ({"en": f"Subject {number}"} if titled else {})
        assert article.text["en"].split("\n") == [expected_text(p) for p in texts]
