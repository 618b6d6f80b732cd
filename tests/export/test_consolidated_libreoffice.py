"""The consolidated text in English, both modes, as LibreOffice reads it (ODT, text, PDF)."""

from __future__ import annotations

import re
import subprocess
from types import SimpleNamespace

import pytest

from tests.texts.clients.office import require_uno
from workbench.export.writer import write_consolidated
from workbench.libreoffice import convert_with_libreoffice, soffice_path

from .conftest import (
    NS,
    body_headings,
    contents_entries,
    convert_all,
    footnotes,
    negotiating_document,
    odf_text,
    odt_changes,
    odt_content,
    odt_styles,
    read_text,
    requires_libreoffice,
    session_changes_document,
)

pytestmark = pytest.mark.libreoffice

MODES = ("brackets", "alternatives", "tracked")
CHINA = "China; co-sponsors: Russian Federation"
USA_JAPAN = "United States of America; co-sponsors: Japan"
AFRICAN_GROUP = "South Africa on behalf of the African Group"
LABELS = [
    "Article 1",
    "Article 2",
    "Article 2 bis",
    "Article 3",
    "Article 4",
    "Article 5",
    "Article 6",
    "三.（三）1",
]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """Both modes written once and converted once to ODT and to text."""
    requires_libreoffice()
    folder = tmp_path_factory.mktemp("consolidated-en")
    data = negotiating_document(["en"])
    files = {
        mode: write_consolidated(data, folder / f"negotiating-{mode}.docx", mode) for mode in MODES
    }
    files["changes"] = write_consolidated(
        session_changes_document(), folder / "session-changes.docx", "tracked"
    )
    converted = convert_all(list(files.values()), folder)
    return SimpleNamespace(
        data=data,
        files=files,
        odt={mode: odt_content(converted["odt"][path]) for mode, path in files.items()},
        odt_paths={mode: converted["odt"][path] for mode, path in files.items()},
        txt={mode: read_text(converted["txt"][path]) for mode, path in files.items()},
    )


def _find(changes, kind, author, fragment):
    found = [c for c in changes if c.kind == kind and c.author == author and fragment in c.text]
    assert found, f"no {kind} by {author!r} containing {fragment!r} in {changes!r}"
    return found[0]


def _body(text: str) -> str:
    """The text after the title page and the contents: from the heading "Chapter I" over its
    title (the contents list it on one line)."""
    return text[text.index("Chapter I\nGeneral provisions") :]


# -- tracked changes -------------------------------------------------------------------------


def test_tracked_insertions_and_deletions_keep_their_authors(english):
    changes = odt_changes(english.odt["tracked"])
    deleted = _find(changes, "deletion", CHINA, "a computer system")
    assert deleted.date.startswith("2023-01-12")
    inserted = _find(
        changes, "insertion", CHINA, "an information and communications technology system"
    )
    assert inserted.date.startswith("2023-01-12")
    _find(changes, "insertion", CHINA, "3. Each Party shall ensure effective penalties.")
    us = _find(changes, "deletion", "United States of America", "or other dishonest intent")
    assert us.date.startswith("2023-01-13")
    india = _find(changes, "insertion", "India", "dishonestly or")
    assert india.date.startswith("2023-01-15")


def test_a_proposed_deletion_keeps_the_deleted_wording(english):
    changes = odt_changes(english.odt["tracked"])
    deletion = _find(changes, "deletion", USA_JAPAN, "suppression of computer data without right")
    # The heading goes with the wording, and the second paragraph too.
    assert "Article 4" in deletion.text
    assert "serious harm" in deletion.text
    assert deletion.date.startswith("2023-01-16")


def test_proposed_new_provisions_are_insertions_by_their_proposers(english):
    changes = odt_changes(english.odt["tracked"])
    brazil = _find(changes, "insertion", "Brazil", "Article 2 bis")
    assert "production of devices" in brazil.text
    assert "2. Paragraph 1 does not apply to authorized testing." in brazil.text
    group = _find(changes, "insertion", AFRICAN_GROUP, "Article 6")
    assert "This chapter applies to offences" in group.text


