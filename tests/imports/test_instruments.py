"""Importing instruments into the database: the Convention in Markdown and in Word files of
several styles, a Chinese-numbered text, the Russian outline filled, through CLI and API."""

from __future__ import annotations

import json

import pytest

from tests.imports.conftest import parsed_structure, session_of, structure
from tests.imports.documents import STYLES, relabel, write_paragraphs
from workbench.corpus import seedfiles, sources
from workbench.instruments.queries import find_provision, get_instrument
from workbench.texts.structure import split_paragraphs


def _import(runner, path, *args):
    result = runner.invoke(["import", str(path), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _check_budapest(db, slug, reference, corpus_titles, letters="a)"):
    """4 chapters, 48 articles titled as the corpus file, the wording as the Markdown reads."""
    rows = structure(db, slug)
    chapters = [row for row in rows if row[1] == "chapter"]
    assert [(c[2], c[3]) for c in chapters] == [
        ("Chapter I", "USE OF TERMS"),
        ("Chapter II", "MEASURES TO BE TAKEN AT THE NATIONAL LEVEL"),
        ("Chapter III", "INTERNATIONAL CO-OPERATION"),
        ("Chapter IV", "FINAL PROVISIONS"),
    ]
    articles = [row for row in rows if row[1] == "article"]
    assert len(articles) == 48
    assert {int(a[2].split()[1]): a[3] for a in articles} == corpus_titles
    # Every provision, nesting and wording included, is the one the Markdown gives.
    expected = parsed_structure(reference)
    if letters != "a)":
        expected = [
            (*row[:4], "\n".join(relabel(line, letters) for line in row[4].split("\n")))
            if row[4]
            else row
            for row in expected
        ]
    assert rows == expected
    # Paragraph structure: numbered paragraphs, lettered sub-paragraphs and items nest.
    article6 = next(a for a in articles if a[2] == "Article 6")[4]
    levels = [(p.label, p.level) for p in split_paragraphs(article6)]
    a_label = relabel("a) x", letters).split()[0]
    assert levels[:4] == [("1.", 0), (a_label, 1), ("(i)", 2), ("(ii)", 2)]
    assert ("", 1) in levels  # "with intent ..." after the items, back at the letter's level
    preamble, final = rows[0], rows[-1]
    assert preamble[1] == "preamble" and preamble[4].startswith("The member States")
    assert final[1] == "final_clause" and "DONE at Budapest" in final[4]


def test_budapest_from_markdown(runner, db, reference, corpus_titles, backend):
    result = _import(runner, sources.BUDAPEST_FILE, "--slug", "budapest-md")
    assert (result["chapters"], result["articles"]) == (4, 48)
    _check_budapest(db, "budapest-md", reference, corpus_titles)
    assert get_instrument(db, "budapest-md").title_en == "Convention on Cybercrime"


@pytest.mark.parametrize(
    "style, letters",
    [(style, "a)") for style in STYLES] + [("styled", "(a)"), ("typed-inline", "a.")],
)
def test_budapest_from_word(
    runner, db, budapest_docx, reference, corpus_titles, backend, style, letters
):
    path = budapest_docx(style, letters)
    result = _import(runner, path, "--slug", "budapest-word")
    assert (result["chapters"], result["articles"]) == (4, 48), style
    _check_budapest(db, "budapest-word", reference, corpus_titles, letters)


CHINESE = [
    ("title", "关于打击网络犯罪的公约（草案）"),
    ("p", "本公约缔约国，"),
    ("p", "关切信息和通信技术被用于犯罪目的，"),
    ("p", "兹协议如下："),
    ("p", "第一章 总则"),
    ("p", "第一条 目的"),
    ("p", "本公约的目的是："),
    ("p", "（一）促进和加强各项措施，以便更加高效和有效地预防和打击网络犯罪；"),
    ("p", "（二）促进、便利和支持国际合作。"),
    ("p", "第二条 术语"),
    ("p", "为本公约的目的："),
    ("p", "1、“计算机系统”系指任何设备；"),
    ("p", "2、“计算机数据”系指任何事实、信息或概念的表示形式。"),
    ("p", "第二章 定罪"),
    ("p", "第一节 实体刑法"),
    *[
        item
        for number, word in zip(range(3, 12), "三四五六七八九十", strict=False)
        for item in (
            ("p", f"第{word}条 罪行{number}"),
            ("p", f"各缔约国应采取必要的立法措施，将第{number}种行为规定为刑事犯罪。"),
        )
    ],
    ("p", "第十一条 非法访问"),
    ("p", "各缔约国应当采取必要措施："),
    ("p", "一、将下列故意行为规定为刑事犯罪："),
    ("p", "（一）非法访问计算机系统；"),
    ("p", "1、以窃取数据为目的；"),
    ("p", "2、以破坏系统为目的。"),
    ("p", "（二）非法截取计算机数据。"),
    ("p", "二、缔约国可以要求上述行为以侵犯安全措施的方式实施。"),
    ("p", "第三章 最后条款"),
    ("p", "第十二条 签署"),
    ("p", "本公约自二〇二六年起开放供各国签署。"),
    ("p", "为此，下列签署人经各自政府正式授权，在本公约上签字，以昭信守。"),
    ("p", "二〇二六年十一月二十五日订于纽约。"),
]


def test_a_chinese_numbered_document(runner, db, tmp_path, backend):
    path = write_paragraphs(tmp_path / "公约草案.docx", CHINESE)
    result = _import(runner, path, "--slug", "cn-draft")
    assert (result["chapters"], result["articles"]) == (3, 12)
    instrument = get_instrument(db, "cn-draft")
    assert instrument.language == "zh" and instrument.title_zh == "关于打击网络犯罪的公约（草案）"
    rows = structure(db, "cn-draft", "zh")
    assert [(r[0], r[1], r[2], r[3]) for r in rows if r[1] != "article"] == [
        (0, "preamble", "序言", None),
        (0, "chapter", "第一章", "总则"),
        (0, "chapter", "第二章", "定罪"),
        (1, "section", "第一节", "实体刑法"),
        (0, "chapter", "第三章", "最后条款"),
        (0, "final_clause", "最后条款", None),
    ]
    assert rows[0][4] == "本公约缔约国，\n关切信息和通信技术被用于犯罪目的，\n兹协议如下："
    articles = [r for r in rows if r[1] == "article"]
    assert [a[2] for a in articles] == [
        "第一条",
        "第二条",
        "第三条",
        "第四条",
        "第五条",
        "第六条",
        "第七条",
        "第八条",
        "第九条",
        "第十条",
        "第十一条",
        "第十二条",
    ]
    assert [a[0] for a in articles[2:11]] == [2] * 9  # inside 第一节 of 第二章
    assert articles[0][3] == "目的" and articles[10][3] == "非法访问"
    eleven = split_paragraphs(articles[10][4])
    assert [(p.label, p.level) for p in eleven] == [
        ("", 0),
        ("一、", 1),
        ("（一）", 2),
        ("1、", 3),
        ("2、", 3),
        ("（二）", 2),
        ("二、", 1),
    ]
    assert eleven[3].text == "以窃取数据为目的；"
    assert [(p.label, p.level) for p in split_paragraphs(articles[1][4])] == [
        ("", 0),
        ("1、", 1),
        ("2、", 1),
    ]
    assert rows[-1][4].endswith("二〇二六年十一月二十五日订于纽约。")


def test_the_russian_outline_is_filled(runner, db, tmp_path, backend):
    """The outline's five chapters keep their identity (and concordance); articles go in."""
    russia = get_instrument(db, "russia-draft-2017")
    before = [(r[1], r[2]) for r in structure(db, "russia-draft-2017")]
    assert len(before) == 5 and all(kind == "chapter" for kind, _ in before)
    from workbench.instruments.queries import instrument_tree

    chapter_ids = [node.chapter.id for node in instrument_tree(db, russia)]
    lines = [
        ("title", "United Nations Convention on Cooperation in Combating Cybercrime"),
        ("p", "The States Parties to this Convention,"),
        ("p", "Have agreed as follows:"),
    ]
    number = 0
    for roman, title in zip(
        ("I", "II", "III", "IV", "V"),
        (
            "General provisions",
            "Criminalization and law enforcement",
            "Prevention",
            "International cooperation",
            "Implementation mechanism",
        ),
        strict=True,
    ):
        lines += [("h1", f"Chapter {roman}"), ("h1", title)]
        for _ in range(2):
            number += 1
            lines += [
                ("h2", f"Article {number}"),
                ("h2", f"Matter {number}"),
                ("p", f"1. Each State Party shall act on matter {number}."),
                ("p", "(a) first;"),
                ("p", "(b) second."),
            ]
    path = write_paragraphs(tmp_path / "russia.docx", lines)
    db.rollback()  # the CLI writes in its own transaction
    result = _import(runner, path, "--into", "russia-draft-2017")
    assert result["slug"] == "russia-draft-2017" and result["articles"] == 10
    assert result["added"]["matched_chapters"] == 5
    db.expire_all()
    tree = instrument_tree(db, get_instrument(db, "russia-draft-2017"))
    chapters = [node for node in tree if hasattr(node, "chapter")]
    assert [node.chapter.id for node in chapters] == chapter_ids
    assert [[child.provision.label for child in node.children] for node in chapters] == [
        [f"Article {n}", f"Article {n + 1}"] for n in range(1, 11, 2)
    ]
    article = find_provision(db, get_instrument(db, "russia-draft-2017"), "Article 7")
    assert article.title_en == "Matter 7"
    assert tree[0].provision.kind == "preamble"
    assert not get_instrument(db, "russia-draft-2017").is_outline
    # Filling twice is refused: the text is there now.
    db.rollback()
    again = runner.invoke(["import", str(path), "--into", "russia-draft-2017"])
    assert again.exit_code == 1 and "already has its text" in again.output


def test_import_through_the_api(
    app, client, tokens, budapest_docx, reference, corpus_titles, backend
):
    path = budapest_docx("bold")
    with path.open("rb") as handle:
        response = client.post(
            "/api/imports",
            headers=tokens["secretariat"],
            data={"file": (handle, "budapest.docx"), "slug": "via-api"},
        )
    assert response.status_code == 201, response.json
    assert (response.json["chapters"], response.json["articles"]) == (4, 48)
    with session_of(app) as db:
        _check_budapest(db, "via-api", reference, corpus_titles)
    # An observer may not import.
    with path.open("rb") as handle:
        refused = client.post(
            "/api/imports",
            headers=tokens["observer"],
            data={"file": (handle, "budapest.docx"), "slug": "nope"},
        )
    assert refused.status_code == 403 and "secretariat" in refused.json["message"]


def test_budapest_from_plain_text(runner, db, tmp_path, reference, corpus_titles, backend):
    from tests.texts.builders import write_text

    path = write_text(reference, tmp_path / "budapest.txt")
    result = _import(runner, path, "--slug", "budapest-txt")
    assert (result["chapters"], result["articles"]) == (4, 48)
    _check_budapest(db, "budapest-txt", reference, corpus_titles)


def test_china_seed_with_outline_numbering(runner, db, backend):
    """China's element proposal: "一、目标" parts, "（一）总则" chapters, "1." elements."""
    result = _import(runner, seedfiles.CHINA_SEED, "--slug", "china-seed")
    assert result["articles"] == 0
    imported = structure(db, "china-seed", "zh")
    corpus = structure(db, "china-elements-2021", "zh")
    chapters = [(r[2], r[3]) for r in imported if r[1] == "chapter"]
    assert chapters == [(r[2], r[3]) for r in corpus if r[1] == "chapter"][-len(chapters) :]
    parts = [(r[2], r[3]) for r in imported if r[1] == "part"]
    assert parts[0] == ("一", "目标") and len(parts) == 3
    assert parts == [(r[2], r[3]) for r in corpus if r[1] == "part"]
    elements = {r[2]: r[4] for r in imported if r[1] == "element"}
    curated = {r[2]: r[4] for r in corpus if r[1] == "element"}
    shared = {label for label in curated if label != "三.（六）1"}
    assert shared <= set(elements)
    assert {label: elements[label] for label in shared} == {
        label: curated[label] for label in shared
    }
    assert get_instrument(db, "china-seed").language == "zh"
