"""Contents lists and page furniture add nothing; duplicate article labels are refused."""

from __future__ import annotations

import docx
import pytest

from workbench.errors import InvalidInput
from workbench.texts import parse_file, parse_text

ARTICLES = 70
TITLES = [f"Subject number {n}" for n in range(1, ARTICLES + 1)]


def convention_lines(contents: list[str]) -> list[str]:
    lines = ["Convention on the matter", "", *contents, ""]
    for number, title in enumerate(TITLES, 1):
        if number in (1, 36):
            lines += ["", f"Chapter {'I' if number == 1 else 'II'}", "Provisions", ""]
        lines += [f"Article {number}", title, f"1. Each Party shall act on matter {number}.", ""]
    return lines


def check(parsed) -> None:
    articles = parsed.provisions("article")
    assert [a.label for a in articles] == [f"Article {n}" for n in range(1, ARTICLES + 1)]
    assert all(a.text["en"].startswith("1. Each Party") for a in articles)
    assert [a.title["en"] for a in articles] == TITLES
    assert not parsed.provisions("preamble")  # "Contents" is no preamble
    assert parsed.warnings[0].startswith("Left out a table of contents of ")


@pytest.mark.parametrize(
    "entry",
    [
        "Article {n}. {title}\t{page}",  # a contents field unlinked to text
        "Article {n} – {title} ........ {page}",  # dot leaders, typed
        "Article {n}\t{title}\t{page}",
        "Article {n}. {title} …… {page}",
    ],
)
def test_a_contents_list_with_page_numbers_is_left_out(tmp_path, entry):
    contents = ["Contents"] + [
        entry.format(n=n, title=title, page=n + 2) for n, title in enumerate(TITLES, 1)
    ]
    path = tmp_path / "convention.txt"
    path.write_text("\n".join(convention_lines(contents)), encoding="utf-8")
    check(parse_file(path))
    # The same lines in a Word file, as LibreOffice or Word leave them when the field is
    # unlinked (tabs are w:tab elements).
    document = docx.Document()
    for line in convention_lines(contents):
        if line:
            document.add_paragraph(line)
    document.save(tmp_path / "convention.docx")
    check(parse_file(tmp_path / "convention.docx"))


def test_a_contents_list_without_page_numbers_is_left_out_when_sure(tmp_path):
    """Every heading listed comes again after the list, with no wording between them."""
    contents = ["Table of contents"]
    contents += [f"Article {n}. {title}" for n, title in enumerate(TITLES, 1)]
    check(parse_text("\n".join(convention_lines(contents))))
    check(parse_text("\n".join(convention_lines(contents[1:]))))  # no "Contents" line


def test_duplicate_article_labels_are_refused_with_their_names():
    lines = convention_lines([])
    lines += ["Article 3", "Again", "1. A second article 3."]
    with pytest.raises(InvalidInput) as caught:
        parse_text("\n".join(lines), name="draft.txt")
    assert caught.value.message == (
        "draft.txt holds 1 article label twice (Article 3); if it opens with a table of "
        "contents, delete the contents or keep their page numbers, and import it again."
    )
    # A contents list the import cannot be sure of (it lists an article the text lacks).
    contents = [f"Article {n}. {title}" for n, title in enumerate(TITLES, 1)]
    text = "\n".join(convention_lines([*contents, "Article 71. Missing"]))
    with pytest.raises(InvalidInput, match=r"holds 70 article labels twice \(Article 1, "):
        parse_text(text, name="draft.txt")


def test_an_annex_may_number_its_own_articles():
    text = "\n".join(
        [
            "Convention",
            "Article 1",
            "Each Party shall act.",
            "Article 2",
            "Disputes go to arbitration under the annex.",
            "Annex",
            "Article 1",
            "The tribunal has three members.",
        ]
    )
    parsed = parse_text(text)
    assert [a.label for a in parsed.provisions("article")] == [
        "Article 1",
        "Article 2",
        "Article 1",
    ]


def test_headers_footers_footnotes_and_fields_are_no_text(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Article 99 Draft – do not cite"
    section.footer.paragraphs[0].text = "Article 98 Page 1"
    document.add_paragraph("Convention", style="Title")
    document.add_paragraph("Article 1", style="Heading 2")
    paragraph = document.add_paragraph("Each Party shall act")
    paragraph.add_run(". Page ")
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("t", "7")):
        run = paragraph.add_run()
        if kind == "instr":
            element = run._r.makeelement(docx.oxml.ns.qn("w:instrText"))
            element.text = text
            run._r.append(element)
        elif kind == "t":
            run.text = text
        else:
            char = run._r.makeelement(docx.oxml.ns.qn("w:fldChar"))
            char.set(docx.oxml.ns.qn("w:fldCharType"), kind)
            run._r.append(char)
    end = paragraph.add_run()._r
    char = end.makeelement(docx.oxml.ns.qn("w:fldChar"))
    char.set(docx.oxml.ns.qn("w:fldCharType"), "end")
    end.append(char)
    document.add_comment(paragraph.runs[0], text="A comment", author="Secretariat")
    document.save(tmp_path / "furniture.docx")
    parsed = parse_file(tmp_path / "furniture.docx")
    assert [a.label for a in parsed.provisions("article")] == ["Article 1"]
    assert parsed.provision("Article 1").text == {"en": "Each Party shall act. Page"}
