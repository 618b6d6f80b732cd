"""The Word files as python-docx opens them, and how they are written (atomically, or not at all)."""

from __future__ import annotations

import os
import re
from datetime import date

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from workbench.diff import DiffOp
from workbench.errors import InvalidInput
from workbench.export.labels import paragraph_levels
from workbench.export.model import ExportAlternative, ExportDocument, ExportProvision
from workbench.export.tracked import split_lines
from workbench.export.writer import write_consolidated

from .conftest import negotiating_document

MODES = ("brackets", "alternatives", "tracked")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("word")
    return {
        (languages, mode): write_consolidated(
            negotiating_document(languages.split("-")), folder / f"{languages}-{mode}.docx", mode
        )
        for languages in ("en", "zh", "en-zh")
        for mode in MODES
    }


def _headings(document):
    """(style, text) of each heading, text in insertions and deletions included."""
    return [
        (p.style.name, _text(p._p))
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]


def _text(element) -> str:
    """The text of an element, deleted text included, a line break as "\\n"."""
    return "".join(
        "\n" if e.tag == qn("w:br") else e.text or ""
        for e in element.iter(qn("w:t"), qn("w:delText"), qn("w:br"))
    )


@pytest.mark.parametrize("mode", MODES)
def test_headings_in_order_with_their_styles(written, mode):
    expected = [
        ("Heading 1", "Chapter I  General provisions"),
        ("Heading 2", "Article 1  Use of terms"),
        ("Heading 1", "Chapter II  Measures to be taken at the national level"),
        ("Heading 2", "Section 1  Offences against computer data and systems"),
        ("Heading 3", "Article 2  Illegal access"),
        ("Heading 3", "[Article 2 bis  Misuse of devices]"),
        ("Heading 3", "Article 3  Illegal interception"),
        ("Heading 3", "Article 4  Data interference"),
        ("Heading 3", "Article 5  System interference"),
        ("Heading 1", "Chapter III  Criminalization"),
        ("Heading 2", "[Article 6  Scope of criminalization]"),
        ("Heading 2", "三.（三）1  Illegal obtaining of data"),
    ]
    # Centred, the label over the title.
    expected = [(style, text.replace("  ", "\n", 1)) for style, text in expected]
    if mode == "tracked":  # proposed provisions are insertions there, not bracketed
        expected = [(style, text.strip("[]")) for style, text in expected]
    assert _headings(docx.Document(str(written[("en", mode)]))) == expected


def test_tracked_headings_of_new_and_deleted_provisions_are_revisions(written):
    body = docx.Document(str(written[("en", "tracked")])).element.body

    inserted = [_text(e) for e in body.iter(qn("w:ins"))]
    deleted = [_text(e) for e in body.iter(qn("w:del"))]
    assert "Article 2 bis\nMisuse of devices" in inserted
    assert "Article 6\nScope of criminalization" in inserted
    assert "Article 4\nData interference" in deleted


@pytest.mark.parametrize(
    ("key", "count"),
    [
        # Brackets: also the proposal drafted on an earlier version.
        (("en", "brackets"), 6),
        (("en", "alternatives"), 5),
        # Tracked: also who proposed Article 3's lone change, and each new provision.
        (("en", "tracked"), 8),
        (("en-zh", "tracked"), 8),
    ],
)
def test_footnotes_part(written, key, count):
    document = docx.Document(str(written[key]))
    part = document.part.part_related_by(RT.FOOTNOTES)
    assert part.content_type == FOOTNOTES
    assert str(part.partname) == "/word/footnotes.xml"
    notes = part.blob.decode()
    assert 'w:type="separator" w:id="-1"' in notes
    assert 'w:type="continuationSeparator" w:id="0"' in notes
    assert "Based on Budapest Convention, Article 2" in notes
    references = document.element.body.findall(".//" + qn("w:footnoteReference"))
    assert len(references) == count
    assert document.settings.element.find(qn("w:footnotePr")) is not None


@pytest.mark.parametrize("key", [("en", "tracked"), ("zh", "tracked"), ("en-zh", "tracked")])
def test_revision_ids_unique_and_dates_iso(written, key):
    body = docx.Document(str(written[key])).element.body
    revisions = [e for tag in ("w:ins", "w:del") for e in body.iter(qn(tag))]
    assert len(revisions) > 10
    ids = [e.get(qn("w:id")) for e in revisions]
    assert len(ids) == len(set(ids))
    for revision in revisions:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", revision.get(qn("w:date")))
        assert revision.get(qn("w:author"))
    # Deleted text is w:delText, never w:t (Word reports such a file as damaged).
    for deletion in body.iter(qn("w:del")):
        assert not list(deletion.iter(qn("w:t")))


