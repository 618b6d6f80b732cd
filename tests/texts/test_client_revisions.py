"""Both readers of tracked changes work on revisions LibreOffice and WPS Office write.

LibreOffice: a delegate's edits made through UNO with change tracking on, in a file
LibreOffice built with automatic numbering. WPS: the markup WPS writes for revisions
(w:ins/w:del with an author and a date, deleted paragraph marks, formatting changes that
are not changes of text), by hand.
"""

from __future__ import annotations

import pytest

from tests.texts.clients.wordclients import WPS_STYLES
from tests.texts.clients.wordxml import abstract, level, num, num_pr, package, paragraph, run
from workbench.texts import docx_author_changes, docx_provision_changes

DATE = "2026-05-20T10:11:00Z"
ZH = '<w:rFonts w:hint="eastAsia"/>'


@pytest.mark.slow
@pytest.mark.libreoffice
def test_revisions_made_in_libreoffice(client_files, office, tmp_path):
    source = client_files["uno-en"].path
    first = office.edit(
        source,
        tmp_path / "wang.docx",
        "王伟",
        [{"find": "to facilitate international", "replace": "to strengthen international"}],
    )
    both = office.edit(
        first,
        tmp_path / "both.docx",
        "José Müller",
        [
            {"find": "technical assistance", "replace": "capacity-building"},
            {"find": "ensure effective penalties", "replace": "ensure proportionate penalties"},
        ],
    )
    changes = docx_provision_changes(both)
    assert [(c.label, c.authors) for c in changes] == [
        ("Article 1", ("王伟", "José Müller")),
        ("Article 5", ("José Müller",)),
    ]
    article1 = changes[0]
    assert "(b) to facilitate international cooperation;" in article1.original.text["en"]
    assert "(b) to strengthen international cooperation;" in article1.proposed.text["en"]
    assert "(c) to provide capacity-building." in article1.proposed.text["en"]
    per_author = docx_author_changes(both)
    assert [(c.label, c.authors) for c in per_author] == [
        ("Article 1", ("王伟",)),
        ("Article 1", ("José Müller",)),
        ("Article 5", ("José Müller",)),
    ]
    wang, jose = per_author[0].proposed.text["en"], per_author[1].proposed.text["en"]
    assert "to strengthen international" in wang and "technical assistance" in wang
    assert "to facilitate international" in jose and "capacity-building" in jose


def _revision(kind: str, text: str, author: str, number: int) -> str:
    tag = "w:delText" if kind == "del" else "w:t"
    return (
        f'<w:{kind} w:id="{number}" w:author="{author}" w:date="{DATE}">'
        f'<w:r><w:rPr>{ZH}</w:rPr><{tag} xml:space="preserve">{text}</{tag}></w:r></w:{kind}>'
    )


def test_revisions_written_by_wps(tmp_path):
    numbering = abstract(0, [level(0, "chineseCounting", "第%1条", suffix="space")]) + num(1, 0)
    formatting = (
        f'<w:r><w:rPr>{ZH}<w:b/><w:rPrChange w:id="9" w:author="Administrator" w:date="{DATE}">'
        f"<w:rPr>{ZH}</w:rPr></w:rPrChange></w:rPr><w:t>本法。</w:t></w:r>"
    )
    deleted_mark = f'<w:rPr><w:del w:id="8" w:author="José Müller" w:date="{DATE}"/></w:rPr>'
    body = "".join(
        [
            paragraph(run("网络安全示范法", ZH), '<w:pStyle w:val="5"/>'),
            paragraph(run("总则", ZH), '<w:pStyle w:val="2"/>'),
            paragraph(
                run("缔约国应当采取", ZH)
                + _revision("del", "必要的", "王伟", 1)
                + _revision("ins", "适当的", "王伟", 2)
                + run("立法措施。", ZH),
                num_pr(1),
            ),
            paragraph(run("为了保障网络安全，制定", ZH) + formatting, num_pr(1)),
            paragraph(
                run("主管机关应当建立国际合作机制。", ZH)
                + _revision("ins", "并定期报告。", "José Müller", 3),
                num_pr(1),
            ),
            paragraph(_revision("del", "本条删除的一款。", "José Müller", 4), deleted_mark),
            paragraph(run("网络运营者应当确保安全。", ZH), num_pr(1)),
        ]
    )
    path = package(tmp_path / "wps.docx", body, styles=WPS_STYLES, numbering=numbering)
    changes = docx_provision_changes(path)
    assert [(c.label, c.authors) for c in changes] == [
        ("第一条", ("王伟",)),
        ("第三条", ("José Müller",)),
    ]
    assert changes[0].original.text == {"zh": "缔约国应当采取必要的立法措施。"}
    assert changes[0].proposed.text == {"zh": "缔约国应当采取适当的立法措施。"}
    assert changes[1].original.text == {"zh": "主管机关应当建立国际合作机制。\n本条删除的一款。"}
    assert changes[1].proposed.text == {"zh": "主管机关应当建立国际合作机制。并定期报告。"}
    per_author = docx_author_changes(path)
    assert [(c.label, c.authors) for c in per_author] == [
        ("第一条", ("王伟",)),
        ("第三条", ("José Müller",)),
    ]