def test_a_deleted_heading_keeps_its_footnote(english):
    root = english.odt["tracked"]
    assert (
        "Based on Budapest Convention, Article 4 | Deletion proposed by United States of "
        "America, Japan (AHC-4, 16 January 2023)."
    ) in footnotes(root)
    region = next(
        r
        for r in root.iterfind(".//text:tracked-changes/text:changed-region", NS)
        if "Article 4" in odf_text(r)
    )
    assert region.find(".//text:note", NS) is not None


def test_printed_tracked_changes_name_their_sponsors_in_footnotes(english):
    notes = footnotes(english.odt["tracked"])
    assert "Changes proposed by India (AHC-4, 15 January 2023)." in notes
    assert "Proposed by Brazil (AHC-4, 14 January 2023)." in notes
    assert (
        "Proposed by South Africa on behalf of the African Group (AHC-4, 17 January 2023)." in notes
    )
    # Competing proposals are labelled in the text instead.
    assert not any("China, Russian Federation (AHC-4" in note for note in notes)


def test_changes_between_sessions_are_tracked_like_proposals(english):
    changes = odt_changes(english.odt["changes"])
    assert [(c.kind, c.author, c.text) for c in changes] == [
        ("deletion", "Mexico", "cooperate"),
        ("insertion", "Mexico", "afford one another assistance"),
    ]
    assert "Changes between AHC-4 and AHC-5" in english.txt["changes"]


def test_every_change_has_one_of_the_sponsoring_authors(english):
    authors = {c.author for c in odt_changes(english.odt["tracked"])}
    assert authors == {
        CHINA,
        "United States of America",
        "India",
        USA_JAPAN,
        "Brazil",
        AFRICAN_GROUP,
    }


def test_competing_proposals_stand_as_labelled_alternatives(english):
    text = english.txt["tracked"]
    assert "Alternative 1 (China, Russian Federation):" in text
    assert "Alternative 2 (United States of America) (drafted on an earlier version):" in text
    # One proposal on Article 3: its own paragraphs carry the change, no label.
    article3 = text[text.rindex("Article 3\nIllegal interception") : text.rindex("Article 4")]
    assert "Alternative" not in article3
    assert "dishonestly or without right" in article3


@pytest.mark.parametrize("mode", ["brackets", "alternatives"])
def test_brackets_modes_have_no_tracked_changes(english, mode):
    assert odt_changes(english.odt[mode]) == []


# -- brackets --------------------------------------------------------------------------------


def test_common_wording_once_the_phrases_in_dispute_bracketed(english):
    lines = _body(english.txt["brackets"]).splitlines()
    start = lines.index(
        "1. Each Party shall adopt such legislative and other measures as may "
        "be necessary to establish as criminal offences under its domestic law, "
        "when committed intentionally, the access to the whole or any part of [a computer] / "
        "[an information and communications technology] (China, Russian Federation) system "
        "without right."
    )
    assert lines[start + 1] == "2. A Party may require that the offence be committed:"
    assert lines[start + 3] == (
        "b) with the intent of obtaining computer data [or other dishonest intent] / [delete] "
        "(United States of America)."
    )
    # The footnote on a proposal drafted on an earlier version closes the wording.
    assert lines[start + 4] == (
        "[3. Each Party shall ensure effective penalties.] (China, Russian Federation)3"
    )
    assert lines[start + 5].startswith("[Article 2 bis")
    # Articles 2, 3 and 4 once each: no proposal reprints them.
    assert _body(english.txt["brackets"]).count("Each Party shall adopt such legislative") == 3
    article3 = lines[lines.index("Illegal interception") + 1]
    assert "the interception [dishonestly or] (India) without right, made by" in article3


def test_brackets_deletions_and_insertions_are_whole_bracketed_provisions(english):
    text = _body(english.txt["brackets"])
    assert "[1. Each Party shall adopt such legislative and other measures" in text
    assert (
        "2. A Party may reserve the right to require that the conduct result in serious "
        "harm.] / [delete] (United States of America, Japan)"
    ) in text
    assert (
        "[Article 2 bis\nMisuse of devices]\n[1. Each Party shall criminalize the production "
        "of devices designed for committing offences.\n2. Paragraph 1 does not apply to "
        "authorized testing.] (Brazil)"
    ) in text
    assert (
        "[This chapter applies to offences established in accordance with this Convention.] "
        "(South Africa on behalf of the African Group)"
    ) in text


