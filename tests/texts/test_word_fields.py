"""What Word shows as text: fields, content controls, hidden runs, tracked paragraph marks.

Each document is written by hand (``tests.texts.clients.wordxml``) with the markup the
standard allows and the programs write.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.texts.clients.wordxml import num, num_pr, package, paragraph, run
from tests.texts.test_word_model import HEADING, LIST, lines, p
from workbench.texts import parse_docx


def test_field_codes_page_numbers_and_contents_fields_are_not_text(tmp_path):
    def field(code: str, result: str) -> str:
        return (
            run(inner='<w:fldChar w:fldCharType="begin"/>')
            + run(inner=f'<w:instrText xml:space="preserve"> {code} </w:instrText>')
            + run(inner='<w:fldChar w:fldCharType="separate"/>')
            + run(result)
            + run(inner='<w:fldChar w:fldCharType="end"/>')
        )

    toc = paragraph(
        run(inner='<w:fldChar w:fldCharType="begin"/>')
        + run(inner='<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>')
        + run(inner='<w:fldChar w:fldCharType="separate"/>')
        + run("Article 1 Scope")
        + run(inner="<w:tab/>")
        + run("2"),
        '<w:pStyle w:val="Normal"/>',
    ) + paragraph(
        run("Article 2 Terms")
        + run(inner="<w:tab/>")
        + run("3")
        + run(inner='<w:fldChar w:fldCharType="end"/>')
    )
    body = (
        p("A convention", '<w:pStyle w:val="Title"/>')
        + toc
        + p("Article 1", HEADING)
        + paragraph(
            run("See ")
            + field("REF _Ref1 \\h", "article 2")
            + run(" on page ")
            + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'
            + field("PAGE", "4")
            + run(" hidden", "<w:vanish/>")
            + run(".")
        )
        + p("Article 2", HEADING)
        + paragraph(
            '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
            + run("Vienna")
            + "</w:smartTag>"
            + '<w:customXml w:element="term">'
            + run(" and Geneva")
            + "</w:customXml>"
            + '<w:sdt><w:sdtPr><w:alias w:val="Date"/></w:sdtPr><w:sdtContent>'
            + run(" in 2024")
            + "</w:sdtContent></w:sdt>"
            + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            + run("Click here to enter text.")
            + "</w:sdtContent></w:sdt>"
            + '<w:bookmarkStart w:id="0" w:name="_Ref1"/>'
            + run(inner="<w:t>co</w:t><w:softHyphen/><w:t>operate</w:t>")
            + '<w:bookmarkEnd w:id="0"/>'
            + run(inner='<w:footnoteReference w:id="1"/>')
            + '<w:commentRangeStart w:id="0"/>'
            + run(inner='<w:t xml:space="preserve"> non</w:t><w:noBreakHyphen/><w:t>stop</w:t>')
            + '<w:commentRangeEnd w:id="0"/>'
            + run(inner='<w:commentReference w:id="0"/>')
            + run(
                inner='<w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Times" w:char="00A7"/>'
            )
            + run(
                inner='<w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr><w:rt><w:r>'
                "<w:t>zhōng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>中</w:t></w:r></w:rubyBase>"
                "</w:ruby>"
            )
            + run(
                inner='<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline>'
                "<w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></wp:inline>"
                "</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>"
                "<w:t>Box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
                "</mc:AlternateContent>"
            )
            + run(".")
        )
    )
    parsed = parse_docx(package(tmp_path / "f.docx", body))
    assert [a.label for a in parsed.provisions("article")] == ["Article 1", "Article 2"]
    assert parsed.provision("Article 1").text == {"en": "See article 2 on page ."}
    assert parsed.provision("Article 2").text == {
        "en": "Vienna and Geneva in 2024cooperate non-stop§中."
    }
    assert any("text boxes" in warning for warning in parsed.warnings)


def test_tracked_paragraph_marks_join_paragraphs_as_accepting_does(tmp_path):
    deleted_mark = '<w:rPr><w:del w:id="1" w:author="王伟" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
    inserted_mark = (
        '<w:rPr><w:ins w:id="2" w:author="José Müller" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
    )
    numbering = LIST + num(1, 1)
    body = (
        p("Article 1", HEADING)
        + p("Each Party shall", num_pr(1) + deleted_mark)
        + p("act promptly.", num_pr(1))
        + paragraph(
            '<w:del w:id="3" w:author="王伟" w:date="2026-01-01T00:00:00Z"><w:r>'
            "<w:delText>A deleted paragraph.</w:delText></w:r></w:del>",
            num_pr(1) + deleted_mark,
        )
        + p("It shall report.", num_pr(1))
        + paragraph(
            '<w:ins w:id="4" w:author="José Müller" w:date="2026-01-01T00:00:00Z"><w:r>'
            "<w:t>An inserted paragraph.</w:t></w:r></w:ins>",
            num_pr(1) + inserted_mark,
        )
        + p("It shall meet.", num_pr(1))
    )
    path = package(tmp_path / "m.docx", body, numbering=numbering)
    assert lines(path, "accept") == [
        "Article 1",
        "1. Each Party shallact promptly.",
        "2. It shall report.",
        "3. An inserted paragraph.",
        "4. It shall meet.",
    ]
    assert lines(path, "reject") == [
        "Article 1",
        "1. Each Party shall",
        "2. act promptly.",
        "3. A deleted paragraph.",
        "4. It shall report.",
        "5. It shall meet.",
    ]


def test_the_text_modules_import_each_other_without_a_cycle():
    """numbering ⇄ word was a cycle; the readers' modules form a tree of imports."""
    folder = Path(__file__).resolve().parents[2] / "workbench" / "texts"
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        module = f"workbench.texts.{path.stem}"
        graph[module] = {
            name
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.ImportFrom) and node.module
            for name in [node.module]
            if name.startswith("workbench.texts.") and path.stem != "__init__"
        }
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        if state.get(module) == 2:
            return
        assert state.get(module) != 1, " → ".join([*trail, module])
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            visit(target, [*trail, module])
        state[module] = 2

    for module in sorted(graph):
        visit(module, [])
