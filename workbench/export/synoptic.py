"""Synoptic tables: one row per matter, one column per instrument, on landscape A4."""

from __future__ import annotations

from datetime import datetime, time

from docx.document import Document
from docx.shared import Cm

from workbench.errors import InvalidInput
from workbench.export.docx_common import (
    add_run,
    format_date,
    has_cjk,
    make,
    new_paragraph,
    sub,
)
from workbench.export.labels import paragraph_levels, wording_lines
from workbench.export.model import SynopticCell, SynopticTable
from workbench.export.styles import add_page_number_footer, new_document, text_width_twips

TABLE_FONT_SIZE = 10
INDENT_STEP = 0.4  # of the 1 cm indent unit: columns are narrow
HEADER_FILL = "D9D9D9"
MATTER = {"en": "Matter", "zh": "事项"}


def build_synoptic(table: SynopticTable) -> Document:
    """The Word document of a synoptic table."""
    if not table.columns:
        raise InvalidInput("A synoptic table needs at least one instrument column.")
    document = new_document(landscape=True, margin=Cm(2.0))
    zh = table.language == "zh"
    elements: list = []
    add_run(new_paragraph(elements, style="Title"), table.title, zh=zh)
    if table.subtitle:
        add_run(new_paragraph(elements, align="center"), table.subtitle, italic=True, zh=zh)
    add_run(new_paragraph(elements, align="center"), format_date(table.date, table.language), zh=zh)
    elements.append(_table(table, text_width_twips(document), zh))
    # A table may not end a document's body: Word wants a paragraph before the section.
    elements.append(make("w:p"))
    body = document.element.body
    section = body.sectPr
    for element in elements:
        section.addprevious(element)
    add_page_number_footer(document)
    core = document.core_properties
    core.title = table.title
    core.subject = table.subtitle or ""
    core.author = core.last_modified_by = "Treaty workbench"
    core.created = core.modified = datetime.combine(table.date, time(0, 0))
    return document


def _table(table: SynopticTable, width: int, zh: bool):
    count = len(table.columns)
    matter_width = max(width // (count + 1) * 2 // 3, 1400)
    column_width = (width - matter_width) // count
    widths = [matter_width] + [column_width] * count
    tbl = make("w:tbl")
    tblpr = sub(tbl, "w:tblPr")
    sub(tblpr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
    borders = sub(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(
            borders,
            f"w:{side}",
            {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"},
        )
    sub(tblpr, "w:tblLayout", {"w:type": "fixed"})
    margins = sub(tblpr, "w:tblCellMar")
    for side in ("left", "right"):
        sub(margins, f"w:{side}", {"w:w": "85", "w:type": "dxa"})
    grid = sub(tbl, "w:tblGrid")
    for column_width in widths:
        sub(grid, "w:gridCol", {"w:w": str(column_width)})

    header = sub(tbl, "w:tr")
    trpr = sub(header, "w:trPr")
    sub(trpr, "w:cantSplit")
    sub(trpr, "w:tblHeader")  # repeats at the top of every page
    for text, cell_width in zip(
        [MATTER["zh" if zh else "en"], *table.columns], widths, strict=True
    ):
        cell = _cell(header, cell_width, fill=HEADER_FILL)
        add_run(new_paragraph(cell, spacing_after=0), text, bold=True, zh=zh, size=TABLE_FONT_SIZE)

    for row in table.rows:
        tr = sub(tbl, "w:tr")
        cell = _cell(tr, widths[0])
        add_run(
            new_paragraph(cell, spacing_after=60),
            row.matter,
            bold=True,
            zh=zh,
            size=TABLE_FONT_SIZE,
        )
        cells = list(row.cells)[:count]
        cells += [SynopticCell()] * (count - len(cells))
        for content, cell_width in zip(cells, widths[1:], strict=True):
            _fill(_cell(tr, cell_width), content, zh)
    return tbl


def _cell(row, width: int, fill: str | None = None):
    cell = sub(row, "w:tc")
    tcpr = sub(cell, "w:tcPr")
    sub(tcpr, "w:tcW", {"w:w": str(width), "w:type": "dxa"})
    if fill:
        sub(tcpr, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill})
    return cell


def _fill(cell, content: SynopticCell, zh: bool) -> None:
    """Entries (label and title in bold, then the wording), then the note in italics."""
    for heading, wording in content.entries:
        # A column of Chinese text in an English table (China's proposal) is still Chinese.
        entry_zh = zh or has_cjk(heading) or has_cjk(wording)
        if heading:
            add_run(
                new_paragraph(cell, spacing_after=60, keep_next=True),
                heading,
                bold=True,
                zh=entry_zh,
                size=TABLE_FONT_SIZE,
            )
        lines = wording_lines(wording)
        for line, level in zip(lines, paragraph_levels(lines), strict=True):
            add_run(
                new_paragraph(cell, level=level * INDENT_STEP, spacing_after=60),
                line,
                zh=entry_zh,
                size=TABLE_FONT_SIZE,
            )
    if content.note:
        add_run(
            new_paragraph(cell, spacing_after=60),
            content.note,
            italic=True,
            zh=zh,
            size=TABLE_FONT_SIZE,
        )
    if len(cell) == 1:  # only tcPr: a cell must hold a paragraph
        add_run(new_paragraph(cell, spacing_after=0), "—", size=TABLE_FONT_SIZE)