def test_brackets_name_a_stale_proposal_in_a_footnote(english):
    assert any(
        "Proposal 12 (United States of America) was drafted on an earlier version" in note
        for note in footnotes(english.odt["brackets"])
    )


def test_pending_text_is_bracketed_with_numbered_attributed_alternatives(english):
    lines = _body(english.txt["alternatives"]).splitlines()
    start = lines.index(
        "[1. Each Party shall adopt such legislative and other measures as may "
        "be necessary to establish as criminal offences under its domestic law, "
        "when committed intentionally, the access to the whole or any part of a "
        "computer system without right."
    )
    assert (
        lines[start + 3]
        == "b) with the intent of obtaining computer data or other dishonest intent.]"
    )
    alt1 = lines[start + 4]
    assert alt1.startswith("[Alt 1: 1. Each Party shall adopt")
    assert "an information and communications technology system" in alt1
    # A multi-paragraph alternative keeps its paragraphs; the sponsors close the last one.
    assert lines[start + 5] == "2. A Party may require that the offence be committed:"
    assert lines[start + 8] == (
        "3. Each Party shall ensure effective penalties. (China, Russian Federation)]"
    )
    assert lines[start + 9].startswith("[Alt 2: 1. Each Party shall adopt")
    assert lines[start + 12] == (
        "b) with the intent of obtaining computer data. "
        "(United States of America) (drafted on an earlier version)]"
    )


def test_deletions_and_insertions_in_brackets(english):
    text = _body(english.txt["alternatives"])
    assert "[Alt 1: Delete the provision (United States of America, Japan)]" in text
    assert "[Article 2 bis\nMisuse of devices]" in text
    assert (
        "[New Article 2 bis: 1. Each Party shall criminalize the production of devices "
        "designed for committing offences.\n2. Paragraph 1 does not apply to authorized "
        "testing. (Brazil)]"
    ) in text
    assert (
        "[New Article 6: This chapter applies to offences established in accordance with "
        "this Convention. (South Africa on behalf of the African Group)]"
    ) in text


def test_agreed_text_stands_plain(english):
    lines = _body(english.txt["brackets"]).splitlines()
    index = lines.index(
        "1. Each Party shall establish as criminal offences the serious hindering "
        "without right of the functioning of a computer system:"
    )
    assert lines[index + 2] == "(i) where the hindering affects critical infrastructure;"
    assert "For the purposes of this Convention:" in lines


def test_alternative_marker_is_bold_and_sponsors_italic(english):
    root = english.odt["alternatives"]
    styles = {
        s.get(f"{{{NS['style']}}}name"): s
        for s in root.iterfind(".//office:automatic-styles/style:style", NS)
    }

    def properties(span):
        style = styles.get(span.get(f"{{{NS['text']}}}style-name"))
        found = style.find("style:text-properties", NS) if style is not None else None
        return found.attrib if found is not None else {}

    spans = list(root.iter(f"{{{NS['text']}}}span"))
    marker = next(s for s in spans if odf_text(s) == "Alt 1:")
    assert properties(marker).get(f"{{{NS['fo']}}}font-weight") == "bold"
    sponsors = next(s for s in spans if odf_text(s) == "(China, Russian Federation)")
    assert properties(sponsors).get(f"{{{NS['fo']}}}font-style") == "italic"


# -- frame: headings, footnotes, contents, title page, page ---------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_every_provision_label_in_document_order(english, mode):
    lines = _body(english.txt[mode]).splitlines()
    position = -1
    for label in LABELS:
        matches = [
            i
            for i, line in enumerate(lines)
            if i > position and re.match(rf"\[?{re.escape(label)}(\s|$)", line)
        ]
        assert matches, f"{label} missing after line {position} in {mode} mode"
        position = matches[0]


