"""Exports built from a real negotiation in the database: CLI, API, LibreOffice, bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from tests.scenario import build_rolling_text, table
from workbench.instruments.queries import current_version, find_provision
from workbench.libreoffice import convert_many
from workbench.parties.operations import get_party
from workbench.proposals.decide import change_status
from workbench.proposals.stances import record_stance
from workbench.sessions.operations import get_session

from .conftest import odt_changes, odt_content, read_text, requires_libreoffice

ART2_FIRST = "Each Party shall adopt such legislative and other measures"


@pytest.fixture
def negotiation(db):
    """A rolling text with competing amendments, a deletion, a Chinese amendment, and one
    amendment agreed at the second session."""
    text = build_rolling_text(db)
    db.flush()

    article1 = find_provision(db, text, "Article 1")
    wording = current_version(db, article1).text("en")
    china = table(
        db,
        text,
        "Article 1",
        "CHN",
        wording.replace("Each Party", "Each State Party", 1).replace(
            "a computer system without right",
            "an information and communications technology system without right",
        ),
        cosponsors=["RUS"],
    )
    usa = table(
        db,
        text,
        "Article 1",
        "USA",
        wording.replace(" or other dishonest intent", ""),
        session="AHC-1",
    )
    table(db, text, "Article 2", "BRA", None, kind="delete")
    article3 = find_provision(db, text, "Article 3")
    zh = current_version(db, article3).text("zh")
    table(db, text, "Article 3", "PAK", zh.replace("非法", "故意非法", 1), lang="zh")
    article4 = find_provision(db, text, "Article 4")
    mexico = table(
        db,
        text,
        "Article 4",
        "MEX",
        current_version(db, article4).text("en").replace("Each Party", "Each State Party"),
    )
    ahc2 = get_session(db, "AHC-2")
    record_stance(db, china, get_party(db, "USA"), "oppose", session=ahc2)
    change_status(db, mexico, "agreed", session=ahc2)
    db.commit()
    return {"text": text, "china": china, "usa": usa, "mexico": mexico}


def _docx_text(path_or_bytes) -> str:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    document = docx.Document(source)
    return "\n".join(p.text for p in document.paragraphs)


def test_cli_exports_every_mode_into_exports(runner, app, negotiation):
    paths = {}
    for mode in ("brackets", "alternatives", "tracked"):
        result = runner.invoke(["export", "rolling-text", "--mode", mode])
        assert result.exit_code == 0, result.output
        path = Path(result.output.strip())
        assert path.parent == Path(app.config["EXPORT_DIR"]) and path.suffix == ".docx"
        paths[mode] = path
    alternatives = _docx_text(paths["alternatives"])
    assert "[Alt 1:" in alternatives and "(China, Russian Federation)" in alternatives
    assert "[Alt 2:" in alternatives and "(United States of America)" in alternatives
    assert "Delete the provision (Brazil)" in alternatives
    brackets = _docx_text(paths["brackets"])
    assert "Each [State] (China, Russian Federation) Party shall" in brackets
    assert "[or other dishonest intent] / [delete] (United States of America)" in brackets
    assert "] / [delete] (Brazil)" in brackets
    assert "Alt 1" not in brackets
    for text in (alternatives, brackets):
        # The agreed amendment is plain text now, without brackets.
        assert "Each State Party shall" in text
    tracked = docx.Document(paths["tracked"])
    body = tracked.element.body
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    authors = {
        kind: {el.get(f"{{{ns['w']}}}author") for el in body.iterfind(f".//w:{kind}", ns)}
        for kind in ("ins", "del")
    }
    assert "China; co-sponsors: Russian Federation" in authors["ins"] & authors["del"]
    assert "United States of America" in authors["del"] and "Brazil" in authors["del"]
    # Pakistan proposed Chinese wording only: the English draft says so instead of guessing.
    assert "Pakistan" not in authors["ins"]
    assert "(No English text of this proposal.)" in _docx_text(paths["tracked"])


@pytest.mark.libreoffice
def test_libreoffice_reads_the_tracked_changes_by_author(runner, negotiation, tmp_path):
    requires_libreoffice()
    written = []
    for mode in ("brackets", "tracked"):
        result = runner.invoke(
            [
                "export",
                "rolling-text",
                "--mode",
                mode,
                "--languages",
                "en,zh",
                "--out",
                str(tmp_path / f"rolling-{mode}.docx"),
            ]
        )
        assert result.exit_code == 0, result.output
        written.append(Path(result.output.strip()))
    odt = dict(zip(written, convert_many(written, "odt", tmp_path / "odt"), strict=True))
    txt = dict(
        zip(
            written, convert_many(written, "txt:Text (encoded):UTF8", tmp_path / "txt"), strict=True
        )
    )
    changes = odt_changes(odt_content(odt[written[1]]))
    china = "China; co-sponsors: Russian Federation"
    assert any(
        c.kind == "deletion" and c.author == china and "a computer" in c.text for c in changes
    )
    assert any(
        c.kind == "insertion"
        and c.author == china
        and "an information and communications technology" in c.text
        for c in changes
    )
    assert any(
        c.kind == "deletion"
        and c.author == "United States of America"
        and "or other dishonest intent" in c.text
        for c in changes
    )
    assert any(
        # The Chinese column's changes are authored in Chinese.
        c.kind == "insertion" and c.author == "巴基斯坦" and "故意" in c.text
        for c in changes
    )
    assert odt_changes(odt_content(odt[written[0]])) == []
    brackets = read_text(txt[written[0]])
    for label in ("Article 1", "Article 2", "Article 3", "Article 4", "Article 5"):
        assert label in brackets
    assert brackets.index("Article 1") < brackets.index("Article 5")
    assert (
        "[a computer] / [an information and communications technology] (China, Russian " in brackets
    )
    assert "（巴基斯坦）" in brackets and "Pakistan" not in brackets
    assert "打击为犯罪目的使用信通技术公约草案" in brackets


def test_api_download_and_session_changes(client, negotiation):
    response = client.get("/api/instruments/rolling-text/export?mode=tracked&languages=en,zh")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "attachment" in response.headers["Content-Disposition"]
    assert zipfile.is_zipfile(io.BytesIO(response.data))
    assert "Draft convention on countering" in _docx_text(response.data)
    changes = client.get("/api/instruments/rolling-text/changes?from=AHC-1&to=AHC-2")
    assert changes.status_code == 200
    document = docx.Document(io.BytesIO(changes.data))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    inserted = [
        "".join(t.text for t in el.iterfind(".//w:t", ns))
        for el in document.element.body.iterfind(".//w:ins", ns)
    ]
    assert any("State" in words for words in inserted)  # Mexico's agreed amendment
    authors = {
        el.get(f"{{{ns['w']}}}author") for el in document.element.body.iterfind(".//w:ins", ns)
    }
    assert authors == {"Mexico"}


def test_synoptic_table_for_illegal_access(runner, negotiation):
    result = runner.invoke(["synopsis", "illegal-access"])
    assert result.exit_code == 0, result.output
    document = docx.Document(result.output.strip())
    table_ = document.tables[0]
    header = [cell.text for cell in table_.rows[0].cells]
    assert any("China" in h or "中国" in h for h in header)
    assert any("Budapest" in h or "Convention on Cybercrime" in h for h in header)
    assert any("Draft convention" in h or "rolling" in h for h in header)
    body = "\n".join(cell.text for row in table_.rows[1:] for cell in row.cells)
    assert ART2_FIRST in body
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    chinese = runner.invoke(["synopsis", "illegal-access", "--lang", "zh"])
    assert chinese.exit_code == 0, chinese.output
    zh_body = "\n".join(
        cell.text
        for row in docx.Document(chinese.output.strip()).tables[0].rows[1:]
        for cell in row.cells
    )
    assert zh_body.startswith("非法访问") and "要求各国应将侵入" in zh_body


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "no-such-text"], "no-such-text"),
        (["export", "rolling-text", "--out", "/proc/forbidden/rolling.docx"], "/proc/forbidden"),
    ],
)
def test_export_errors_name_the_problem(runner, negotiation, args, message):
    result = runner.invoke(args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_empty_instrument_is_refused(runner, db):
    from workbench.instruments.create import create_instrument

    create_instrument(db, slug="empty-text", title_en="Nothing yet")
    db.commit()
    result = runner.invoke(["export", "empty-text"])
    assert result.exit_code != 0 and "empty" in result.output


def test_a_failed_export_leaves_no_file_behind(runner, negotiation, app, monkeypatch):
    from docx.document import Document

    def fill_the_disk(self, stream):
        stream.write(b"PK\x03\x04 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Document, "save", fill_the_disk)
    folder = Path(app.config["EXPORT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    before = sorted(folder.iterdir())
    result = runner.invoke(["export", "rolling-text", "--mode", "tracked"])
    assert result.exit_code != 0 and "No space left on device" in result.output
    assert sorted(folder.iterdir()) == before  # neither the export nor its .part file


def test_page_one_names_the_committee_session_and_agenda_item(db, runner, negotiation, tmp_path):
    from workbench.instruments.queries import get_instrument

    text = get_instrument(db, "rolling-text")
    text.session = get_session(db, "AHC-4")
    text.symbol = "A/AC.291/L.4"
    db.commit()
    for languages, expected in (
        ("en", ["A/AC.291/L.4", "Distr.: Limited", "Fourth session", "Vienna, 9–20 January 2023"]),
        (
            "zh",
            [
                "A/AC.291/L.4",
                "分发：限制",
                "原文：英文",
                "第四届会议",
                "Vienna，2023年1月9日至20日",
            ],
        ),
    ):
        out = tmp_path / f"text-{languages}.docx"
        result = runner.invoke(
            [
                "export",
                "rolling-text",
                "--languages",
                languages,
                "--agenda-item",
                "Item 4 of the provisional agenda",
                "--out",
                str(out),
            ]
        )
        assert result.exit_code == 0, result.output
        header = [p.text for p in docx.Document(str(out)).sections[0].first_page_header.paragraphs]
        for line in expected:
            assert line in header, (line, header)
        assert "Item 4 of the provisional agenda" in header
        assert any(
            line.startswith(("Ad Hoc Committee to Elaborate", "拟订一项")) for line in header
        )