def test_page_setup_fonts_contents_and_footer(written):
    document = docx.Document(str(written[("en", "brackets")]))
    section = document.sections[0]
    assert (section.page_width.cm, section.page_height.cm) == (
        pytest.approx(21.0, abs=0.01),
        pytest.approx(29.7, abs=0.01),
    )
    for margin in (section.left_margin, section.right_margin, section.top_margin):
        assert margin.cm == pytest.approx(2.5, abs=0.01)
    assert "PAGE" in "".join(t.text for t in section.footer._element.iter(qn("w:instrText")))
    instructions = [t.text.strip() for t in document.element.body.iter(qn("w:instrText"))]
    assert instructions == ['TOC \\o "1-3" \\h \\z \\u']
    # Page 1 as the UN writes it, in its own header: the symbol and distribution at the top
    # right, the committee, session and agenda item; the text itself begins with the title.
    assert section.different_first_page_header_footer
    masthead = section.first_page_header.paragraphs
    first = [p.text for p in masthead]
    assert first[:4] == ["A/AC.291/L.4", "Distr.: Limited", "20 January 2023", "Original: English"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in masthead[:4])
    assert first[4].startswith("Ad Hoc Committee to Elaborate") and masthead[4].runs[0].bold
    assert first[5:8] == [
        "Fourth session",
        "Vienna, 9–20 January 2023",
        "Item 4 of the provisional agenda",
    ]
    title = document.paragraphs[0]
    assert title.style.name == "Title" and title.text.startswith("Draft United Nations")
    assert title.alignment is not None or title.style.paragraph_format.alignment is not None
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 3")
    assert heading.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "Right-click" not in "\n".join(p.text for p in document.paragraphs)
    assert document.styles["Normal"].font.size is None  # from the defaults: 12 pt
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Times New Roman"
    assert fonts.get(qn("w:eastAsia")) == "SimSun"
    assert defaults.find(".//" + qn("w:sz")).get(qn("w:val")) == "24"


def test_chinese_runs_have_east_asian_font_and_language(written):
    body = docx.Document(str(written[("zh", "brackets")])).element.body
    runs = [r for r in body.iter(qn("w:r")) if "各国应将非法获取" in "".join(r.itertext())]
    assert runs
    properties = runs[0].find(qn("w:rPr"))
    assert properties.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "SimSun"
    assert properties.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


@pytest.mark.parametrize("mode", ["brackets", "alternatives"])
def test_bilingual_text_is_in_two_column_tables(written, mode):
    document = docx.Document(str(written[("en-zh", mode)]))
    assert len(document.tables) == 8  # 6 provisions, 2 proposed new ones
    for table in document.tables:
        assert len(table.columns) == 2
    article2 = document.tables[1]
    left, right = (cell.text for cell in article2.rows[0].cells)
    if mode == "alternatives":  # the whole provision in brackets, each proposal reprinting it
        assert left.startswith("[1. Each Party shall adopt")
        assert right.startswith("[1. 各缔约方应采取必要的立法和其他措施")
        assert left.count("Each Party shall adopt") == 3  # the text and two proposals
        return
    # Brackets: the common wording once, only the phrases in dispute bracketed.
    assert (
        left.startswith("1. Each Party shall adopt") and left.count("Each Party shall adopt") == 1
    )
    assert (
        "any part of [a computer] / [an information and communications technology] "
        "(China, Russian Federation) system without right." in left
    )
    assert (
        "computer data [or other dishonest intent] / [delete] (United States of America)." in left
    )
    assert "[3. Each Party shall ensure effective penalties.] (China, Russian Federation)" in left
    assert right.startswith("1. 各缔约方应采取必要的立法和其他措施")
    assert "[访问信息通信技术]（中国、俄罗斯联邦）" in right


def test_wording_is_indented_by_label(written):
    document = docx.Document(str(written[("en", "brackets")]))
    by_text = {p.text: p for p in document.paragraphs}
    numbered = by_text["2. Paragraph 1 applies without prejudice to article 4."]
    lettered = by_text["a) by inputting, transmitting or damaging computer data;"]
    item = by_text["(i) where the hindering affects critical infrastructure;"]
    assert (numbered.paragraph_format.left_indent or 0) < lettered.paragraph_format.left_indent
    assert lettered.paragraph_format.left_indent < item.paragraph_format.left_indent


def test_paragraph_levels():
    assert paragraph_levels(["1. A", "a) b", "(i) c", "(ii) d", "b) e", "2. F", "Text"]) == [
        0,
        1,
        2,
        2,
        1,
        0,
        0,
    ]
    # "(i)" after "(h)" is the ninth letter, not a roman numeral.
    assert paragraph_levels(["(g) x", "(h) y", "(i) z", "(j) w"]) == [1, 1, 1, 1]
    assert paragraph_levels(["1. 各国", "a)“计算机系统”", "（1）情节严重的"]) == [0, 1, 1]