def test_headings_have_their_outline_levels(english):
    expected = [
        (1, "Chapter I  General provisions"),
        (2, "Article 1  Use of terms"),
        (1, "Chapter II  Measures to be taken at the national level"),
        (2, "Section 1  Offences against computer data and systems"),
        (3, "Article 2  Illegal access"),
        (3, "[Article 2 bis  Misuse of devices]"),
        (3, "Article 3  Illegal interception"),
        (3, "Article 4  Data interference"),
        (3, "Article 5  System interference"),
        (1, "Chapter III  Criminalization"),
        (2, "[Article 6  Scope of criminalization]"),
        (2, "三.（三）1  Illegal obtaining of data"),
    ]
    # Centred, the label over the title.
    expected = [(level, text.replace("  ", "\n", 1)) for level, text in expected]
    assert body_headings(english.odt["brackets"]) == expected
    tracked = [
        (level, text.strip("[]")) for level, text in expected if not text.startswith("Article 4")
    ]  # deleted: LibreOffice keeps it in the change
    assert body_headings(english.odt["tracked"]) == tracked


@pytest.mark.parametrize("mode", MODES)
def test_provenance_footnotes_on_the_headings(english, mode):
    root = english.odt[mode]
    notes = footnotes(root)
    assert "Based on Budapest Convention, Article 2" in notes
    assert (
        "Based on Budapest Convention, Article 5 | Text as agreed at AHC-4 on the proposal "
        "of China, Russian Federation"
    ) in notes
    assert "Based on China's proposal (2021), element 三.（三）1" in notes
    heading = next(
        h
        for h in root.iter(f"{{{NS['text']}}}h")
        if odf_text(h).startswith("Article 2\nIllegal access")
    )
    assert heading.find(".//text:note", NS) is not None


@pytest.mark.parametrize("mode", MODES)
def test_contents_is_a_field_with_a_static_list(english, mode):
    root = english.odt[mode]
    toc = root.find(".//text:table-of-content", NS)
    assert toc is not None
    source = toc.find("text:table-of-content-source", NS)
    assert source.get(f"{{{NS['text']}}}outline-level") == "3"
    entries = contents_entries(root)
    # No hint to right-click: the field's cached result is the list of headings itself.
    assert not any("Right-click" in entry for entry in entries)
    # The brackets text has every heading in the body (tracked mode deletes Article 4's).
    headings = [text.replace("\n", "  ") for _level, text in body_headings(english.odt["brackets"])]
    if mode == "tracked":
        headings = [text.strip("[]") for text in headings]
    assert [e.strip() for e in entries] == headings


def test_title_page(english):
    text = english.txt["brackets"]
    # The text begins with its title; the masthead is page 1's own header.
    assert text.splitlines()[0] == (
        "Draft United Nations convention on countering the use of information and "
        "communications technologies for criminal purposes"
    )
    styles = odt_styles(english.odt_paths["brackets"])
    headers = [
        [odf_text(p) for p in header.iter(f"{{{NS['text']}}}p")]
        for header in styles.iter(f"{{{NS['style']}}}header", f"{{{NS['style']}}}header-first")
    ]
    assert [
        "A/AC.291/L.4",
        "Distr.: Limited",
        "20 January 2023",
        "Original: English",
        "Ad Hoc Committee to Elaborate a Comprehensive International Convention on Countering "
        "the Use of Information and Communications Technologies for Criminal Purposes",
        "Fourth session",
        "Vienna, 9–20 January 2023",
        "Item 4 of the provisional agenda",
    ] in headers


