"""Synoptic tables: landscape, a header row repeated on each page, one column per instrument."""

from __future__ import annotations

from types import SimpleNamespace

import docx
import pytest
from docx.enum.section import WD_ORIENT

from workbench.errors import InvalidInput
from workbench.export.model import SynopticTable
from workbench.export.writer import write_synoptic

from .conftest import (
    ART2_EN,
    ELEMENT_ZH,
    NS,
    convert_all,
    odf_text,
    odt_content,
    odt_styles,
    read_text,
    requires_libreoffice,
    synoptic_table,
)

HEADER = [
    "Matter",
    "China's proposal (2021)",
    "Budapest Convention",
    "Russian draft (2017)",
    "Negotiating text",
]


@pytest.fixture(scope="module")
def synopsis(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synoptic")
    return write_synoptic(synoptic_table(), folder / "synopsis.docx")


@pytest.fixture(scope="module")
def converted(synopsis):
    requires_libreoffice()
    result = convert_all([synopsis], synopsis.parent)
    odt = result["odt"][synopsis]
    return SimpleNamespace(
        root=odt_content(odt), styles=odt_styles(odt), text=read_text(result["txt"][synopsis])
    )


def test_word_structure(synopsis):
    document = docx.Document(str(synopsis))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == HEADER
    assert len(table.rows) == 9
    header_properties = table.rows[0]._tr.trPr
    assert header_properties is not None
    assert header_properties.find(docx.oxml.ns.qn("w:tblHeader")) is not None


@pytest.mark.libreoffice
def test_libreoffice_sees_a_repeating_header_row(converted):
    table = converted.root.find(".//office:text/table:table", NS)
    header = table.find("table:table-header-rows", NS)
    assert header is not None
    assert [odf_text(c) for c in header.iterfind(".//table:table-cell", NS)] == HEADER
    rows = table.findall("table:table-row", NS)
    assert len(rows) == 8
    first = [odf_text(c) for c in rows[0].iterfind("table:table-cell", NS)]
    assert first[0] == "Illegal access (1)"
    assert first[1] == "三.（三）1 非法获取计算机信息系统数据" + ELEMENT_ZH
    assert first[2].startswith("Article 2 Illegal access" + ART2_EN.split("\n")[0])
    assert first[3] == "No corresponding provision."
    assert first[4].endswith("Partial: narrower than the Budapest text")


@pytest.mark.libreoffice
def test_libreoffice_sees_landscape_a4(converted):
    layout = converted.styles.find(".//style:page-layout/style:page-layout-properties", NS)
    assert layout.get(f"{{{NS['style']}}}print-orientation") == "landscape"
    width = layout.get(f"{{{NS['fo']}}}page-width")
    assert width.startswith("29.7") or width.startswith("11.69")


@pytest.mark.libreoffice
def test_text_export_holds_title_and_chinese(converted):
    assert converted.text.startswith("Illegal access to information systems")
    assert "Each instrument's provisions on the matter" in converted.text
    assert ELEMENT_ZH in converted.text


def test_a_table_without_columns_is_refused(tmp_path):
    empty = SynopticTable(
        title="Nothing", subtitle=None, date=synoptic_table().date, columns=[], rows=[]
    )
    with pytest.raises(InvalidInput, match="at least one instrument column"):
        write_synoptic(empty, tmp_path / "empty.docx")
    assert list(tmp_path.iterdir()) == []