def test_split_lines_tracks_the_breaks():
    ops = [("equal", "1. A\n2. B"), ("insert", "\n3. C"), ("equal", "\n\n")]
    assert split_lines(ops) == [
        ([("equal", "1. A")], "equal"),
        ([("equal", "2. B")], "insert"),
        ([("insert", "3. C")], None),
    ]
    # A blank line is dropped; its break counts as tracked only if every folded break was.
    assert split_lines([("equal", "A\n"), ("delete", "\n"), ("equal", "C")]) == [
        ([("equal", "A")], "equal"),
        ([("equal", "C")], None),
    ]
    assert split_lines([("equal", "A"), ("insert", "\n\nB")]) == [
        ([("equal", "A")], "insert"),
        ([("insert", "B")], None),
    ]


# -- writing -------------------------------------------------------------------------------


def _small_document() -> ExportDocument:
    return ExportDocument(
        slug="small",
        title={"en": "A small text"},
        symbol=None,
        session=None,
        date=date(2023, 1, 20),
        languages=["en"],
        items=[
            ExportProvision(
                id=1,
                kind="article",
                label="Article 1",
                title={"en": "Scope"},
                text={"en": "This Convention applies."},
                agreed=False,
                alternatives=[
                    ExportAlternative(
                        proposal_id=1,
                        kind="amend",
                        sponsors=["Norway"],
                        sponsors_label="Norway",
                        author="Norway",
                        date=date(2023, 1, 10),
                        session="AHC-4",
                        text={"en": "This Convention shall apply."},
                        diff={
                            "en": [
                                DiffOp("equal", "This Convention "),
                                DiffOp("insert", "shall "),
                                DiffOp("delete", "applies"),
                                DiffOp("insert", "apply"),
                                DiffOp("equal", "."),
                            ]
                        },
                    )
                ],
            )
        ],
    )


@pytest.mark.parametrize("mode", MODES)
def test_write_returns_the_path_and_leaves_no_temporary_file(tmp_path, mode):
    target = tmp_path / "out.docx"
    assert write_consolidated(_small_document(), target, mode) == target
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]
    assert docx.Document(str(target)).paragraphs[0].text == "A small text"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


@pytest.mark.parametrize("error", [RuntimeError("disk gremlin"), OSError(28, "No space left")])
def test_a_failure_midway_leaves_no_partial_file(tmp_path, monkeypatch, error):
    target = tmp_path / "out.docx"
    target.write_bytes(b"the previous export")
    from docx.opc.phys_pkg import _ZipPkgWriter

    original = _ZipPkgWriter.write
    written = []

    def write_then_fail(self, pack_uri, blob):
        original(self, pack_uri, blob)
        written.append(pack_uri)
        if len(written) == 3:  # some parts are already in the zip
            raise error

    monkeypatch.setattr(_ZipPkgWriter, "write", write_then_fail)
    expected = InvalidInput if isinstance(error, OSError) else RuntimeError
    with pytest.raises(expected):
        write_consolidated(_small_document(), target, "tracked")
    assert len(written) == 3
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_unwritable_paths_raise_invalid_input(tmp_path):
    document = _small_document()
    with pytest.raises(InvalidInput, match="does not exist"):
        write_consolidated(document, tmp_path / "missing" / "out.docx", "brackets")
    with pytest.raises(InvalidInput, match="is a folder"):
        write_consolidated(document, tmp_path, "brackets")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InvalidInput, match="Cannot write the export"):
        write_consolidated(document, blocker / "out.docx", "brackets")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_raises_invalid_input(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InvalidInput, match="not writable"):
            write_consolidated(_small_document(), folder / "out.docx", "brackets")
    finally:
        folder.chmod(0o700)


def test_bad_mode_and_languages(tmp_path):
    with pytest.raises(InvalidInput, match="brackets, alternatives or tracked"):
        write_consolidated(_small_document(), tmp_path / "x.docx", "redline")
    document = _small_document()
    document.languages = ["en", "zh", "fr"]
    with pytest.raises(InvalidInput, match="one language or two"):
        write_consolidated(document, tmp_path / "x.docx", "brackets")
    assert list(tmp_path.iterdir()) == []


def test_agreed_ad_ref_and_identical_wordings(tmp_path):
    """A provision agreed ad referendum says so; two proposals of the same words are one
    option naming both sponsors, in the column's language."""
    document = _small_document()
    provision = document.items[0]
    provision.status = "agreed_ad_ref"
    same = ExportAlternative(
        proposal_id=2,
        kind="amend",
        sponsors=["Chile"],
        sponsors_label="Chile",
        author="Chile",
        date=date(2023, 1, 11),
        session="AHC-4",
        text={"en": "This Convention shall apply."},
        names={"zh": ["智利"]},
    )
    provision.alternatives.append(same)
    path = write_consolidated(document, tmp_path / "small.docx", "brackets")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Agreed ad referendum" in text
    assert "This Convention [applies] / [shall apply] (Norway, Chile)." in text