def _cm(length: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(cm|mm|in|pt)", length).groups()
    return float(value) * {"cm": 1, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72}[unit]


def test_page_fonts_and_page_numbers(english):
    styles = odt_styles(english.odt_paths["brackets"])
    layout = styles.find(".//style:page-layout/style:page-layout-properties", NS)
    fo = f"{{{NS['fo']}}}"
    assert _cm(layout.get(f"{fo}page-width")) == pytest.approx(21.0, abs=0.05)
    assert _cm(layout.get(f"{fo}page-height")) == pytest.approx(29.7, abs=0.05)
    for side in ("left", "right", "top"):
        assert _cm(layout.get(f"{fo}margin-{side}")) == pytest.approx(2.5, abs=0.05)
    default = styles.find(
        ".//style:default-style[@style:family='paragraph']/style:text-properties", NS
    )
    assert default.get(f"{{{NS['style']}}}font-name") == "Times New Roman"
    assert default.get(f"{{{NS['style']}}}font-name-asian") == "SimSun"
    assert default.get(f"{fo}font-size") == "12pt"
    footer = styles.find(".//style:master-page/style:footer", NS)
    assert footer.find(".//text:page-number", NS) is not None


def test_pdf_export(english, tmp_path):
    pdf = convert_with_libreoffice(english.files["tracked"], "pdf", tmp_path)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 10_000
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+595\.\d+\s+841\.\d+", data)  # A4 in points


# -- accepting and rejecting in LibreOffice's review ------------------------------------------

# Run by the system Python, which has LibreOffice's UNO bridge (the virtualenv does not).
REVIEW_SCRIPT = """
import shutil, subprocess, sys, tempfile, time, uuid
from pathlib import Path
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

soffice, jobs = sys.argv[1], [arg.split("\\t") for arg in sys.argv[2:]]
profile = Path(tempfile.mkdtemp(prefix="workbench-uno-"))
pipe = "workbench" + uuid.uuid4().hex
office = subprocess.Popen([soffice, "-env:UserInstallation=" + profile.as_uri(), "--headless",
                           "--invisible", "--nologo", "--norestore", "--nodefault",
                           "--accept=pipe,name=%s;urp;" % pipe],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", ctx)
    for source, action, target in jobs:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                           (prop("Hidden", True),))
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, ".uno:%sAllTrackedChanges" % action, "", 0, ())
        doc.storeToURL(uno.systemPathToFileUrl(target),
                       (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")))
        doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
    office.wait(timeout=60)
finally:
    if office.poll() is None:
        office.kill()
    shutil.rmtree(profile, ignore_errors=True)
"""


@pytest.fixture(scope="module")
def reviewed(english, tmp_path_factory):
    """The tracked text after "Accept All" and after "Reject All" in LibreOffice."""
    python = require_uno()  # fails under CI when python3-uno is missing, skips elsewhere
    folder = tmp_path_factory.mktemp("reviewed")
    script = folder / "review.py"
    script.write_text(REVIEW_SCRIPT)
    source = english.files["tracked"]
    targets = {action: folder / f"{action}.txt" for action in ("Accept", "Reject")}
    subprocess.run(
        [
            python,
            str(script),
            soffice_path(),
            *(f"{source}\t{action}\t{target}" for action, target in targets.items()),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    return {action: _body(read_text(target)).splitlines() for action, target in targets.items()}


_LABEL = re.compile(r"^\[?(Article|Chapter|Section) [0-9IVX]+( bis)?$")


def _without_footnote_marks(lines: list[str]) -> list[str]:
    """Each heading on one line, "Article 2  Illegal access", without its footnote mark."""
    joined: list[str] = []
    for line in lines:
        if joined and _LABEL.match(joined[-1]):
            joined[-1] += "  " + line.rstrip("0123456789")
        else:
            joined.append(line)
    return joined


def test_accepting_every_change_gives_the_proposed_texts(reviewed):
    lines = _without_footnote_marks(reviewed["Accept"])
    assert "" not in lines  # no stray empty paragraphs left behind
    text = "\n".join(lines)
    assert "any part of an information and communications technology system without right." in text
    assert "3. Each Party shall ensure effective penalties." in text
    assert "b) with the intent of obtaining computer data." in lines  # the US deletion
    assert "dishonestly or without right" in text
    assert "Article 2 bis  Misuse of devices" in lines
    assert "Article 6  Scope of criminalization" in lines
    # The deleted provision is gone, heading and all.
    assert not any(line.startswith("Article 4") for line in lines)
    assert "serious harm" not in text


def test_rejecting_every_change_restores_the_current_texts(reviewed):
    lines = _without_footnote_marks(reviewed["Reject"])
    assert "" not in lines
    text = "\n".join(lines)
    assert "information and communications technology" not in text
    assert "3. Each Party shall ensure effective penalties." not in text
    assert (
        text.count("b) with the intent of obtaining computer data or other dishonest intent.") == 3
    )
    assert "dishonestly" not in text
    assert not any(line.startswith(("Article 2 bis", "Article 6")) for line in lines)
    assert "Article 4  Data interference" in lines
    assert (
        "2. A Party may reserve the right to require that the conduct result in serious harm."
        in lines
    )
